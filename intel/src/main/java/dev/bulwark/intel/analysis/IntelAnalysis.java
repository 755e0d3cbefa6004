package dev.bulwark.intel.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.intel.analysis.IntelReport.CandidateRule;
import dev.bulwark.intel.analysis.IntelReport.Coverage;
import dev.bulwark.intel.analysis.IntelReport.Evidence;
import dev.bulwark.intel.analysis.IntelReport.KevExposure;
import dev.bulwark.intel.analysis.IntelReport.RankedActor;
import dev.bulwark.intel.analysis.IntelReport.Status;
import dev.bulwark.intel.analysis.IntelReport.TechniqueRow;
import dev.bulwark.intel.profile.OrgProfile;
import dev.bulwark.intel.profile.SigmaRule;
import dev.bulwark.intel.profile.Stack;
import dev.bulwark.intel.stix.StixIds;
import dev.bulwark.intel.vocab.Vocabulary;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Computes the tailored report. The weights are stated here once and printed with the report:
 *
 * <ul>
 *   <li>sector: 3 when the actor's curated targets name it (MISP galaxy), 2 when its ATT&CK
 *       description says it targets it, 1.5 for a broad category ("private sector");
 *   <li>country: 3 for a listed victim country, 2 for one named in a targeting sentence, 1.5 for a
 *       listed region containing it, 1 for such a region in prose, 0.5 for "global";
 *   <li>stack: 5 per CVE the actor is reported to exploit that is in the organisation's stack, 2
 *       per other known-exploited product of the stack it exploits;
 *   <li>exposure: 1 when the organisation faces the internet and the actor exploits public-facing
 *       applications or external remote services;
 *   <li>recency multiplies the sum: 1.0 if the latest dated activity is at most 2 years old, 0.7 up
 *       to 5, 0.4 beyond, 0.5 when nothing is dated.
 * </ul>
 */
public final class IntelAnalysis {
  static final double SECTOR_CURATED = 3;
  static final double SECTOR_PROSE = 2;
  static final double SECTOR_BROAD = 1.5;
  static final double COUNTRY_LISTED = 3;
  static final double COUNTRY_PROSE = 2;
  static final double REGION_LISTED = 1.5;
  static final double REGION_PROSE = 1;
  static final double GLOBAL = 0.5;
  static final double STACK_CVE = 5;
  static final double STACK_PRODUCT = 2;
  static final double EXPOSURE = 1;
  static final int MAX_CANDIDATES = 3;

  /** Sectors a "private sector" target does not stand for. */
  private static final Set<String> PUBLIC_SECTORS =
      Set.of("government", "defence", "intelligence", "diplomacy", "civil-society", "political");

  private static final Pattern TARGETING =
      Pattern.compile(
          "target|victim|against|compromis|intrusion|attack(s|ed)? (on|in)|operations? in|campaigns? in|espionage",
          Pattern.CASE_INSENSITIVE);
  private static final Set<String> EXPOSED_TECHNIQUES = Set.of("T1190", "T1133");

  private final Vocabulary vocab = Vocabulary.builtIn();

  /** Everything a report is computed from. */
  public record Inputs(
      OrgProfile profile,
      ThreatCatalog catalog,
      Stack stack,
      List<SigmaRule> rulesInForce,
      List<SigmaRule> ruleCatalog,
      Instant at) {}

