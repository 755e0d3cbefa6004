package dev.bulwark.code.specs;

import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import dev.bulwark.code.project.ClassInfo;
import dev.bulwark.code.project.MethodInfo;
import dev.bulwark.code.project.ProjectModel;
import dev.bulwark.code.rules.Category;
import dev.bulwark.code.rules.JavaRule;
import dev.bulwark.code.rules.LibraryEntry;
import dev.bulwark.code.rules.RulePacks;
import dev.bulwark.code.taint.Probe;
import dev.bulwark.core.model.Confidence;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Candidates among the project's own methods, and their check: the taint analysis itself, run on
 * the method with one parameter untrusted ({@link Probe}). A parameter that reaches a known sink
 * makes a verified sink wrapper; a result that is a known source's data a verified source; a
 * parameter returned cleansed a verified sanitizer. A character allow-list ({@code
 * replaceAll("[^A-Za-z0-9_-]", "")}) is checked against the characters each kind of injection
 * needs.
 */
final class ProjectSpecs {
  private static final Set<String> NOT_PROJECT_DIRS =
      Set.of("test", "tests", "it", "examples", "samples", "demo");

  private final ProjectModel project;
  private final RulePacks.Loaded rules;
  private final KnownApi known;
  private final Set<String> sourceNames = new java.util.HashSet<>();
  private final Map<String, MethodInfo> methods = new HashMap<>();
  private final Map<String, Integer> uses;
  private final List<Candidate> unlabelled = new ArrayList<>();

  /**
   * Heuristic proposals whose only ground is a call in the body with a known source's or sink's
   * name: when the analysis of that body finds no such flow, the ground is gone and so is the
   * proposal (a method calling some {@code getName()} is not a source for that).
   */
  private final Set<String> byCallOnly = new java.util.HashSet<>();

  ProjectSpecs(
      ProjectModel project, RulePacks.Loaded rules, KnownApi known, Map<String, Integer> uses) {
    this.project = project;
    this.rules = rules;
    this.known = known;
    this.uses = uses;
    for (LibraryEntry e : rules.library().entries()) {
      if (e instanceof LibraryEntry.Source s) {
        sourceNames.addAll(s.method().names());
      }
    }
  }

  private static boolean inProjectCode(ClassInfo c) {
    for (String seg : c.unit().path().replace('\\', '/').split("/")) {
      if (NOT_PROJECT_DIRS.contains(seg)) {
        return false;
      }
    }
    return true;
  }

  static String key(String owner, String name, int arity) {
    return owner + "#" + name + "/" + arity;
  }

  /** Every candidate, with the heuristics' proposals already checked. */
  List<Candidate> candidates() {
    List<Candidate> out = new ArrayList<>();
    for (ClassInfo c : project.classes()) {
      if (!inProjectCode(c)) {
        continue;
      }
      for (List<MethodInfo> ms : c.allMethods().values()) {
        for (MethodInfo m : ms) {
          if (m.owner() != c) {
            continue;
          }
          Candidate cand = candidate(m);
          if (cand != null) {
            out.add(cand);
          }
        }
      }
    }
    return out;
  }

