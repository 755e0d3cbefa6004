package dev.bulwark.core.maven;

import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.files.Roots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Maven POMs as Maven would model them — parents, properties, dependency management and
 * imported BOMs — without running Maven: nothing a project declares (plugins, extensions, {@code
 * .mvn} settings, wrapper scripts) is ever executed. Reading is confined: a parent named by {@code
 * <relativePath>} is read only when it is a regular file inside the roots, and repository POMs only
 * from inside the local repository; every POM is limited in size, parent chains in length and
 * cycles are cut. What is skipped is reported.
 */
public final class PomReader {
  /** Larger than any real POM (Spring Boot's BOM is about 150 KB). */
  public static final long MAX_POM_BYTES = 4L << 20;

  private static final int MAX_DEPTH = 16;
  private static final int MAX_INTERPOLATED = 16 * 1024;
  private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

  private final LocalRepository repository;
  private final Roots repositoryRoot;
  private final Roots roots;
  private final String source;
  private final DiagnosticSink diagnostics;
  private final Map<String, Optional<EffectivePom>> cache = new ConcurrentHashMap<>();

  /**
   * @param roots where project POMs and their parents may be read from
   * @param source the diagnostics' source ({@code deps}, {@code fix})
   */
  public PomReader(
      LocalRepository repository, Roots roots, String source, DiagnosticSink diagnostics) {
    this.repository = repository;
    this.repositoryRoot = Roots.of(repository.root());
    this.roots = roots;
    this.source = source;
    this.diagnostics = diagnostics;
  }

  public LocalRepository repository() {
    return repository;
  }

  /** Reads a project POM from disk; it must be a regular file inside the roots. */
  public EffectivePom read(Path pom, String display) throws IOException {
    Optional<String> refused = roots.refusal(pom);
    if (refused.isPresent()) {
      throw new IOException(display + " " + refused.get());
    }
    return read(pom, Roots.readBounded(pom.toRealPath(), MAX_POM_BYTES), display);
  }

  /** Reads a project POM whose bytes are at hand; {@code display} names it in diagnostics. */
  public EffectivePom read(Path pom, byte[] content, String display) throws IOException {
    if (content.length > MAX_POM_BYTES) {
      throw new MalformedPomException("larger than " + (MAX_POM_BYTES >> 20) + " MB");
    }
    Set<String> chain = new HashSet<>();
    chain.add(key(pom));
    return build(document(content, display), pom, display, false, chain, 0);
  }

  /** The POM of these coordinates from the local repository, if it is there and readable. */
  public Optional<EffectivePom> fromRepository(String g, String a, String v) {
    return fromRepository(g, a, v, new HashSet<>(), 0);
  }

  private Optional<EffectivePom> fromRepository(
      String g, String a, String v, Set<String> chain, int depth) {
    if (!LocalRepository.safeCoordinates(g, a, v) || depth > MAX_DEPTH) {
      return Optional.empty();
    }
    String coords = g + ":" + a + ":" + v;
    Optional<EffectivePom> known = cache.get(coords);
    if (known != null) {
      return known;
    }
    if (chain.contains(coords)) {
      return Optional.empty();
    }
    Path pom = repository.pom(g, a, v);
    if (!Files.isRegularFile(pom) || repositoryRoot.refusal(pom).isPresent()) {
      cache.put(coords, Optional.empty());
      return Optional.empty();
    }
    Optional<EffectivePom> m;
    try {
      Set<String> next = new HashSet<>(chain);
      next.add(coords);
      m =
          Optional.of(
              build(
                  PomXml.parse(Roots.readBounded(pom.toRealPath(), MAX_POM_BYTES)).root(),
                  pom,
                  coords,
                  true,
                  next,
                  depth));
    } catch (IOException e) {
      diagnostics.report(
          Diagnostic.note(source, pom.toString(), "repository POM not read: " + e.getMessage()));
      m = Optional.empty();
    }
    cache.put(coords, m);
    return m;
  }

