package dev.bulwark.secrets.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An Aho–Corasick automaton over bytes, compiled to a full transition table and folded for ASCII
 * case, that finds every occurrence of every keyword in one pass. It is the prefilter that keeps
 * the regular expressions away from the vast majority of input that holds no keyword at all.
 *
 * <p>States are numbered so that all states that end a keyword come last: the hot loop tests one
 * comparison per byte instead of loading an output table.
 */
public final class KeywordAutomaton {

  /** Receives a keyword occurrence: the keyword's index and the offset of its last byte. */
  @FunctionalInterface
  public interface Hits {
    void hit(int keyword, int endOffset);
  }

  private final int[] delta;
  private final int acceptFrom;
  private final int[][] outputs;
  private final int[] lengths;
  private final List<String> keywords;

  private KeywordAutomaton(
      int[] delta, int acceptFrom, int[][] outputs, int[] lengths, List<String> keywords) {
    this.delta = delta;
    this.acceptFrom = acceptFrom;
    this.outputs = outputs;
    this.lengths = lengths;
    this.keywords = keywords;
  }

  public static KeywordAutomaton build(List<String> keywords) {
    if (keywords.isEmpty()) {
      throw new IllegalArgumentException("an automaton needs at least one keyword");
    }
    List<Map<Integer, Integer>> go = new ArrayList<>();
    List<List<Integer>> out = new ArrayList<>();
    go.add(new HashMap<>());
    out.add(new ArrayList<>());
    int[] lengths = new int[keywords.size()];
    for (int k = 0; k < keywords.size(); k++) {
      String kw = keywords.get(k);
      if (kw.isEmpty()) {
        throw new IllegalArgumentException("empty keyword at index " + k);
      }
      byte[] bytes = kw.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
      lengths[k] = bytes.length;
      int s = 0;
      for (byte b : bytes) {
        int c = b & 0xff;
        Integer next = go.get(s).get(c);
        if (next == null) {
          next = go.size();
          go.add(new HashMap<>());
          out.add(new ArrayList<>());
          go.get(s).put(c, next);
        }
        s = next;
      }
      out.get(s).add(k);
    }
    int n = go.size();
    int[] fail = new int[n];
    int[] table = new int[n * 256];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int c = 0; c < 256; c++) {
      Integer next = go.get(0).get(c);
      if (next != null) {
        table[c] = next;
        fail[next] = 0;
        queue.add(next);
      }
    }
    while (!queue.isEmpty()) {
      int s = queue.poll();
      out.get(s).addAll(out.get(fail[s]));
      for (int c = 0; c < 256; c++) {
        Integer next = go.get(s).get(c);
        if (next != null) {
          fail[next] = table[fail[s] * 256 + c];
          table[s * 256 + c] = next;
          queue.add(next);
        } else {
          table[s * 256 + c] = table[fail[s] * 256 + c];
        }
      }
    }
    // Fold ASCII upper case onto lower case.
    for (int s = 0; s < n; s++) {
      for (int c = 'A'; c <= 'Z'; c++) {
        table[s * 256 + c] = table[s * 256 + c + 32];
      }
    }
    // Renumber: non-accepting states first, accepting states last.
    int[] order = new int[n];
    int[] newIndex = new int[n];
    int pos = 0;
    for (int s = 0; s < n; s++) {
      if (out.get(s).isEmpty()) {
        order[pos++] = s;
      }
    }
    int acceptFrom = pos;
    for (int s = 0; s < n; s++) {
      if (!out.get(s).isEmpty()) {
        order[pos++] = s;
      }
    }
    for (int i = 0; i < n; i++) {
      newIndex[order[i]] = i;
    }
    int[] delta = new int[n * 256];
    int[][] outputs = new int[n][];
    for (int i = 0; i < n; i++) {
      int old = order[i];
      for (int c = 0; c < 256; c++) {
        delta[i * 256 + c] = newIndex[table[old * 256 + c]];
      }
      List<Integer> o = out.get(old);
      outputs[i] = o.isEmpty() ? null : o.stream().mapToInt(Integer::intValue).distinct().toArray();
    }
    if (newIndex[0] != 0) {
      throw new IllegalStateException("root must stay state 0");
    }
    return new KeywordAutomaton(delta, acceptFrom, outputs, lengths, List.copyOf(keywords));
  }

  /** Scans {@code buf[from, to)} and reports every keyword occurrence, in order of end offset. */
  public void scan(byte[] buf, int from, int to, Hits hits) {
    final int[] d = delta;
    final int accept = acceptFrom;
    int s = 0;
    for (int i = from; i < to; i++) {
      s = d[(s << 8) | (buf[i] & 0xff)];
      if (s >= accept) {
        for (int k : outputs[s]) {
          hits.hit(k, i);
        }
      }
    }
  }

  /**
   * Scans {@code buf[from, to)} and writes every occurrence as a pair (keyword, offset of its last
   * byte) into {@code out}, growing it as needed; returns the array and sets {@code count[0]} to
   * the number of pairs. Collecting first and acting later keeps the scanning loop tight.
   */
  public int[] collect(byte[] buf, int from, int to, int[] out, int[] count) {
    final int[] d = delta;
    final int accept = acceptFrom;
    int[] hits = out;
    int n = 0;
    int s = 0;
    for (int i = from; i < to; i++) {
      s = d[(s << 8) | (buf[i] & 0xff)];
      if (s >= accept) {
        for (int k : outputs[s]) {
          if (n + 2 > hits.length) {
            hits = Arrays.copyOf(hits, hits.length * 2);
          }
          hits[n++] = k;
          hits[n++] = i;
        }
      }
    }
    count[0] = n / 2;
    return hits;
  }

  /** Whether any keyword occurs in the bytes. */
  public boolean anyMatch(byte[] buf, int from, int to) {
    final int[] d = delta;
    final int accept = acceptFrom;
    int s = 0;
    for (int i = from; i < to; i++) {
      s = d[(s << 8) | (buf[i] & 0xff)];
      if (s >= accept) {
        return true;
      }
    }
    return false;
  }

  /** Length in bytes of the longest keyword. */
  public int maxKeywordLength() {
    int max = 0;
    for (int l : lengths) {
      max = Math.max(max, l);
    }
    return max;
  }

  public int keywordLength(int keyword) {
    return lengths[keyword];
  }

  public List<String> keywords() {
    return keywords;
  }

  public int states() {
    return outputs.length;
  }

  @Override
  public String toString() {
    return "KeywordAutomaton["
        + keywords.size()
        + " keywords, "
        + states()
        + " states, "
        + Arrays.stream(outputs).filter(o -> o != null).count()
        + " accepting]";
  }
}
