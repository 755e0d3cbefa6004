package dev.bulwark.port;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.ai.llm.LlmClient;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.port.c.Analysis;
import dev.bulwark.port.c.CConstant;
import dev.bulwark.port.c.CFrontEnd;
import dev.bulwark.port.c.CFunction;
import dev.bulwark.port.c.CProgram;
import dev.bulwark.port.c.CStruct;
import dev.bulwark.port.c.CTable;
import dev.bulwark.port.c.Hazard;
import dev.bulwark.port.gate.CTraces;
import dev.bulwark.port.gate.Cargo;
import dev.bulwark.port.gate.DiffTester;
import dev.bulwark.port.gate.Gatekeeper;
import dev.bulwark.port.gate.RecordedCalls;
import dev.bulwark.port.gate.RustCrate;
import dev.bulwark.port.model.ModelPass;
import dev.bulwark.port.rust.RustItems;
import dev.bulwark.port.rust.RustLexer;
import dev.bulwark.port.rust.UnsafeCheck;
import dev.bulwark.port.translate.PortSignature;
import dev.bulwark.port.translate.Translator;
import dev.bulwark.port.translate.Unsupported;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Ports a C project to a safe Rust crate, function by function, bottom-up: the deterministic pass
 * first, then (optionally) a model for what is left; nothing enters the crate without passing the
 * gates. Builds and runs code made from the project's own sources, in its output directory and
 * temporary directories, only when asked to.
 */
public final class PortEngine {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What to port and how. {@code tests} holds Rust tests against the interface, {@code cTests} C
   * programs (each with its own main) that exercise the C project; their calls are traced and
   * replayed against the port.
   */
  public record Options(
      Path source,
      Path out,
      Optional<Path> iface,
      Optional<Path> tests,
      Optional<Path> cTests,
      Optional<LlmClient> llm,
      int maxRepairs,
      long seed,
      int inputsPerFunction) {
    public Options {
      if (maxRepairs < 0 || inputsPerFunction < 1) {
        throw new IllegalArgumentException(
            "repairs must be >= 0 and inputs >= 1, got " + maxRepairs + ", " + inputsPerFunction);
      }
    }

    public static Options of(Path source, Path out) {
      return new Options(
          source,
          out,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          2,
          42,
          200);
    }
  }

  /** A function or type the crate holds so far. */
  private record Candidate(
      String key, String code, PortSignature sig, String pass, List<String> rules, int repairs) {}

  private final Options o;
  private final Cargo cargo = Cargo.fromEnvironment();

  public PortEngine(Options options) {
    this.o = options;
  }