  private EffectivePom build(
      PomXml.Element project,
      Path file,
      String display,
      boolean fromRepository,
      Set<String> chain,
      int depth) {
    Map<String, String> props = new LinkedHashMap<>();
    Map<String, MavenDependency> managed = new LinkedHashMap<>();
    List<MavenDependency> inherited = List.of();
    String groupId = project.text("groupId");
    String version = project.text("version");
    PomXml.Element parent = project.child("parent");
    String pg = null;
    String pa = null;
    String pv = null;
    if (parent != null) {
      pg = parent.text("groupId");
      pa = parent.text("artifactId");
      pv = parent.text("version");
      Optional<EffectivePom> pm = Optional.empty();
      if (depth >= MAX_DEPTH) {
        diagnostics.report(
            Diagnostic.warning(
                source, display, "parent POMs nested deeper than " + MAX_DEPTH + "; not read"));
      } else {
        if (!fromRepository) {
          pm = parentBeside(parent, file, display, pg, pa, chain, depth);
        }
        if (pm.isEmpty() && pa != null) {
          pm = fromRepository(pg, pa, pv, chain, depth + 1);
        }
      }
      if (pm.isPresent()) {
        props.putAll(pm.get().properties());
        managed.putAll(pm.get().managed());
        inherited = pm.get().dependencies();
      }
      groupId = groupId == null ? pg : groupId;
      version = version == null ? pv : version;
    }
    String artifactId = project.text("artifactId");
    String packaging = project.text("packaging");
    PomXml.Element own = project.child("properties");
    if (own != null) {
      for (PomXml.Element p : own.children()) {
        props.put(p.name(), p.text());
      }
    }
    props.put("project.groupId", nz(groupId));
    props.put("project.artifactId", nz(artifactId));
    props.put("project.version", nz(version));
    props.put("project.packaging", packaging == null ? "jar" : packaging);
    props.put("pom.groupId", nz(groupId));
    props.put("pom.artifactId", nz(artifactId));
    props.put("pom.version", nz(version));
    props.put("version", nz(version));
    if (parent != null) {
      props.put("project.parent.groupId", nz(pg));
      props.put("project.parent.artifactId", nz(pa));
      props.put("project.parent.version", nz(pv));
    }
    if (!fromRepository && file.getParent() != null) {
      String dir = file.toAbsolutePath().getParent().toString();
      props.put("basedir", dir);
      props.put("project.basedir", dir);
    }
    PomXml.Element dm = project.child("dependencyManagement");
    List<MavenDependency> imports = new ArrayList<>();
    for (PomXml.Element e : dependencies(dm == null ? null : dm.child("dependencies"))) {
      MavenDependency d = dependency(e, props, display, !fromRepository);
      if (d == null) {
        continue;
      }
      if (d.isImport()) {
        imports.add(d);
      } else {
        managed.put(d.managementKey(), d);
      }
    }
    // a POM's own management wins over what it imports; earlier imports win over later ones
    for (MavenDependency bom : imports) {
      if (bom.version() == null) {
        continue;
      }
      Optional<EffectivePom> imported =
          depth >= MAX_DEPTH
              ? Optional.empty()
              : fromRepository(bom.groupId(), bom.artifactId(), bom.version(), chain, depth + 1);
      imported.ifPresent(b -> b.managed().forEach(managed::putIfAbsent));
    }
    Map<String, MavenDependency> deps = new LinkedHashMap<>();
    for (PomXml.Element e : dependencies(project.child("dependencies"))) {
      MavenDependency d = dependency(e, props, display, !fromRepository);
      if (d != null) {
        deps.putIfAbsent(d.managementKey(), d);
      }
    }
    for (MavenDependency d : inherited) {
      deps.putIfAbsent(d.managementKey(), d);
    }
    List<MavenDependency> effective = new ArrayList<>();
    for (MavenDependency d : deps.values()) {
      effective.add(managed(d, managed));
    }
    return new EffectivePom(
        interpolate(groupId, props),
        interpolate(artifactId, props),
        interpolate(version, props),
        packaging,
        file,
        props,
        managed,
        effective);
  }

  /** Fills what a dependency leaves open from its managed entry. */
  private static MavenDependency managed(MavenDependency d, Map<String, MavenDependency> managed) {
    MavenDependency m = managed.get(d.managementKey());
    if (m == null) {
      return d;
    }
    MavenDependency out = d;
    if (out.version() == null && m.version() != null) {
      out = out.withVersion(m.version());
    }
    if (out.scope() == null && m.scope() != null) {
      out = out.withScope(m.scope());
    }
    if (out.exclusions().isEmpty() && !m.exclusions().isEmpty()) {
      out = out.withExclusions(m.exclusions());
    }
    return out;
  }