  public IntelReport analyse(Inputs in) {
    List<String> notes = new ArrayList<>();
    Map<String, ActorBuilder> actors = actors(in.catalog(), notes);
    int year = LocalDate.ofInstant(in.at(), ZoneOffset.UTC).getYear();

    Map<String, ThreatCatalog.Kev> stackKev = new LinkedHashMap<>();
    in.stack().cveComponents().keySet().stream()
        .filter(in.catalog().kev::containsKey)
        .forEach(c -> stackKev.put(c, in.catalog().kev.get(c)));
    Set<String> stackProducts = new TreeSet<>();
    stackKev.values().forEach(k -> stackProducts.add(productKey(k)));

    List<Scored> scored = new ArrayList<>();
    for (ActorBuilder a : actors.values()) {
      Scored s = score(a, in, stackKev, stackProducts, year);
      if (s != null) {
        scored.add(s);
      }
    }
    scored.sort(
        Comparator.comparingDouble((Scored s) -> -s.score)
            .thenComparingInt(s -> -s.actor.techniques.size())
            .thenComparing(s -> s.actor.name));
    List<Scored> top = scored.subList(0, Math.min(in.profile().top(), scored.size()));
    List<RankedActor> ranked = new ArrayList<>();
    for (int i = 0; i < top.size(); i++) {
      Scored s = top.get(i);
      ranked.add(
          new RankedActor(
              i + 1,
              s.actor.name,
              s.actor.stixId,
              List.copyOf(s.actor.attackIds),
              s.actor.aliases.stream().limit(12).toList(),
              round(s.score),
              round(s.relevance),
              s.recency,
              s.actor.lastYear,
              s.evidence,
              s.actor.techniques.size(),
              List.copyOf(s.actor.cves.keySet())));
    }

    List<TechniqueRow> rows = techniques(in, top);
    Coverage coverage = coverage(rows);
    List<KevExposure> kev = new ArrayList<>();
    String today = LocalDate.ofInstant(in.at(), ZoneOffset.UTC).toString();
    for (ThreatCatalog.Kev k : stackKev.values()) {
      List<String> who = new ArrayList<>();
      for (ActorBuilder a : actors.values()) {
        if (a.cves.containsKey(k.cve())) {
          who.add(a.name);
        }
      }
      kev.add(
          new KevExposure(
              k.cve(),
              k.vendor(),
              k.product(),
              k.name(),
              k.dateAdded(),
              k.dueDate(),
              !k.dueDate().isEmpty() && k.dueDate().compareTo(today) < 0,
              k.ransomware(),
              List.copyOf(in.stack().cveComponents().get(k.cve())),
              who));
    }
    kev.sort(Comparator.comparing(KevExposure::dueDate).thenComparing(KevExposure::cve));
    if (in.stack().sources().isEmpty()) {
      notes.add("no SBOM or Bulwark report given: the stack factor and KEV ∩ stack are empty");
    }
    if (in.rulesInForce().isEmpty()) {
      notes.add("no Sigma rules in force given: every technique is a gap");
    }
    if (in.catalog().kev.isEmpty()) {
      notes.add("no KEV catalogue in the store: import known_exploited_vulnerabilities.json");
    }
    int withTech = (int) in.rulesInForce().stream().filter(r -> !r.techniques().isEmpty()).count();
    IntelReport.Inputs inputs =
        new IntelReport.Inputs(
            in.catalog().groupCount(),
            in.catalog().mispActorCount(),
            in.catalog().techniqueById.size(),
            in.catalog().kev.size(),
            in.stack().components().size(),
            in.stack().cveComponents().size(),
            in.rulesInForce().size(),
            withTech,
            in.ruleCatalog().size(),
            in.stack().seenTechniques().size());
    OrgProfile p = in.profile();
    return new IntelReport(
        p.name(),
        p.sectors(),
        p.countries(),
        p.exposure().name().toLowerCase(Locale.ROOT).replace('_', '-'),
        p.crownJewels(),
        StixIds.timestamp(in.at()),
        inputs,
        ranked,
        rows,
        coverage,
        kev,
        notes);
  }

  /** A mutable view of one actor while sources are merged into it. */
  static final class ActorBuilder {
    final String name;
    final String stixId;
    final Set<String> attackIds = new LinkedHashSet<>();
    final Set<String> aliases = new LinkedHashSet<>();
    final Set<String> techniques = new LinkedHashSet<>();
    final Map<String, String> cves = new LinkedHashMap<>();
    final List<Target> targets = new ArrayList<>();
    Integer lastYear;
    String lastYearWhy;

