package dev.bulwark.deps;

import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Region;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.model.TaxonomyRef;
import dev.bulwark.deps.match.VulnMatch;
import dev.bulwark.deps.model.Component;
import dev.bulwark.deps.model.Ecosystem;
import dev.bulwark.deps.reach.Reachability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Vulnerability matches as findings in the shared model. */
public final class VulnFindings {
  private VulnFindings() {}

  public static Finding of(VulnMatch m, Reachability.Verdict reach, Path baseDir) {
    Component c = m.component();
    Severity severity =
        m.kev().isPresent()
            ? Severity.CRITICAL
            : m.cvss()
                .map(cv -> Severity.parse(cv.rating().equals("none") ? "info" : cv.rating()))
                .orElse(fromDatabase(m));
    String fix =
        m.fixedIn()
            .map(v -> "Upgrade " + c.name() + " to " + v + " or later.")
            .orElse(
                "No fixed version is published; remove the package or mitigate per the advisory.");
    StringBuilder msg = new StringBuilder();
    msg.append(c.name()).append(' ').append(c.version()).append(" is affected by ").append(m.id());
    if (!m.summary().isBlank()) {
      msg.append(": ").append(m.summary().strip());
    }
    msg.append('.');
    m.kev()
        .ifPresent(k ->
            msg.append(" Known exploited (CISA KEV, added ")
                .append(k.dateAdded())
                .append(", due ")
                .append(k.dueDate())
                .append(")."));
    m.epss()
        .ifPresent(e ->
            msg.append(
                String.format(
                    Locale.ROOT,
                    " EPSS %.1f%% (percentile %.0f).",
                    e.score() * 100,
                    e.percentile() * 100)));
    if (!c.direct() && !c.via().isBlank()) {
      msg.append(" Arrives through ").append(c.via()).append('.');
    }
    Finding.Builder b =
        Finding.builder("deps", DepsAnalyzer.RULE)
            .title(m.id() + " in " + c.name() + " " + c.version())
            .message(msg.toString())
            .severity(severity)
            .confidence(c.via().startsWith("manifest of") ? Confidence.MEDIUM : Confidence.HIGH)
            .location(new Location.Package(c.purl(), c.manifest(), lineOf(c, baseDir)))
            .remediation(fix)
            .identity(c.ecosystem().name() + ":" + c.ecosystem().normalise(c.name()))
            .identity(m.id())
            .property("purl", c.purl())
            .property("vulnerability", m.id())
            .property("aliases", String.join(",", m.aliases()))
            .property("direct", Boolean.toString(c.direct()))
            .property("scope", c.scope())
            .property("reachability", reach.state().name().toLowerCase(Locale.ROOT))
            .property("reachabilityReason", reach.reason());
    m.fixedIn().ifPresent(v -> b.property("fixedIn", v));
    m.cvss()
        .ifPresent(cv ->
            b.property("cvss", cv.vector()).property("cvssScore", Double.toString(cv.score())));
    m.kev().ifPresent(k -> b.property("kev", "true").property("kevDueDate", k.dueDate()));
    m.epss()
        .ifPresent(e ->
            b.property("epss", Double.toString(e.score()))
                .property("epssPercentile", Double.toString(e.percentile())));
    for (String cwe : m.cwes()) {
      try {
        b.taxon(TaxonomyRef.parse(cwe));
      } catch (IllegalArgumentException e) {
        // an unparseable CWE label in an advisory is left out
      }
    }
    for (String id : concat(m.id(), m.aliases())) {
      if (id.startsWith("CVE-") || id.startsWith("GHSA-")) {
        b.taxon(TaxonomyRef.parse(id));
      }
    }
    return b.build();
  }

  private static List<String> concat(String id, List<String> aliases) {
    java.util.ArrayList<String> l = new java.util.ArrayList<>(aliases);
    l.add(0, id);
    return l;
  }

  private static Severity fromDatabase(VulnMatch m) {
    for (var a : m.advisories()) {
      if (a.databaseSeverity() != null) {
        String s = a.databaseSeverity().toLowerCase(Locale.ROOT);
        return Severity.parse(s.equals("moderate") ? "medium" : s);
      }
    }
    return Severity.MEDIUM;
  }

  /** The line of the manifest that names the package, when it is a text manifest. */
  private static Region lineOf(Component c, Path baseDir) {
    if (c.manifest() == null || baseDir == null) {
      return null;
    }
    Path p = baseDir.resolve(c.manifest());
    try {
      if (!Files.isRegularFile(p)
          || Files.size(p) > 16 << 20
          || c.manifest().endsWith(".jar")
          || c.manifest().endsWith(".war")) {
        return null;
      }
      String needle =
          c.ecosystem() == Ecosystem.MAVEN && c.name().contains(":")
              ? "<artifactId>" + c.name().substring(c.name().indexOf(':') + 1) + "</artifactId>"
              : c.name();
      List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains(needle)) {
          return new Region(i + 1, 0, i + 1, 0);
        }
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return null;
  }
}
