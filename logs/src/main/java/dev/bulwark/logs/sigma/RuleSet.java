package dev.bulwark.logs.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.core.text.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sigma rules, meta filters and correlations loaded from YAML files (several documents per file
 * allowed). A rule that cannot be used is listed with the reason — invalid, unsupported, needing
 * placeholder values or routed to no known log source — and loading goes on.
 */
public final class RuleSet {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Why a rule document is not (fully) in use. */
  public enum ProblemKind {
    INVALID,
    UNSUPPORTED,
    NEEDS_VALUES,
    UNROUTED
  }

  /** A rule document that was skipped or cannot fire, with the reason. */
  public record Problem(String path, String id, String title, ProblemKind kind, String message) {}

  private record Filter(SigmaRule.Meta meta, Logsource logsource, List<String> rules, Expr expr) {}

  private final List<SigmaRule> rules = new ArrayList<>();
  private final List<Correlation> correlations = new ArrayList<>();
  private final List<Filter> filters = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();
  private final DetectionCompiler compiler;
  private int documents;

  /**
   * How rules are compiled: values for {@code %name%} placeholders, whether {@code re} patterns
   * that need a backtracking engine may run (under a step budget) instead of being refused, and
   * where parsed rule files are cached ({@code null}: no cache).
   */
  public record Options(
      Map<String, List<String>> placeholders, boolean backtrackingRegex, Path cacheDir) {
    public Options {
      placeholders = Map.copyOf(placeholders);
    }

    public Options(Map<String, List<String>> placeholders, boolean backtrackingRegex) {
      this(placeholders, backtrackingRegex, null);
    }

    public static Options of(Map<String, List<String>> placeholders) {
      return new Options(placeholders, false, null);
    }
  }

  /**
   * Which rules of a downloaded set run, by status: stable always; test when {@code test};
   * experimental from {@code experimentalMinLevel} up (null: never); deprecated and unsupported
   * never. Bulwark's own pack and rules named with --rules are not filtered.
   */
  public record StatusPolicy(boolean test, Level experimentalMinLevel) {
    public static StatusPolicy defaults() {
      return new StatusPolicy(true, Level.HIGH);
    }

    public boolean keeps(SigmaRule.Meta m) {
      if (m.status() == null) {
        return true;
      }
      return switch (m.status()) {
        case STABLE -> true;
        case TEST -> test;
        case EXPERIMENTAL ->
            experimentalMinLevel != null
                && m.level() != null
                && m.level().compareTo(experimentalMinLevel) >= 0;
        case DEPRECATED, UNSUPPORTED -> false;
      };
    }
  }

  /** Rules that the status policy left out, by reference, so correlations on them go quietly. */
  private final Set<String> filteredOut = new HashSet<>();

  private int filteredByStatus;
  private StatusPolicy policy;
  private final Path cacheDir;
  private final Options options;

  /** What the compile options are, for the cache key: they decide which rules compile. */
  private final String optionsKey;

  /** Whether {@link #add} should say what it found, for the cache being written. */
  private boolean recording;

  private RuleSet(Options options) {
    this.compiler = new DetectionCompiler(options.placeholders(), options.backtrackingRegex());
    this.cacheDir = options.cacheDir();
    this.options = options;
    this.optionsKey =
        new java.util.TreeMap<>(options.placeholders()) + "|" + options.backtrackingRegex();
  }

  /** Loads every .yml/.yaml file under the paths, then applies filters and links correlations. */
  public static RuleSet load(
      List<Path> paths, Map<String, List<String>> placeholders, Logsources logsources)
      throws IOException {
    return load(paths, Options.of(placeholders), logsources);
  }

  /** Loads rules from YAML text (one file's documents), e.g. a rule pasted into the console. */
  public static RuleSet parse(
      String name, String yaml, Map<String, List<String>> placeholders, Logsources logsources) {
    return parse(name, yaml, Options.of(placeholders), logsources);
  }

  /** Loads the rule pack shipped inside Bulwark. */
  public static RuleSet builtIn(Map<String, List<String>> placeholders, Logsources logsources) {
    return builtIn(Options.of(placeholders), logsources);
  }

