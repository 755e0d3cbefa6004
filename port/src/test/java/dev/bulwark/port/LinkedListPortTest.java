package dev.bulwark.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Singly linked lists become {@code Option<Box<T>>}: pushing, walking (for and while forms),
 * freeing node by node; a list changed in place and a link read again after it is taken are left
 * unported with their reasons; the crate passes Rust tests written against the safe API.
 */
class LinkedListPortTest {
  static final String C =
      """
      #include <stdlib.h>
      struct item { int key; struct item *link; };
      struct item *push(struct item *head, int key) {
          struct item *n = malloc(sizeof(struct item));
          n->key = key;
          n->link = head;
          return n;
      }
      int length(const struct item *head) {
          int n = 0;
          const struct item *p = head;
          while (p != NULL) { n++; p = p->link; }
          return n;
      }
      int max_key(const struct item *head) {
          int m = 0;
          for (const struct item *p = head; p; p = p->link) { if (p->key > m) m = p->key; }
          return m;
      }
      void release(struct item *head) {
          while (head != NULL) { struct item *next = head->link; free(head); head = next; }
      }
      void bump(struct item *head) {
          for (struct item *p = head; p; p = p->link) p->key++;
      }
      int drain(struct item *head) {
          int n = 0;
          while (head) { struct item *next = head->link; n += head->link != NULL; free(head); head = next; }
          return n;
      }
      """;

  static final String TESTS =
      """
      use items::*;

      #[test]
      fn push_walk_and_release() {
          let mut l = None;
          assert_eq!(length(&l), 0);
          for k in [3, 9, 4, -2] {
              l = push(l, k);
          }
          assert_eq!(length(&l), 4);
          assert_eq!(max_key(&l), 9);
          assert_eq!(l.as_ref().map(|n| n.key), Some(-2));
          release(l);
      }

      #[test]
      fn a_long_list_is_released_without_recursion() {
          let mut l = None;
          for k in 0..200_000 {
              l = push(l, k % 7);
          }
          assert_eq!(length(&l), 200_000);
          release(l);
      }
      """;

  @Test
  void lists_becomeOptionBox_andTheCrateKeepsItsTests(@TempDir Path dir) throws Exception {
    PortToolchain.requireRust();
    Path src = Files.createDirectories(dir.resolve("items"));
    Files.writeString(src.resolve("items.c"), C);
    Path tests = Files.createDirectories(dir.resolve("tests"));
    Files.writeString(tests.resolve("items_test.rs"), TESTS);
    PortResult r =
        new PortEngine(
                new PortEngine.Options(
                    src,
                    dir.resolve("out"),
                    Optional.empty(),
                    Optional.of(tests),
                    Optional.empty(),
                    Optional.empty(),
                    2,
                    42,
                    50))
            .run();
    for (String f : new String[] {"push", "length", "max_key", "release"}) {
      FunctionResult fr = function(r, f);
      assertThat(fr.accepted()).as(f + ": " + fr.reason()).isTrue();
    }
    assertThat(function(r, "push").signature())
        .isEqualTo("pub fn push(head: Option<Box<Item>>, key: i32) -> Option<Box<Item>>");
    assertThat(function(r, "length").signature())
        .isEqualTo("pub fn length(head: &Option<Box<Item>>) -> i32");
    assertThat(function(r, "release").rules())
        .contains("list freed node by node → while let Some(node)", "free of a node → drop");
    // lists are built from values on both sides, so the differential tests cover them too
    for (String f : new String[] {"push", "length", "max_key", "release"}) {
      assertThat(function(r, f).evidence().differential()).as(f).contains("inputs agree");
    }
    assertThat(function(r, "bump").accepted()).isFalse();
    assertThat(function(r, "bump").reason()).contains("changed in place");
    // C still reads head->link after it was copied; the port takes the link off the node, so the
    // two would differ: refused
    assertThat(function(r, "drain").accepted()).isFalse();
    assertThat(function(r, "drain").reason()).contains("read more than once");
    assertThat(r.gates().testsPassed()).as(r.gates().log()).isEqualTo(2);
    assertThat(r.gates().solved()).as(r.gates().log()).isTrue();
    String lib = Files.readString(dir.resolve("out/src/lib.rs"));
    assertThat(lib).contains("pub link: Option<Box<Item>>,");
    assertThat(lib).contains("while let Some(mut head_node) = head {");
  }

  @Test
  void aListPortThatDiffers_isCaught_withTheListShown(@TempDir Path dir) throws Exception {
    PortToolchain.requireRust();
    Path src = PortToolchain.suite().resolve("linkedlist/src");
    dev.bulwark.port.c.CProgram program = dev.bulwark.port.c.CFrontEnd.parse(src);
    dev.bulwark.port.translate.Translator t =
        new dev.bulwark.port.translate.Translator(program, java.util.Map.of());
    java.util.List<dev.bulwark.port.translate.PortSignature> sigs =
        java.util.List.of(
            t.signature(program.function("list_push").orElseThrow()),
            t.signature(program.function("list_sum").orElseThrow()));
    assertThat(sigs).allSatisfy(x -> assertThat(x.differentiallyTestable()).isTrue());
    // push appends at the tail instead of the head; sum skips the last node
    String rust =
        """
        pub struct Node {
            pub value: i32,
            pub next: Option<Box<Node>>,
        }

        pub fn list_push(head: Option<Box<Node>>, value: i32) -> Option<Box<Node>> {
            let mut vals = Vec::new();
            let mut c = head.as_deref();
            while let Some(n) = c {
                vals.push(n.value);
                c = n.next.as_deref();
            }
            vals.push(value);
            let mut out = None;
            for v in vals.into_iter().rev() {
                out = Some(Box::new(Node { value: v, next: out }));
            }
            out
        }

        pub fn list_sum(head: &Option<Box<Node>>) -> i32 {
            let mut s = 0i32;
            let mut c = head.as_deref();
            while let Some(n) = c {
                if n.next.is_some() {
                    s = s.wrapping_add(n.value);
                }
                c = n.next.as_deref();
            }
            s
        }
        """;
    Path crate = dir.resolve("crate");
    dev.bulwark.port.gate.RustCrate.write(
        crate, "lists", java.util.List.of(new dev.bulwark.port.gate.RustCrate.Unit("all", rust)));
    java.util.Map<String, dev.bulwark.port.gate.DiffTester.Report> reports =
        new dev.bulwark.port.gate.DiffTester(
                java.util.List.of(src.resolve("list.c")),
                dev.bulwark.port.gate.Cargo.fromEnvironment(),
                5,
                60)
            .run(crate, "lists", sigs, java.util.Map.of());
    dev.bulwark.port.gate.DiffTester.Report push = reports.get("list_push");
    assertThat(push.passed()).as(push.summary()).isFalse();
    // the lists come back as length then values from the head: same length, other order
    dev.bulwark.port.gate.DiffTester.Mismatch m = push.mismatches().get(0);
    assertThat(m.input()).startsWith("list_push(head=[");
    assertThat(m.c().split(" ")[0]).isEqualTo(m.rust().split(" ")[0]);
    dev.bulwark.port.gate.DiffTester.Report sum = reports.get("list_sum");
    assertThat(sum.passed()).as(sum.summary()).isFalse();
    assertThat(sum.mismatches().get(0).input()).startsWith("list_sum(head=[");
  }

  private static FunctionResult function(PortResult r, String name) {
    return r.functions().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }
}