  private Candidate candidate(MethodInfo m) {
    List<String> names = m.parameters().stream().map(p -> p.getNameAsString()).toList();
    List<Integer> dataParams = new ArrayList<>();
    for (int i = 0; i < m.parameterTypes().size(); i++) {
      if (Heuristics.dataType(m.parameterTypes().get(i))) {
        dataParams.add(i);
      }
    }
    boolean callsSink = false;
    boolean callsSource = false;
    boolean allowList = false;
    if (m.body() != null) {
      callsSink =
          m.body()
                  .findFirst(
                      MethodCallExpr.class, x -> known.sinkNames().contains(x.getNameAsString()))
                  .isPresent()
              || m.body()
                  .findFirst(
                      ObjectCreationExpr.class,
                      o -> known.sinkNames().contains("<init>") && sinkConstructor(o))
                  .isPresent();
      callsSource =
          m.body()
              .findFirst(MethodCallExpr.class, x -> sourceNames.contains(x.getNameAsString()))
              .isPresent();
      allowList = !allowListPatterns(m).isEmpty();
    }
    List<Heuristics.SinkGuess> guesses =
        dataParams.isEmpty() ? List.of() : Heuristics.sinks(m.name(), names);
    boolean returnsData = Heuristics.dataType(m.returnType());
    boolean sinkCand =
        !dataParams.isEmpty() && (callsSink || (!guesses.isEmpty() && m.body() == null));
    // a name alone says "source" only with an argument to look up: getParameter(name) reads
    // input, a getParams() listing a function's parameters does not
    boolean sourceCand =
        returnsData
            && (callsSource || Heuristics.sourceName(m.name()) && !m.parameters().isEmpty());
    boolean sanitizerCand =
        returnsData && !dataParams.isEmpty() && (Heuristics.sanitizerName(m.name()) || allowList);
    String origin = origin(m);
    if (!sinkCand && !sourceCand && !sanitizerCand) {
      if (!dataParams.isEmpty() && m.body() != null && !m.isConstructor()) {
        // nothing here for the heuristics; a model may still label it
        methods.put(key(m.owner().fqn(), m.name(), m.parameters().size()), m);
        unlabelled.add(candidate(m, origin, List.of()));
      }
      return null;
    }
    methods.put(key(m.owner().fqn(), m.name(), m.parameters().size()), m);
    List<Spec> proposed = new ArrayList<>();
    if (sinkCand) {
      if (guesses.isEmpty() || m.body() != null) {
        // what the body calls decides; the rule comes from the probe
        proposed.add(spec(m, Spec.Kind.SINK, dataParams, null, 0, Set.of(), origin));
      } else {
        for (Heuristics.SinkGuess g : guesses) {
          proposed.add(spec(m, Spec.Kind.SINK, dataParams, g.rule(), g.cwe(), Set.of(), origin));
        }
      }
    }
    if (sourceCand) {
      proposed.add(spec(m, Spec.Kind.SOURCE, List.of(), null, 0, Set.of(), origin));
      if (!Heuristics.sourceName(m.name()) || m.parameters().isEmpty()) {
        byCallOnly.add(
            Spec.Kind.SOURCE + " " + key(m.owner().fqn(), m.name(), m.parameters().size()));
      }
    }
    if (sanitizerCand) {
      proposed.add(
          spec(m, Spec.Kind.SANITIZER, List.of(dataParams.get(0)), null, 0, Set.of(), origin));
    }
    return candidate(m, origin, proposed);
  }

  private static Candidate candidate(MethodInfo m, String origin, List<Spec> proposed) {
    return new Candidate(
        m.owner().fqn(),
        m.name(),
        m.parameters().size(),
        m.decl().getDeclarationAsString(true, true, true),
        m.decl().getJavadocComment().map(j -> j.getContent()).orElse("").strip(),
        excerpt(m),
        origin,
        proposed);
  }

  private boolean sinkConstructor(ObjectCreationExpr o) {
    String simple = o.getType().getNameAsString();
    for (JavaRule r : rules.rules()) {
      for (JavaRule.Sink s : r.sinks()) {
        if (r.kind() == JavaRule.Kind.TAINT
            && s.method().names().contains("<init>")
            && s.method().owner().endsWith("." + simple)) {
          return true;
        }
      }
    }
    return false;
  }

  private Spec spec(
      MethodInfo m,
      Spec.Kind kind,
      List<Integer> args,
      String rule,
      int cwe,
      Set<Category> cats,
      String origin) {
    return new Spec(
        kind,
        m.owner().fqn(),
        m.name(),
        m.parameters().size(),
        args,
        rule,
        cwe,
        cats,
        origin,
        Spec.Verdict.UNVERIFIED,
        Confidence.LOW,
        "",
        "heuristics");
  }

  private static String origin(MethodInfo m) {
    int line = m.decl().getRange().map(r -> r.begin.line).orElse(0);
    return m.owner().unit().path() + ":" + line;
  }

  private static String excerpt(MethodInfo m) {
    if (m.body() == null) {
      return "(no body)";
    }
    String[] lines = m.body().toString().split("\n");
    return String.join("\n", java.util.Arrays.copyOf(lines, Math.min(lines.length, 40)));
  }

  /**
   * Methods with a data parameter that no heuristic picked (known after {@link #candidates}): what
   * a model labels after the heuristics' candidates.
   */
  List<Candidate> unlabelled() {
    return unlabelled;
  }

  /** Whether this is one of the project's methods (so its body can be probed). */
  boolean owns(Spec s) {
    return methods.containsKey(key(s.owner(), s.name(), s.arity()));
  }