  /** Loads every .yml/.yaml file under the paths, then applies filters and links correlations. */
  public static RuleSet load(List<Path> paths, Options options, Logsources logsources)
      throws IOException {
    RuleSet set = new RuleSet(options);
    set.readDirectories(paths);
    set.link(logsources);
    return set;
  }

  /**
   * Bulwark's pack and, after it, the rule folders of a downloaded set, whose rules run only when
   * the status policy keeps them.
   */
  public static RuleSet builtInWith(
      List<Path> downloaded, StatusPolicy policy, Options options, Logsources logsources)
      throws IOException {
    RuleSet set = new RuleSet(options);
    set.readBuiltIn();
    set.policy = policy;
    set.readDirectories(downloaded);
    set.policy = null;
    set.link(logsources);
    return set;
  }

  /**
   * Bulwark's pack and an installed release of downloaded rules, named by {@code identity} (what
   * was installed: the archive's hash and when). An installed release does not change under its
   * name, so its identity leads to the cached rules without walking, checking and reading the
   * metadata of its thousands of files; the first load walks them as for any directory.
   */
  public static RuleSet builtInWithRelease(
      Path release, String identity, StatusPolicy policy, Options options, Logsources logsources)
      throws IOException {
    RuleSet set = new RuleSet(options);
    set.readBuiltIn();
    set.policy = policy;
    set.readRelease(release, identity);
    set.policy = null;
    set.link(logsources);
    return set;
  }

  private void readRelease(Path dir, String identity) throws IOException {
    String listingKey =
        cacheDir == null ? null : RuleCache.listingKey(dir.toString(), identity, optionsKey);
    RuleCache.Listing listing = listingKey == null ? null : RuleCache.listing(cacheDir, listingKey);
    if (listing != null) {
      List<RuleCache.Loaded> cached =
          RuleCache.read(cacheDir, listing.contentKey(), listing.names().size());
      if (cached != null) {
        addLoaded(listing.names(), cached);
        return;
      }
    }
    Walked walked = readDirectories(List.of(dir));
    // a listing stands for the walk only when the walk refused nothing (refusals are reported)
    if (listingKey != null && walked.contentKey() != null && walked.refused() == 0) {
      RuleCache.rememberListing(cacheDir, listingKey, walked.contentKey(), walked.names());
    }
  }

  /**
   * The rule files a walk read, the cache key of their contents (null without a cache) and how many
   * files it refused.
   */
  private record Walked(List<String> names, String contentKey, int refused) {}

  private Walked readDirectories(List<Path> paths) throws IOException {
    List<Path> files = new ArrayList<>();
    int refusals = 0;
    for (Path p : paths) {
      if (!Files.exists(p)) {
        throw new IOException(p + ": no such rule file or directory");
      }
      // a rule file is read only when it is a regular file inside the directory given
      dev.bulwark.core.files.Roots root = dev.bulwark.core.files.Roots.of(p);
      for (Found f : ruleFiles(p)) {
        Optional<String> refused = f.linked() ? root.refusal(f.path()) : Optional.empty();
        if (refused.isPresent()) {
          refusals++;
          problems.add(
              new Problem(
                  f.path().toString(),
                  null,
                  null,
                  ProblemKind.INVALID,
                  refused.get() + "; not read"));
        } else {
          files.add(f.path());
        }
      }
    }
    List<String> names = files.stream().map(Path::toString).toList();
    // unchanged files (by their metadata) lead to the cache without reading or hashing them
    String statKey = cacheDir == null ? null : RuleCache.statKey(files, optionsKey);
    String known = statKey == null ? null : RuleCache.contentKey(cacheDir, statKey);
    List<RuleCache.Loaded> cached =
        known == null ? null : RuleCache.read(cacheDir, known, names.size());
    if (cached != null) {
      addLoaded(names, cached);
      return new Walked(names, known, refusals);
    }
    List<byte[]> contents = new ArrayList<>(files.size());
    for (Path f : files) {
      contents.add(Files.readAllBytes(f));
    }
    String key = addAll(names, contents);
    if (statKey != null && key != null) {
      RuleCache.remember(cacheDir, statKey, key);
    }
    return new Walked(names, key, refusals);
  }

