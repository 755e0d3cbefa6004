package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark eval mail} on corpora written for the test, with a held-out corpus. */
class EvalMailTest {
  @TempDir Path dir;

  private static String phish(int i) {
    return "From: \"Account Team\" <alert"
        + i
        + "@secure-login"
        + i
        + ".top>\nSubject: Your account will be suspended\nContent-Type: text/html\n\n"
        + "<p>Verify your account within 24 hours: <a href=\"http://198.51.100."
        + i
        + "/login\">https://bank.example.com/</a></p>\n";
  }

  private static String ham(int i) {
    return "From: Colleague <person"
        + i
        + "@corp.example>\nSubject: Minutes of meeting "
        + i
        + "\nContent-Type: text/plain\n\nHere are the minutes of today's meeting number "
        + i
        + ". Next one on Thursday.\n";
  }

  private Path write(String name, int from, int to) throws Exception {
    Path c = Files.createDirectories(dir.resolve(name));
    StringBuilder labels = new StringBuilder("file,label\n");
    for (int i = from; i < to; i++) {
      Files.writeString(c.resolve("p" + i + ".eml"), phish(i));
      Files.writeString(c.resolve("h" + i + ".eml"), ham(i));
      labels.append("p").append(i).append(".eml,phishing\nh").append(i).append(".eml,ham\n");
    }
    Files.writeString(c.resolve("labels.csv"), labels);
    return c;
  }

  @Test
  void theModelTrainedOnOneCorpusIsScoredOnAnother() throws Exception {
    Path train = write("dev", 1, 11);
    Path test = write("held-out", 50, 56);
    Cli.Result r =
        Cli.run("eval", "mail", "--corpus", train.toString(), "--held-out", test.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("| held-out messages | 12 |")
        .contains("| held-out, all headers | 6 | 6 | 0 |")
        .contains("| held-out, era headers stripped | 6 | 6 | 0 |");
  }
}