  public PortResult run() throws InputException, IOException, InterruptedException {
    long t0 = System.nanoTime();
    CProgram program = CFrontEnd.parse(o.source());
    Analysis analysis = Analysis.of(program);
    List<Path> cFiles;
    try (Stream<Path> s = Files.walk(o.source(), 8)) {
      cFiles = s.filter(p -> p.toString().endsWith(".c")).sorted().toList();
    }
    String crateName = crateName();
    Files.createDirectories(o.out());
    Optional<String> ifaceText = interfaceText();
    RustItems.Items iface =
        ifaceText.isPresent() ? items(ifaceText.get()) : new RustItems.Items(List.of(), List.of());

    RecordedCalls recorded = RecordedCalls.fromTests(o.tests());
    if (o.cTests().isPresent()) {
      CTraces.Traces traces = traces(program, cFiles, o.cTests().get());
      Files.writeString(
          o.out().resolve("c-tests.txt"), traces.summary() + "\n", StandardCharsets.UTF_8);
      recorded = recorded.withTraces(traces);
    }
    Gatekeeper gates =
        new Gatekeeper(
            cargo, new DiffTester(cFiles, cargo, o.seed(), o.inputsPerFunction()), recorded);
    Path work = o.out().resolve("target/bulwark-port-work");
    Map<String, String> reasons = new LinkedHashMap<>();
    Map<String, String> diffEvidence = new LinkedHashMap<>();
    LinkedHashMap<String, Candidate> crate = new LinkedHashMap<>();
    List<String> types = new ArrayList<>();

    // types first: constants, then structs
    StringBuilder consts = new StringBuilder();
    for (CConstant c : program.constants()) {
      consts.append(Translator.constant(c));
    }
    for (CTable t : program.tables()) {
      consts.append(Translator.table(t));
    }
    if (!consts.isEmpty()) {
      crate.put(
          "constants",
          new Candidate(
              "constants",
              consts.toString(),
              null,
              "deterministic",
              List.of("enum/const → const"),
              0));
    }
    Translator structs = new Translator(program, Map.of());
    for (CStruct s : program.structs().values()) {
      try {
        crate.put(
            "struct " + s.cName(),
            new Candidate(
                "struct " + s.cName(),
                structs.struct(s),
                null,
                "deterministic",
                List.of("struct → struct"),
                0));
        types.add(s.rustName());
      } catch (Unsupported e) {
        reasons.put("struct " + s.cName(), e.getMessage());
      }
    }

    // deterministic pass, bottom-up
    for (String name : analysis.order()) {
      CFunction f = program.function(name).orElseThrow();
      Map<String, PortSignature> sigs = signatures(crate);
      try {
        for (String callee : analysis.calls().getOrDefault(name, Set.of())) {
          if (!sigs.containsKey(callee) && !callee.equals(name)) {
            throw new Unsupported("calls " + callee + ", which is not ported");
          }
        }
        Translator.Result r = new Translator(program, sigs).translate(f);
        crate.put(
            name,
            new Candidate(
                name, r.rust(), r.signature(), "deterministic", List.copyOf(r.rules()), 0));
      } catch (Unsupported e) {
        reasons.put(name, e.getMessage());
      }
    }
    settle(crate, gates, work, crateName, analysis, program, reasons, diffEvidence);

    // model pass for what is left
    int proposals = 0;
    long pt = 0;
    long ct = 0;
    if (o.llm().isPresent()) {
      Path log = o.out().resolve("proposals.jsonl");
      Files.deleteIfExists(log);
      List<ModelPass.Proposal> logged = new ArrayList<>();
      ModelPass pass =
          new ModelPass(
              o.llm().get(),
              o.maxRepairs(),
              p -> {
                logged.add(p);
                appendLog(log, p);
              });
      for (String name : analysis.order()) {
        if (crate.containsKey(name)) {
          continue;
        }
        CFunction f = program.function(name).orElseThrow();
        Map<String, PortSignature> sigs = signatures(crate);
        boolean calleesReady =
            analysis.calls().getOrDefault(name, Set.of()).stream()
                .allMatch(c -> c.equals(name) || sigs.containsKey(c));
        if (!calleesReady) {
          reasons.put(
              name,
              reasons.getOrDefault(name, "") + "; model pass skipped: a callee is not ported");
          continue;
        }
        Optional<PortSignature> sig = signatureOf(program, sigs, f);
        String rustName = dev.bulwark.port.translate.Names.ident(name);
        Optional<String> wanted =
            sig.map(PortSignature::render)
                .or(() -> iface.function(rustName).map(RustItems.Fn::signature));
        if (wanted.isEmpty()) {
          reasons.put(
              name, reasons.get(name) + "; model pass skipped: no signature to hold a proposal to");
          continue;
        }
        List<String> callees = new ArrayList<>();
        for (String c : analysis.calls().getOrDefault(name, Set.of())) {
          if (sigs.containsKey(c)) {
            callees.add(sigs.get(c).render() + ";");
          }
        }
        StringBuilder typeText = new StringBuilder();
        crate.values().stream()
            .filter(c -> c.sig() == null)
            .forEach(c -> typeText.append(c.code()));
        ModelPass.Task task =
            new ModelPass.Task(
                name,
                rustName,
                f.source(),
                wanted.get(),
                callees,
                typeText.toString(),
                analysis.hazards().getOrDefault(name, Set.of()).stream()
                    .map(Hazard::label)
                    .toList());
        Map<String, String> trialDiff = new LinkedHashMap<>();
        ModelPass.Outcome out =
            pass.port(
                task,
                code -> {
                  List<RustCrate.Unit> units = units(crate);
                  units.add(new RustCrate.Unit(name, code));
                  List<PortSignature> toDiff =
                      sig.filter(PortSignature::differentiallyTestable)
                          .map(List::of)
                          .orElse(List.of());
                  Gatekeeper.Verdict v = gates.check(work, crateName, units, toDiff);
                  if (v.clean()) {
                    v.diff().forEach((k, r) -> trialDiff.put(k, r.summary()));
                    return null;
                  }
                  return String.join("; ", v.rejected().values())
                      + (v.log().isBlank() ? "" : "\n" + tail(v.log(), 1500));
                });
        pt += out.promptTokens();
        ct += out.completionTokens();
        if (out.accepted()) {
          crate.put(
              name,
              new Candidate(
                  name,
                  out.code(),
                  sig.orElse(null),
                  "model",
                  List.of("model proposal"),
                  out.repairs()));
          diffEvidence.putAll(trialDiff);
          reasons.remove(name);
        } else {
          reasons.put(name, reasons.get(name) + "; model: " + firstLine(out.reason()));
        }
      }
      proposals = logged.size();
    }

    // the finished crate: interface, tests, final gates
    PortResult.CrateGates finalGates = finish(crate, crateName, ifaceText, iface);
    List<FunctionResult> results = new ArrayList<>();
    for (CFunction f : program.functions()) {
      Set<Hazard> hz = analysis.hazards().getOrDefault(f.name(), Set.of());
      Candidate c = crate.get(f.name());
      if (c != null) {
        results.add(
            new FunctionResult(
                f.name(),
                f.file(),
                f.line(),
                hz,
                FunctionResult.Status.ACCEPTED,
                c.pass(),
                c.rules(),
                c.repairs(),
                null,
                c.sig() == null ? "" : c.sig().render(),
                new FunctionResult.Evidence(
                    true,
                    true,
                    true,
                    diffEvidence.getOrDefault(
                        f.name(), "not applicable (struct state; covered by the crate's tests)"))));
      } else {
        results.add(
            new FunctionResult(
                f.name(),
                f.file(),
                f.line(),
                hz,
                FunctionResult.Status.UNPORTED,
                null,
                List.of(),
                0,
                reasons.getOrDefault(f.name(), "not ported"),
                "",
                FunctionResult.Evidence.NONE));
      }
    }
    PortResult result =
        new PortResult(
            crateName,
            o.out(),
            results,
            types,
            finalGates,
            proposals,
            pt,
            ct,
            Duration.ofNanos(System.nanoTime() - t0));
    PortReport.write(result, o.out());
    return result;
  }

