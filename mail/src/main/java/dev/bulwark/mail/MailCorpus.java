package dev.bulwark.mail;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.mail.message.MailMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A labelled mail corpus: a folder of messages and {@code labels.csv} (file,label,…; labels such as
 * phishing, ham, spam). A message that cannot be read is reported and left out.
 */
public record MailCorpus(List<MailMessage> messages, List<String> classes) {

  public static MailCorpus load(Path dir, Consumer<String> problems)
      throws IOException, InputException {
    Path labels = dir.resolve("labels.csv");
    if (!Files.isRegularFile(labels)) {
      throw new InputException(labels + ": no labels.csv (file,label,…) in the corpus");
    }
    List<String> lines = Files.readAllLines(labels);
    List<MailMessage> messages = new ArrayList<>();
    List<String> classes = new ArrayList<>();
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] c = line.split(",");
      if (c.length < 2) {
        continue;
      }
      try (InputStream in = Files.newInputStream(dir.resolve(c[0]))) {
        messages.add(MailParser.parse(c[0], 0, in));
        classes.add(c[1].strip().toLowerCase(Locale.ROOT));
      } catch (IOException | RuntimeException e) {
        problems.accept(dir.resolve(c[0]) + ": " + e.getMessage());
      }
    }
    return new MailCorpus(List.copyOf(messages), List.copyOf(classes));
  }

  /** For each message, whether it is labelled phishing. */
  public boolean[] phishing() {
    boolean[] y = new boolean[classes.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = classes.get(i).equals("phishing");
    }
    return y;
  }
}