  /** The parent at its {@code <relativePath>} (default ../pom.xml), when it is the one declared. */
  private Optional<EffectivePom> parentBeside(
      PomXml.Element parent,
      Path file,
      String display,
      String g,
      String a,
      Set<String> chain,
      int depth) {
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null || a == null) {
      return Optional.empty();
    }
    PomXml.Element relElement = parent.child("relativePath");
    String rel = relElement == null ? "../pom.xml" : relElement.text();
    if (rel.isEmpty()) {
      return Optional.empty(); // <relativePath/>: the parent comes from a repository
    }
    Path p;
    try {
      p = dir.resolve(rel).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      return Optional.empty();
    }
    if (Files.isDirectory(p)) {
      p = p.resolve("pom.xml");
    }
    if (!Files.exists(p)) {
      return Optional.empty();
    }
    Optional<String> refused = roots.refusal(p);
    if (refused.isPresent()) {
      diagnostics.report(
          Diagnostic.warning(
              source,
              display,
              "parent POM "
                  + rel
                  + " "
                  + refused.get()
                  + "; not read (the local repository's copy of "
                  + a
                  + " is used if it has one)"));
      return Optional.empty();
    }
    try {
      Path real = p.toRealPath();
      String k = key(real);
      if (chain.contains(k)) {
        diagnostics.report(
            Diagnostic.warning(source, display, "parent POMs form a cycle at " + rel));
        return Optional.empty();
      }
      Set<String> next = new HashSet<>(chain);
      next.add(k);
      EffectivePom m =
          build(
              document(Roots.readBounded(real, MAX_POM_BYTES), display + " > " + rel),
              real,
              display + " > " + rel,
              false,
              next,
              depth + 1);
      return a.equals(m.artifactId()) && (g == null || g.equals(m.groupId()))
          ? Optional.of(m)
          : Optional.empty();
    } catch (IOException e) {
      diagnostics.report(
          Diagnostic.warning(
              source, display, "parent POM " + rel + " not read: " + e.getMessage()));
      return Optional.empty();
    }
  }

  /**
   * A project POM's document element. A DOCTYPE is ignored rather than refused, so a declaration
   * cannot make a POM (and its vulnerable dependencies) disappear; it is still worth knowing.
   */
  private PomXml.Element document(byte[] content, String display) throws MalformedPomException {
    PomXml.Document doc = PomXml.parse(content);
    if (doc.entityReferences() > 0) {
      diagnostics.report(
          Diagnostic.warning(
              source,
              display,
              "has a DOCTYPE and "
                  + doc.entityReferences()
                  + " entity reference(s); the DOCTYPE was ignored and the references read as"
                  + " empty (entities are never expanded or fetched)"));
    } else if (doc.doctype()) {
      diagnostics.report(Diagnostic.note(source, display, "has a DOCTYPE; it was ignored"));
    }
    return doc.root();
  }

  private static List<PomXml.Element> dependencies(PomXml.Element list) {
    return list == null ? List.of() : list.all("dependency");
  }

  private MavenDependency dependency(
      PomXml.Element d, Map<String, String> props, String display, boolean report) {
    String g = interpolate(d.text("groupId"), props);
    String a = interpolate(d.text("artifactId"), props);
    if (g == null || a == null || g.isEmpty() || a.isEmpty()) {
      if (report) {
        diagnostics.report(
            Diagnostic.note(
                source,
                display,
                "a dependency whose group or artifact id cannot be resolved ("
                    + d.text("groupId")
                    + ":"
                    + d.text("artifactId")
                    + ") was left out"));
      }
      return null;
    }
    List<String> exclusions = new ArrayList<>();
    PomXml.Element ex = d.child("exclusions");
    if (ex != null) {
      for (PomXml.Element e : ex.all("exclusion")) {
        String eg = interpolate(e.text("groupId"), props);
        String ea = interpolate(e.text("artifactId"), props);
        exclusions.add((eg == null ? "*" : eg) + ":" + (ea == null ? "*" : ea));
      }
    }
    return new MavenDependency(
        g,
        a,
        interpolate(d.text("version"), props),
        interpolate(d.text("type"), props),
        interpolate(d.text("classifier"), props),
        interpolate(d.text("scope"), props),
        "true".equals(interpolate(d.text("optional"), props)),
        exclusions,
        interpolate(d.text("systemPath"), props));
  }

  /**
   * Replaces {@code ${name}} with the properties, nested references included; null when something
   * stays unresolved. Growth is bounded, so properties that refer to each other many times over
   * cannot blow up.
   */
  public static String interpolate(String s, Map<String, String> props) {
    if (s == null) {
      return null;
    }
    String out = s;
    for (int i = 0; i < 10 && out.contains("${"); i++) {
      Matcher m = PROPERTY.matcher(out);
      StringBuilder b = new StringBuilder();
      boolean changed = false;
      while (m.find()) {
        String v = props.get(m.group(1));
        if (v != null) {
          changed = true;
        }
        m.appendReplacement(b, Matcher.quoteReplacement(v != null ? v : m.group()));
        if (b.length() > MAX_INTERPOLATED) {
          return null;
        }
      }
      m.appendTail(b);
      out = b.toString();
      if (!changed) {
        break;
      }
    }
    return out.contains("${") || out.length() > MAX_INTERPOLATED ? null : out;
  }

  private static String key(Path p) {
    try {
      return p.toRealPath().toString();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize().toString();
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
