package dev.bulwark.code.specs;

import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.bulwark.code.project.ClassInfo;
import dev.bulwark.code.project.ProjectModel;
import dev.bulwark.code.rules.RulePacks;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.files.Roots;
import dev.bulwark.core.maven.DependencyResolver;
import dev.bulwark.core.maven.EffectivePom;
import dev.bulwark.core.maven.LocalRepository;
import dev.bulwark.core.maven.MavenDependency;
import dev.bulwark.core.maven.PomReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Specification inference for one project: candidates among its own methods (checked by the taint
 * analysis of their bodies) and among its direct dependencies' public methods (checked by their
 * bytecode, when the jar is in the local Maven repository), then, when a labeller is given, a
 * model's labels for the candidates, each put through the same checks. Nothing a check does not
 * support is accepted as verified.
 */
public final class SpecInference {

  /** A model (or anything else) that labels candidates; its labels are only proposals. */
  public interface Labeller {
    /** Specs proposed for one candidate (empty: not a source, sink, sanitizer or propagator). */
    List<Spec> label(Candidate c) throws InterruptedException;

    /** Who labels, for the specs' provenance ({@code llm:openai:model}). */
    String describe();
  }

  /**
   * What inference found: the specs, the candidates it looked at, and the jars read.
   *
   * @param missing dependencies whose jars the local repository does not have
   */
  public record Result(
      List<Spec> specs, int candidates, List<String> jars, List<String> missing, int labelled) {}

  private final ProjectModel project;
  private final RulePacks.Loaded rules;
  private final Path root;
  private final LocalRepository repository;
  private final DiagnosticSink diagnostics;

  public SpecInference(
      ProjectModel project,
      RulePacks.Loaded rules,
      Path root,
      LocalRepository repository,
      DiagnosticSink diagnostics) {
    this.project = project;
    this.rules = rules;
    this.root = root;
    this.repository = repository;
    this.diagnostics = diagnostics;
  }

  public Result run(Optional<Labeller> labeller, int maxLabelled) throws InterruptedException {
    KnownApi known = new KnownApi(rules, t -> project.hierarchy().ancestors(t));
    Map<String, Integer> uses = uses();
    ProjectSpecs own = new ProjectSpecs(project, rules, known, uses);
    List<Candidate> candidates = own.candidates();
    Map<String, Spec> out = new LinkedHashMap<>();
    for (Candidate c : candidates) {
      for (Spec p : c.proposed()) {
        for (Spec s : own.check(p, c.doc())) {
          keep(out, s);
        }
      }
    }
    List<String> jars = new ArrayList<>();
    Set<String> readOwners = new HashSet<>();
    List<String> missing = new ArrayList<>();
    for (Dependency d : dependencies(missing)) {
      BytecodeSpecs bc = new BytecodeSpecs();
      try {
        bc.read(d.jar());
      } catch (IOException e) {
        diagnostics.report(
            Diagnostic.warning("code", d.jar().toString(), "jar not read: " + e.getMessage()));
        continue;
      }
      KnownApi withJar =
          new KnownApi(
              rules,
              t -> {
                Set<String> a = new HashSet<>(project.hierarchy().ancestors(t));
                for (String x : bc.jarAncestors(t)) {
                  a.addAll(project.hierarchy().ancestors(x));
                }
                return a;
              });
      jars.add(d.coordinates());
      readOwners.addAll(bc.classNames());
      for (Spec s : bc.specs(d.coordinates(), withJar)) {
        if (!withJar.known(s.owner(), s.name(), s.arity())) {
          keep(out, s);
        }
      }
    }
    for (Spec s : calledLibraryMethods(known, readOwners)) {
      keep(out, s);
    }
    int labelled = 0;
    if (labeller.isPresent()) {
      List<Candidate> toLabel = new ArrayList<>(candidates);
      toLabel.addAll(own.unlabelled());
      for (Candidate c : toLabel) {
        if (labelled >= maxLabelled) {
          diagnostics.report(
              Diagnostic.note(
                  "code",
                  null,
                  "the model labelled the first "
                      + maxLabelled
                      + " of "
                      + toLabel.size()
                      + " candidates; the rest keep the heuristics' verdicts"));
          break;
        }
        labelled++;
        for (Spec label : labeller.get().label(c)) {
          for (Spec s : own.check(label, c.doc())) {
            keep(out, s);
          }
        }
      }
    }
    List<Spec> specs = new ArrayList<>(out.values());
    specs.sort(
        Comparator.comparing((Spec s) -> s.verdict().ordinal())
            .thenComparing(s -> s.kind().ordinal())
            .thenComparing(Spec::method));
    return new Result(List.copyOf(specs), candidates.size(), jars, missing, labelled);
  }

  /** One spec per method, kind and rule: a verified one wins over a guess about the same thing. */
  private static void keep(Map<String, Spec> out, Spec s) {
    String k = s.kind() + " " + s.method() + " " + (s.rule() == null ? "" : s.rule());
    out.merge(k, s, (a, b) -> b.verdict().ordinal() < a.verdict().ordinal() ? b : a);
  }

