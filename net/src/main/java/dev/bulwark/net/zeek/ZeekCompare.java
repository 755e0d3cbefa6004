package dev.bulwark.net.zeek;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Field-by-field agreement between two Zeek logs. Records are paired on their connection tuple
 * (plus {@code trans_id}, {@code trans_depth}, {@code fingerprint}); uids, file ids and tunnel
 * parents are left out because they are random in Zeek, and values Zeek's test canonifier masked
 * ({@code XXXXXXXXXX.XXXXXX}) are not compared.
 */
public final class ZeekCompare {
  private ZeekCompare() {}

  static final Set<String> IGNORED = Set.of("uid", "fuid", "uids", "tunnel_parents");
  static final List<String> KEY =
      List.of(
          "id.orig_h",
          "id.orig_p",
          "id.resp_h",
          "id.resp_p",
          "proto",
          "trans_id",
          "trans_depth",
          "fingerprint");
  static final String MASK = "XXXXXXXXXX.XXXXXX";

  /** A log read back: its column names and records. */
  public record Log(List<String> fields, List<String[]> rows) {}

  /**
   * Counts for one comparison.
   *
   * @param agreed fields equal in paired records
   * @param expectedFields compared fields over all expected records
   * @param actualFields compared fields over all actual records
   */
  public record Score(
      int expected,
      int actual,
      int matched,
      long agreed,
      long expectedFields,
      long actualFields,
      Map<String, Integer> disagreements) {
    public double precision() {
      return actualFields == 0 ? (expectedFields == 0 ? 1 : 0) : (double) agreed / actualFields;
    }

    public double recall() {
      return expectedFields == 0 ? 1 : (double) agreed / expectedFields;
    }

    public double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public Score plus(Score o) {
      Map<String, Integer> d = new LinkedHashMap<>(disagreements);
      o.disagreements.forEach((k, v) -> d.merge(k, v, Integer::sum));
      return new Score(
          expected + o.expected,
          actual + o.actual,
          matched + o.matched,
          agreed + o.agreed,
          expectedFields + o.expectedFields,
          actualFields + o.actualFields,
          d);
    }

    public static Score zero() {
      return new Score(0, 0, 0, 0, 0, 0, Map.of());
    }
  }

  /** Reads a Zeek TSV log, or the output of {@code zeek-cut -m} (first line names the columns). */
  public static Log read(Path file) throws IOException {
    if (file == null || !Files.exists(file)) {
      return new Log(List.of(), List.of());
    }
    List<String> fields = null;
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.startsWith("#fields\t")) {
        fields = List.of(line.substring(8).split("\t", -1));
        continue;
      }
      if (line.startsWith("#") || line.isEmpty()) {
        continue;
      }
      if (fields == null) {
        fields = List.of(line.split("\t", -1));
        continue;
      }
      rows.add(line.split("\t", -1));
    }
    return new Log(fields == null ? List.of() : fields, rows);
  }

  public static Score compare(Log expected, Log actual) {
    List<String> cols = new ArrayList<>();
    for (String f : expected.fields()) {
      if (!IGNORED.contains(f) && !f.endsWith("_fuids")) {
        cols.add(f);
      }
    }
    int[] ea = index(expected.fields(), cols);
    int[] aa = index(actual.fields(), cols);
    List<String> keyCols = new ArrayList<>();
    for (String k : KEY) {
      if (expected.fields().contains(k)) {
        keyCols.add(k);
      }
    }
    int[] ek = index(expected.fields(), keyCols);
    int[] ak = index(actual.fields(), keyCols);
    Map<String, List<String[]>> byKey = new HashMap<>();
    for (String[] r : actual.rows()) {
      byKey.computeIfAbsent(key(r, ak), k -> new ArrayList<>()).add(r);
    }
    long agreed = 0;
    long expectedFields = 0;
    int matched = 0;
    Map<String, Integer> dis = new LinkedHashMap<>();
    for (String[] e : expected.rows()) {
      List<String[]> cands = byKey.get(key(e, ek));
      String[] a = null;
      if (cands != null && !cands.isEmpty()) {
        // the candidate agreeing on most fields, so that repeated tuples pair sensibly
        int best = -1;
        int bestAgree = -1;
        for (int i = 0; i < cands.size(); i++) {
          int ag = agree(e, cands.get(i), ea, aa, null, cols);
          if (ag > bestAgree) {
            bestAgree = ag;
            best = i;
          }
        }
        a = cands.remove(best);
        matched++;
      }
      for (int i = 0; i < cols.size(); i++) {
        if (masked(e, ea[i])) {
          continue;
        }
        expectedFields++;
      }
      if (a != null) {
        agreed += agree(e, a, ea, aa, dis, cols);
      }
    }
    long actualFields = 0;
    for (String[] r : actual.rows()) {
      for (int i = 0; i < cols.size(); i++) {
        if (aa[i] >= 0) {
          actualFields++;
        }
      }
    }
    // masked expected values are not counted on the actual side either
    long maskedInMatched = 0;
    for (String[] e : expected.rows()) {
      for (int i = 0; i < cols.size(); i++) {
        if (masked(e, ea[i])) {
          maskedInMatched++;
        }
      }
    }
    actualFields = Math.max(agreed, actualFields - Math.min(maskedInMatched, actualFields));
    return new Score(
        expected.rows().size(),
        actual.rows().size(),
        matched,
        agreed,
        expectedFields,
        actualFields,
        dis);
  }

  private static boolean masked(String[] e, int i) {
    return i < 0 || i >= e.length || e[i].contains(MASK);
  }

  private static int agree(
      String[] e, String[] a, int[] ea, int[] aa, Map<String, Integer> dis, List<String> cols) {
    int n = 0;
    for (int i = 0; i < ea.length; i++) {
      if (masked(e, ea[i])) {
        continue;
      }
      String av = aa[i] >= 0 && aa[i] < a.length ? a[aa[i]] : null;
      if (e[ea[i]].equals(av)) {
        n++;
      } else if (dis != null) {
        dis.merge(cols.get(i), 1, Integer::sum);
      }
    }
    return n;
  }

  private static String key(String[] r, int[] idx) {
    StringBuilder s = new StringBuilder();
    for (int i : idx) {
      s.append(i >= 0 && i < r.length ? r[i] : "?").append('|');
    }
    return s.toString();
  }

  private static int[] index(List<String> fields, List<String> cols) {
    int[] r = new int[cols.size()];
    for (int i = 0; i < cols.size(); i++) {
      r[i] = fields.indexOf(cols.get(i));
    }
    return r;
  }
}
