package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing read from an input acts on the terminal that shows it: file names, secret lines, mail
 * subjects and links, log host names and command lines, code in a diff, manifest paths. Escape
 * sequences (colours, OSC 52 clipboard writes, window titles, cursor movement), other control
 * characters and bidirectional overrides are shown as visible escapes instead. One test per command
 * that prints what it read.
 */
class TerminalSafetyTest {
  /** Writes "evil" to the clipboard (OSC 52), then sets the window title (OSC 0). */
  private static final String OSC = "\u001b]52;c;ZXZpbA==\u0007\u001b]0;pwned\u0007";

  /** Moves the cursor up and erases the line: hides what was printed above. */
  private static final String ERASE = "\u001b[1A\u001b[2K";

  /** Right-to-left override: shows "txt.exe" as "exe.txt" and the like. */
  private static final String RLO = "\u202e";

  @TempDir Path dir;

  private static void assertNeutralised(String output) {
    assertThat(output)
        .as("no raw escape, bell, carriage return or bidi override reaches the terminal")
        .doesNotContain("\u001b")
        .doesNotContain("\u0007")
        .doesNotContain("\r")
        .doesNotContain(RLO);
    assertThat(output).as("they are shown visibly").contains("\\x1b");
  }

  @Test
  void scan_fileNamesAndSecretLines() throws Exception {
    Path project = Files.createDirectories(dir.resolve("project"));
    Files.writeString(
        project.resolve("red" + ERASE + "name.env"),
        "AWS_ACCESS_KEY_ID=AKIA7CV5ZKIJU3OOW7GS "
            + OSC
            + "\n"
            + "AWS_SECRET_ACCESS_KEY=EBJMhw5k62rOjlqnFCraP/c0YsHh47lft6zNHIA3\r"
            + RLO
            + "\n");
    Cli.Result r = Cli.run("scan", project.toString(), "--no-progress");
    assertThat(r.out()).contains("AWS");
    assertNeutralised(r.out() + r.err());
    Cli.Result md = Cli.run("scan", project.toString(), "--no-progress", "--format", "markdown");
    assertNeutralised(md.out());
  }

  @Test
  void mail_subjectsSendersAndLinks() throws Exception {
    Path eml =
        Files.writeString(
            dir.resolve("invoice" + ERASE + ".eml"),
            "From: \"PayPal "
                + OSC
                + "\" <service@paypa1-secure.example>\n"
                + "Reply-To: billing@another.example\n"
                + "Subject: Urgent: verify your account now "
                + ERASE
                + RLO
                + "\n"
                + "Content-Type: text/plain\n\n"
                + "Your account is suspended. Verify your password within 24 hours at"
                + " http://paypa1-secure.example/login"
                + OSC
                + " or lose access.\n");
    Cli.Result r = Cli.run("mail", "check", eml.toString());
    assertThat(r.out()).contains("paypa1");
    assertNeutralised(r.out() + r.err());
  }

  @Test
  void logsHunt_hostNamesAndCommandLines() throws Exception {
    Path log =
        Files.writeString(
            dir.resolve("sysmon.jsonl"),
            "{\"Channel\": \"Microsoft-Windows-Sysmon/Operational\", \"EventID\": 1,"
                + " \"Computer\": \"WS07"
                + jsonEscape(ERASE)
                + "\", \"EventRecordID\": 504,"
                + " \"TimeCreated_SystemTime\": \"2024-06-01T11:09:00Z\","
                + " \"Image\": \"C:\\\\Windows\\\\System32\\\\vssadmin.exe\","
                + " \"CommandLine\": \"vssadmin.exe Delete Shadows /All /Quiet "
                + jsonEscape(OSC + RLO)
                + "\", \"User\": \"CORP\\\\mallory"
                + jsonEscape(OSC)
                + "\"}\n");
    Cli.Result r = Cli.run("logs", "hunt", log.toString(), "--no-progress");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("vssadmin");
    assertNeutralised(r.out() + r.err());
  }

  @Test
  void fix_diffsAndLocations() throws Exception {
    TestProjects.searchServlet(dir.resolve("app"), OSC + ERASE);
    Cli.Result r = Cli.run("fix", dir.resolve("app").toString());
    assertThat(r.out()).contains("java-sqli");
    assertNeutralised(r.out() + r.err());
  }

  @Test
  void deps_manifestPathsAndPlans() throws Exception {
    Path project = Files.createDirectories(dir.resolve("svc" + ERASE + OSC));
    Files.writeString(
        project.resolve("pom.xml"),
        "<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><artifactId>a"
            + "</artifactId><version>1</version><dependencies><dependency><groupId>"
            + "org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>"
            + "2.14.1</version></dependency></dependencies></project>\n");
    Cli.Result plan =
        Cli.run("deps", "plan", dir.toString(), "--ics", dir.resolve("plan.ics").toString());
    assertThat(plan.out()).contains("log4j-core");
    assertNeutralised(plan.out() + plan.err());
    Cli.Result scan = Cli.run("scan", dir.toString(), "--analyzer", "deps", "--no-progress");
    assertThat(scan.out()).contains("log4j-core");
    assertNeutralised(scan.out() + scan.err());
  }

  private static String jsonEscape(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return b.toString();
  }
}
