package dev.bulwark.deps.inventory;

import dev.bulwark.deps.Component;
import dev.bulwark.deps.Ecosystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Maven POMs: properties (own, parent's, {@code project.*}), parents found beside the POM or in the
 * local repository, dependencyManagement and imported BOMs, scopes. Transitive dependencies come
 * from the POMs in the local repository (~/.m2) when they are there — nearest declaration wins, as
 * in Maven; test, provided and optional dependencies of dependencies are left out.
 */
public final class MavenPom implements ManifestParser {
  private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");
  private static final int MAX_DEPTH = 8;
  private final Path repository;

  public MavenPom() {
    this(Path.of(System.getProperty("user.home"), ".m2", "repository"));
  }

  public MavenPom(Path repository) {
    this.repository = repository;
  }

  @Override
  public boolean accepts(String fileName) {
    return fileName.equals("pom.xml") || fileName.endsWith(".pom");
  }

  /** A POM after inheritance and interpolation. */
  record Model(
      String groupId,
      String artifactId,
      String version,
      Map<String, String> props,
      Map<String, String> managed,
      List<Dep> deps) {}

  /** A declared dependency. */
  record Dep(
      String groupId,
      String artifactId,
      String version,
      String scope,
      boolean optional,
      String type) {
    String key() {
      return groupId + ":" + artifactId;
    }
  }

  @Override
  public List<Component> parse(Path file, String relPath, byte[] content) throws ManifestException {
    Model m;
    try {
      m = model(content, file, 0);
    } catch (Exception e) {
      throw new ManifestException(relPath + ": cannot read the POM: " + e.getMessage(), e);
    }
    List<Component> out = new ArrayList<>();
    Map<String, String> chosen = new HashMap<>();
    ArrayDeque<Object[]> queue = new ArrayDeque<>();
    for (Dep d : m.deps()) {
      if (d.type() != null && d.type().equals("pom") && "import".equals(d.scope())) {
        continue;
      }
      String version = d.version() != null ? d.version() : m.managed().get(d.key());
      String scope = d.scope() == null ? "compile" : d.scope();
      out.add(
          new Component(
              Ecosystem.MAVEN, d.key(), version == null ? "" : version, relPath, scope, true, ""));
      chosen.put(d.key(), version);
      if (version != null && !scope.equals("test") && !scope.equals("system")) {
        queue.add(
            new Object[] {d.groupId(), d.artifactId(), version, scope, d.key(), 1, m.managed()});
      }
    }
    // breadth first, so the nearest declaration of a package wins
    Set<String> expanded = new HashSet<>();
    while (!queue.isEmpty()) {
      Object[] q = queue.poll();
      String coords = q[0] + ":" + q[1] + ":" + q[2];
      int depth = (int) q[5];
      if (depth > MAX_DEPTH || !expanded.add(coords)) {
        continue;
      }
      Optional<Model> dm = fromRepository((String) q[0], (String) q[1], (String) q[2], 0);
      if (dm.isEmpty()) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, String> rootManaged = (Map<String, String>) q[6];
      for (Dep d : dm.get().deps()) {
        String scope = d.scope() == null ? "compile" : d.scope();
        if (d.optional()
            || scope.equals("test")
            || scope.equals("provided")
            || scope.equals("system")
            || scope.equals("import")) {
          continue;
        }
        if (chosen.containsKey(d.key())) {
          continue;
        }
        String version =
            rootManaged.containsKey(d.key())
                ? rootManaged.get(d.key())
                : d.version() != null ? d.version() : dm.get().managed().get(d.key());
        if (version == null || version.startsWith("[") || version.startsWith("(")) {
          continue;
        }
        String inherited =
            q[3].equals("runtime") || scope.equals("runtime") ? "runtime" : "compile";
        chosen.put(d.key(), version);
        String via = q[4] + " > " + d.key();
        out.add(new Component(Ecosystem.MAVEN, d.key(), version, relPath, inherited, false, via));
        queue.add(
            new Object[] {
              d.groupId(), d.artifactId(), version, inherited, via, depth + 1, rootManaged
            });
      }
    }
    return out;
  }

  private Optional<Model> fromRepository(String g, String a, String v, int depth) {
    Path pom =
        repository.resolve(g.replace('.', '/')).resolve(a).resolve(v).resolve(a + "-" + v + ".pom");
    if (!Files.isRegularFile(pom)) {
      return Optional.empty();
    }
    try {
      return Optional.of(model(Files.readAllBytes(pom), pom, depth));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  Model model(byte[] content, Path file, int depth) throws Exception {
    Document doc = Xml.parse(content);
    Element project = doc.getDocumentElement();
    Map<String, String> props = new LinkedHashMap<>();
    Map<String, String> managed = new LinkedHashMap<>();
    Element parent = Xml.child(project, "parent");
    String groupId = Xml.text(project, "groupId");
    String version = Xml.text(project, "version");
    if (parent != null && depth < MAX_DEPTH) {
      String pg = Xml.text(parent, "groupId");
      String pa = Xml.text(parent, "artifactId");
      String pv = Xml.text(parent, "version");
      Optional<Model> pm =
          parentBeside(parent, file, pg, pa, depth).or(() -> fromRepository(pg, pa, pv, depth + 1));
      if (pm.isPresent()) {
        props.putAll(pm.get().props());
        managed.putAll(pm.get().managed());
      }
      groupId = groupId == null ? pg : groupId;
      version = version == null ? pv : version;
    }
    String artifactId = Xml.text(project, "artifactId");
    Element own = Xml.child(project, "properties");
    if (own != null) {
      org.w3c.dom.NodeList nl = own.getChildNodes();
      for (int i = 0; i < nl.getLength(); i++) {
        if (nl.item(i) instanceof Element p) {
          props.put(p.getTagName(), p.getTextContent().strip());
        }
      }
    }
    props.put("project.groupId", groupId == null ? "" : groupId);
    props.put("project.artifactId", artifactId == null ? "" : artifactId);
    props.put("project.version", version == null ? "" : version);
    props.put("pom.version", version == null ? "" : version);
    Element dm = Xml.child(project, "dependencyManagement");
    for (Element d : Xml.children(Xml.child(dm, "dependencies"), "dependency")) {
      Dep dep = dep(d, props);
      if ("import".equals(dep.scope())
          && "pom".equals(dep.type())
          && dep.version() != null
          && depth < MAX_DEPTH) {
        fromRepository(dep.groupId(), dep.artifactId(), dep.version(), depth + 1)
            .ifPresent(bom -> bom.managed().forEach(managed::putIfAbsent));
      } else if (dep.version() != null) {
        managed.put(dep.key(), dep.version());
      }
    }
    List<Dep> deps = new ArrayList<>();
    for (Element d : Xml.children(Xml.child(project, "dependencies"), "dependency")) {
      deps.add(dep(d, props));
    }
    return new Model(groupId, artifactId, version, props, managed, deps);
  }

  /** The parent POM at its relative path (default ../pom.xml) when it is the declared parent. */
  private Optional<Model> parentBeside(Element parent, Path file, String g, String a, int depth) {
    if (file == null || file.getParent() == null) {
      return Optional.empty();
    }
    String rel = Xml.text(parent, "relativePath");
    Path p =
        file.getParent().resolve(rel == null || rel.isBlank() ? "../pom.xml" : rel).normalize();
    if (Files.isDirectory(p)) {
      p = p.resolve("pom.xml");
    }
    if (!Files.isRegularFile(p)) {
      return Optional.empty();
    }
    try {
      Model m = model(Files.readAllBytes(p), p, depth + 1);
      return a.equals(m.artifactId()) && (g == null || g.equals(m.groupId()))
          ? Optional.of(m)
          : Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  private static Dep dep(Element d, Map<String, String> props) {
    return new Dep(
        interpolate(Xml.text(d, "groupId"), props),
        interpolate(Xml.text(d, "artifactId"), props),
        interpolate(Xml.text(d, "version"), props),
        Xml.text(d, "scope"),
        "true".equals(Xml.text(d, "optional")),
        Xml.text(d, "type"));
  }

  static String interpolate(String s, Map<String, String> props) {
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
      }
      m.appendTail(b);
      out = b.toString();
      if (!changed) {
        break;
      }
    }
    return out.contains("${") ? null : out;
  }
}
