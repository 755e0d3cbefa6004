package dev.bulwark.ai.embed;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sentence embeddings computed in process by all-MiniLM-L6-v2 (quantized, 384 dimensions), whose
 * weights ship inside a Maven artifact: nothing is downloaded and no connection is opened. Texts
 * are embedded in batches and remembered in a bounded cache, since findings repeat.
 */
public final class Embeddings {
  public static final String MODEL = "all-MiniLM-L6-v2-q";
  public static final int DIMENSIONS = 384;
  private static final int BATCH = 32;
  private static final int CACHE = 10_000;
  private static final int MAX_CHARS = 2_000;

  static {
    // The tokenizer library reports usage to a remote service unless told not to.
    System.setProperty("OPT_OUT_TRACKING", "true");
    System.setProperty("DJL_OFFLINE", "true");
  }

  private static volatile EmbeddingModel shared;

  private final Map<String, float[]> cache =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
          return size() > CACHE;
        }
      };

  private static EmbeddingModel model() {
    EmbeddingModel m = shared;
    if (m == null) {
      synchronized (Embeddings.class) {
        m = shared;
        if (m == null) {
          m = new AllMiniLmL6V2QuantizedEmbeddingModel();
          shared = m;
        }
      }
    }
    return m;
  }

  /** The unit-length embedding of a text. */
  public float[] embed(String text) {
    return embedAll(List.of(text)).get(0);
  }

  /** Embeddings of many texts, in order; cached texts are not embedded again. */
  public synchronized List<float[]> embedAll(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    List<String> missing = new ArrayList<>();
    for (String t : texts) {
      String key = key(t);
      if (key.isEmpty()) {
        cache.put(
            key, new float[DIMENSIONS]); // nothing to mean: the zero vector, similar to nothing
      }
      float[] v = cache.get(key);
      out.add(v);
      if (v == null && !missing.contains(key)) {
        missing.add(key);
      }
    }
    for (int from = 0; from < missing.size(); from += BATCH) {
      List<String> batch = missing.subList(from, Math.min(missing.size(), from + BATCH));
      List<TextSegment> segments = batch.stream().map(TextSegment::from).toList();
      var vectors = model().embedAll(segments).content();
      for (int i = 0; i < batch.size(); i++) {
        cache.put(batch.get(i), normalise(vectors.get(i).vector()));
      }
    }
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i) == null) {
        out.set(i, cache.get(key(texts.get(i))));
      }
    }
    return out;
  }

  private static String key(String text) {
    String t = text == null ? "" : text.strip();
    return t.length() > MAX_CHARS ? t.substring(0, MAX_CHARS) : t;
  }

  private static float[] normalise(float[] v) {
    double n = 0;
    for (float x : v) {
      n += x * x;
    }
    n = Math.sqrt(n);
    if (n == 0) {
      return v;
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / n);
    }
    return out;
  }

  /** Cosine similarity of two unit vectors. */
  public static double cosine(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return dot;
  }
}
