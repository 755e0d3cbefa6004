package dev.bulwark.triage.label;

import dev.bulwark.ai.embed.Embeddings;
import dev.bulwark.core.model.Label;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * "Similar past verdicts": the labelled findings closest in meaning to a new one, by cosine
 * similarity of their embeddings (rule, title, message and code together), so a defender sees how
 * the team judged its look-alikes before deciding.
 */
public final class SimilarVerdicts {
  /** A past verdict and how close it is (cosine similarity, 1 = same text). */
  public record Match(Label label, double similarity) {}

  private final List<Label> labels;
  private final List<float[]> vectors;
  private final Embeddings embeddings;

  public SimilarVerdicts(List<Label> labels, Embeddings embeddings) {
    this.labels = List.copyOf(labels);
    this.embeddings = embeddings;
    this.vectors = embeddings.embedAll(this.labels.stream().map(SimilarVerdicts::text).toList());
  }

  /** The text a finding is compared by. */
  public static String text(String ruleId, String title, String message, String snippet) {
    StringBuilder b = new StringBuilder();
    for (String s : new String[] {ruleId, title, message, snippet}) {
      if (s != null && !s.isBlank()) {
        b.append(s.strip()).append('\n');
      }
    }
    return b.toString();
  }

  private static String text(Label l) {
    return text(l.ruleId(), l.title(), l.message(), l.snippet());
  }

  /** Up to {@code k} past verdicts at least {@code minSimilarity} close, closest first. */
  public List<Match> nearest(String findingText, int k, double minSimilarity) {
    float[] q = embeddings.embed(findingText);
    List<Match> out = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      double s = Embeddings.cosine(q, vectors.get(i));
      if (s >= minSimilarity) {
        out.add(new Match(labels.get(i), s));
      }
    }
    out.sort(Comparator.comparingDouble(Match::similarity).reversed());
    return out.size() > k ? out.subList(0, k) : out;
  }
}