  /** A rule file found by walking a directory; {@code linked} when it is not a plain file. */
  private record Found(Path path, boolean linked) {}

  /**
   * The .yml/.yaml files under {@code p}, sorted. The walk does not follow links, so a regular file
   * it meets lies inside {@code p} by construction and needs no check of its own (resolving each of
   * SigmaHQ's 3,780 files' real path cost more than the rest of loading them from the cache); links
   * and other kinds of file are marked for the confinement check. A link to a directory is not
   * descended into, as before.
   */
  private static List<Found> ruleFiles(Path p) throws IOException {
    List<Found> found = new ArrayList<>();
    Files.walkFileTree(
        p,
        new java.nio.file.SimpleFileVisitor<>() {
          @Override
          public java.nio.file.FileVisitResult visitFile(
              Path f, java.nio.file.attribute.BasicFileAttributes a) {
            String n = f.getFileName() == null ? "" : f.getFileName().toString();
            n = n.toLowerCase(Locale.ROOT);
            if ((n.endsWith(".yml") || n.endsWith(".yaml"))
                && !(a.isSymbolicLink() && Files.isDirectory(f))) {
              found.add(new Found(f, !a.isRegularFile()));
            }
            return java.nio.file.FileVisitResult.CONTINUE;
          }

          @Override
          public java.nio.file.FileVisitResult visitFileFailed(Path f, IOException e)
              throws IOException {
            throw e;
          }
        });
    found.sort(java.util.Comparator.comparing(Found::path));
    return found;
  }

