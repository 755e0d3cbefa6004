package dev.bulwark.code.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads the Java rule packs: {@code rules/java/library/*.yaml} (the library model) and {@code
 * rules/java/checks/*.yaml} (one rule per file, id equal to the file name), both listed in {@code
 * rules/java/index.txt}. Lint errors name the file and the entry.
 */
public final class RulePacks {
  public static final String DIR = "rules/java/";
  // a key written twice is a mistake in the pack (the second would silently win)
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /** The loaded packs. */
  public record Loaded(LibraryModel library, List<JavaRule> rules) {
    public JavaRule rule(String id) {
      return rules.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }
  }

  private static volatile Loaded builtIn;

  private RulePacks() {}

  /** The packs that ship with Bulwark, loaded once. */
  public static Loaded builtIn() throws InputException {
    Loaded l = builtIn;
    if (l == null) {
      synchronized (RulePacks.class) {
        if (builtIn == null) {
          builtIn = load();
        }
        l = builtIn;
      }
    }
    return l;
  }

  public static List<String> index() throws InputException {
    String text = resource(DIR + "index.txt");
    List<String> out = new ArrayList<>();
    for (String line : text.split("\\R")) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        out.add(l);
      }
    }
    return out;
  }

  private static String resource(String name) throws InputException {
    try (InputStream in = RulePacks.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new InputException(name + ": missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException(name + ": cannot read: " + e.getMessage(), e);
    }
  }

  static Loaded load() throws InputException {
    LibraryModel lib = new LibraryModel();
    List<JavaRule> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (String file : index()) {
      JsonNode root;
      try {
        root = YAML.readTree(resource(DIR + file));
      } catch (IOException e) {
        throw new InputException(DIR + file + ": invalid YAML: " + e.getMessage(), e);
      }
      try {
        if (file.startsWith("library/")) {
          library(root, lib);
        } else {
          JavaRule r = rule(root, file);
          String expected = file.substring(file.lastIndexOf('/') + 1).replace(".yaml", "");
          if (!r.id().equals(expected)) {
            throw new IllegalArgumentException(
                "rule id '" + r.id() + "' must equal the file name '" + expected + "'");
          }
          if (!ids.add(r.id())) {
            throw new IllegalArgumentException("rule id '" + r.id() + "' is defined twice");
          }
          rules.add(r);
        }
      } catch (IllegalArgumentException e) {
        throw new InputException(DIR + file + ": " + e.getMessage(), e);
      }
    }
    lib.index();
    return new Loaded(lib, List.copyOf(rules));
  }

  /** Expands {a,b} groups in all strings of an entry in parallel: the same choice everywhere. */
  static List<Map<String, String>> expandTogether(Map<String, String> fields) {
    String group = null;
    for (String v : fields.values()) {
      if (v == null) {
        continue;
      }
      int open = v.indexOf('{');
      int close = v.indexOf('}', open + 1);
      if (open >= 0 && close > open) {
        group = v.substring(open, close + 1);
        break;
      }
    }
    if (group == null) {
      return List.of(fields);
    }
    List<Map<String, String>> out = new ArrayList<>();
    for (String alt : group.substring(1, group.length() - 1).split(",")) {
      Map<String, String> m = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : fields.entrySet()) {
        m.put(e.getKey(), e.getValue() == null ? null : e.getValue().replace(group, alt));
      }
      out.addAll(expandTogether(m));
    }
    return out;
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n.isTextual()) {
      out.add(n.asText());
    } else {
      n.forEach(x -> out.add(x.asText()));
    }
    return out;
  }

  private static List<Integer> ints(JsonNode n, int dflt) {
    List<Integer> out = new ArrayList<>();
    if (n.isMissingNode() || n.isNull()) {
      out.add(dflt);
    } else if (n.isNumber()) {
      out.add(n.asInt());
    } else if (n.isTextual() && n.asText().equals("receiver")) {
      out.add(-1);
    } else {
      for (JsonNode x : n) {
        out.add(x.isTextual() && x.asText().equals("receiver") ? -1 : x.asInt());
      }
    }
    return out;
  }

  private static void library(JsonNode root, LibraryModel lib) {
    for (JsonNode t : root.path("types")) {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("type", t.path("type").asText());
      List<String> sups = strings(t.path("supertypes"));
      for (int i = 0; i < sups.size(); i++) {
        f.put("s" + i, sups.get(i));
      }
      for (Map<String, String> m : expandTogether(f)) {
        Set<String> s = lib.supertypes.computeIfAbsent(m.get("type"), k -> new HashSet<>());
        for (int i = 0; i < sups.size(); i++) {
          s.add(m.get("s" + i));
        }
      }
    }
    for (JsonNode r : root.path("returns")) {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("method", r.path("method").asText());
      f.put("type", r.path("type").asText(null));
      for (Map<String, String> m : expandTogether(f)) {
        for (MethodSpec spec : MethodSpec.parse(m.get("method"))) {
          lib.returns.add(
              new LibraryEntry.Returns(spec, m.get("type"), r.path("tag").asText(null)));
        }
      }
    }
    for (JsonNode s : root.path("sources")) {
      List<String> dangerous = strings(s.path("dangerous-for"));
      Set<Category> cats = dangerous.isEmpty() ? Set.of() : LibraryModel.categories(dangerous);
      Confidence conf = confidence(s);
      for (MethodSpec spec : MethodSpec.parse(s.path("method").asText())) {
        lib.sources.add(
            new LibraryEntry.Source(
                spec, s.path("description").asText("untrusted input"), cats, conf));
      }
    }
    for (JsonNode a : root.path("parameter-sources")) {
      for (String ann : MethodSpec.expandBraces(a.asText())) {
        lib.parameterSourceAnnotations.add(ann);
      }
    }
    for (JsonNode a : root.path("attribute-stores")) {
      String scope = text(a, "scope");
      for (String type : MethodSpec.expandBraces(text(a, "type"))) {
        lib.attributeStores.add(
            new LibraryModel.AttributeStore(
                type,
                new HashSet<>(strings(a.path("put"))),
                new HashSet<>(strings(a.path("get"))),
                scope));
      }
    }
    for (JsonNode a : root.path("request-types")) {
      lib.requestTypes.addAll(MethodSpec.expandBraces(a.asText()));
    }
    for (JsonNode a : root.path("handlers")) {
      for (String ann : MethodSpec.expandBraces(a.asText())) {
        lib.handlerAnnotations.add(ann);
      }
    }
    for (JsonNode s : root.path("sanitizers")) {
      Set<Category> cats = LibraryModel.categories(strings(s.path("cleanses")));
      if (cats.isEmpty()) {
        throw new IllegalArgumentException(
            "sanitizer " + s.path("method").asText() + " cleanses nothing");
      }
      Confidence conf = confidence(s);
      for (MethodSpec spec : MethodSpec.parse(s.path("method").asText())) {
        lib.sanitizers.add(new LibraryEntry.Sanitizer(spec, cats, s.path("arg").asInt(0), conf));
      }
    }
    for (JsonNode p : root.path("propagators")) {
      boolean toReceiver = p.path("to").asText("result").equals("receiver");
      for (MethodSpec spec : MethodSpec.parse(p.path("method").asText())) {
        lib.propagators.add(
            new LibraryEntry.Propagator(
                spec, ints(p.path("from"), 0), toReceiver, p.path("restores").asBoolean(false)));
      }
    }
    for (JsonNode f : root.path("flags")) {
      List<Object> when = new ArrayList<>();
      for (JsonNode w : f.path("when")) {
        when.add(
            w.isNull()
                ? null
                : w.isBoolean()
                    ? (Object) w.asBoolean()
                    : w.isNumber() ? (Object) w.asLong() : w.asText());
      }
      for (MethodSpec spec : MethodSpec.parse(f.path("method").asText())) {
        lib.flags.add(
            new LibraryEntry.Flag(
                spec,
                when,
                f.path("flag").asText(),
                f.path("on").asText("receiver").equals("result")));
      }
    }
  }

  private static Confidence confidence(JsonNode entry) {
    JsonNode c = entry.path("confidence");
    return c.isMissingNode() || c.isNull() ? null : Confidence.parse(c.asText());
  }

  /** The keys a rule pack of the team's own may hold; anything else is a mistake in the pack. */
  static final Set<String> PACK_KEYS =
      Set.of("library", "types", "returns", "sources", "sanitizers", "propagators", "sinks");

  /**
   * The built-in packs plus the team's own rule packs ({@code code.packs} in bulwark.yaml), in the
   * library model's format with one more section, {@code sinks}, whose entries name the rule they
   * add a sink to. Entries may carry a {@code confidence}: findings through them are capped at it.
   */
  public static Loaded withPacks(Loaded base, List<java.nio.file.Path> packs)
      throws InputException {
    if (packs.isEmpty()) {
      return base;
    }
    LibraryModel lib = base.library().copy();
    Map<String, List<JavaRule.Sink>> added = new LinkedHashMap<>();
    for (java.nio.file.Path file : packs) {
      JsonNode root;
      try {
        root = YAML.readTree(java.nio.file.Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new InputException(file + ": cannot read the rule pack: " + e.getMessage(), e);
      }
      if (root == null || !root.isObject()) {
        throw new InputException(file + ": a rule pack is a YAML mapping");
      }
      try {
        for (var e : root.properties()) {
          if (!PACK_KEYS.contains(e.getKey())) {
            throw new IllegalArgumentException(
                "unknown key '"
                    + e.getKey()
                    + "' (expected one of "
                    + String.join(", ", new java.util.TreeSet<>(PACK_KEYS))
                    + ")");
          }
        }
        library(root, lib);
        for (JsonNode s : root.path("sinks")) {
          String ruleId = text(s, "rule");
          JavaRule rule =
              base.rules().stream()
                  .filter(r -> r.id().equals(ruleId))
                  .findFirst()
                  .orElseThrow(() ->
                      new IllegalArgumentException("sink names an unknown rule '" + ruleId + "'"));
          if (rule.kind() != JavaRule.Kind.TAINT) {
            throw new IllegalArgumentException(
                "sink names rule '" + ruleId + "', which is not a taint rule");
          }
          for (MethodSpec spec : MethodSpec.parse(text(s, "method"))) {
            added
                .computeIfAbsent(ruleId, k -> new ArrayList<>())
                .add(
                    new JavaRule.Sink(
                        spec,
                        ints(s.path("args"), 0),
                        null,
                        null,
                        null,
                        null,
                        null,
                        confidence(s)));
          }
        }
      } catch (IllegalArgumentException e) {
        throw new InputException(file + ": " + e.getMessage(), e);
      }
    }
    lib.index();
    List<JavaRule> rules = new ArrayList<>();
    for (JavaRule r : base.rules()) {
      List<JavaRule.Sink> more = added.get(r.id());
      rules.add(more == null ? r : r.withSinks(more));
    }
    return new Loaded(lib, List.copyOf(rules));
  }

  private static JavaRule rule(JsonNode root, String file) {
    String id = text(root, "id");
    JavaRule.Kind kind =
        JavaRule.Kind.valueOf(
            root.path("kind").asText("taint").toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    Category category =
        root.hasNonNull("category") ? Category.parse(root.get("category").asText()) : null;
    if (kind == JavaRule.Kind.TAINT && category == null) {
      throw new IllegalArgumentException("taint rule '" + id + "' needs a category");
    }
    List<JavaRule.Sink> sinks = new ArrayList<>();
    for (JsonNode s : root.path("sinks")) {
      Pattern matches = s.hasNonNull("matches") ? Pattern.compile(s.get("matches").asText()) : null;
      Long below = s.hasNonNull("below") ? s.get("below").asLong() : null;
      for (MethodSpec spec : MethodSpec.parse(s.path("method").asText())) {
        sinks.add(
            new JavaRule.Sink(
                spec,
                ints(s.path("args"), 0),
                matches,
                s.path("receiver-tag").asText(null),
                s.path("flag").asText(null),
                below,
                s.path("receiver-flag").asText(null)));
      }
    }
    JavaRule.DenyList denyList = null;
    if (kind == JavaRule.Kind.DENY_LIST) {
      JsonNode d = root.path("deny-list");
      if (!d.isObject()) {
        throw new IllegalArgumentException(
            "deny-list rule '" + id + "' needs a 'deny-list' section");
      }
      denyList =
          new JavaRule.DenyList(
              Pattern.compile(text(d, "deny-names")),
              Pattern.compile(text(d, "allow-names")),
              Pattern.compile(text(d, "checks")),
              Pattern.compile(text(d, "class-context")),
              strings(d.path("gadgets")));
    } else if (sinks.isEmpty() && kind != JavaRule.Kind.STRUCTURAL) {
      throw new IllegalArgumentException("rule '" + id + "' has no sinks");
    }
    return new JavaRule(
        id,
        text(root, "name"),
        root.path("cwe").asInt(),
        Severity.parse(root.path("severity").asText("high")),
        kind,
        category,
        text(root, "message"),
        text(root, "remediation"),
        help(id, text(root, "message")),
        sinks,
        file,
        root.hasNonNull("outside-security-context")
            ? Severity.parse(root.get("outside-security-context").asText())
            : null,
        denyList);
  }

  /** The rule's documentation page, shipped beside the packs, is its help text. */
  private static String help(String id, String fallback) {
    try (InputStream in =
        RulePacks.class.getClassLoader().getResourceAsStream(DIR + "docs/" + id + ".md")) {
      return in == null ? fallback : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return fallback;
    }
  }

  private static String text(JsonNode n, String field) {
    String v = n.path(field).asText("");
    if (v.isBlank()) {
      throw new IllegalArgumentException("missing '" + field + "'");
    }
    return v.strip();
  }
}
