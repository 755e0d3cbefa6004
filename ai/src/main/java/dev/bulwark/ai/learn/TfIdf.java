package dev.bulwark.ai.learn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words and word pairs weighted by TF-IDF: a term's count dampened by its logarithm, times how rare
 * it is across the training documents; each row scaled to unit length. Only terms seen in at least
 * {@code minDocs} training documents are kept (one-off strings — hashes, tracking ids — say nothing
 * about the next message), the most frequent first, up to {@code maxTerms}.
 */
public final class TfIdf {
  private static final Pattern TOKEN = Pattern.compile("(?U)\\b\\w\\w+\\b");

  /** The vocabulary and its inverse document frequencies, as kept in a model file. */
  public record Saved(List<String> terms, double[] idf) {}

  private final Map<String, Integer> index;
  private final double[] idf;
  private final List<String> terms;

  private TfIdf(List<String> terms, double[] idf) {
    this.terms = List.copyOf(terms);
    this.idf = idf;
    this.index = new HashMap<>();
    for (int i = 0; i < terms.size(); i++) {
      index.put(terms.get(i), i);
    }
  }

  /** Learns the vocabulary and weights from training documents only. */
  public static TfIdf fit(List<String> docs, int minDocs, int maxTerms) {
    Map<String, Integer> df = new HashMap<>();
    Map<String, Integer> tf = new HashMap<>();
    for (String d : docs) {
      Map<String, Integer> counts = counts(d);
      for (Map.Entry<String, Integer> e : counts.entrySet()) {
        df.merge(e.getKey(), 1, Integer::sum);
        tf.merge(e.getKey(), e.getValue(), Integer::sum);
      }
    }
    List<String> kept = new ArrayList<>();
    for (Map.Entry<String, Integer> e : df.entrySet()) {
      if (e.getValue() >= minDocs) {
        kept.add(e.getKey());
      }
    }
    // most frequent first; ties by the term itself, so the vocabulary does not depend on hashing
    kept.sort((a, b) -> {
      int c = Integer.compare(tf.get(b), tf.get(a));
      return c != 0 ? c : a.compareTo(b);
    });
    if (kept.size() > maxTerms) {
      kept = new ArrayList<>(kept.subList(0, maxTerms));
    }
    kept.sort(String::compareTo);
    double[] idf = new double[kept.size()];
    int n = docs.size();
    for (int i = 0; i < idf.length; i++) {
      idf[i] = Math.log((1.0 + n) / (1.0 + df.get(kept.get(i)))) + 1;
    }
    return new TfIdf(kept, idf);
  }

  public static TfIdf load(Saved s) {
    if (s.terms().size() != s.idf().length) {
      throw new IllegalArgumentException("vocabulary and weights differ in length");
    }
    return new TfIdf(s.terms(), s.idf().clone());
  }

  public Saved save() {
    return new Saved(terms, idf.clone());
  }

  /** The term of column {@code i}. */
  public String term(int i) {
    return terms.get(i);
  }

  public int size() {
    return terms.size();
  }

  /** A document as a unit-length sparse row over the vocabulary. */
  public Sparse transform(String doc) {
    TreeMap<Integer, Double> row = new TreeMap<>();
    for (Map.Entry<String, Integer> e : counts(doc).entrySet()) {
      Integer i = index.get(e.getKey());
      if (i != null) {
        row.put(i, (1 + Math.log(e.getValue())) * idf[i]);
      }
    }
    double norm = Math.sqrt(row.values().stream().mapToDouble(v -> v * v).sum());
    int[] ix = new int[row.size()];
    double[] val = new double[row.size()];
    int k = 0;
    for (Map.Entry<Integer, Double> e : row.entrySet()) {
      ix[k] = e.getKey();
      val[k++] = norm == 0 ? 0 : e.getValue() / norm;
    }
    return new Sparse(ix, val);
  }

  /** Lower-cased words of two or more letters or digits, and each adjacent pair. */
  static Map<String, Integer> counts(String doc) {
    Map<String, Integer> out = new HashMap<>();
    Matcher m = TOKEN.matcher(doc.toLowerCase(Locale.ROOT));
    String previous = null;
    while (m.find()) {
      String w = m.group();
      out.merge(w, 1, Integer::sum);
      if (previous != null) {
        out.merge(previous + " " + w, 1, Integer::sum);
      }
      previous = w;
    }
    return out;
  }
}