    ActorBuilder(String name, String stixId) {
      this.name = name;
      this.stixId = stixId;
    }

    void year(Integer y, String why) {
      if (y != null && (lastYear == null || y > lastYear)) {
        lastYear = y;
        lastYearWhy = why;
      }
    }
  }

  /** A targeting statement: kind (sector, country, region), value, strength, and who said it. */
  record Target(String kind, String value, double points, String detail, String source) {}

  private Map<String, ActorBuilder> actors(ThreatCatalog c, List<String> notes) {
    Map<String, ActorBuilder> out = new LinkedHashMap<>();
    Map<String, ActorBuilder> byName = new HashMap<>();
    for (ThreatCatalog.Group g : c.groupByStix.values()) {
      ActorBuilder a = new ActorBuilder(g.name(), g.stixId());
      if (g.attackId() != null) {
        a.attackIds.add(g.attackId());
      }
      a.aliases.addAll(g.aliases());
      a.techniques.addAll(g.techniqueStixIds());
      a.cves.putAll(g.cveWhere());
      a.year(g.lastYear(), g.lastYearWhy());
      String who = (g.attackId() != null ? g.attackId() + " " : "") + g.name();
      for (String sentence : g.description().split("(?<=[.!?])\\s+")) {
        if (!TARGETING.matcher(sentence).find()) {
          continue;
        }
        for (Vocabulary.Mention m : vocab.mentions(sentence)) {
          double pts =
              switch (m.kind()) {
                case "sector" -> SECTOR_PROSE;
                case "country" -> COUNTRY_PROSE;
                default -> REGION_PROSE;
              };
          a.targets.add(
              new Target(
                  m.kind(),
                  m.value(),
                  pts,
                  "description says \"" + excerpt(sentence, m.words()) + "\"",
                  g.source() + " " + who));
        }
      }
      out.put(g.stixId(), a);
      byName.put(g.name().toLowerCase(Locale.ROOT), a);
      g.aliases().forEach(al -> byName.putIfAbsent(al.toLowerCase(Locale.ROOT), a));
    }
    int linked = 0;
    int byNameLinked = 0;
    for (ThreatCatalog.Group m : c.mispActors) {
      List<ActorBuilder> into = new ArrayList<>();
      Map<String, String> why = new LinkedHashMap<>();
      ThreatCatalog.attackLinks(m.body())
          .forEach((gid, how) -> {
            ThreatCatalog.Group g = c.groupByAttackId.get(gid);
            if (g != null && !into.contains(out.get(g.stixId()))) {
              into.add(out.get(g.stixId()));
              why.put(g.stixId(), how);
            }
          });
      if (into.isEmpty()) {
        List<String> names = new ArrayList<>();
        names.add(m.name());
        names.addAll(m.aliases());
        for (String n : names) {
          ActorBuilder a = byName.get(n.toLowerCase(Locale.ROOT));
          if (a != null && !into.contains(a)) {
            into.add(a);
            why.put(a.stixId, "same name '" + n + "' (inferred)");
          }
        }
        if (!into.isEmpty()) {
          byNameLinked++;
        }
      } else {
        linked++;
      }
      if (into.isEmpty()) {
        ActorBuilder solo = new ActorBuilder(m.name(), m.stixId());
        solo.aliases.addAll(m.aliases());
        into.add(solo);
        why.put(m.stixId(), "");
        out.put(m.stixId(), solo);
      }
      for (ActorBuilder a : into) {
        String link = why.getOrDefault(a.stixId, "");
        String source = "MISP galaxy " + m.name() + (link.isEmpty() ? "" : " (" + link + ")");
        addMispTargets(a, m.body(), source);
        a.aliases.add(m.name());
        a.aliases.addAll(m.aliases());
        m.cveWhere().forEach(a.cves::putIfAbsent);
      }
    }
    notes.add(
        linked
            + " MISP actors linked to ATT&CK groups by the galaxy, "
            + byNameLinked
            + " more by name (inferred)");
    return out;
  }