  /**
   * Library methods the project calls whose names suggest a sink, when no bytecode could be read
   * for their class (its jar is not in the local repository): unverified, so a reviewer sees them.
   * Only calls whose receiver type is visible without symbol resolution count: static calls on a
   * type and calls on fields of a declared type.
   */
  private List<Spec> calledLibraryMethods(KnownApi known, Set<String> readOwners) {
    Map<String, int[]> calls = new LinkedHashMap<>();
    Map<String, String> firstAt = new HashMap<>();
    for (ClassInfo c : project.classes()) {
      for (MethodCallExpr call : c.node().findAll(MethodCallExpr.class)) {
        com.github.javaparser.ast.Node type = enclosingType(call);
        if (call.getScope().isEmpty() || type == null || project.classOf(type) != c) {
          continue;
        }
        String scope = call.getScope().get().toString();
        String owner = null;
        if (scope.matches("[A-Z][A-Za-z0-9_]*")) {
          owner = project.resolveType(scope, c, c.unit());
        } else {
          String field = scope.startsWith("this.") ? scope.substring(5) : scope;
          ClassInfo.FieldInfo fi = c.fields().get(field);
          if (fi != null && fi.type() != null) {
            owner = project.resolveType(fi.type().replaceAll("<.*>", ""), c, c.unit());
          }
        }
        if (owner == null
            || owner.indexOf('.') < 0
            || project.classNamed(owner) != null
            || dev.bulwark.code.project.TypeHierarchy.jdkClass(owner) != null
            || readOwners.contains(owner)) {
          continue;
        }
        int arity = call.getArguments().size();
        if (arity == 0 || known.known(owner, call.getNameAsString(), arity)) {
          continue;
        }
        String k = owner + "#" + call.getNameAsString() + "/" + arity;
        calls.computeIfAbsent(k, x -> new int[1])[0]++;
        firstAt.putIfAbsent(
            k, c.unit().path() + ":" + call.getRange().map(r -> r.begin.line).orElse(0));
      }
    }
    List<Spec> out = new ArrayList<>();
    for (var e : calls.entrySet()) {
      String k = e.getKey();
      String owner = k.substring(0, k.indexOf('#'));
      String name = k.substring(k.indexOf('#') + 1, k.lastIndexOf('/'));
      int arity = Integer.parseInt(k.substring(k.lastIndexOf('/') + 1));
      for (Heuristics.SinkGuess g : Heuristics.sinks(name, List.of())) {
        List<Integer> args = new ArrayList<>();
        for (int i = 0; i < arity; i++) {
          args.add(i);
        }
        out.add(
            new Spec(
                Spec.Kind.SINK,
                owner,
                name,
                arity,
                args,
                g.rule(),
                g.cwe(),
                Set.of(),
                firstAt.get(k),
                Spec.Verdict.UNVERIFIED,
                dev.bulwark.core.model.Confidence.LOW,
                "a library method named like a "
                    + g.word()
                    + " sink, called at "
                    + e.getValue()[0]
                    + " place"
                    + (e.getValue()[0] == 1 ? "" : "s")
                    + "; its bytecode was not available to check",
                "heuristics"));
      }
    }
    return out;
  }

  private static com.github.javaparser.ast.Node enclosingType(com.github.javaparser.ast.Node n) {
    com.github.javaparser.ast.Node x = n.getParentNode().orElse(null);
    while (x != null
        && !(x instanceof com.github.javaparser.ast.body.TypeDeclaration<?>)
        && !(x instanceof com.github.javaparser.ast.expr.ObjectCreationExpr oc
            && oc.getAnonymousClassBody().isPresent())) {
      x = x.getParentNode().orElse(null);
    }
    return x;
  }

  /** How often the project calls a method of each name ({@code *.name}). */
  private Map<String, Integer> uses() {
    Map<String, Integer> out = new HashMap<>();
    for (ClassInfo c : project.classes()) {
      if (c.outer() != null) {
        continue;
      }
      for (MethodCallExpr call : c.node().findAll(MethodCallExpr.class)) {
        out.merge("*." + call.getNameAsString(), 1, Integer::sum);
      }
    }
    return out;
  }

  /** A direct dependency whose jar is in the local repository. */
  record Dependency(String coordinates, Path jar) {}

  private List<Dependency> dependencies(List<String> missing) {
    List<Path> poms;
    try (Stream<Path> s = Files.walk(root, 6)) {
      poms =
          s.filter(p -> p.getFileName().toString().equals("pom.xml"))
              .filter(p -> !root.relativize(p).toString().replace('\\', '/').contains("src/test/"))
              .sorted()
              .limit(200)
              .toList();
    } catch (IOException e) {
      return List.of();
    }
    Roots roots = Roots.of(root);
    PomReader reader = new PomReader(repository, roots, "code", diagnostics);
    Set<String> modules = new HashSet<>();
    Map<String, Dependency> out = new LinkedHashMap<>();
    List<EffectivePom> models = new ArrayList<>();
    for (Path pom : poms) {
      try {
        EffectivePom m = reader.read(pom, root.relativize(pom).toString());
        models.add(m);
        modules.add(m.groupId() + ":" + m.artifactId());
      } catch (IOException | RuntimeException e) {
        // an unreadable POM leaves its dependencies out; the others still count
      }
    }
    for (EffectivePom m : models) {
      for (DependencyResolver.Resolved r :
          new DependencyResolver(reader).resolve(m, DependencyResolver.Options.inventory())) {
        MavenDependency d = r.dependency();
        if (!r.direct()
            || r.scope().equals("test")
            || d.type().equals("pom")
            || modules.contains(d.key())) {
          continue;
        }
        String coords = d.key() + ":" + (r.version() == null ? "?" : r.version());
        if (out.containsKey(d.key())) {
          continue;
        }
        Optional<Path> jar =
            r.version() == null ? Optional.empty() : repository.classpathEntry(d, r.version());
        if (jar.isPresent() && jar.get().toString().endsWith(".jar")) {
          out.put(d.key(), new Dependency(coords, jar.get()));
        } else if (!missing.contains(coords)) {
          missing.add(coords);
        }
      }
    }
    return new ArrayList<>(out.values());
  }
}
