package dev.bulwark.mail.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.testing.RuleFixtures;
import dev.bulwark.mail.MailChecks;
import dev.bulwark.mail.Mailboxes;
import dev.bulwark.mail.message.MailMessage;
import dev.bulwark.mail.message.MailSettings;
import dev.bulwark.mail.message.Reason;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every mail check against its annotated mailbox with the one fixture runner: a {@code #
 * ruleid: <id>} line before a message's {@code From } line says exactly those checks fire on it,
 * {@code # ok: <id>} that the check does not. Marker lines are taken out before the mailbox is
 * parsed, so no check ever reads them.
 */
class MailRuleFixtureTest {
  static final MailSettings SETTINGS =
      new MailSettings(List.of(), List.of("corp-mail.test"), List.of("Jane Doe"), List.of());

  static List<Path> fixtures() throws Exception {
    Path dir = Path.of(MailRuleFixtureTest.class.getResource("/rules/mail").toURI());
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".mbox")).sorted().toList();
    }
  }

  @Test
  void everyCheck_hasAFixtureBesideIt_withPositiveAndNegativeCases() throws Exception {
    List<Path> fixtures = fixtures();
    List<String> ids = BuiltInChecks.rules().stream().map(MailRule::id).toList();
    assertThat(RuleFixtures.coverageProblems(ids, fixtures)).isEmpty();
    assertThat(fixtures.stream().map(f -> f.getFileName().toString().replace(".mbox", "")))
        .containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void checkIds_areUnique() {
    List<String> ids = BuiltInChecks.rules().stream().map(MailRule::id).toList();
    assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
  }

  @TestFactory
  Stream<DynamicTest> everyFixture_matchesItsMarkers() throws Exception {
    return RuleFixtures.tests(fixtures(), (file, expectations) -> fired(file));
  }

  /** The checks that fire on each message, keyed by the line of its {@code From } separator. */
  private static Map<Integer, Set<String>> fired(Path file) throws Exception {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Integer> starts = new ArrayList<>();
    StringBuilder mbox = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("# ruleid:") || line.startsWith("# ok:")) {
        continue;
      }
      if (line.startsWith("From ")) {
        starts.add(i + 1);
      }
      mbox.append(line).append('\n');
    }
    List<MailMessage> messages = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Mailboxes.read(
        new ByteArrayInputStream(mbox.toString().getBytes(StandardCharsets.UTF_8)),
        file.getFileName().toString(),
        true,
        new Mailboxes.Visitor() {
          @Override
          public void message(MailMessage m) {
            messages.add(m);
          }

          @Override
          public void problem(String source, int index, String problem) {
            problems.add(source + " " + index + ": " + problem);
          }
        });
    assertThat(problems).as("fixture messages parse").isEmpty();
    assertThat(messages).as(file + ": one message per From line").hasSameSizeAs(starts);
    Map<Integer, Set<String>> fired = new HashMap<>();
    for (int i = 0; i < messages.size(); i++) {
      Set<String> codes =
          MailChecks.judge(messages.get(i), SETTINGS).reasons().stream()
              .map(Reason::code)
              .collect(Collectors.toSet());
      if (!codes.isEmpty()) {
        fired.put(starts.get(i), codes);
      }
    }
    return fired;
  }
}