  private static void addMispTargets(ActorBuilder a, JsonNode m, String source) {
    for (JsonNode s : m.path("x_bulwark_sectors")) {
      a.targets.add(
          new Target(
              "sector",
              s.asText(),
              SECTOR_CURATED,
              "targets " + raw(m, "x_misp_target_sectors"),
              source));
    }
    for (JsonNode c : m.path("x_bulwark_victim_countries")) {
      a.targets.add(
          new Target(
              "country",
              c.asText(),
              COUNTRY_LISTED,
              "lists " + c.asText() + " among suspected victims",
              source));
    }
    for (JsonNode r : m.path("x_bulwark_victim_regions")) {
      a.targets.add(
          new Target(
              "region",
              r.asText(),
              REGION_LISTED,
              "lists the region '" + r.asText() + "'",
              source));
    }
  }

  private static String raw(JsonNode m, String field) {
    List<String> out = new ArrayList<>();
    m.path(field).forEach(x -> out.add(x.asText()));
    return String.join(", ", out);
  }

  private record Scored(
      ActorBuilder actor,
      double relevance,
      double recency,
      double score,
      List<Evidence> evidence) {}

  private Scored score(
      ActorBuilder a,
      Inputs in,
      Map<String, ThreatCatalog.Kev> stackKev,
      Set<String> stackProducts,
      int year) {
    List<Evidence> ev = new ArrayList<>();
    double sector = 0;
    for (String s : in.profile().sectors()) {
      Target best = null;
      double pts = 0;
      for (Target t : a.targets) {
        if (!t.kind().equals("sector")) {
          continue;
        }
        double p =
            t.value().equals(s)
                ? t.points()
                : t.value().equals("private-sector") && !PUBLIC_SECTORS.contains(s)
                    // a broad category said in prose is weaker still than a curated one
                    ? (t.points() >= SECTOR_CURATED ? SECTOR_BROAD : SECTOR_BROAD / 1.5)
                    : 0;
        if (p > pts) {
          pts = p;
          best = t;
        }
      }
      if (best != null) {
        sector += pts;
        ev.add(new Evidence("sector " + s, best.detail(), best.source(), round(pts)));
      }
    }
    double country = 0;
    for (String c : in.profile().countries()) {
      Target best = null;
      double pts = 0;
      for (Target t : a.targets) {
        double p = 0;
        if (t.kind().equals("country") && t.value().equals(c)) {
          p = t.points();
        } else if (t.kind().equals("region")) {
          Set<String> members = vocab.region(t.value()).orElse(Set.of());
          if (members.contains("*")) {
            p = GLOBAL;
          } else if (members.contains(c)) {
            p = t.points();
          }
        }
        if (p > pts) {
          pts = p;
          best = t;
        }
      }
      if (best != null) {
        country += pts;
        ev.add(new Evidence("country " + c, best.detail(), best.source(), round(pts)));
      }
    }
    double stack = 0;
    Set<String> productsSeen = new TreeSet<>();
    for (Map.Entry<String, String> cve : a.cves.entrySet()) {
      Set<String> comps = in.stack().cveComponents().get(cve.getKey());
      if (comps != null) {
        stack += STACK_CVE;
        ThreatCatalog.Kev k = stackKev.get(cve.getKey());
        ev.add(
            new Evidence(
                "stack",
                "exploits "
                    + cve.getKey()
                    + ", present in "
                    + String.join(", ", comps)
                    + (k != null ? " (KEV, due " + k.dueDate() + ")" : ""),
                cve.getValue(),
                STACK_CVE));
        continue;
      }
      ThreatCatalog.Kev k = in.catalog().kev.get(cve.getKey());
      if (k != null && stackProducts.contains(productKey(k)) && productsSeen.add(productKey(k))) {
        stack += STACK_PRODUCT;
        ev.add(
            new Evidence(
                "stack",
                "exploits "
                    + cve.getKey()
                    + " in "
                    + k.vendor()
                    + " "
                    + k.product()
                    + ", a product the stack runs with a known-exploited vulnerability",
                cve.getValue(),
                STACK_PRODUCT));
      }
    }
    if (sector + country + stack == 0) {
      return null;
    }
    double exposure = 0;
    if (in.profile().exposure() == OrgProfile.Exposure.INTERNET_FACING) {
      for (String t : a.techniques) {
        ThreatCatalog.Technique tech = in.catalog().techniqueByStix.get(t);
        if (tech != null && EXPOSED_TECHNIQUES.contains(tech.id())) {
          exposure = EXPOSURE;
          ev.add(
              new Evidence(
                  "exposure",
                  "uses "
                      + tech.id()
                      + " "
                      + tech.name()
                      + " and the organisation faces the internet",
                  "ATT&CK",
                  EXPOSURE));
          break;
        }
      }
    }
    double recency;
    if (a.lastYear == null) {
      recency = 0.5;
      ev.add(new Evidence("recency", "no dated activity", "", 0.5));
    } else {
      int age = year - a.lastYear;
      recency = age <= 2 ? 1.0 : age <= 5 ? 0.7 : 0.4;
      ev.add(new Evidence("recency", a.lastYearWhy, "", recency));
    }
    double relevance = sector + country + stack + exposure;
    return new Scored(a, relevance, recency, relevance * recency, ev);
  }

