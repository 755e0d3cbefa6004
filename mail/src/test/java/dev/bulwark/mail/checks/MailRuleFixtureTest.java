package dev.bulwark.mail.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.testing.FixtureMarkers;
import dev.bulwark.core.testing.FixtureMarkers.Expectations;
import dev.bulwark.mail.MailChecks;
import dev.bulwark.mail.MailMessage;
import dev.bulwark.mail.MailSettings;
import dev.bulwark.mail.Mailboxes;
import dev.bulwark.mail.Reason;
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
 * Runs every mail check against its annotated mailbox: a message marked {@code ruleid: <id>} must
 * get exactly the marked checks' reasons, one marked {@code ok: <id>} must not get that check's,
 * and no check may fire on a message that does not name it. The message number plays the part a
 * line number plays in other fixtures.
 */
class MailRuleFixtureTest {
  static final MailSettings SETTINGS =
      new MailSettings(List.of(), List.of("corp-mail.test"), List.of("Jane Doe"), List.of());

  static Path fixtureDir() throws Exception {
    return Path.of(MailRuleFixtureTest.class.getResource("/rules/mail").toURI());
  }

  @Test
  void everyCheck_hasAFixtureWithPositiveAndNegativeCases() throws Exception {
    List<String> problems = new ArrayList<>();
    for (MailRule rule : BuiltInChecks.rules()) {
      Path f = fixtureDir().resolve(rule.id() + ".mbox");
      if (!Files.isRegularFile(f)) {
        problems.add(rule.id() + ": no fixture " + f.getFileName());
        continue;
      }
      Expectations e = expectations(read(f));
      boolean positive = e.mustFire().values().stream().anyMatch(s -> s.contains(rule.id()));
      boolean negative = e.mustNotFire().values().stream().anyMatch(s -> s.contains(rule.id()));
      if (!positive || !negative) {
        problems.add(rule.id() + ": needs a ruleid and an ok case");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void checkIds_areUnique() {
    List<String> ids = BuiltInChecks.rules().stream().map(MailRule::id).toList();
    assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
  }

  @TestFactory
  Stream<DynamicTest> everyFixture_matchesItsMarkers() throws Exception {
    List<Path> fixtures;
    try (Stream<Path> s = Files.list(fixtureDir())) {
      fixtures = s.filter(p -> p.toString().endsWith(".mbox")).sorted().toList();
    }
    return fixtures.stream()
        .map(f ->
            DynamicTest.dynamicTest(
                f.getFileName().toString(),
                () -> {
                  List<MailMessage> messages = read(f);
                  Map<Integer, Set<String>> fired = new HashMap<>();
                  for (int i = 0; i < messages.size(); i++) {
                    Set<String> codes =
                        MailChecks.judge(messages.get(i), SETTINGS).reasons().stream()
                            .map(Reason::code)
                            .collect(Collectors.toSet());
                    if (!codes.isEmpty()) {
                      fired.put(i + 1, codes);
                    }
                  }
                  assertThat(FixtureMarkers.problems(expectations(messages), fired))
                      .as(f.getFileName() + " (numbers are messages)")
                      .isEmpty();
                }));
  }

  private static List<MailMessage> read(Path f) throws Exception {
    List<MailMessage> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Mailboxes.read(
        f,
        f.getFileName().toString(),
        new Mailboxes.Visitor() {
          @Override
          public void message(MailMessage m) {
            out.add(m);
          }

          @Override
          public void problem(String source, int index, String problem) {
            problems.add(source + " " + index + ": " + problem);
          }
        });
    assertThat(problems).as("fixture messages parse").isEmpty();
    assertThat(out).as(f + " holds messages").isNotEmpty();
    return out;
  }

  /** Markers from each message's X-Bulwark-Fixture headers, keyed by 1-based message number. */
  private static Expectations expectations(List<MailMessage> messages) {
    Map<Integer, Set<String>> fire = new HashMap<>();
    Map<Integer, Set<String>> quiet = new HashMap<>();
    for (int i = 0; i < messages.size(); i++) {
      for (String marker : messages.get(i).all("X-Bulwark-Fixture")) {
        String[] kv = marker.strip().split(":", 2);
        Set<String> ids = Set.of(kv[1].strip().split("[,\\s]+"));
        (kv[0].strip().equals("ruleid") ? fire : quiet)
            .computeIfAbsent(i + 1, k -> new HashSet<>())
            .addAll(ids);
      }
    }
    return new Expectations(fire, quiet, "mailbox");
  }
}
