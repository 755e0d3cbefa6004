package dev.bulwark.triage.rank;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.bulwark.ai.embed.Embeddings;
import dev.bulwark.ai.learn.LogisticRegression;
import dev.bulwark.core.model.Label;
import dev.bulwark.core.model.Verdict;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders findings and incidents by the probability that the team would call them true positives,
 * learned from its own verdicts. A logistic regression reads three kinds of evidence: the hand-made
 * features of {@link TriageFeatures}, how the team judged the same rule before, and how it judged
 * the findings closest in meaning (embedding neighbours), plus the embedding itself. Every score
 * comes with its reasons: the features that pulled it most and the nearest past verdicts. Won't-fix
 * verdicts say nothing about truth, so they are left out of training.
 */
public final class TriageRanker {
  public static final String FORMAT = "bulwark-triage-ranker-1";

  /** Where a trained ranker is kept, under Bulwark's data directory. */
  public static final String FILE = "models/triage-ranker-v1.json";

  static final int NEIGHBOURS = 7;
  private static final double RULE_SMOOTHING = 2.0;
  private static final double L2 = 0.01;
  private static final int EPOCHS = 300;
  private static final List<String> LEARNED =
      List.of("the team's past verdicts on this rule", "verdicts on the most similar findings");

  /** A labelled example: the item, its embedding, and whether the team called it true. */
  public record Example(TriageItem item, float[] vector, boolean positive, String note) {}

  /** One feature's pull on a score (log-odds; positive = towards true positive). */
  public record Reason(String feature, double pull) {}

  /** A past verdict close to the item. */
  public record Neighbour(
      String fingerprint,
      String ruleId,
      String path,
      boolean positive,
      String note,
      double similarity) {}

  /**
   * An item with its probability of being a true positive and why; {@code ruleVerdicts} counts the
   * past verdicts on its rule — at zero the score is an extrapolation from other rules.
   */
  public record Ranked(
      TriageItem item,
      double probability,
      List<Reason> reasons,
      List<Neighbour> similar,
      int ruleVerdicts) {}

  private final List<Example> examples;
  private final Map<String, int[]> ruleCounts;
  private final double prior;
  private final LogisticRegression model;
  private final Instant trainedAt;

  private TriageRanker(
      List<Example> examples,
      Map<String, int[]> ruleCounts,
      double prior,
      LogisticRegression model,
      Instant trainedAt) {
    this.examples = examples;
    this.ruleCounts = ruleCounts;
    this.prior = prior;
    this.model = model;
    this.trainedAt = trainedAt;
  }

  /** The labels a ranker can learn from: true and false positives with the finding's content. */
  public static List<Label> trainable(List<Label> labels) {
    return labels.stream()
        .filter(l -> l.verdict() != Verdict.WONT_FIX && l.ruleId() != null)
        .toList();
  }

  /** Trains on the team's labels; embeds each labelled finding once. */
  public static TriageRanker train(List<Label> labels, Embeddings embeddings) {
    List<Label> usable = trainable(labels);
    List<TriageItem> items = usable.stream().map(TriageItem::of).toList();
    List<float[]> vectors = embeddings.embedAll(items.stream().map(TriageItem::text).toList());
    List<Example> ex = new ArrayList<>();
    for (int i = 0; i < usable.size(); i++) {
      ex.add(
          new Example(
              items.get(i),
              vectors.get(i),
              usable.get(i).verdict() == Verdict.TP,
              usable.get(i).note()));
    }
    return train(ex);
  }

