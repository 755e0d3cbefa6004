package dev.bulwark.code.fix;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.TypeDeclaration;
import dev.bulwark.code.fix.spi.Candidate;
import dev.bulwark.code.fix.spi.FixContext;
import dev.bulwark.code.fix.spi.FixTemplate;
import dev.bulwark.code.fix.templates.Templates;
import dev.bulwark.code.project.ClassInfo;
import dev.bulwark.code.project.ProjectModel;
import dev.bulwark.code.project.SourceUnit;
import dev.bulwark.code.rules.RulePacks;
import dev.bulwark.code.taint.Analysis;
import dev.bulwark.core.analysis.Cancellation;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.SourceFile;
import dev.bulwark.core.files.SourceTree;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Fix;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Region;
import dev.bulwark.core.text.UnifiedDiff;
import dev.bulwark.core.verify.Check;
import dev.bulwark.core.verify.Decision;
import dev.bulwark.core.verify.Proposal;
import dev.bulwark.core.verify.ProposalLog;
import dev.bulwark.core.verify.Verifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Finds the code findings of a source tree, proposes patches for them (templates first, then the
 * optional LLM), and verifies every patch before calling it verified: the patched file parses, the
 * re-run analysis no longer reports the finding and reports nothing new, and javac compiles the
 * file against the project's sources and class path with no error the original did not have.
 * Verified patches accumulate, file by file, so each is checked on top of the ones before.
 */
public final class FixEngine {

  /** What to fix. */
  public record Options(
      Set<String> rules, Set<String> fingerprints, Optional<ProposalSource> llm, int threads) {
    public Options {
      rules = Set.copyOf(rules);
      fingerprints = Set.copyOf(fingerprints);
    }
  }

  /** A source of extra candidates (the LLM) used when no template fits or none verifies. */
  public interface ProposalSource {
    List<Candidate> propose(FixContext ctx) throws InterruptedException;
  }

  /** What happened to one finding. */
  public record Outcome(Finding finding, Fix.Status status, Optional<Fix> fix, String reason) {
    public Finding withFix() {
      return fix.map(finding::withFix).orElse(finding);
    }
  }

  /** The whole run: outcomes, patched texts of changed files, and the dependencies to add. */
  public record Result(
      List<Outcome> outcomes,
      Map<String, String> patchedFiles,
      Map<String, String> originalFiles,
      Map<String, Set<Candidate.Dependency>> dependencies,
      Collection<Finding> findingsBefore,
      Stats stats) {}

  /** Counters for scorecards. */
  public record Stats(
      int candidates, int candidatesCompiled, int compileChecks, boolean classpathResolved) {}

  private final Path root;
  private final SourceTree tree;
  private final RulePacks.Loaded rules;
  private final Options options;
  private final DiagnosticSink diagnostics;
  private final ProposalLog proposalLog;
  private int candidates;
  private int candidatesCompiled;
  private int compileChecks;

  public FixEngine(Path root, SourceTree tree, Options options, DiagnosticSink diagnostics)
      throws InputException {
    this(root, tree, options, diagnostics, ProposalLog.memory());
  }

  /** An engine that records every patch proposal and its verification in {@code log}. */
  public FixEngine(
      Path root, SourceTree tree, Options options, DiagnosticSink diagnostics, ProposalLog log)
      throws InputException {
    this.proposalLog = log;
    this.root = root;
    this.tree = tree;
    this.rules = RulePacks.builtIn();
    this.options = options;
    this.diagnostics = diagnostics;
  }