  /**
   * Runs the project's C test programs with every function whose safe signature the differential
   * tester can drive wrapped to log its calls (the signatures come from the parameter rules alone,
   * so they are known before anything is ported).
   */
  private CTraces.Traces traces(CProgram program, List<Path> cFiles, Path testsDir)
      throws IOException, InterruptedException, InputException {
    if (!Files.isDirectory(testsDir)) {
      throw new InputException(testsDir + ": --c-tests must be a directory of C test programs");
    }
    if (testsDir.toAbsolutePath().normalize().startsWith(o.source().toAbsolutePath().normalize())) {
      // the sources are parsed and ported whole: test programs among them would be ported too
      throw new InputException(testsDir + ": the C tests must lie outside the C sources");
    }
    List<PortSignature> sigs = new ArrayList<>();
    for (CFunction f : program.functions()) {
      signatureOf(program, Map.of(), f).ifPresent(sigs::add);
    }
    return CTraces.record(cFiles, testsDir, program, sigs);
  }

  private void settle(
      LinkedHashMap<String, Candidate> crate,
      Gatekeeper gates,
      Path work,
      String crateName,
      Analysis analysis,
      CProgram program,
      Map<String, String> reasons,
      Map<String, String> diffEvidence)
      throws IOException, InterruptedException {
    Set<String> verified = new LinkedHashSet<>();
    for (int round = 0; round < 12 && !crate.isEmpty(); round++) {
      List<PortSignature> toDiff =
          crate.values().stream()
              .filter(c ->
                  c.sig() != null
                      && c.sig().differentiallyTestable()
                      && !verified.contains(c.key()))
              .map(Candidate::sig)
              .toList();
      Gatekeeper.Verdict v = gates.check(work, crateName, units(crate), toDiff);
      v.diff()
          .forEach((k, r) -> {
            if (r.passed()) {
              verified.add(k);
              diffEvidence.put(k, r.summary());
            }
          });
      if (v.clean()) {
        return;
      }
      for (var e : v.rejected().entrySet()) {
        reject(crate, e.getKey(), e.getValue(), analysis, program, reasons);
      }
    }
  }

