package dev.bulwark.bench;

import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.Roots;
import dev.bulwark.core.maven.DependencyResolver;
import dev.bulwark.core.maven.EffectivePom;
import dev.bulwark.core.maven.LocalRepository;
import dev.bulwark.core.maven.MavenDependency;
import dev.bulwark.core.maven.PomReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Bulwark's Java analysis beside SpotBugs with Find Security Bugs, each as the process a user
 * starts, on the same project: Bulwark reads the sources ({@code bulwark scan --analyzer code},
 * through the launcher), SpotBugs the classes compiled from them with the project's dependencies on
 * its auxiliary class path. Both get the same maximum heap. SpotBugs and the plugin come from the
 * local Maven repository (nothing is downloaded here); compiling is done once, before timing.
 */
final class SpotBugsPeer {
  static final String SPOTBUGS = "com.github.spotbugs:spotbugs";
  static final String FIND_SEC_BUGS = "com.h3xstream.findsecbugs:findsecbugs-plugin";

  /** One side's figures: first run, median of the rest, and what it reported. */
  record Side(WholeProcess.Figures cold, WholeProcess.Figures warm, int findings) {}

  /** Both sides, measured in the same run on the same project. */
  record Comparison(int classes, long lines, Side bulwark, Side spotbugs) {
    String summary() {
      return String.format(
          Locale.ROOT,
          "code_peer_lines=%d%ncode_peer_classes=%d%n"
              + "code_process_bulwark_cpu_s=%.2f%ncode_process_bulwark_wall_s=%.2f%n"
              + "code_process_bulwark_peak_rss_mb=%d%ncode_process_bulwark_findings=%d%n"
              + "code_process_spotbugs_cpu_s=%.2f%ncode_process_spotbugs_wall_s=%.2f%n"
              + "code_process_spotbugs_peak_rss_mb=%d%ncode_process_spotbugs_findings=%d%n"
              + "code_process_cpu_ratio_vs_spotbugs=%.2f",
          lines,
          classes,
          bulwark.warm().cpuSeconds(),
          bulwark.warm().wallSeconds(),
          bulwark.warm().peakRssKb() >> 10,
          bulwark.findings(),
          spotbugs.warm().cpuSeconds(),
          spotbugs.warm().wallSeconds(),
          spotbugs.warm().peakRssKb() >> 10,
          spotbugs.findings(),
          bulwark.warm().cpuSeconds() / Math.max(0.01, spotbugs.warm().cpuSeconds()));
    }
  }

  private final LocalRepository repository;
  private final String spotbugsVersion;
  private final String findSecBugsVersion;

  SpotBugsPeer(LocalRepository repository, String spotbugsVersion, String findSecBugsVersion) {
    this.repository = repository;
    this.spotbugsVersion = spotbugsVersion;
    this.findSecBugsVersion = findSecBugsVersion;
  }