  /**
   * The check of one proposed spec (from the heuristics or a model): what the body does decides.
   * Returns the specs it amounts to — a sink proposal becomes one spec per rule the parameters
   * really reach — each with its verdict, confidence and evidence.
   */
  List<Spec> check(Spec p, String doc) {
    MethodInfo m = methods.get(key(p.owner(), p.name(), p.arity()));
    if (m == null) {
      return List.of(p);
    }
    // calls are matched by name: the receiver's type is not resolved for this count
    int used = uses.getOrDefault("*." + p.name(), 0);
    String use =
        used == 0
            ? "; the project never calls a method of this name"
            : "; the project calls a method of this name at "
                + used
                + " place"
                + (used == 1 ? "" : "s");
    return switch (p.kind()) {
      case SINK -> checkSink(m, p, doc, use);
      case SOURCE -> {
        Spec checked = checkSource(m, p, doc, use);
        yield checked == null ? List.of() : List.of(checked);
      }
      case SANITIZER -> List.of(checkSanitizer(m, p, doc, use));
      case PROPAGATOR ->
          List.of(
              p.judged(
                  Spec.Verdict.UNVERIFIED,
                  Confidence.LOW,
                  "the analysis follows the project's own methods; a propagator spec adds nothing"
                      + use));
    };
  }

  private List<Spec> checkSink(MethodInfo m, Spec p, String doc, String use) {
    if (m.body() != null) {
      Map<String, Set<Integer>> reached = new LinkedHashMap<>();
      Map<String, Integer> cwes = new HashMap<>();
      Map<String, Integer> lines = new HashMap<>();
      boolean complete = true;
      List<Integer> params = p.args().isEmpty() ? allParams(m) : p.args();
      for (int i : params) {
        Probe.Result r = Probe.run(project, rules, m, i);
        complete &= r.completed();
        for (Probe.Reached x : r.sinks()) {
          reached.computeIfAbsent(x.rule(), k -> new TreeSet<>()).add(i);
          cwes.put(x.rule(), x.cwe());
          lines.putIfAbsent(x.rule(), x.line());
        }
      }
      if (!reached.isEmpty()) {
        List<Spec> out = new ArrayList<>();
        for (var e : reached.entrySet()) {
          if (p.rule() != null && !p.rule().equals(e.getKey()) && reached.containsKey(p.rule())) {
            continue;
          }
          out.add(
              new Spec(
                  Spec.Kind.SINK,
                  p.owner(),
                  p.name(),
                  p.arity(),
                  List.copyOf(e.getValue()),
                  e.getKey(),
                  cwes.get(e.getKey()),
                  Set.of(),
                  p.origin(),
                  Spec.Verdict.VERIFIED,
                  Confidence.HIGH,
                  "the taint analysis of its body takes parameter "
                      + e.getValue()
                      + " to a "
                      + e.getKey()
                      + " sink at line "
                      + lines.get(e.getKey())
                      + use,
                  p.labelledBy()));
        }
        return out;
      }
      if (complete && p.labelledBy().equals("heuristics")) {
        return List.of(); // proposed only because the body calls a sink's name; refuted
      }
      String why =
          complete
              ? "the taint analysis of its body takes no parameter to a known sink"
              : "its body could not be analysed to the end";
      return List.of(unverifiedOrDocumented(p, doc, why + use));
    }
    return List.of(
        unverifiedOrDocumented(p, doc, "no body to check (abstract or interface)" + use));
  }

