package dev.bulwark.mail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.ai.embed.Embeddings;
import dev.bulwark.mail.message.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The learned mail model, kept in Bulwark's data directory ({@code mail-model.json}): trained on a
 * labelled corpus with {@code bulwark mail train}, used by {@code bulwark mail check} as one more
 * reason, never as the only one.
 */
public final class MailModel {
  public static final String FILE = "mail-model.json";

  /**
   * 2: words (TF-IDF) beside the dense features; 3: one feature per check class; 4: the
   * evasive-structure check (one more feature).
   */
  private static final int VERSION = 4;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What is stored: the model, the embedding it expects, and where it came from. */
  public record Stored(
      int version,
      String embedding,
      int messages,
      int phishing,
      String trainedAt,
      MailClassifier.Saved model) {}

  private final MailClassifier model;
  private final Stored stored;
  private final Embeddings embeddings = new Embeddings();

  private MailModel(Stored stored) {
    this.stored = stored;
    this.model = MailClassifier.load(stored.model());
  }

  /** Trains on verdicts and labels (true = phishing) and writes the model file. */
  public static Stored train(List<MailVerdict> verdicts, boolean[] phishing, Path dataDir)
      throws IOException {
    double[][] rows = MailFeatures.rows(verdicts, new Embeddings());
    MailClassifier m =
        MailClassifier.train(
            rows,
            verdicts.stream().map(v -> MailFeatures.document(v.message())).toList(),
            phishing);
    int positives = 0;
    for (boolean b : phishing) {
      positives += b ? 1 : 0;
    }
    Stored s =
        new Stored(
            VERSION,
            Embeddings.MODEL,
            verdicts.size(),
            positives,
            Instant.now().toString(),
            m.save());
    Files.createDirectories(dataDir);
    JSON.writeValue(dataDir.resolve(FILE).toFile(), s);
    return s;
  }

  /** The model in the data directory, if one was trained. */
  public static Optional<MailModel> load(Path dataDir) throws IOException {
    Path f = dataDir.resolve(FILE);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    Stored s;
    try {
      s = JSON.readValue(f.toFile(), Stored.class);
    } catch (IOException e) {
      throw new IOException(f + ": not a Bulwark mail model: " + e.getMessage(), e);
    }
    if (s.version() != VERSION || !Embeddings.MODEL.equals(s.embedding())) {
      throw new IOException(f + ": trained for another version; run bulwark mail train again");
    }
    return Optional.of(new MailModel(s));
  }

  /** The probability that the judged message is phishing. */
  public double probability(MailVerdict v) {
    double[] row = MailFeatures.row(v, embeddings.embed(MailFeatures.text(v.message())));
    return model.probability(row, MailFeatures.document(v.message()));
  }

  /**
   * The verdict with the model's opinion as one more reason: a likely phish gains points, and
   * nothing is ever taken away (text crafted for AI readers cannot talk the checks down).
   */
  public MailVerdict judge(MailVerdict v) {
    double[] row = MailFeatures.row(v, embeddings.embed(MailFeatures.text(v.message())));
    String document = MailFeatures.document(v.message());
    double p = model.probability(row, document);
    if (p < 0.5) {
      return v;
    }
    List<String> why = model.reasons(row, document, 3);
    int points = p >= 0.9 ? 4 : 2;
    List<Reason> reasons = new java.util.ArrayList<>(v.reasons());
    reasons.add(
        new Reason(
            "learned-model",
            points,
            String.format(
                java.util.Locale.ROOT,
                "the learned model (trained on %d messages) gives %.0f %% phishing%s",
                stored.messages(),
                100 * p,
                why.isEmpty() ? "" : ", most of all for " + String.join(", ", why)),
            "body:text"));
    int score = v.score() + points;
    MailVerdict.Verdict verdict =
        score >= MailChecks.MALICIOUS
            ? MailVerdict.Verdict.MALICIOUS
            : score >= MailChecks.SUSPICIOUS
                ? MailVerdict.Verdict.SUSPICIOUS
                : MailVerdict.Verdict.CLEAN;
    return new MailVerdict(v.message(), verdict, score, List.copyOf(reasons));
  }
}
