package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.cli.usecase.CheckupService;
import dev.bulwark.hygiene.passwords.Account;
import dev.bulwark.hygiene.passwords.PasswordAudit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passwords typed at the hidden prompt: audited like an export, wiped, never written. */
class PasswordPromptTest {
  @TempDir Path dir;

  /** A terminal that answers from a script and remembers what it was asked. */
  private static final class Scripted implements PasswordPrompt.Terminal {
    final Deque<String> lines = new ArrayDeque<>();
    final Deque<char[]> secrets = new ArrayDeque<>();
    final List<String> prompts = new ArrayList<>();
    final List<char[]> given = new ArrayList<>();

    @Override
    public String line(String prompt) {
      prompts.add(prompt);
      return lines.poll();
    }

    @Override
    public char[] hidden(String prompt) {
      prompts.add(prompt);
      char[] c = secrets.poll();
      if (c != null) {
        given.add(c);
      }
      return c;
    }
  }

  @Test
  void typedPasswords_areAuditedAndWiped_andOnlyCountsAreKept() throws Exception {
    Scripted t = new Scripted();
    t.lines.addAll(List.of("mail.example", "bank.example", "empty.example", "forum.example", ""));
    t.secrets.add("Correct-Horse-Battery-9".toCharArray());
    t.secrets.add("Correct-Horse-Battery-9".toCharArray());
    t.secrets.add(new char[0]);
    t.secrets.add("letmein".toCharArray());
    List<Account> typed = PasswordPrompt.ask(t);
    // the empty password skips its site; the list ends at the empty site name
    assertThat(typed)
        .extracting(Account::site)
        .containsExactly("mail.example", "bank.example", "forum.example");
    assertThat(t.prompts).contains("Password for bank.example (not shown): ");

    Path data = dir.resolve("data");
    PasswordAudit.Result r = new CheckupService(data).passwords(typed, Optional.empty());
    assertThat(r.reused()).isEqualTo(2);
    assertThat(r.weak()).isGreaterThanOrEqualTo(1);
    // every character array the terminal handed over is zeroed once the audit is done
    for (char[] c : t.given) {
      for (char x : c) {
        assertThat(x).isEqualTo('\0');
      }
    }
    try (Stream<Path> s = Files.walk(data)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(f)).doesNotContain("Correct-Horse", "letmein");
      }
    }
  }

  @Test
  void withoutATerminal_thePromptRefusesAndNamesTheExportInstead() {
    Cli.Result r =
        Cli.run("checkup", "passwords", "--prompt", "--data-dir", dir.resolve("d").toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--prompt needs a terminal").contains("--export FILE");
    Cli.Result neither = Cli.run("checkup", "passwords", "--data-dir", dir.toString());
    assertThat(neither.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(neither.err()).contains("give --export FILE or --prompt");
  }
}
