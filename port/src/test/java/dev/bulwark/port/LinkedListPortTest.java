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

  private static FunctionResult function(PortResult r, String name) {
    return r.functions().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }
}
