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
  void questionnaire_guidesThroughEachQuestion_andKeepsTheAnswersLocally() throws Exception {
    Scripted t = new Scripted();
    // mail: yes; bank: a typo, then no; password manager: skipped; recovery codes: y
    t.lines.addAll(List.of("yes", "maybe", "no", "", "y"));
    Path data = dir.resolve("data");
    CheckupService service = new CheckupService(data);
    java.io.StringWriter out = new java.io.StringWriter();
    int n = CheckupCommand.Questions.ask(t, service, new java.io.PrintWriter(out, true));
    assertThat(n).isEqualTo(3);
    assertThat(out.toString())
        .contains("Two-step sign-in on your e-mail")
        .contains("Please answer yes or no");
    assertThat(service.store().answers())
        .containsExactlyInAnyOrderEntriesOf(
            java.util.Map.of("mfa-email", true, "mfa-bank", false, "recovery-codes", true));
    Cli.Result next = Cli.run("checkup", "--data-dir", data.toString(), "--root", dir.toString());
    assertThat(next.out()).contains("ok      Two-step sign-in on your e-mail");
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