  private List<TechniqueRow> techniques(Inputs in, List<Scored> top) {
    double total = top.stream().mapToDouble(s -> s.score).sum();
    Map<String, Double> weight = new LinkedHashMap<>();
    Map<String, List<String>> by = new HashMap<>();
    for (Scored s : top) {
      for (String stixId : s.actor.techniques) {
        ThreatCatalog.Technique t = in.catalog().techniqueByStix.get(stixId);
        if (t == null) {
          continue;
        }
        weight.merge(t.id(), total == 0 ? 0 : s.score / total, Double::sum);
        List<String> names = by.computeIfAbsent(t.id(), k -> new ArrayList<>());
        if (!names.contains(s.actor.name)) {
          names.add(s.actor.name);
        }
      }
    }
    boolean exposed = in.profile().exposure() == OrgProfile.Exposure.INTERNET_FACING;
    boolean internal = in.profile().exposure() == OrgProfile.Exposure.INTERNAL;
    Map<String, List<SigmaRule>> inForce = index(in.rulesInForce());
    Map<String, List<SigmaRule>> catalog = index(in.ruleCatalog());
    Set<String> inForceIds = new LinkedHashSet<>();
    in.rulesInForce().forEach(r -> inForceIds.add(r.id()));
    List<TechniqueRow> rows = new ArrayList<>();
    for (Map.Entry<String, Double> e : weight.entrySet()) {
      ThreatCatalog.Technique t = in.catalog().techniqueById.get(e.getKey());
      double w = e.getValue();
      if (t.tactics().contains("initial-access")) {
        w *= exposed ? 1.5 : internal ? 0.5 : 1.0;
      }
      List<String> exact = names(inForce.getOrDefault(t.id(), List.of()));
      List<String> seen = in.stack().seenTechniques().getOrDefault(t.id(), List.of());
      List<String> related = names(related(inForce, t.id()));
      Status status =
          !exact.isEmpty() || !seen.isEmpty()
              ? Status.DETECTED
              : !related.isEmpty() ? Status.PARTIAL : Status.GAP;
      List<CandidateRule> candidates = new ArrayList<>();
      if (status != Status.DETECTED) {
        List<SigmaRule> pool = new ArrayList<>(catalog.getOrDefault(t.id(), List.of()));
        pool.addAll(related(catalog, t.id()));
        for (SigmaRule r : pool) {
          if (candidates.size() >= MAX_CANDIDATES) {
            break;
          }
          if (!inForceIds.contains(r.id())
              && candidates.stream().noneMatch(c -> c.id().equals(r.id()))) {
            candidates.add(
                new CandidateRule(
                    r.id(),
                    r.title(),
                    r.author(),
                    r.logsource(),
                    r.file().getFileName().toString()));
          }
        }
      }
      Set<String> sources = new LinkedHashSet<>(t.dataComponents().stream().limit(6).toList());
      candidates.forEach(c -> sources.add("Sigma logsource " + c.logsource()));
      rows.add(
          new TechniqueRow(
              t.id(),
              t.name(),
              t.tactics(),
              round4(w),
              status,
              by.get(t.id()),
              status == Status.PARTIAL ? related : exact,
              seen,
              candidates,
              List.copyOf(sources)));
    }
    rows.sort(
        Comparator.comparingInt((TechniqueRow r) -> r.status().ordinal())
            .reversed()
            .thenComparingDouble(r -> -r.weight())
            .thenComparing(TechniqueRow::id));
    return rows;
  }

