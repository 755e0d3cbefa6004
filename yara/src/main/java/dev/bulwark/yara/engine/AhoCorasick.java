package dev.bulwark.yara.engine;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aho–Corasick automaton over the atoms of every string of a rule set, on ASCII-lowercased bytes.
 * Built once per compiled rule set; a scan is one pass over the file. Transitions are a full table
 * (the atoms are at most four bytes, so the trie stays small); each state lists the atom ids that
 * end there, including those reached through failure links.
 */
final class AhoCorasick {
  private final int[] delta; // state * 256 + byte -> state
  private final int[][] outputs;

  /** Hears every atom hit: atom id and the offset of the atom's last byte. */
  interface Hits {
    void hit(int atom, int end);
  }

  AhoCorasick(List<byte[]> atoms) {
    List<int[]> next = new ArrayList<>();
    List<List<Integer>> out = new ArrayList<>();
    next.add(newRow());
    out.add(new ArrayList<>());
    for (int id = 0; id < atoms.size(); id++) {
      int s = 0;
      for (byte b : atoms.get(id)) {
        int c = b & 0xff;
        if (next.get(s)[c] < 0) {
          next.get(s)[c] = next.size();
          next.add(newRow());
          out.add(new ArrayList<>());
        }
        s = next.get(s)[c];
      }
      out.get(s).add(id);
    }
    int n = next.size();
    int[] fail = new int[n];
    delta = new int[n * 256];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int c = 0; c < 256; c++) {
      int t = next.get(0)[c];
      if (t < 0) {
        delta[c] = 0;
      } else {
        delta[c] = t;
        fail[t] = 0;
        queue.add(t);
      }
    }
    int[][] outs = new int[n][];
    outs[0] = out.get(0).stream().mapToInt(Integer::intValue).toArray();
    while (!queue.isEmpty()) {
      int s = queue.poll();
      List<Integer> o = new ArrayList<>(out.get(s));
      for (int x : outs[fail[s]]) {
        o.add(x);
      }
      outs[s] = o.stream().mapToInt(Integer::intValue).toArray();
      for (int c = 0; c < 256; c++) {
        int t = next.get(s)[c];
        if (t < 0) {
          delta[s * 256 + c] = delta[fail[s] * 256 + c];
        } else {
          delta[s * 256 + c] = t;
          fail[t] = delta[fail[s] * 256 + c];
          queue.add(t);
        }
      }
    }
    this.outputs = outs;
  }

  private static int[] newRow() {
    int[] r = new int[256];
    Arrays.fill(r, -1);
    return r;
  }

  int states() {
    return outputs.length;
  }

  private static final byte[] FOLD = new byte[256];

  static {
    for (int i = 0; i < 256; i++) {
      FOLD[i] = (byte) (i >= 'A' && i <= 'Z' ? i + 32 : i);
    }
  }

  void scan(ByteBuffer data, int limit, Hits hits) {
    int s = 0;
    int[] d = delta;
    int[][] o = outputs;
    for (int i = 0; i < limit; i++) {
      s = d[(s << 8) | (FOLD[data.get(i) & 0xff] & 0xff)];
      int[] out = o[s];
      if (out.length != 0) {
        for (int a : out) {
          hits.hit(a, i);
        }
      }
    }
  }
}