  /** Trains on examples already embedded (cross-validation reuses the vectors across folds). */
  public static TriageRanker train(List<Example> examples) {
    long pos = examples.stream().filter(Example::positive).count();
    if (pos < 2 || examples.size() - pos < 2) {
      throw new IllegalArgumentException(
          "need at least two true-positive and two false-positive verdicts to learn from, have "
              + pos
              + " and "
              + (examples.size() - pos));
    }
    Map<String, int[]> counts = new HashMap<>();
    for (Example e : examples) {
      int[] c = counts.computeIfAbsent(ruleKey(e.item()), k -> new int[2]);
      c[0] += e.positive() ? 1 : 0;
      c[1]++;
    }
    double prior = (double) pos / examples.size();
    TriageRanker shell =
        new TriageRanker(List.copyOf(examples), counts, prior, null, Instant.now());
    double[][] x = new double[examples.size()][];
    boolean[] y = new boolean[examples.size()];
    for (int i = 0; i < examples.size(); i++) {
      x[i] = shell.row(examples.get(i).item(), examples.get(i).vector(), i);
      y[i] = examples.get(i).positive();
    }
    LogisticRegression lr = LogisticRegression.train(x, y, L2, EPOCHS);
    return new TriageRanker(shell.examples, counts, prior, lr, shell.trainedAt);
  }

  public int size() {
    return examples.size();
  }

  public Instant trainedAt() {
    return trainedAt;
  }