  /** Loads rules from YAML text (one file's documents). */
  public static RuleSet parse(String name, String yaml, Options options, Logsources logsources) {
    RuleSet set = new RuleSet(options);
    set.read(name, new java.io.ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    set.link(logsources);
    return set;
  }

  /** Loads the rule pack shipped inside Bulwark. */
  public static RuleSet builtIn(Options options, Logsources logsources) {
    RuleSet set = new RuleSet(options);
    set.readBuiltIn();
    set.link(logsources);
    return set;
  }

  private void readBuiltIn() {
    // the pack is part of the jar it ships in: while that jar is unchanged (by its metadata), it
    // leads to the cached rules without reading and hashing the pack's files out of the jar
    String jar = cacheDir == null ? null : packJarKey();
    String listingKey = jar == null ? null : RuleCache.listingKey("builtin:", jar, optionsKey);
    RuleCache.Listing listing = listingKey == null ? null : RuleCache.listing(cacheDir, listingKey);
    if (listing != null) {
      List<RuleCache.Loaded> cached =
          RuleCache.read(cacheDir, listing.contentKey(), listing.names().size());
      if (cached != null) {
        addLoaded(listing.names(), cached);
        return;
      }
    }
    List<String> names = new ArrayList<>();
    List<byte[]> contents = new ArrayList<>();
    try (InputStream index = RuleSet.class.getResourceAsStream("rules/index.txt")) {
      for (String name : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (name.isBlank()) {
          continue;
        }
        try (InputStream in = RuleSet.class.getResourceAsStream("rules/" + name.strip())) {
          names.add("builtin:" + name.strip());
          contents.add(in.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String key = addAll(names, contents);
    if (listingKey != null && key != null) {
      RuleCache.rememberListing(cacheDir, listingKey, key, names);
    }
  }

  /**
   * A key for the jar holding the pack, from its path and metadata; null when the pack is not read
   * from a jar file (classes in a build directory) or the jar changed too recently to tell.
   */
  private static String packJarKey() {
    try {
      java.security.CodeSource source = RuleSet.class.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        return null;
      }
      Path jar = Path.of(source.getLocation().toURI());
      return Files.isRegularFile(jar) ? RuleCache.statKey(List.of(jar), "builtin-pack") : null;
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Parses the files (or takes them from the cache) and adds their documents; returns the cache key
   * of the contents, or null without a cache.
   */
  private String addAll(List<String> names, List<byte[]> contents) {
    if (cacheDir == null) {
      for (int i = 0; i < names.size(); i++) {
        addParsed(names.get(i), parseYaml(contents.get(i)));
      }
      return null;
    }
    String key = RuleCache.key(names, contents, optionsKey);
    List<RuleCache.Loaded> cached = RuleCache.read(cacheDir, key, names.size());
    if (cached != null) {
      addLoaded(names, cached);
      return key;
    }
    List<RuleCache.Loaded> loaded = new ArrayList<>(names.size());
    recording = true;
    try {
      for (int i = 0; i < names.size(); i++) {
        loaded.add(addParsed(names.get(i), parseYaml(contents.get(i))));
      }
    } finally {
      recording = false;
    }
    RuleCache.write(cacheDir, key, loaded);
    return key;
  }

  /** Adds what an earlier load found, compiling rules only when they are first used. */
  private void addLoaded(List<String> names, List<RuleCache.Loaded> loaded) {
    for (int i = 0; i < names.size(); i++) {
      String path = names.get(i);
      RuleCache.Loaded l = loaded.get(i);
      for (RuleCache.Outcome o : l.outcomes()) {
        documents++;
        switch (o) {
          case RuleCache.Outcome.Rule r -> {
            SigmaRule.Meta meta = meta(path, r.meta());
            if (!filteredByPolicy(meta, true)) {
              byte[] json = r.json();
              rules.add(
                  new SigmaRule(meta, r.logsource(), () -> compileCached(meta, json), r.atom()));
            }
          }
          case RuleCache.Outcome.Problem p -> {
            SigmaRule.Meta meta = meta(path, p.meta());
            if (!filteredByPolicy(meta, p.detection())) {
              problems.add(new Problem(path, meta.id(), meta.title(), p.kind(), p.message()));
            }
          }
          case RuleCache.Outcome.Document d -> {
            if (!filteredByPolicy(meta(path, d.meta()), d.detection())) {
              add(path, RuleCache.document(d.json()));
            }
          }
        }
      }
      if (l.error() != null) {
        problems.add(new Problem(path, null, null, ProblemKind.INVALID, l.error()));
      }
    }
  }

  /** A cached rule's condition; it compiled when the cache was written, with these options. */
  private Expr compileCached(SigmaRule.Meta meta, byte[] detection) {
    try {
      return new DetectionCompiler(options.placeholders(), options.backtrackingRegex())
          .compile(RuleCache.document(detection));
    } catch (SigmaException e) {
      throw new IllegalStateException(
          meta.path() + ": rule '" + meta.title() + "' no longer compiles: " + e.getMessage(), e);
    }
  }

  /** Whether the status policy leaves this document out (and notes it if so). */
  private boolean filteredByPolicy(SigmaRule.Meta meta, boolean detection) {
    if (policy == null || !detection || policy.keeps(meta)) {
      return false;
    }
    filteredByStatus++;
    if (meta.id() != null) {
      filteredOut.add(meta.id());
    }
    if (meta.name() != null) {
      filteredOut.add(meta.name());
    }
    return true;
  }

  /**
   * A parser's first line without the Java exception type it sometimes starts with ("java.io.
   * CharConversionException: Invalid UTF-8 …"): the reader of a rule warning wants the cause.
   */
  private static String yamlError(Exception e) {
    return Messages.firstLine(e)
        .replaceFirst("^(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ", "");
  }

  /** One file's YAML documents, or why they could not be read. */
  static RuleCache.Parsed parseYaml(byte[] content) {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(content)) {
      while (it.hasNext()) {
        docs.add(it.next());
      }
      return new RuleCache.Parsed(docs, null);
    } catch (IOException | RuntimeException e) {
      return new RuleCache.Parsed(docs, "not valid YAML: " + yamlError(e));
    }
  }

  /** Adds one file's documents; says what each was when recording for the cache. */
  private RuleCache.Loaded addParsed(String path, RuleCache.Parsed parsed) {
    List<RuleCache.Outcome> outcomes = recording ? new ArrayList<>() : null;
    for (JsonNode doc : parsed.documents()) {
      if (doc == null || doc.isNull() || doc.isEmpty()) {
        continue;
      }
      documents++;
      RuleCache.Outcome o = add(path, doc);
      if (outcomes != null) {
        outcomes.add(o);
      }
    }
    if (parsed.error() != null) {
      problems.add(new Problem(path, null, null, ProblemKind.INVALID, parsed.error()));
    }
    return outcomes == null ? null : new RuleCache.Loaded(outcomes, parsed.error());
  }

  /** Reads one YAML file's documents. */
  void read(String path, InputStream in) {
    byte[] content;
    try {
      content = in.readAllBytes();
    } catch (IOException e) {
      problems.add(
          new Problem(
              path, null, null, ProblemKind.INVALID, "unreadable: " + Messages.firstLine(e)));
      return;
    }
    addParsed(path, parseYaml(content));
  }

  /**
   * Adds one document: a rule, filter or correlation, or the problem it has. When recording, says
   * what it was for the cache (null otherwise).
   */
  private RuleCache.Outcome add(String path, JsonNode doc) {
    RuleCache.Meta raw = rawMeta(doc);
    SigmaRule.Meta meta = meta(path, raw);
    boolean detection = doc.isObject() && doc.has("detection");
    if (filteredByPolicy(meta, detection)) {
      return recording ? new RuleCache.Outcome.Document(raw, true, RuleCache.json(doc)) : null;
    }
    ProblemKind kind;
    String message;
    try {
      level(doc);
      status(doc);
      if (!doc.isObject()) {
        throw new SigmaException("a rule document must be a map");
      }
      if (doc.has("action")) {
        throw new SigmaUnsupported("'action' (global/repeat) multi-document rules are retired");
      }
      Logsource ls = logsource(doc.get("logsource"));
      if (doc.has("correlation")) {
        correlations.add(correlation(meta, doc.get("correlation")));
        return recording
            ? new RuleCache.Outcome.Document(raw, detection, RuleCache.json(doc))
            : null;
      } else if (doc.has("filter")) {
        JsonNode f = doc.get("filter");
        List<String> refs = new ArrayList<>();
        if (f.has("rules")) {
          for (JsonNode r : f.get("rules").isArray() ? f.get("rules") : List.of(f.get("rules"))) {
            refs.add(r.asText());
          }
        }
        filters.add(new Filter(meta, ls, refs, compiler.compile(f)));
        return recording
            ? new RuleCache.Outcome.Document(raw, detection, RuleCache.json(doc))
            : null;
      } else if (doc.has("detection")) {
        if (meta.title() == null) {
          throw new SigmaException("rule has no title");
        }
        Expr expr = compiler.compile(doc.get("detection"));
        rules.add(new SigmaRule(meta, ls, expr));
        return recording
            ? new RuleCache.Outcome.Rule(
                raw, ls, RuleCache.json(doc.get("detection")), RuleIndex.necessary(expr))
            : null;
      } else {
        throw new SigmaException("no detection, correlation or filter section");
      }
    } catch (DetectionCompiler.MissingPlaceholder e) {
      kind = ProblemKind.NEEDS_VALUES;
      message = e.getMessage();
    } catch (SigmaUnsupported e) {
      kind = ProblemKind.UNSUPPORTED;
      message = e.getMessage();
    } catch (SigmaException e) {
      kind =
          e.getMessage().startsWith("condition uses the retired")
                  || e.getMessage().startsWith("unsupported modifier")
              ? ProblemKind.UNSUPPORTED
              : ProblemKind.INVALID;
      message = e.getMessage();
    }
    problems.add(new Problem(path, meta.id(), meta.title(), kind, message));
    return recording ? new RuleCache.Outcome.Problem(raw, detection, kind, message) : null;
  }

  /** A construct Bulwark knows but does not run. */
  static final class SigmaUnsupported extends SigmaException {
    private static final long serialVersionUID = 1L;

    SigmaUnsupported(String message) {
      super(message);
    }
  }

  private static Logsource logsource(JsonNode n) {
    if (n == null || !n.isObject()) {
      return new Logsource(null, null, null);
    }
    return new Logsource(text(n, "product"), text(n, "category"), text(n, "service"));
  }

  private Correlation correlation(SigmaRule.Meta meta, JsonNode c) throws SigmaException {
    Correlation.Type type = Correlation.Type.parse(required(c, "type"));
    List<String> refs = new ArrayList<>();
    JsonNode r = c.get("rules");
    if (r == null) {
      throw new SigmaException("correlation has no rules");
    }
    for (JsonNode x : r.isArray() ? r : List.of(r)) {
      refs.add(x.asText());
    }
    List<String> groupBy = new ArrayList<>();
    JsonNode g = c.get("group-by");
    if (g != null) {
      for (JsonNode x : g.isArray() ? g : List.of(g)) {
        groupBy.add(x.asText());
      }
    }
    Duration span = Timespans.parse(required(c, "timespan"));
    Map<String, Double> cmp = new LinkedHashMap<>();
    String field = null;
    double percentile = 50;
    JsonNode cond = c.get("condition");
    if (cond != null) {
      for (Map.Entry<String, JsonNode> e : cond.properties()) {
        switch (e.getKey()) {
          case "field" -> field = e.getValue().asText();
          case "percentile" -> percentile = e.getValue().asDouble();
          case "gt", "gte", "lt", "lte", "eq", "neq" -> {
            if (!e.getValue().isNumber()) {
              throw new SigmaException("correlation condition " + e.getKey() + " needs a number");
            }
            cmp.put(e.getKey(), e.getValue().asDouble());
          }
          default -> throw new SigmaException("unknown correlation condition '" + e.getKey() + "'");
        }
      }
    }
    boolean temporal =
        type == Correlation.Type.TEMPORAL || type == Correlation.Type.TEMPORAL_ORDERED;
    if (cmp.isEmpty()) {
      if (!temporal) {
        throw new SigmaException("correlation " + type + " needs a condition");
      }
      cmp.put("gte", (double) refs.size());
    }
    boolean needsField = type != Correlation.Type.EVENT_COUNT && !temporal;
    if (needsField && field == null) {
      throw new SigmaException("correlation " + type + " needs condition.field");
    }
    Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
    JsonNode a = c.get("aliases");
    if (a != null) {
      for (Map.Entry<String, JsonNode> e : a.properties()) {
        Map<String, String> m = new LinkedHashMap<>();
        e.getValue().properties().forEach(x -> m.put(x.getKey(), x.getValue().asText()));
        aliases.put(e.getKey(), m);
      }
    }
    JsonNode gen = c.get("generate");
    return new Correlation(
        meta,
        type,
        refs,
        groupBy,
        span,
        new Correlation.Threshold(field, cmp, percentile),
        aliases,
        gen != null && gen.asBoolean());
  }

  private static String required(JsonNode n, String field) throws SigmaException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new SigmaException("correlation has no " + field);
    }
    return v.asText();
  }

  private void link(Logsources logsources) {
    // Rules by the references filters and correlations use (id and name): thousands of rules
    // against every reference made linking quadratic, the largest cost of loading a release.
    Map<String, List<SigmaRule>> byRef = new HashMap<>();
    for (SigmaRule r : rules) {
      for (String ref : new String[] {r.meta().id(), r.meta().name()}) {
        if (ref != null) {
          List<SigmaRule> same = byRef.computeIfAbsent(ref, k -> new ArrayList<>(1));
          if (same.isEmpty() || same.get(same.size() - 1) != r) {
            same.add(r);
          }
        }
      }
    }
    for (Filter f : filters) {
      int applied = 0;
      if (f.rules.isEmpty()) {
        for (SigmaRule r : rules) {
          if (f.logsource.covers(r.logsource())) {
            r.restrict(f.expr);
            applied++;
          }
        }
      } else {
        Set<SigmaRule> named =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (String ref : f.rules) {
          named.addAll(byRef.getOrDefault(ref, List.of()));
        }
        for (SigmaRule r : rules) {
          if (named.contains(r)) {
            r.restrict(f.expr);
            applied++;
          }
        }
      }
      if (applied == 0) {
        problems.add(
            new Problem(
                f.meta.path(),
                f.meta.id(),
                f.meta.title(),
                ProblemKind.INVALID,
                "filter names no loaded rule: " + f.rules));
      }
    }
    Set<String> generating = new HashSet<>();
    List<Correlation> linked = new ArrayList<>();
    for (Correlation c : correlations) {
      List<String> missing = new ArrayList<>();
      for (String ref : c.rules()) {
        boolean found =
            byRef.containsKey(ref)
                || correlations.stream().anyMatch(o -> o != c && o.meta().answersTo(ref));
        if (!found) {
          missing.add(ref);
        }
      }
      if (!missing.isEmpty() && filteredOut.containsAll(missing)) {
        filteredByStatus++; // its rules are left out by status, so it is too
        continue;
      }
      if (!missing.isEmpty()) {
        problems.add(
            new Problem(
                c.meta().path(),
                c.meta().id(),
                c.meta().title(),
                ProblemKind.INVALID,
                "correlation refers to rules that are not loaded: " + missing));
        continue;
      }
      linked.add(c);
      if (c.generate()) {
        generating.addAll(c.rules());
      }
    }
    correlations.clear();
    correlations.addAll(linked);
    Set<String> correlated = new HashSet<>();
    correlations.forEach(c -> correlated.addAll(c.rules()));
    Map<Logsource, Boolean> routable = new HashMap<>();
    for (SigmaRule r : rules) {
      boolean used = answers(r.meta(), correlated);
      if (used && !answers(r.meta(), generating)) {
        r.emits(false);
      }
      if (!routable.computeIfAbsent(r.logsource(), logsources::routable)) {
        problems.add(
            new Problem(
                r.meta().path(),
                r.meta().id(),
                r.meta().title(),
                ProblemKind.UNROUTED,
                "no reader produces events for log source "
                    + r.logsource()
                    + " (add a pipeline mapping to route them)"));
      }
    }
  }

  /** Whether any of {@code refs} names the rule, as {@link SigmaRule.Meta#answersTo} judges. */
  private static boolean answers(SigmaRule.Meta m, Set<String> refs) {
    return (m.id() != null && refs.contains(m.id()))
        || (m.name() != null && refs.contains(m.name()));
  }

  private static RuleCache.Meta rawMeta(JsonNode doc) {
    return new RuleCache.Meta(
        text(doc, "id"),
        text(doc, "name"),
        text(doc, "title"),
        text(doc, "description"),
        text(doc, "status"),
        text(doc, "level"),
        text(doc, "author"),
        text(doc, "date"),
        list(doc, "tags"),
        list(doc, "references"),
        list(doc, "falsepositives"));
  }

  private static SigmaRule.Meta meta(String path, RuleCache.Meta m) {
    return new SigmaRule.Meta(
        m.id(),
        m.name(),
        m.title(),
        m.description(),
        lenient(() -> Status.parse(m.status())),
        lenient(() -> Level.parse(m.level())),
        m.author(),
        m.date(),
        m.tags(),
        m.references(),
        m.falsepositives(),
        path);
  }

  private static Level level(JsonNode doc) throws SigmaException {
    return Level.parse(text(doc, "level"));
  }

  private static Status status(JsonNode doc) throws SigmaException {
    return Status.parse(text(doc, "status"));
  }

  private interface Parse<T> {
    T get() throws SigmaException;
  }

  /** A metadata value for a problem report: null when it does not parse (the problem says so). */
  private static <T> T lenient(Parse<T> p) {
    try {
      return p.get();
    } catch (SigmaException e) {
      return null;
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }

  private static List<String> list(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (JsonNode x : v.isArray() ? v : List.of(v)) {
      out.add(x.asText());
    }
    return List.copyOf(out);
  }

  public List<SigmaRule> rules() {
    return rules;
  }

  public List<Correlation> correlations() {
    return correlations;
  }

  public List<Problem> problems() {
    return problems;
  }

  /** Rule documents read, including the ones with problems. */
  public int documents() {
    return documents;
  }

  /** Rules (and correlations on them) that the status policy left out. */
  public int filteredByStatus() {
    return filteredByStatus;
  }

  public int filterCount() {
    return filters.size();
  }
}
