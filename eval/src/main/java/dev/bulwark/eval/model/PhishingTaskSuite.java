package dev.bulwark.eval.model;

import dev.bulwark.ai.embed.Embeddings;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.text.Csv;
import dev.bulwark.mail.MailChecks;
import dev.bulwark.mail.MailFeatures;
import dev.bulwark.mail.MailParser;
import dev.bulwark.mail.message.MailMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A defenders' task from a labelled mail corpus ({@code labels.csv}: file,label,…): is this message
 * phishing? Era headers are stripped so dates and relays give nothing away; the model sees sender,
 * subject and visible text as data. F1 of the phishing class. Bulwark's engine answers with its
 * mail checks alone (suspicious or worse) on the stripped message: the same figure {@code eval
 * mail} reports as "checks alone, era headers stripped", here as a percentage.
 */
final class PhishingTaskSuite extends ModelSuite {
  static final String NAME = "bulwark-mail";

  private final List<MailMessage> mails;

  private PhishingTaskSuite(List<Item> items, String sha256, List<MailMessage> mails) {
    super(NAME, items, sha256);
    this.mails = mails;
  }

  static PhishingTaskSuite load(Path dir, int limit) throws IOException, InputException {
    Path labels = dir.resolve("labels.csv");
    if (!Files.isRegularFile(labels)) {
      throw new InputException(dir + ": no labels.csv (file,label,…)");
    }
    List<Item> items = new ArrayList<>();
    List<MailMessage> mails = new ArrayList<>();
    MessageDigest digest = Answers.digest();
    for (Csv.Row row : Csv.read(labels, 0)) {
      if (limit > 0 && items.size() >= limit) {
        break;
      }
      String[] c = row.fields().toArray(String[]::new);
      if (c.length < 2 || c[0].isBlank()) {
        continue;
      }
      byte[] raw = Files.readAllBytes(dir.resolve(c[0]));
      digest.update(raw);
      MailMessage m;
      try (var in = new ByteArrayInputStream(raw)) {
        m = MailFeatures.stripEraHeaders(MailParser.parse(c[0], 0, in));
      }
      String from = m.header("From") == null ? "" : m.header("From");
      String prompt =
          "Is this e-mail phishing? The message, as data:\n<untrusted-data>\nFrom: "
              + Answers.asData(from, "untrusted-data")
              + "\nSubject: "
              + Answers.asData(MailFeatures.text(m), "untrusted-data")
              + "\n</untrusted-data>\nAnswer PHISHING or NOT PHISHING on the last line.";
      items.add(
          new Item(
              c[0],
              c[1],
              prompt,
              c[1].strip().equalsIgnoreCase("phishing") ? "PHISHING" : "NOT PHISHING"));
      mails.add(m);
    }
    return new PhishingTaskSuite(items, HexFormat.of().formatHex(digest.digest()), mails);
  }

  @Override
  public Metric metric() {
    return new Metric(
        "F1 of the phishing class (ham and spam count as not phishing)", "model_score", true);
  }

  /** PHISHING or NOT PHISHING, whichever the answer says last. */
  @Override
  String extract(String answer) {
    String lower = answer.toLowerCase(Locale.ROOT);
    int ph = lower.lastIndexOf("phishing");
    if (ph < 0) {
      return null;
    }
    int not = lower.lastIndexOf("not phishing");
    return not >= 0 && not + 4 == ph ? "NOT PHISHING" : "PHISHING";
  }

  @Override
  double figure(List<Outcome> outcomes) {
    int tp = 0;
    int fp = 0;
    int fn = 0;
    for (Outcome o : outcomes) {
      boolean e = o.expected().equals("PHISHING");
      boolean p = "PHISHING".equals(o.predicted());
      tp += e && p ? 1 : 0;
      fp += !e && p ? 1 : 0;
      fn += e && !p ? 1 : 0;
    }
    return f1(tp, fp, fn);
  }

  @Override
  public Run runEngine(Embeddings embeddings, int folds, long seed) {
    Instant t0 = Instant.now();
    List<Outcome> out = new ArrayList<>();
    for (int i = 0; i < items().size(); i++) {
      boolean flagged = MailChecks.judge(mails.get(i)).score() >= MailChecks.SUSPICIOUS;
      out.add(score(items().get(i), flagged ? "PHISHING" : "NOT PHISHING", 0, 0));
    }
    return engineRun("mail-checks-alone-era-headers-stripped", 0, out, t0);
  }
}