  /** Scores items, most likely true positive first. */
  public List<Ranked> rank(List<TriageItem> items, Embeddings embeddings, int similar) {
    List<float[]> vectors = embeddings.embedAll(items.stream().map(TriageItem::text).toList());
    List<Ranked> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      out.add(explain(items.get(i), vectors.get(i), similar));
    }
    out.sort(Comparator.comparingDouble(Ranked::probability).reversed());
    return out;
  }

  /** The probability that an item (already embedded) is a true positive. */
  public double probability(TriageItem item, float[] vector) {
    return model.probability(row(item, vector, -1));
  }

  Ranked explain(TriageItem item, float[] vector, int similar) {
    double[] row = row(item, vector, -1);
    double p = model.probability(row);
    double[] c = model.contributions(row);
    List<Reason> reasons = new ArrayList<>();
    int named = TriageFeatures.NAMES.size();
    for (int j = 0; j < named; j++) {
      // an absent trait is no reason a defender can check ("not in a test path" explains little)
      if (row[j] != 0) {
        reasons.add(new Reason(TriageFeatures.NAMES.get(j), c[j]));
      }
    }
    for (int j = 0; j < LEARNED.size(); j++) {
      reasons.add(new Reason(LEARNED.get(j), c[named + j]));
    }
    double text = 0;
    for (int j = named + LEARNED.size(); j < c.length; j++) {
      text += c[j];
    }
    reasons.add(new Reason("wording of the finding", text));
    reasons.sort(Comparator.comparingDouble((Reason r) -> -Math.abs(r.pull())));
    List<Reason> top = reasons.stream().filter(r -> Math.abs(r.pull()) >= 0.05).limit(3).toList();
    List<Neighbour> near = new ArrayList<>();
    for (int[] n : nearest(vector, -1, similar)) {
      Example e = examples.get(n[0]);
      near.add(
          new Neighbour(
              e.item().fingerprint(),
              e.item().ruleId(),
              e.item().path(),
              e.positive(),
              e.note(),
              n[1] / 1e6));
    }
    return new Ranked(item, p, top, near, ruleCounts.getOrDefault(ruleKey(item), new int[2])[1]);
  }

  /** The feature row of an item; {@code self} is its index among the examples, else -1. */
  private double[] row(TriageItem item, float[] vector, int self) {
    double[] f = TriageFeatures.of(item);
    double[] row = new double[f.length + LEARNED.size() + vector.length];
    System.arraycopy(f, 0, row, 0, f.length);
    int[] c = ruleCounts.getOrDefault(ruleKey(item), new int[2]);
    int tp = c[0];
    int n = c[1];
    if (self >= 0) {
      tp -= examples.get(self).positive() ? 1 : 0;
      n--;
    }
    row[f.length] = (tp + RULE_SMOOTHING * prior) / (n + RULE_SMOOTHING);
    double weight = 0;
    double positive = 0;
    for (int[] nb : nearest(vector, self, NEIGHBOURS)) {
      double s = Math.max(0, nb[1] / 1e6);
      weight += s;
      positive += examples.get(nb[0]).positive() ? s : 0;
    }
    row[f.length + 1] = weight == 0 ? prior : positive / weight;
    for (int j = 0; j < vector.length; j++) {
      row[f.length + LEARNED.size() + j] = vector[j];
    }
    return row;
  }

  /** The k closest examples as {index, similarity × 10⁶}, closest first, skipping {@code self}. */
  private List<int[]> nearest(float[] vector, int self, int k) {
    List<int[]> best = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      if (i == self) {
        continue;
      }
      int s = (int) Math.round(Embeddings.cosine(vector, examples.get(i).vector()) * 1e6);
      if (best.size() < k || s > best.get(best.size() - 1)[1]) {
        best.add(new int[] {i, s});
        best.sort(Comparator.comparingInt((int[] a) -> -a[1]));
        if (best.size() > k) {
          best.remove(best.size() - 1);
        }
      }
    }
    return best;
  }

  private static String ruleKey(TriageItem item) {
    return item.analyzer() + "/" + item.ruleId();
  }

  // ---- persistence ----

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  record SavedExample(TriageItem item, boolean positive, String note, String vector) {}

  record Saved(
      String format,
      Instant trainedAt,
      String embeddingModel,
      List<String> features,
      double prior,
      LogisticRegression.Saved model,
      List<SavedExample> examples) {}

  /** Writes the ranker (weights and the embedded examples it compares against) as JSON. */
  public void save(Path file) throws IOException {
    List<SavedExample> saved = new ArrayList<>();
    for (Example e : examples) {
      ByteBuffer b = ByteBuffer.allocate(e.vector().length * 4);
      for (float v : e.vector()) {
        b.putFloat(v);
      }
      saved.add(
          new SavedExample(
              e.item(), e.positive(), e.note(), Base64.getEncoder().encodeToString(b.array())));
    }
    List<String> features = new ArrayList<>(TriageFeatures.NAMES);
    features.addAll(LEARNED);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    JSON.writeValue(
        tmp.toFile(),
        new Saved(FORMAT, trainedAt, Embeddings.MODEL, features, prior, model.save(), saved));
    Files.move(
        tmp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Reads a ranker written by {@link #save}; a file of another format or model is refused. */
  public static TriageRanker load(Path file) throws IOException {
    Saved s;
    try {
      s = JSON.readValue(file.toFile(), Saved.class);
    } catch (IOException e) {
      throw new IOException(file + ": not a Bulwark triage ranker: " + e.getMessage(), e);
    }
    if (!FORMAT.equals(s.format())) {
      throw new IOException(
          file + ": format " + s.format() + ", this Bulwark reads " + FORMAT + "; retrain it");
    }
    if (!Embeddings.MODEL.equals(s.embeddingModel())) {
      throw new IOException(
          file
              + ": trained with embeddings "
              + s.embeddingModel()
              + ", not "
              + Embeddings.MODEL
              + "; retrain it");
    }
    List<Example> ex = new ArrayList<>();
    Map<String, int[]> counts = new HashMap<>();
    for (SavedExample e : s.examples()) {
      ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(e.vector()));
      float[] v = new float[b.remaining() / 4];
      for (int i = 0; i < v.length; i++) {
        v[i] = b.getFloat();
      }
      ex.add(new Example(e.item(), v, e.positive(), e.note()));
      int[] c = counts.computeIfAbsent(ruleKey(e.item()), k -> new int[2]);
      c[0] += e.positive() ? 1 : 0;
      c[1]++;
    }
    LogisticRegression lr = LogisticRegression.load(s.model());
    if (lr.features() != TriageFeatures.NAMES.size() + LEARNED.size() + Embeddings.DIMENSIONS) {
      throw new IOException(file + ": feature count differs from this Bulwark's; retrain it");
    }
    return new TriageRanker(List.copyOf(ex), counts, s.prior(), lr, s.trainedAt());
  }
}
