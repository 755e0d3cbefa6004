package dev.bulwark.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifierTest {
  private static final Proposal NARRATIVE =
      new Proposal("narrative", "INC-1", "llm:openai:m; prompt triage-v1", "text");

  @Test
  void acceptsOnlyWhenEveryCheckPasses_andStopsAtTheFirstFailure() throws Exception {
    AtomicInteger ran = new AtomicInteger();
    Check ok = Check.of("non-empty", p -> Optional.empty());
    Check bad = Check.of("short", p -> Optional.of("too long"));
    Check never =
        Check.of(
            "never",
            p -> {
              ran.incrementAndGet();
              return Optional.empty();
            });
    ProposalLog log = ProposalLog.memory();

    Decision rejected = Verifier.verify(NARRATIVE, List.of(ok, bad, never), log);
    assertThat(rejected.accepted()).isFalse();
    assertThat(rejected.passed()).containsExactly("non-empty");
    assertThat(rejected.failedCheck()).isEqualTo("short");
    assertThat(rejected.reason()).isEqualTo("too long");
    assertThat(ran).hasValue(0);

    Decision accepted = Verifier.verify(NARRATIVE, List.of(ok, never), log);
    assertThat(accepted.accepted()).isTrue();
    assertThat(accepted.passed()).containsExactly("non-empty", "never");
    assertThat(log.decisions()).containsExactly(rejected, accepted);
    assertThat(log.rejected()).containsExactly(rejected);
  }

  @Test
  void nothingIsAcceptedUnchecked() {
    assertThatThrownBy(() -> Verifier.verify(NARRATIVE, List.of(), ProposalLog.memory()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectedProposalsAreKeptInTheDataDirectory_withTheirContent(@TempDir Path dir)
      throws Exception {
    ProposalLog log = ProposalLog.in(dir);
    Verifier.verify(
        new Proposal("narrative", "INC-1", "llm:m", "see [event:99]"),
        List.of(new Citations(Map.of("event", Set.of("42")), true)),
        log);
    List<Decision> kept = ProposalLog.read(dir.resolve(ProposalLog.FILE));
    assertThat(kept).hasSize(1);
    assertThat(kept.get(0).accepted()).isFalse();
    assertThat(kept.get(0).content()).isEqualTo("see [event:99]");
    assertThat(kept.get(0).reason()).contains("event:99");
    assertThat(kept.get(0).at()).isNotNull();
  }
}