  public Result run() throws InterruptedException, IOException {
    List<SourceFile> java =
        tree.files().stream().filter(f -> f.extension().equals("java")).toList();
    ProjectModel project =
        ProjectModel.load(
            tree, rules.library(), options.threads(), new Cancellation(), diagnostics);
    Collection<Finding> all =
        Analysis.run(project, rules, options.threads(), new Cancellation(), c -> {}, diagnostics);
    Map<String, Path> absolute = new HashMap<>();
    for (SourceFile f : java) {
      absolute.put(f.relativePath(), f.path());
    }
    // findings to fix, grouped by file in a stable order
    Map<String, List<Finding>> byFile = new TreeMap<>();
    for (Finding f : all) {
      if (!(f.primaryLocation() instanceof Location.File loc) || loc.region() == null) {
        continue;
      }
      if (!options.rules().isEmpty() && !options.rules().contains(f.ruleId())) {
        continue;
      }
      if (!options.fingerprints().isEmpty() && !options.fingerprints().contains(f.fingerprint())) {
        continue;
      }
      byFile.computeIfAbsent(loc.path(), k -> new ArrayList<>()).add(f);
    }
    byFile.values().forEach(l -> l.sort((a, b) -> Integer.compare(line(a), line(b))));

    State state = new State(project);
    List<Outcome> outcomes = new ArrayList<>();
    Map<String, String> originals = new LinkedHashMap<>();
    Map<String, Set<Candidate.Dependency>> deps = new LinkedHashMap<>();
    Map<Path, CompileCheck> checks = new HashMap<>();
    for (Map.Entry<String, List<Finding>> e : byFile.entrySet()) {
      String path = e.getKey();
      Path file = absolute.get(path);
      if (file == null) {
        continue;
      }
      String original = Files.readString(file, StandardCharsets.UTF_8);
      originals.put(path, original);
      String current = original;
      Optional<Path> pom = Classpaths.pomFor(file.getParent(), root);
      CompileCheck check =
          checks.computeIfAbsent(pom.orElse(root), k -> compileCheck(project, absolute, pom));
      Set<Candidate.Dependency> fileDeps = new LinkedHashSet<>();
      for (Finding finding : e.getValue()) {
        Collection<Finding> before = state.findingsFor(path);
        Optional<Finding> live =
            before.stream().filter(f -> f.fingerprint().equals(finding.fingerprint())).findFirst();
        if (live.isEmpty()) {
          outcomes.add(
              new Outcome(
                  finding,
                  Fix.Status.VERIFIED,
                  Optional.empty(),
                  "fixed by an earlier patch in the same file"));
          continue;
        }
        Optional<CompilationUnit> cu = parse(current);
        String text = current;
        Optional<FixContext> ctx = cu.flatMap(c -> FixContext.of(live.get(), text, c));
        if (ctx.isEmpty()) {
          outcomes.add(
              new Outcome(
                  finding,
                  Fix.Status.UNVERIFIED,
                  Optional.empty(),
                  "no fix: the reported code could not be located"));
          continue;
        }
        List<Candidate> proposals = new ArrayList<>();
        for (FixTemplate t : Templates.forRule(finding.ruleId())) {
          proposals.addAll(t.propose(ctx.get()));
        }
        Verdict verdict =
            firstVerified(proposals, state, path, current, live.get(), before, check, fileDeps);
        if (verdict.accepted == null && options.llm().isPresent()) {
          List<Candidate> llm = options.llm().get().propose(ctx.get());
          proposals.addAll(llm);
          Verdict v2 =
              firstVerified(llm, state, path, current, live.get(), before, check, fileDeps);
          if (v2.accepted != null || verdict.reason == null) {
            verdict = v2;
          }
        }
        if (verdict.accepted != null) {
          Candidate c = verdict.accepted;
          fileDeps.addAll(c.dependencies());
          Fix fix =
              fix(
                  path,
                  current,
                  c,
                  Fix.Status.VERIFIED,
                  pom.map(p -> root.relativize(p).toString().replace('\\', '/')),
                  verdict.note);
          outcomes.add(new Outcome(finding, Fix.Status.VERIFIED, Optional.of(fix), verdict.note));
          current = c.newSource();
          state.accept(path, current, verdict.model);
        } else if (!proposals.isEmpty()) {
          Candidate c = proposals.get(0);
          Fix fix =
              fix(
                  path,
                  current,
                  c,
                  Fix.Status.UNVERIFIED,
                  pom.map(p -> root.relativize(p).toString().replace('\\', '/')),
                  verdict.reason);
          outcomes.add(
              new Outcome(finding, Fix.Status.UNVERIFIED, Optional.of(fix), verdict.reason));
        } else {
          outcomes.add(
              new Outcome(
                  finding,
                  Fix.Status.UNVERIFIED,
                  Optional.empty(),
                  "no fix template applies to this code"
                      + (options.llm().isPresent() ? " and the model proposed none" : "")));
        }
      }
      if (!current.equals(original)) {
        state.patched.put(path, current);
        if (!fileDeps.isEmpty()) {
          pom.ifPresent(p ->
              deps.computeIfAbsent(
                      root.relativize(p).toString().replace('\\', '/'), k -> new LinkedHashSet<>())
                  .addAll(fileDeps));
        }
      }
    }
    boolean resolved = checks.values().stream().allMatch(CompileCheck::classpathResolved);
    return new Result(
        outcomes,
        Map.copyOf(state.patched),
        originals,
        deps,
        all,
        new Stats(candidates, candidatesCompiled, compileChecks, resolved));
  }

  private record Verdict(Candidate accepted, ProjectModel model, String reason, String note) {}