  private static void reject(
      LinkedHashMap<String, Candidate> crate,
      String key,
      String why,
      Analysis analysis,
      CProgram program,
      Map<String, String> reasons) {
    if (crate.remove(key) == null) {
      return;
    }
    reasons.put(key, why);
    Set<String> dependents = new LinkedHashSet<>();
    if (key.startsWith("struct ")) {
      String s = key.substring("struct ".length());
      analysis
          .typeUses()
          .forEach((f, ts) -> {
            if (ts.contains(s)) {
              dependents.add(f);
            }
          });
    } else if (key.equals("constants")) {
      dependents.addAll(crate.keySet());
    } else {
      dependents.addAll(analysis.callersOf(key));
    }
    for (String d : dependents) {
      if (crate.containsKey(d)) {
        reject(crate, d, "depends on " + key + ", which was rejected", analysis, program, reasons);
      }
    }
  }

  private static List<RustCrate.Unit> units(Map<String, Candidate> crate) {
    List<RustCrate.Unit> out = new ArrayList<>();
    crate.values().forEach(c -> out.add(new RustCrate.Unit(c.key(), c.code())));
    return out;
  }

  private static Map<String, PortSignature> signatures(Map<String, Candidate> crate) {
    Map<String, PortSignature> out = new LinkedHashMap<>();
    crate.values().stream().filter(c -> c.sig() != null).forEach(c -> out.put(c.key(), c.sig()));
    return out;
  }

  private static Optional<PortSignature> signatureOf(
      CProgram p, Map<String, PortSignature> sigs, CFunction f) {
    try {
      return Optional.of(new Translator(p, sigs).signature(f));
    } catch (Unsupported e) {
      return Optional.empty();
    }
  }

