package dev.bulwark.port.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ai.llm.LlmClient;
import dev.bulwark.ai.llm.LlmSettings;
import dev.bulwark.core.testing.FakeChatServer;
import dev.bulwark.port.FunctionResult;
import dev.bulwark.port.PortEngine;
import dev.bulwark.port.PortResult;
import dev.bulwark.port.PortToolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model pass against a scripted OpenAI-compatible server: the C steps its pointer inside an
 * expression, so the deterministic pass leaves it to the model, and only what passes every gate is
 * accepted.
 */
class ModelPassTest {
  static final String C =
      """
      #include <stddef.h>
      size_t str_length(const char *s) {
          size_t n = 0;
          while (*s++) {
              n++;
          }
          return n;
      }
      """;

  static final String CORRECT =
      "```rust\npub fn str_length(s: &str) -> usize {\n    s.len()\n}\n```";
  static final String UNSAFE =
      "```rust\npub fn str_length(s: &str) -> usize {\n    unsafe { s.as_bytes().get_unchecked(0..s.len()).len() }\n}\n```";
  static final String DIFFERS =
      "```rust\npub fn str_length(s: &str) -> usize {\n    s.trim_end().len()\n}\n```";
  static final String BROKEN =
      "```rust\npub fn str_length(s: &str) -> usize {\n    s.len() as u32\n}\n```";

  private static PortResult port(
      Path dir, int repairs, FakeChatServer.Script script, FakeChatServer[] keep) throws Exception {
    Path src = dir.resolve("src");
    Files.createDirectories(src);
    Files.writeString(src.resolve("s.c"), C);
    try (FakeChatServer server = FakeChatServer.start("fake-coder", 100, 20, script)) {
      keep[0] = server;
      LlmClient client =
          new LlmSettings(
                  LlmSettings.Provider.OPENAI,
                  server.endpoint().replaceAll("/+$", ""),
                  "fake-coder",
                  Optional.empty(),
                  Duration.ofSeconds(30),
                  0.0,
                  LlmSettings.Prices.UNKNOWN)
              .client();
      PortEngine.Options o =
          new PortEngine.Options(
              src,
              dir.resolve("out"),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.of(client),
              repairs,
              42,
              120);
      return new PortEngine(o).run();
    }
  }

  private static FunctionResult only(PortResult r) {
    assertThat(r.functions()).hasSize(1);
    return r.functions().get(0);
  }

  @Test
  void correctProposal_isAccepted(@TempDir Path dir) throws Exception {
    PortToolchain.requireRust();
    FakeChatServer[] s = new FakeChatServer[1];
    PortResult r = port(dir, 0, req -> FakeChatServer.text(CORRECT), s);
    FunctionResult f = only(r);
    assertThat(f.accepted()).as(f.reason()).isTrue();
    assertThat(f.pass()).isEqualTo("model");
    assertThat(f.repairs()).isZero();
    assertThat(f.evidence().differential()).contains("120/120 inputs agree");
    assertThat(f.hazards()).isNotEmpty();
    assertThat(s[0].requests()).hasSize(1);
    String prompt = FakeChatServer.lastContent(s[0].requests().get(0));
    assertThat(prompt)
        .contains("pub fn str_length(s: &str) -> usize")
        .contains("pointer arithmetic")
        .contains("*s++");
    assertThat(Files.readString(dir.resolve("out/proposals.jsonl"))).contains("\"accepted\":true");
    assertThat(Files.readString(dir.resolve("out/src/lib.rs"))).contains("s.len()");
  }

  @Test
  void proposalWithUnsafe_isRejected(@TempDir Path dir) throws Exception {
    PortToolchain.requireRust();
    FunctionResult f =
        only(port(dir, 0, req -> FakeChatServer.text(UNSAFE), new FakeChatServer[1]));
    assertThat(f.accepted()).isFalse();
    assertThat(f.reason()).contains("not safe Rust: line 2: unsafe");
    assertThat(Files.readString(dir.resolve("out/src/lib.rs"))).doesNotContain("unsafe {");
  }

  @Test
  void proposalThatCompilesButDiffers_isRejectedWithTheInputShown(@TempDir Path dir)
      throws Exception {
    PortToolchain.requireRust();
    FunctionResult f =
        only(port(dir, 0, req -> FakeChatServer.text(DIFFERS), new FakeChatServer[1]));
    assertThat(f.accepted()).isFalse();
    assertThat(f.reason())
        .contains("differential test")
        .contains("inputs differ; first: str_length(s=\"");
  }

  @Test
  void repairLoop_feedsTheCompilerErrorBack_andConverges(@TempDir Path dir) throws Exception {
    PortToolchain.requireRust();
    AtomicInteger calls = new AtomicInteger();
    FakeChatServer[] s = new FakeChatServer[1];
    PortResult r =
        port(
            dir, 2, req -> FakeChatServer.text(calls.getAndIncrement() == 0 ? BROKEN : CORRECT), s);
    FunctionResult f = only(r);
    assertThat(f.accepted()).as(f.reason()).isTrue();
    assertThat(f.repairs()).isEqualTo(1);
    assertThat(s[0].requests()).hasSize(2);
    assertThat(FakeChatServer.lastContent(s[0].requests().get(1)))
        .contains("rejected")
        .contains("mismatched types");
    List<String> log = Files.readAllLines(dir.resolve("out/proposals.jsonl"));
    assertThat(log).hasSize(2);
    assertThat(log.get(0)).contains("\"accepted\":false");
    assertThat(log.get(1)).contains("\"accepted\":true");
    assertThat(r.promptTokens()).isEqualTo(200);
  }
}
