package dev.bulwark.logs.hunt;

import dev.bulwark.core.model.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Groups detections into incidents. Two detections join when, within the window of each other, they
 * share a host, a named user (not SYSTEM or a machine account, which would glue everything
 * together) or a process tree (one's process is the other's process or parent). Scores rank
 * incidents for triage: the worst rule level, how many distinct rules fired, how far along the
 * ATT&CK chain the incident goes, how rare its rules are in this data, and the criticality of the
 * assets involved.
 */
public final class Incidents {
  /** How incidents are formed and scored. */
  public record Options(Duration window, Map<String, String> assetCriticality) {
    public static Options defaults() {
      return new Options(Duration.ofMinutes(30), Map.of());
    }
  }

  private Incidents() {}

  public static List<Incident> build(
      List<Detection> detections, Map<String, Long> hitsByRule, Options options) {
    List<Detection> timed =
        detections.stream()
            .sorted(
                Comparator.comparing(
                    Detection::time, Comparator.nullsFirst(Comparator.naturalOrder())))
            .toList();
    int n = timed.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    long window = options.window().toMillis();
    Map<String, Integer> lastByHost = new HashMap<>();
    Map<String, Integer> lastByUser = new HashMap<>();
    Map<String, Integer> lastByProcess = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Detection d = timed.get(i);
      join(parent, timed, i, lastByHost, key(d.host()), window);
      if (!EventFacts.anonymous(d.user())) {
        join(parent, timed, i, lastByUser, key(d.user()), window);
      }
      for (String p : processes(d)) {
        join(parent, timed, i, lastByProcess, p, window);
      }
    }
    Map<Integer, List<Detection>> groups = new java.util.LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(timed.get(i));
    }
    long total = Math.max(1, hitsByRule.values().stream().mapToLong(Long::longValue).sum());
    List<Incident> out = new ArrayList<>();
    for (List<Detection> g : groups.values()) {
      out.add(incident(g, hitsByRule, total, options));
    }
    out.sort(
        Comparator.comparingInt(Incident::score)
            .reversed()
            .thenComparing(Incident::first, Comparator.nullsLast(Comparator.naturalOrder())));
    return out;
  }

  private static String key(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  /** Process identities an event mentions: its own and its parent's. */
  private static List<String> processes(Detection d) {
    List<String> out = new ArrayList<>(2);
    for (String f :
        List.of("ProcessGuid", "ParentProcessGuid", "SourceProcessGuid", "TargetProcessGuid")) {
      String v = EventFacts.field(d.fields(), f);
      if (v != null && !v.isEmpty() && !v.startsWith("{00000000")) {
        out.add(
            f.replace("Parent", "").replace("Source", "").replace("Target", "")
                + ":"
                + v.toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  private static void join(
      int[] parent,
      List<Detection> timed,
      int i,
      Map<String, Integer> last,
      String key,
      long window) {
    if (key == null) {
      return;
    }
    Integer j = last.put(key, i);
    if (j != null) {
      Instant a = timed.get(j).time();
      Instant b = timed.get(i).time();
      if (a == null || b == null || b.toEpochMilli() - a.toEpochMilli() <= window) {
        parent[find(parent, i)] = find(parent, j);
      }
    }
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static Incident incident(
      List<Detection> g, Map<String, Long> hitsByRule, long total, Options options) {
    Set<String> hosts = distinct(g, Detection::host);
    Set<String> users = new LinkedHashSet<>();
    g.stream().map(Detection::user).filter(u -> !EventFacts.anonymous(u)).forEach(users::add);
    List<String> tactics = new ArrayList<>();
    Set<String> techniques = new LinkedHashSet<>();
    Set<String> rules = new LinkedHashSet<>();
    Severity worst = Severity.INFO;
    for (Detection d : g) {
      for (String t : d.tactics()) {
        if (!tactics.contains(t)) {
          tactics.add(t);
        }
      }
      techniques.addAll(d.techniques());
      rules.add(d.ruleTitle());
      if (d.severity().ordinal() < worst.ordinal()) {
        worst = d.severity();
      }
    }
    tactics.sort(Comparator.comparingInt(Attack::stage));
    List<String> reasons = new ArrayList<>();
    double score =
        switch (worst) {
          case CRITICAL -> 45;
          case HIGH -> 35;
          case MEDIUM -> 22;
          case LOW -> 10;
          case INFO -> 3;
        };
    reasons.add("worst rule level " + worst.label() + " (+" + (int) score + ")");
    int breadth = Math.min(15, 3 * (rules.size() - 1));
    if (breadth > 0) {
      score += breadth;
      reasons.add(rules.size() + " distinct rules (+" + breadth + ")");
    }
    Set<Integer> stages = new java.util.TreeSet<>();
    tactics.forEach(t -> stages.add(Attack.stage(t)));
    int progression =
        Math.min(25, 5 * Math.max(0, stages.size() - 1) + (stages.size() >= 3 ? 5 : 0));
    if (progression > 0) {
      score += progression;
      reasons.add(stages.size() + " ATT&CK stages (+" + progression + ")");
    }
    double rarity = 0;
    for (Detection d : g) {
      String k = d.rule().id() != null ? d.rule().id() : d.rule().path() + ":" + d.rule().title();
      long hits = hitsByRule.getOrDefault(k, 1L);
      rarity = Math.max(rarity, 1.0 - (double) hits / total);
    }
    int rare = (int) Math.round(10 * rarity);
    if (rare > 0 && total > 1) {
      score += rare;
      reasons.add("rare rules in this data (+" + rare + ")");
    }
    double factor = 1.0;
    String asset = null;
    for (String h : hosts) {
      String c = criticality(h, options.assetCriticality());
      double f =
          switch (c) {
            case "critical" -> 1.5;
            case "high" -> 1.25;
            case "low" -> 0.8;
            default -> 1.0;
          };
      if (f > factor || asset == null) {
        factor = Math.max(factor, f);
        asset = h + " is " + c;
      }
    }
    if (factor != 1.0) {
      score *= factor;
      reasons.add("asset criticality: " + asset + " (×" + factor + ")");
    }
    int finalScore = (int) Math.min(100, Math.round(score));
    Instant first = g.get(0).time();
    Instant last = g.get(g.size() - 1).time();
    String title =
        (tactics.isEmpty()
                ? rules.iterator().next()
                : String.join(" → ", tactics.stream().map(Attack::title).toList()))
            + (hosts.isEmpty() ? "" : " on " + String.join(", ", hosts));
    return new Incident(
        id(g),
        title,
        finalScore,
        first,
        last,
        List.copyOf(hosts),
        List.copyOf(users),
        tactics,
        List.copyOf(techniques),
        g,
        reasons,
        narrative(g, hosts, users, tactics));
  }

  private static String criticality(String host, Map<String, String> table) {
    for (Map.Entry<String, String> e : table.entrySet()) {
      String pattern = e.getKey().toLowerCase(Locale.ROOT);
      String h = host.toLowerCase(Locale.ROOT);
      boolean match =
          pattern.endsWith("*")
              ? h.startsWith(pattern.substring(0, pattern.length() - 1))
              : h.equals(pattern) || h.startsWith(pattern + ".");
      if (match) {
        return e.getValue().toLowerCase(Locale.ROOT);
      }
    }
    return "medium";
  }

  private static Set<String> distinct(List<Detection> g, Function<Detection, String> f) {
    Set<String> out = new LinkedHashSet<>();
    for (Detection d : g) {
      String v = f.apply(d);
      if (v != null && !v.isEmpty()) {
        out.add(v);
      }
    }
    return out;
  }

  /** A readable account of the incident, in time order, citing the records behind each step. */
  static String narrative(
      List<Detection> g, Set<String> hosts, Set<String> users, List<String> tactics) {
    StringBuilder b = new StringBuilder();
    b.append(g.size()).append(g.size() == 1 ? " detection" : " detections");
    if (!hosts.isEmpty()) {
      b.append(" on ").append(String.join(", ", hosts));
    }
    if (!users.isEmpty()) {
      b.append(" involving ").append(String.join(", ", users));
    }
    Instant first = g.get(0).time();
    Instant last = g.get(g.size() - 1).time();
    if (first != null && last != null) {
      b.append(", from ").append(first).append(" to ").append(last);
    }
    b.append('.');
    if (!tactics.isEmpty()) {
      b.append(" ATT&CK tactics: ")
          .append(String.join(" → ", tactics.stream().map(Attack::title).toList()))
          .append('.');
    }
    Map<String, List<Detection>> byRule = new java.util.LinkedHashMap<>();
    for (Detection d : g) {
      byRule.computeIfAbsent(d.ruleTitle(), k -> new ArrayList<>()).add(d);
    }
    for (Map.Entry<String, List<Detection>> e : byRule.entrySet()) {
      Detection d = e.getValue().get(0);
      b.append("\n- ")
          .append(d.time() == null ? "?" : d.time().toString())
          .append(' ')
          .append(e.getKey())
          .append(" [")
          .append(d.severity().label())
          .append("]");
      if (d.summary() != null) {
        b.append(": ").append(d.summary());
      }
      String what = describe(d);
      if (!what.isEmpty()) {
        b.append(": ").append(what);
      }
      b.append(" (records ");
      List<String> ids = new ArrayList<>();
      for (Detection x : e.getValue()) {
        if (x.isCorrelation()) {
          x.members().forEach(m -> ids.add(cite(m)));
        } else {
          ids.add(cite(x));
        }
        if (ids.size() >= 8) {
          break;
        }
      }
      b.append(String.join(", ", ids.stream().distinct().limit(8).toList()));
      if (e.getValue().size() > 8) {
        b.append(", … ").append(e.getValue().size()).append(" in all");
      }
      b.append(')');
    }
    return b.toString();
  }

  private static String cite(Detection d) {
    String file = d.source().replace('\\', '/');
    return file.substring(file.lastIndexOf('/') + 1) + "#" + d.recordId();
  }

  private static String describe(Detection d) {
    String cmd = EventFacts.field(d.fields(), "CommandLine");
    if (cmd != null && !cmd.isEmpty()) {
      return "`" + Text.clip(cmd, 160) + "`";
    }
    for (String f :
        List.of(
            "Image",
            "TargetFilename",
            "TargetObject",
            "ImageLoaded",
            "ScriptBlockText",
            "ServiceName",
            "QueryName",
            "message")) {
      String v = EventFacts.field(d.fields(), f);
      if (v != null && !v.isEmpty()) {
        return f + " " + Text.clip(v, 160);
      }
    }
    return "";
  }

  private static String id(List<Detection> g) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Detection d : g) {
        // the file name, not the path: the same evidence copied elsewhere keeps its incident ids
        md.update((cite(d) + "#" + d.rule().id() + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return "INC-" + HexFormat.of().formatHex(md.digest(), 0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Small text helpers shared by the narrative and timeline. */
  static final class Text {
    private Text() {}

    static String clip(String s, int max) {
      String one = s.replace('\n', ' ').replace('\r', ' ');
      return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }
  }
}
