package dev.bulwark.deps.match;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.deps.db.AdvisoryDb;
import dev.bulwark.deps.model.Component;
import dev.bulwark.deps.model.Ecosystem;
import dev.bulwark.deps.osv.Advisory;
import dev.bulwark.deps.osv.Affects;
import dev.bulwark.deps.score.Cvss;
import dev.bulwark.deps.versions.Versions;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Matches packages against the advisory database by package URL coordinates — never by guessed
 * product names — with each ecosystem's own version order. Advisories that share an alias (a GHSA
 * and the CVE it describes, a PYSEC and its GHSA) are one vulnerability; withdrawn ones are
 * ignored.
 */
public final class Matcher {
  private final AdvisoryDb db;
  private final Map<String, List<Advisory>> cache = new HashMap<>();

  public Matcher(AdvisoryDb db) {
    this.db = db;
  }

  /** Loads every advisory into memory first: the faster way for large inventories. */
  public static Matcher preloaded(AdvisoryDb db) throws SQLException, InputException {
    Matcher m = new Matcher(db);
    m.cache.putAll(db.loadAll());
    m.kev = db.loadKev();
    m.epss = db.loadEpss();
    m.complete = true;
    return m;
  }

  private boolean complete;
  private Map<String, AdvisoryDb.Kev> kev;
  private Map<String, AdvisoryDb.Epss> epss;

  public List<VulnMatch> match(List<Component> components) throws SQLException, InputException {
    List<VulnMatch> out = new ArrayList<>();
    for (Component c : components) {
      out.addAll(match(c));
    }
    return out;
  }

  public List<VulnMatch> match(Component c) throws SQLException, InputException {
    if (c.version().isEmpty()) {
      return List.of();
    }
    String key = c.ecosystem() + ":" + c.ecosystem().normalise(c.name());
    List<Advisory> candidates = cache.get(key);
    if (candidates == null && complete) {
      candidates = List.of();
    }
    if (candidates == null) {
      candidates = db.forPackage(c.ecosystem(), c.name());
      cache.put(key, candidates);
    }
    List<Advisory> hits = new ArrayList<>();
    for (Advisory a : candidates) {
      if (a.isWithdrawn()) {
        continue;
      }
      for (Advisory.Affected af : a.affected()) {
        Optional<Ecosystem> e = Ecosystem.fromOsv(af.ecosystem());
        if (e.isPresent()
            && e.get() == c.ecosystem()
            && e.get().normalise(af.name()).equals(c.ecosystem().normalise(c.name()))
            && Affects.covers(af, c.ecosystem(), c.version())) {
          hits.add(a);
          break;
        }
      }
    }
    List<VulnMatch> out = new ArrayList<>();
    for (List<Advisory> group : groups(hits)) {
      out.add(build(c, group));
    }
    return out;
  }

  /** Advisories connected by a shared id or alias. */
  private static List<List<Advisory>> groups(List<Advisory> hits) {
    List<List<Advisory>> groups = new ArrayList<>();
    List<Set<String>> names = new ArrayList<>();
    for (Advisory a : hits) {
      Set<String> ids = new LinkedHashSet<>(a.aliases());
      ids.add(a.id());
      List<Integer> joined = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        if (names.get(i).stream().anyMatch(ids::contains)) {
          joined.add(i);
        }
      }
      List<Advisory> g = new ArrayList<>(List.of(a));
      for (int i = joined.size() - 1; i >= 0; i--) {
        int idx = joined.get(i);
        g.addAll(groups.remove(idx));
        ids.addAll(names.remove(idx));
      }
      groups.add(g);
      names.add(ids);
    }
    return groups;
  }

  private VulnMatch build(Component c, List<Advisory> group) throws SQLException {
    Set<String> all = new TreeSet<>();
    for (Advisory a : group) {
      all.add(a.id());
      all.addAll(a.aliases());
    }
    String id =
        all.stream()
            .filter(s -> s.startsWith("CVE-"))
            .findFirst()
            .orElse(
                all.stream()
                    .filter(s -> s.startsWith("GHSA-"))
                    .findFirst()
                    .orElse(group.get(0).id()));
    Comparator<String> order = Versions.order(c.ecosystem());
    Optional<String> fixed = Optional.empty();
    Optional<Cvss> best = Optional.empty();
    String summary = "";
    Set<String> cwes = new LinkedHashSet<>();
    Set<String> functions = new LinkedHashSet<>();
    for (Advisory a : group) {
      for (Advisory.Affected af : a.affected()) {
        if (Ecosystem.fromOsv(af.ecosystem()).orElse(null) == c.ecosystem()
            && c.ecosystem().normalise(af.name()).equals(c.ecosystem().normalise(c.name()))) {
          if (Affects.covers(af, c.ecosystem(), c.version())) {
            Optional<String> f = Affects.fixedAbove(af, c.ecosystem(), c.version());
            if (f.isPresent() && (fixed.isEmpty() || order.compare(f.get(), fixed.get()) > 0)) {
              fixed = f; // the highest of the per-range fixes covers every range this version is in
            }
          }
          functions.addAll(af.functions());
        }
      }
      for (Advisory.Severity s : a.severity()) {
        if (s.type().startsWith("CVSS_")) {
          try {
            Cvss cv = Cvss.parse(s.score());
            if (best.isEmpty() || preferred(cv, best.get())) {
              best = Optional.of(cv);
            }
          } catch (InputException e) {
            // a malformed vector in an advisory: scored from the other advisories
          }
        }
      }
      if (summary.isEmpty() && a.summary() != null) {
        summary = a.summary();
      }
      cwes.addAll(a.cwes());
    }
    all.remove(id);
    Optional<String> cve = id.startsWith("CVE-") ? Optional.of(id) : Optional.empty();
    return new VulnMatch(
        c,
        id,
        new ArrayList<>(all),
        group,
        fixed,
        best,
        cve.isEmpty()
            ? Optional.empty()
            : kev != null ? Optional.ofNullable(kev.get(cve.get())) : db.kev(cve.get()),
        cve.isEmpty()
            ? Optional.empty()
            : epss != null ? Optional.ofNullable(epss.get(cve.get())) : db.epss(cve.get()),
        summary,
        new ArrayList<>(cwes),
        new ArrayList<>(functions));
  }

  /** The newest CVSS version wins; within a version, the higher score. */
  private static boolean preferred(Cvss a, Cvss b) {
    int v = a.version().compareTo(b.version());
    return v != 0 ? v > 0 : a.score() > b.score();
  }

  /** For callers that want components keyed as the report shows them. */
  public static Map<String, List<VulnMatch>> byComponent(List<VulnMatch> matches) {
    Map<String, List<VulnMatch>> out = new LinkedHashMap<>();
    for (VulnMatch m : matches) {
      out.computeIfAbsent(m.component().key(), k -> new ArrayList<>()).add(m);
    }
    return out;
  }
}