  private Verdict firstVerified(
      List<Candidate> proposals,
      State state,
      String path,
      String current,
      Finding target,
      Collection<Finding> before,
      CompileCheck check,
      Set<Candidate.Dependency> fileDeps)
      throws IOException, InterruptedException {
    String reason = null;
    for (Candidate c : proposals) {
      candidates++;
      // the checks share what they learn: the re-parsed project, for the analysis after it
      Object[] next = new Object[1];
      Check changes =
          Check.of(
              "changes the file",
              p ->
                  c.newSource().equals(current)
                      ? Optional.of("the patch changes nothing")
                      : Optional.empty());
      Check parses =
          Check.of(
              "parses",
              p -> {
                Optional<ProjectModel> m = state.model.withSource(path, c.newSource());
                next[0] = m.orElse(null);
                return m.isEmpty()
                    ? Optional.of("the patched file does not parse")
                    : Optional.empty();
              });
      Check removes =
          Check.of(
              "removes the finding and adds none",
              p -> {
                Collection<Finding> after = analyse((ProjectModel) next[0], path);
                Set<String> beforeFps = new HashSet<>();
                before.forEach(f -> beforeFps.add(f.fingerprint()));
                if (after.stream().anyMatch(f -> f.fingerprint().equals(target.fingerprint()))) {
                  return Optional.of("the finding is still reported after the patch");
                }
                return after.stream()
                    .filter(f -> !beforeFps.contains(f.fingerprint()))
                    .findFirst()
                    .map(a ->
                        "the patch introduces a new finding: "
                            + a.ruleId()
                            + " at line "
                            + line(a));
              });
      Check compiles = Check.of("compiles", p -> compileFailure(c, path, current, check, fileDeps));
      Decision d =
          Verifier.verify(
              new Proposal("patch", target.fingerprint(), c.provenance(), c.description()),
              List.of(changes, parses, removes, compiles),
              proposalLog);
      if (!d.accepted()) {
        reason = d.reason();
        continue;
      }
      candidatesCompiled++;
      String note =
          check.classpathResolved()
              ? "verified: compiles against the project's class path; the finding is gone; no new findings"
              : "verified: no new compile errors (the project's class path could not be resolved, so references to libraries were not checked); the finding is gone; no new findings";
      return new Verdict(c, (ProjectModel) next[0], null, note);
    }
    return new Verdict(null, null, reason, null);
  }

  /** Why the patched file does not compile, or empty when it does. */
  private Optional<String> compileFailure(
      Candidate c,
      String path,
      String current,
      CompileCheck check,
      Set<Candidate.Dependency> fileDeps)
      throws IOException, InterruptedException {
    ParseResult<CompilationUnit> parsed = parser().parse(c.newSource());
    String pkg =
        parsed
            .getResult()
            .flatMap(CompilationUnit::getPackageDeclaration)
            .map(p -> p.getNameAsString())
            .orElse("");
    String cls =
        parsed
            .getResult()
            .flatMap(u -> u.getPrimaryType().or(() -> u.getTypes().stream().findFirst()))
            .map(TypeDeclaration::getNameAsString)
            .orElse(fileName(path));
    List<Path> extra = new ArrayList<>();
    Set<Candidate.Dependency> needed = new LinkedHashSet<>(fileDeps);
    needed.addAll(c.dependencies());
    boolean missingDependency = false;
    for (Candidate.Dependency d : needed) {
      Optional<Path> jar = Classpaths.artifact(d);
      if (jar.isPresent()) {
        extra.add(jar.get());
      } else {
        missingDependency = true;
      }
    }
    compileChecks++;
    List<String> errors = check.newErrors(pkg, cls, current, c.newSource(), extra);
    if (errors.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "the patched file does not compile: "
            + errors.get(0)
            + (missingDependency ? " (a dependency the patch needs could not be fetched)" : ""));
  }

  private Collection<Finding> analyse(ProjectModel model, String path) throws InterruptedException {
    Set<String> files = dependents(model, path);
    Predicate<ClassInfo> entries = c -> files.contains(c.unit().path());
    return Analysis.run(
            model, rules, 1, new Cancellation(), c -> {}, DiagnosticSink.ignoring(), entries)
        .stream()
        .filter(f -> f.primaryLocation() instanceof Location.File loc && loc.path().equals(path))
        .toList();
  }

  /**
   * The file and every file that names one of its top-level types: where its findings come from.
   */
  private static Set<String> dependents(ProjectModel model, String path) {
    Set<String> names = new HashSet<>();
    for (ClassInfo c : model.classes()) {
      if (c.unit().path().equals(path) && c.outer() == null) {
        names.add(c.simpleName());
      }
    }
    Set<String> out = new HashSet<>();
    out.add(path);
    for (Map.Entry<String, List<String>> e : model.sourceLines().entrySet()) {
      for (String line : e.getValue()) {
        if (names.stream().anyMatch(n -> containsWord(line, n))) {
          out.add(e.getKey());
          break;
        }
      }
    }
    return out;
  }

