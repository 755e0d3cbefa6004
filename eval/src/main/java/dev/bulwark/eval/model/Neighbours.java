package dev.bulwark.eval.model;

import dev.bulwark.ai.embed.Embeddings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Nearest labelled items by embedding, taken only from the other folds, so no item is ever
 * predicted from its own label.
 */
final class Neighbours {
  static final int K = 5;

  private final List<float[]> vectors;
  private final int[] fold;

  Neighbours(Embeddings embeddings, List<Item> items, int folds, long seed) {
    this.vectors = embeddings.embedAll(items.stream().map(Item::description).toList());
    this.fold = new int[items.size()];
    Random r = new Random(seed);
    for (int i = 0; i < fold.length; i++) {
      fold[i] = r.nextInt(folds);
    }
  }

  record Scored(int index, double similarity) {}

  /** The K most similar items in other folds than item i's, most similar first. */
  List<Scored> of(int i) {
    List<Scored> scored = new ArrayList<>();
    for (int j = 0; j < vectors.size(); j++) {
      if (fold[j] != fold[i]) {
        scored.add(new Scored(j, Embeddings.cosine(vectors.get(i), vectors.get(j))));
      }
    }
    scored.sort((a, b) -> Double.compare(b.similarity(), a.similarity()));
    return scored.subList(0, Math.min(K, scored.size()));
  }

  /** The value the neighbours vote for, each weighing by its similarity; null when none. */
  static String vote(List<Scored> neighbours, Function<Integer, List<String>> values) {
    Map<String, Double> votes = new HashMap<>();
    for (Scored s : neighbours) {
      for (String v : values.apply(s.index())) {
        votes.merge(v, s.similarity(), Double::sum);
      }
    }
    return votes.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(null);
  }
}