  private static List<Integer> allParams(MethodInfo m) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < m.parameterTypes().size(); i++) {
      if (Heuristics.dataType(m.parameterTypes().get(i))) {
        out.add(i);
      }
    }
    return out;
  }

  private Spec checkSource(MethodInfo m, Spec p, String doc, String use) {
    if (m.body() != null) {
      Probe.Result r = Probe.run(project, rules, m, -1);
      if (r.returnedSource() != null) {
        return p.judged(
            Spec.Verdict.VERIFIED, Confidence.HIGH, "returns " + r.returnedSource() + use);
      }
      if (r.completed()
          && p.labelledBy().equals("heuristics")
          && byCallOnly.contains(Spec.Kind.SOURCE + " " + key(p.owner(), p.name(), p.arity()))) {
        return null; // proposed only because the body calls a source's name; refuted
      }
      return unverifiedOrDocumented(
          p,
          doc,
          (r.completed()
                  ? "the taint analysis of its body finds no known source in what it returns"
                  : "its body could not be analysed to the end")
              + use);
    }
    return unverifiedOrDocumented(p, doc, "no body to check" + use);
  }

  private Spec checkSanitizer(MethodInfo m, Spec p, String doc, String use) {
    int param = p.args().isEmpty() ? 0 : p.args().get(0);
    if (m.body() != null) {
      Probe.Result r = Probe.run(project, rules, m, param);
      if (r.completed() && !r.returnsParameter()) {
        return withCategories(
            p,
            EnumSet.allOf(Category.class),
            "the taint analysis of its body returns nothing of parameter " + param + use);
      }
      if (r.completed() && !r.cleansed().isEmpty()) {
        return withCategories(
            p,
            r.cleansed(),
            "its body returns parameter " + param + " cleansed by a known sanitizer" + use);
      }
      EnumSet<Category> byAllowList = EnumSet.noneOf(Category.class);
      List<String> patterns = allowListPatterns(m);
      for (String pat : patterns) {
        byAllowList.addAll(cleansedByAllowList(pat));
      }
      if (!byAllowList.isEmpty()) {
        return withCategories(
            p,
            byAllowList,
            "replaces every character outside the allow-list "
                + patterns.get(0)
                + ", which keeps none that "
                + byAllowList.stream()
                    .map(c -> c.name().toLowerCase(java.util.Locale.ROOT))
                    .toList()
                + " injection needs"
                + use);
      }
      return unverifiedOrDocumented(
          p,
          doc,
          "its body returns parameter " + param + " without a cleansing the analysis knows" + use);
    }
    return unverifiedOrDocumented(p, doc, "no body to check" + use);
  }

  private static Spec withCategories(Spec p, Set<Category> cats, String why) {
    return new Spec(
        p.kind(),
        p.owner(),
        p.name(),
        p.arity(),
        p.args(),
        null,
        0,
        p.categories().isEmpty()
            ? cats
            : p.categories().stream()
                .filter(cats::contains)
                .collect(java.util.stream.Collectors.toSet()),
        p.origin(),
        Spec.Verdict.VERIFIED,
        Confidence.HIGH,
        why,
        p.labelledBy());
  }

  static Spec unverifiedOrDocumented(Spec p, String doc, String why) {
    if (Heuristics.docSays(p.kind(), doc)) {
      return p.judged(
          Spec.Verdict.DOCUMENTED,
          Confidence.MEDIUM,
          "its documentation says so (" + firstSentence(doc) + "); " + why);
    }
    return p.judged(Spec.Verdict.UNVERIFIED, Confidence.LOW, why);
  }

  private static String firstSentence(String doc) {
    String d = doc.replaceAll("\\s*\\n\\s*\\*?\\s*", " ").strip();
    int dot = d.indexOf(". ");
    String s = dot > 0 ? d.substring(0, dot + 1) : d;
    return s.length() > 120 ? s.substring(0, 117) + "..." : s;
  }

  private static final Pattern NEGATED_CLASS = Pattern.compile("^\\[\\^[^\\]]*\\][+*]?$");

  /** The allow-list patterns ({@code [^...]}) the body replaces with {@code replaceAll}. */
  private static List<String> allowListPatterns(MethodInfo m) {
    List<String> out = new ArrayList<>();
    if (m.body() == null) {
      return out;
    }
    for (MethodCallExpr c : m.body().findAll(MethodCallExpr.class)) {
      if (c.getNameAsString().equals("replaceAll")
          && c.getArguments().size() == 2
          && c.getArgument(0) instanceof StringLiteralExpr s
          && NEGATED_CLASS.matcher(s.asString()).matches()) {
        out.add(s.asString());
      }
    }
    return out;
  }

  /** Characters each kind of injection needs; an allow-list that keeps none of them cleanses it. */
  private static final Map<Category, String> NEEDS =
      Map.of(
          Category.PATH, "/\\.",
          Category.COMMAND, ";&|`$<>\n '\"",
          Category.SQL, "'\";-",
          Category.XSS, "<>\"'&",
          Category.LDAP, "*()\\",
          Category.XPATH, "'\"[]/",
          Category.HEADER, "\r\n",
          Category.LOG, "\r\n",
          Category.CODE, "()'\";.",
          Category.EXPRESSION, "(){}$#.'\"");

  static Set<Category> cleansedByAllowList(String negatedClass) {
    Pattern p;
    try {
      p = Pattern.compile(negatedClass.replaceAll("[+*]$", ""));
    } catch (PatternSyntaxException e) {
      return Set.of();
    }
    EnumSet<Category> out = EnumSet.noneOf(Category.class);
    for (var e : NEEDS.entrySet()) {
      boolean keepsOne = false;
      for (char ch : e.getValue().toCharArray()) {
        if (!p.matcher(String.valueOf(ch)).matches()) {
          keepsOne = true; // the pattern does not replace it: the character survives
          break;
        }
      }
      if (!keepsOne) {
        out.add(e.getKey());
      }
    }
    return out;
  }
}