  private static boolean containsWord(String line, String word) {
    int i = line.indexOf(word);
    while (i >= 0) {
      boolean startOk = i == 0 || !Character.isJavaIdentifierPart(line.charAt(i - 1));
      int end = i + word.length();
      boolean endOk = end >= line.length() || !Character.isJavaIdentifierPart(line.charAt(end));
      if (startOk && endOk) {
        return true;
      }
      i = line.indexOf(word, i + 1);
    }
    return false;
  }

  /**
   * The evolving project: the model with accepted patches and per-file findings before the next.
   */
  private final class State {
    ProjectModel model;
    final Map<String, String> patched = new LinkedHashMap<>();
    private final Map<String, Collection<Finding>> findings = new HashMap<>();

    State(ProjectModel model) {
      this.model = model;
    }

    Collection<Finding> findingsFor(String path) throws InterruptedException {
      Collection<Finding> f = findings.get(path);
      if (f == null) {
        f = analyse(model, path);
        findings.put(path, f);
      }
      return f;
    }

    void accept(String path, String source, ProjectModel next) {
      model = next;
      patched.put(path, source);
      findings.clear();
    }
  }

  private CompileCheck compileCheck(
      ProjectModel project, Map<String, Path> absolute, Optional<Path> pom) {
    Set<Path> roots = new LinkedHashSet<>();
    for (SourceUnit u : project.units()) {
      Path abs = absolute.get(u.path());
      if (abs == null) {
        continue;
      }
      Path dir = abs.getParent();
      String pkg = u.packageName();
      int depth = pkg.isEmpty() ? 0 : pkg.split("\\.").length;
      for (int i = 0; i < depth && dir != null; i++) {
        dir = dir.getParent();
      }
      if (dir != null) {
        roots.add(dir);
      }
    }
    Optional<Classpaths.Classpath> cp = pom.map(p -> Classpaths.resolve(p, root, diagnostics));
    return new CompileCheck(
        new ArrayList<>(roots),
        cp.map(Classpaths.Classpath::entries).orElse(List.of()),
        cp.map(Classpaths.Classpath::complete).orElse(false));
  }

  private static JavaParser parser() {
    return new JavaParser(
        new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21));
  }

  private static Optional<CompilationUnit> parse(String source) {
    ParseResult<CompilationUnit> r = parser().parse(source);
    return r.isSuccessful() ? r.getResult() : Optional.empty();
  }

  private static String fileName(String path) {
    String f = path.substring(path.lastIndexOf('/') + 1);
    return f.endsWith(".java") ? f.substring(0, f.length() - 5) : f;
  }

  private static int line(Finding f) {
    return f.primaryLocation() instanceof Location.File loc && loc.region() != null
        ? loc.region().startLine()
        : 0;
  }

  /** The core model's fix: one replacement covering the changed text, and the diff. */
  static Fix fix(
      String path,
      String before,
      Candidate c,
      Fix.Status status,
      Optional<String> pomPath,
      String note) {
    List<Fix.Change> changes = new ArrayList<>();
    changes.add(new Fix.Change(path, List.of(replacement(before, c.newSource()))));
    StringBuilder diff = new StringBuilder(UnifiedDiff.of(path, before, c.newSource()));
    String description = c.description();
    if (!c.dependencies().isEmpty()) {
      description +=
          " Adds "
              + String.join(
                  ", ", c.dependencies().stream().map(Candidate.Dependency::coordinates).toList())
              + " to "
              + pomPath.orElse("the build")
              + ".";
    }
    String provenance = c.provenance() + (note == null ? "" : "; " + note);
    return new Fix(description, changes, diff.toString(), status, provenance);
  }

  /** The smallest single replacement that turns {@code a} into {@code b}. */
  static Fix.Replacement replacement(String a, String b) {
    int start = 0;
    while (start < a.length() && start < b.length() && a.charAt(start) == b.charAt(start)) {
      start++;
    }
    int endA = a.length();
    int endB = b.length();
    while (endA > start && endB > start && a.charAt(endA - 1) == b.charAt(endB - 1)) {
      endA--;
      endB--;
    }
    int[] s = lineCol(a, start);
    int[] e = lineCol(a, endA);
    return new Fix.Replacement(new Region(s[0], s[1], e[0], e[1]), b.substring(start, endB));
  }

  private static int[] lineCol(String text, int offset) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return new int[] {line, col};
  }
}