  /**
   * Writes the final crate (the interface with accepted bodies spliced in) and runs the final
   * gates.
   */
  private PortResult.CrateGates finish(
      Map<String, Candidate> crate,
      String crateName,
      Optional<String> ifaceText,
      RustItems.Items iface)
      throws IOException, InterruptedException, InputException {
    String lib;
    List<String> missing = new ArrayList<>();
    if (ifaceText.isPresent()) {
      String text = ifaceText.get();
      StringBuilder spliced = new StringBuilder();
      int at = 0;
      Set<String> used = new LinkedHashSet<>();
      List<RustItems.Fn> fns =
          iface.functions().stream()
              .sorted((a, b) -> Integer.compare(a.start(), b.start()))
              .toList();
      for (RustItems.Fn fn : fns) {
        Candidate c =
            crate.values().stream()
                .filter(x ->
                    x.sig() != null
                        ? x.sig().rustName().equals(fn.name())
                        : x.key().equals(fn.name()))
                .findFirst()
                .orElse(null);
        String theirs = c == null ? null : signatureIn(c.code(), fn.name());
        String code = c == null ? null : c.code();
        if (c != null && !fn.signature().equals(theirs)) {
          Optional<String> renamed = withInterfaceNames(code, theirs, fn.signature());
          if (renamed.isPresent()) {
            code = renamed.get();
            theirs = signatureIn(code, fn.name());
          }
        }
        if (c != null && fn.signature().equals(theirs)) {
          spliced.append(text, at, fn.start()).append(code.strip());
          at = fn.end();
          used.add(c.key());
        } else {
          missing.add(
              fn.name()
                  + (c == null
                      ? ""
                      : " (ported signature `" + theirs + "` differs from the interface)"));
        }
      }
      spliced.append(text.substring(at));
      StringBuilder extra = new StringBuilder();
      for (Candidate c : crate.values()) {
        if (used.contains(c.key())
            || c.sig() != null && iface.function(c.sig().rustName()).isPresent()) {
          continue;
        }
        if (c.sig() == null) {
          // a type or constant: the interface's own definition wins
          String name = c.key().startsWith("struct ") ? typeName(c.code()) : null;
          if (c.key().equals("constants")) {
            for (String line : c.code().split("\n")) {
              String cn = line.replaceAll("^pub const (\\w+):.*$", "$1");
              if (!line.isBlank() && iface.definition(cn).isEmpty()) {
                extra.append(line).append('\n');
              }
            }
            continue;
          }
          if (name != null && iface.definition(name).isPresent()) {
            continue;
          }
        }
        extra.append(c.code()).append('\n');
      }
      String body = spliced.toString();
      lib =
          (body.contains("forbid(unsafe_code)") ? "" : "#![forbid(unsafe_code)]\n")
              + body
              + "\n"
              + extra;
    } else {
      StringBuilder b = new StringBuilder(RustCrate.header());
      crate.values().forEach(c -> b.append(c.code()).append('\n'));
      lib = b.toString();
    }
    Files.createDirectories(o.out().resolve("src"));
    Files.writeString(
        o.out().resolve("Cargo.toml"),
        RustCrate.cargoToml(crateName, null),
        StandardCharsets.UTF_8);
    Files.writeString(o.out().resolve("src/lib.rs"), lib, StandardCharsets.UTF_8);
    if (o.tests().isPresent()) {
      Path td = o.out().resolve("tests");
      Files.createDirectories(td);
      try (Stream<Path> s = Files.list(o.tests().get())) {
        for (Path t : s.filter(p -> p.toString().endsWith(".rs")).toList()) {
          Files.copy(
              t, td.resolve(t.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    boolean safe;
    try {
      safe = UnsafeCheck.violations(lib).isEmpty();
    } catch (RustLexer.LexException e) {
      safe = false;
    }
    Cargo.Outcome b = cargo.build(o.out());
    Cargo.Outcome c = b.ok() ? cargo.clippy(o.out()) : b;
    boolean ranTests = o.tests().isPresent() && b.ok();
    Cargo.TestRun t = ranTests ? cargo.test(o.out()) : new Cargo.TestRun(false, 0, 0, "", 0);
    String log =
        (b.ok() ? "" : "build:\n" + b.log())
            + (c.ok() ? "" : "\nclippy:\n" + c.log())
            + (ranTests ? "\ntests:\n" + t.log() : "");
    return new PortResult.CrateGates(
        b.ok(), safe, b.ok() && c.ok(), missing, t.passed(), t.failed(), ranTests, log);
  }

  /**
   * When a port's signature differs from the interface's only in parameter names ({@code in} is
   * {@code r#in} in the port, {@code input} in the interface), the port with the interface's names
   * in its signature and each old name bound to the new one at the top of its body, so the body is
   * untouched; empty when anything else differs.
   */
  static Optional<String> withInterfaceNames(String code, String ours, String wanted) {
    if (ours == null) {
      return Optional.empty();
    }
    String[] a = ours.split(" ");
    String[] b = wanted.split(" ");
    if (a.length != b.length) {
      return Optional.empty();
    }
    Map<String, String> renames = new LinkedHashMap<>();
    int depth = 0;
    for (int k = 0; k < a.length; k++) {
      if (a[k].equals("(")) {
        depth++;
      } else if (a[k].equals(")")) {
        depth--;
      }
      if (a[k].equals(b[k])) {
        continue;
      }
      boolean paramName =
          depth == 1
              && k > 0
              && (a[k - 1].equals("(") || a[k - 1].equals(","))
              && k + 1 < a.length
              && a[k + 1].equals(":")
              && b[k + 1].equals(":");
      if (!paramName) {
        return Optional.empty();
      }
      renames.put(a[k], b[k]);
    }
    int open = code.indexOf('{');
    if (renames.isEmpty() || open < 0) {
      return Optional.empty();
    }
    String head = code.substring(0, open);
    StringBuilder lets = new StringBuilder();
    for (var e : renames.entrySet()) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile(
                  "([(,]\\s*)" + java.util.regex.Pattern.quote(e.getKey()) + "(\\s*:)")
              .matcher(head);
      if (!m.find()) {
        return Optional.empty();
      }
      head =
          head.substring(0, m.start())
              + m.group(1)
              + e.getValue()
              + m.group(2)
              + head.substring(m.end());
      lets.append("\n    let ").append(e.getKey()).append(" = ").append(e.getValue()).append(';');
    }
    return Optional.of(head + "{" + lets + code.substring(open + 1));
  }

  private static String signatureIn(String code, String fn) {
    try {
      return RustItems.read(code).function(fn).map(RustItems.Fn::signature).orElse(null);
    } catch (RustLexer.LexException e) {
      return null;
    }
  }

  private static String typeName(String code) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("pub struct (\\w+)").matcher(code);
    return m.find() ? m.group(1) : null;
  }

  private String crateName() throws IOException {
    if (o.iface().isPresent()) {
      try (Stream<Path> s = Files.list(o.iface().get())) {
        Optional<Path> rs = s.filter(p -> p.toString().endsWith(".rs")).sorted().findFirst();
        if (rs.isPresent()) {
          return sanitize(rs.get().getFileName().toString().replaceAll("\\.rs$", ""));
        }
      }
    }
    return sanitize(o.source().toAbsolutePath().normalize().getFileName().toString());
  }

  private static String sanitize(String s) {
    String n = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    return n.isEmpty() || Character.isDigit(n.charAt(0)) ? "port_" + n : n;
  }

  private Optional<String> interfaceText() throws IOException, InputException {
    if (o.iface().isEmpty()) {
      return Optional.empty();
    }
    Path dir = o.iface().get();
    if (!Files.isDirectory(dir)) {
      throw new InputException(dir + ": --interface must be a directory holding one .rs file");
    }
    try (Stream<Path> s = Files.list(dir)) {
      Optional<Path> rs = s.filter(p -> p.toString().endsWith(".rs")).sorted().findFirst();
      if (rs.isEmpty()) {
        throw new InputException(dir + ": no .rs interface file");
      }
      return Optional.of(Files.readString(rs.get(), StandardCharsets.UTF_8));
    }
  }

  private static RustItems.Items items(String text) throws InputException {
    try {
      return RustItems.read(text);
    } catch (RustLexer.LexException e) {
      throw new InputException("interface: " + e.getMessage(), e);
    }
  }

  private static void appendLog(Path log, ModelPass.Proposal p) {
    ObjectNode n = JSON.createObjectNode();
    n.put("function", p.function())
        .put("attempt", p.attempt())
        .put("model", p.model())
        .put("prompt_tokens", p.promptTokens())
        .put("completion_tokens", p.completionTokens())
        .put("accepted", p.accepted())
        .put("reason", p.reason())
        .put("code", p.code());
    try {
      Files.writeString(
          log,
          n + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(log + ": cannot append to the proposals log", e);
    }
  }

  private static String tail(String s, int max) {
    return s.length() <= max ? s : s.substring(s.length() - max);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