  private static Coverage coverage(List<TechniqueRow> rows) {
    int detected = 0;
    int partial = 0;
    int gaps = 0;
    int gapsWithCandidates = 0;
    double total = 0;
    double covered = 0;
    for (TechniqueRow r : rows) {
      total += r.weight();
      switch (r.status()) {
        case DETECTED -> {
          detected++;
          covered += r.weight();
        }
        case PARTIAL -> {
          partial++;
          covered += r.weight() / 2;
        }
        case GAP -> {
          gaps++;
          if (!r.candidates().isEmpty()) {
            gapsWithCandidates++;
          }
        }
      }
    }
    return new Coverage(
        rows.size(),
        detected,
        partial,
        gaps,
        total == 0 ? 0 : round4(covered / total),
        gapsWithCandidates);
  }

  private static Map<String, List<SigmaRule>> index(List<SigmaRule> rules) {
    Map<String, List<SigmaRule>> out = new HashMap<>();
    for (SigmaRule r : rules) {
      for (String t : r.techniques()) {
        out.computeIfAbsent(t, k -> new ArrayList<>()).add(r);
      }
    }
    return out;
  }

  /** Rules naming the parent of a sub-technique, or a sub-technique of a technique. */
  private static List<SigmaRule> related(Map<String, List<SigmaRule>> index, String id) {
    List<SigmaRule> out = new ArrayList<>();
    if (id.contains(".")) {
      out.addAll(index.getOrDefault(id.substring(0, id.indexOf('.')), List.of()));
    } else {
      index.entrySet().stream()
          .filter(e -> e.getKey().startsWith(id + "."))
          .sorted(Map.Entry.comparingByKey())
          .forEach(e -> out.addAll(e.getValue()));
    }
    return out;
  }

  private static List<String> names(List<SigmaRule> rules) {
    List<String> out = new ArrayList<>();
    for (SigmaRule r : rules) {
      String n = r.title().isEmpty() ? r.id() : r.title();
      if (!out.contains(n)) {
        out.add(n);
      }
    }
    return out;
  }

  private static String productKey(ThreatCatalog.Kev k) {
    return (k.vendor() + "|" + k.product()).toLowerCase(Locale.ROOT);
  }

  private static String excerpt(String sentence, String words) {
    String s =
        sentence
            .replaceAll("\\[([^\\]]+)\\]\\([^)]*\\)", "$1")
            .replaceAll("\\(Citation:[^)]*\\)", "");
    int i = s.toLowerCase(Locale.ROOT).indexOf(words.toLowerCase(Locale.ROOT));
    if (s.length() <= 160 || i < 0) {
      return s.strip();
    }
    int from = Math.max(0, i - 70);
    int to = Math.min(s.length(), i + words.length() + 70);
    return (from > 0 ? "…" : "") + s.substring(from, to).strip() + (to < s.length() ? "…" : "");
  }

  static double round(double d) {
    return Math.round(d * 100) / 100.0;
  }

  static double round4(double d) {
    return Math.round(d * 10000) / 10000.0;
  }
}