  /**
   * Compiles the tree, then runs each side {@code runs} times in turn (the first run of each is its
   * cold figure; the median of the rest its warm one).
   */
  Comparison run(Path suitePom, Path tree, long lines, Path work, int runs, PrintStream out)
      throws IOException, InterruptedException, InputException {
    if (!WholeProcess.available()) {
      throw new InputException(
          "bench code --peer spotbugs needs " + WholeProcess.GNU_TIME + " (Debian's time package)");
    }
    Path launcher = dev.bulwark.eval.Home.dir().resolve("bulwark");
    if (!Files.isExecutable(launcher)) {
      throw new InputException(launcher + ": the bulwark launcher is needed to run Bulwark");
    }
    List<Path> spotbugs = toolClasspath(SPOTBUGS, spotbugsVersion);
    Path plugin =
        jar(FIND_SEC_BUGS, findSecBugsVersion)
            .orElseThrow(() -> missing(FIND_SEC_BUGS, findSecBugsVersion));
    List<Path> dependencies = projectClasspath(suitePom);
    Path classes = work.resolve("classes");
    int classCount = compile(tree, dependencies, classes, out);

    String heap = "-Xmx" + launcherHeapMb() + "m";
    Path bulwarkReport = work.resolve("bulwark.json");
    Path spotbugsReport = work.resolve("spotbugs.xml");
    List<String> bulwark =
        List.of(
            launcher.toString(),
            "scan",
            tree.toString(),
            "--analyzer",
            "code",
            "--no-progress",
            "--format",
            "json",
            "-o",
            bulwarkReport.toString());
    List<String> peer = new ArrayList<>();
    peer.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    peer.add(heap);
    peer.add("-cp");
    peer.add(
        String.join(java.io.File.pathSeparator, spotbugs.stream().map(Path::toString).toList()));
    peer.add("edu.umd.cs.findbugs.FindBugs2");
    peer.addAll(
        List.of(
            "-quiet",
            "-pluginList",
            plugin.toString(),
            "-auxclasspath",
            String.join(
                java.io.File.pathSeparator, dependencies.stream().map(Path::toString).toList()),
            "-xml:withMessages",
            "-output",
            spotbugsReport.toString(),
            classes.toString()));
    // both with the heap the launcher gives Bulwark by default, so neither has more room
    Map<String, String> env = Map.of("BULWARK_JAVA_OPTS", heap);

    List<WholeProcess.Figures> ours = new ArrayList<>();
    List<WholeProcess.Figures> theirs = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      Files.deleteIfExists(bulwarkReport);
      Files.deleteIfExists(spotbugsReport);
      WholeProcess.Figures b = WholeProcess.run(bulwark, env);
      if (b.exit() > 1) {
        throw new IOException("exit status " + b.exit() + " from " + String.join(" ", bulwark));
      }
      WholeProcess.Figures s = WholeProcess.run(peer, Map.of());
      if (s.exit() != 0 || !Files.isRegularFile(spotbugsReport)) {
        throw new IOException("exit status " + s.exit() + " from " + String.join(" ", peer));
      }
      ours.add(b);
      theirs.add(s);
      out.printf(
          Locale.ROOT,
          "run %d: bulwark scan --analyzer code %s, %.1f s; spotbugs + find-sec-bugs %s, %.1f s%n",
          i + 1,
          b.describe(),
          b.wallSeconds(),
          s.describe(),
          s.wallSeconds());
    }
    Side bulwarkSide = side(ours, count(bulwarkReport, "\"ruleId\""));
    Side spotbugsSide = side(theirs, count(spotbugsReport, "<BugInstance "));
    out.printf(
        Locale.ROOT,
        "whole processes on %d lines (%d classes): Bulwark (sources, %s) %s, %.1f s wall,"
            + " %d findings; SpotBugs %s + Find Security Bugs %s (classes, default effort) %s,"
            + " %.1f s wall, %d bug instances; Bulwark uses %.2fx its CPU (median of %d)%n",
        lines,
        classCount,
        heap,
        bulwarkSide.warm().describe(),
        bulwarkSide.warm().wallSeconds(),
        bulwarkSide.findings(),
        spotbugsVersion,
        findSecBugsVersion,
        spotbugsSide.warm().describe(),
        spotbugsSide.warm().wallSeconds(),
        spotbugsSide.findings(),
        bulwarkSide.warm().cpuSeconds() / Math.max(0.01, spotbugsSide.warm().cpuSeconds()),
        Math.max(1, runs - 1));
    return new Comparison(classCount, lines, bulwarkSide, spotbugsSide);
  }

  private static Side side(List<WholeProcess.Figures> runs, int findings) {
    List<WholeProcess.Figures> warm = runs.size() > 1 ? runs.subList(1, runs.size()) : runs;
    return new Side(runs.get(0), WholeProcess.median(warm), findings);
  }

  private static int count(Path report, String marker) throws IOException {
    String text = Files.readString(report, StandardCharsets.UTF_8);
    int n = 0;
    for (int i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + 1)) {
      n++;
    }
    return n;
  }

  /** The heap the launcher gives by default: a quarter of RAM, at most 2 GB, at least 256 MB. */
  static long launcherHeapMb() {
    long quarter = 2048;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        Matcher m = Pattern.compile("^MemTotal:\\s+(\\d+) kB").matcher(line);
        if (m.find()) {
          quarter = Long.parseLong(m.group(1)) / 4096;
        }
      }
    } catch (IOException | RuntimeException e) {
      // no /proc: the launcher's cap
    }
    return Math.max(256, Math.min(2048, quarter));
  }

  private InputException missing(String coordinates, String version) {
    return new InputException(
        coordinates
            + ":"
            + version
            + " is not in the local Maven repository "
            + repository.root()
            + "; fetch it once with ./mvnw dependency:get -Dartifact="
            + coordinates
            + ":"
            + version
            + " (or pass --repository)");
  }

  private Optional<Path> jar(String coordinates, String version) {
    String[] ga = coordinates.split(":");
    return repository.classpathEntry(
        new MavenDependency(ga[0], ga[1], version, "jar", "", null, false, List.of(), null),
        version);
  }

  private PomReader reader(Path root) {
    return new PomReader(repository, Roots.of(root), "bench", DiagnosticSink.ignoring());
  }

  /** A tool's jar and what it needs at run time, from the local repository. */
  List<Path> toolClasspath(String coordinates, String version) throws InputException {
    String[] ga = coordinates.split(":");
    Path self = jar(coordinates, version).orElseThrow(() -> missing(coordinates, version));
    EffectivePom pom =
        reader(repository.root())
            .fromRepository(ga[0], ga[1], version)
            .orElseThrow(() -> missing(coordinates, version));
    Set<Path> cp = new LinkedHashSet<>();
    cp.add(self);
    cp.addAll(resolved(pom, DependencyResolver.Options.inventory(), false));
    return List.copyOf(cp);
  }

  /** The project's compile class path (what its POM needs), from the local repository. */
  List<Path> projectClasspath(Path pom) throws InputException {
    EffectivePom model;
    try {
      model = reader(pom.getParent()).read(pom, pom.toString());
    } catch (IOException e) {
      throw new InputException(pom + ": cannot read: " + e.getMessage(), e);
    }
    return resolved(model, DependencyResolver.Options.classpath(), true);
  }

  private List<Path> resolved(EffectivePom pom, DependencyResolver.Options options, boolean compile)
      throws InputException {
    List<Path> out = new ArrayList<>();
    List<String> absent = new ArrayList<>();
    for (DependencyResolver.Resolved r :
        new DependencyResolver(reader(repository.root())).resolve(pom, options)) {
      MavenDependency d = r.dependency();
      boolean wanted =
          compile
              ? !r.scope().equals("test") && !r.scope().equals("system")
              : r.scope().equals("compile") || r.scope().equals("runtime");
      if (!wanted || d.type().equals("pom") || d.optional() && !r.direct()) {
        continue;
      }
      Optional<Path> jar =
          r.version() == null ? Optional.empty() : repository.classpathEntry(d, r.version());
      if (jar.isPresent()) {
        out.add(jar.get());
      } else {
        absent.add(d.key() + ":" + r.version());
      }
    }
    if (!absent.isEmpty()) {
      throw new InputException(
          "not in the local Maven repository "
              + repository.root()
              + ": "
              + String.join(", ", absent)
              + " (resolve them once with Maven, e.g. ./mvnw -f POM dependency:resolve)");
    }
    return out;
  }

  /** Compiles the tree's Java sources once (kept while the tree is unchanged); returns classes. */
  static int compile(Path tree, List<Path> classpath, Path classes, PrintStream out)
      throws IOException, InputException {
    Path marker = classes.resolveSibling("classes.properties");
    List<Path> sources;
    try (Stream<Path> s = Files.walk(tree)) {
      sources = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    String expected = "tree=" + tree.toAbsolutePath() + "\nsources=" + sources.size() + "\n";
    if (Files.isRegularFile(marker)
        && Files.readString(marker, StandardCharsets.UTF_8).equals(expected)) {
      return classCount(classes);
    }
    if (Files.exists(classes)) {
      try (Stream<Path> s = Files.walk(classes)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(classes);
    javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new InputException("compiling the suite needs a JDK (no system Java compiler)");
    }
    List<String> args = new ArrayList<>();
    args.addAll(List.of("-d", classes.toString(), "-g", "-nowarn", "-proc:none", "-encoding"));
    args.add("UTF-8");
    args.add("-cp");
    args.add(
        String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList()));
    sources.forEach(p -> args.add(p.toString()));
    java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
    out.printf(Locale.ROOT, "compiling %d sources for SpotBugs…%n", sources.size());
    int rc = javac.run(null, null, errors, args.toArray(String[]::new));
    if (rc != 0) {
      String text = errors.toString(StandardCharsets.UTF_8);
      throw new InputException(
          "the suite does not compile: " + text.substring(0, Math.min(2000, text.length())));
    }
    Files.writeString(marker, expected, StandardCharsets.UTF_8);
    return classCount(classes);
  }

  private static int classCount(Path classes) throws IOException {
    try (Stream<Path> s = Files.walk(classes)) {
      return (int) s.filter(p -> p.toString().endsWith(".class")).count();
    }
  }
}
