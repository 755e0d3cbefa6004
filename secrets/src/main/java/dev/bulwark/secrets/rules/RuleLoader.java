package dev.bulwark.secrets.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.model.TaxonomyRef;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads secret rule packs — YAML files, one per provider family — and lints them as it goes: ids
 * unique and kebab-case, keywords present and lower-case, patterns valid RE2 with a {@code secret}
 * group where a {@code key} group exists, validators known, a name, description and remediation for
 * every rule. A pack that fails lint is an input error naming the pack and the rule.
 */
public final class RuleLoader {
  /** Classpath directory of the built-in packs, listed in its {@code index.txt}. */
  public static final String BUILT_IN_DIR = "rules/secrets/";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final java.util.regex.Pattern ID =
      java.util.regex.Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private RuleLoader() {}

  /** The packs that ship with Bulwark. */
  public static List<SecretRule> builtIn() throws InputException {
    List<SecretRule> rules = new ArrayList<>();
    for (String pack : builtInPackNames()) {
      String resource = BUILT_IN_DIR + pack;
      try (InputStream in = RuleLoader.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new InputException(resource + ": listed in index.txt but missing");
        }
        rules.addAll(parse(YAML.readTree(in), pack));
      } catch (IOException e) {
        throw new InputException(resource + ": cannot read: " + e.getMessage(), e);
      }
    }
    checkUnique(rules);
    return rules;
  }

  public static List<String> builtInPackNames() throws InputException {
    String index = BUILT_IN_DIR + "index.txt";
    try (InputStream in = RuleLoader.class.getClassLoader().getResourceAsStream(index)) {
      if (in == null) {
        throw new InputException(index + ": missing from the classpath");
      }
      List<String> names = new ArrayList<>();
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          String l = line.strip();
          if (!l.isEmpty() && !l.startsWith("#")) {
            names.add(l);
          }
        }
      }
      return names;
    } catch (IOException e) {
      throw new InputException(index + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Every {@code *.yaml} pack in a directory (not recursive), e.g. a team's own rules. */
  public static List<SecretRule> directory(Path dir) throws InputException {
    List<SecretRule> rules = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files =
          s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new InputException(dir + ": cannot list rule packs: " + e.getMessage(), e);
    }
    // a pack is read only when it is a regular file inside the directory: no FIFO, no link out
    dev.bulwark.core.files.Roots root = dev.bulwark.core.files.Roots.of(dir);
    for (Path f : files) {
      java.util.Optional<String> refused = root.refusal(f);
      if (refused.isPresent()) {
        throw new InputException(f + ": " + refused.get() + "; not read as a rule pack");
      }
      rules.addAll(file(f));
    }
    return rules;
  }

  public static List<SecretRule> file(Path file) throws InputException {
    dev.bulwark.core.files.FileKind kind = dev.bulwark.core.files.FileKind.ofTarget(file);
    if (kind != dev.bulwark.core.files.FileKind.REGULAR) {
      throw new InputException(file + ": is " + kind.description() + ", not a rule pack");
    }
    try {
      return parse(YAML.readTree(file.toFile()), file.toString());
    } catch (IOException e) {
      throw new InputException(file + ": invalid YAML: " + e.getMessage(), e);
    }
  }

  public static void checkUnique(List<SecretRule> rules) throws InputException {
    Set<String> ids = new HashSet<>();
    for (SecretRule r : rules) {
      if (!ids.add(r.id())) {
        throw new InputException(r.pack() + ": rule id '" + r.id() + "' is defined twice");
      }
    }
  }

  static List<SecretRule> parse(JsonNode root, String pack) throws InputException {
    if (root == null || !root.isObject()) {
      throw new InputException(pack + ": a rule pack must be a mapping with 'rules'");
    }
    String provider = root.path("provider").asText("");
    if (provider.isBlank()) {
      throw new InputException(pack + ": missing 'provider'");
    }
    JsonNode list = root.path("rules");
    if (!list.isArray() || list.isEmpty()) {
      throw new InputException(pack + ": 'rules' must be a non-empty list");
    }
    List<SecretRule> out = new ArrayList<>();
    for (JsonNode n : list) {
      String id = n.path("id").asText("");
      try {
        out.add(rule(n, root, pack, provider));
      } catch (IllegalArgumentException | PatternSyntaxException e) {
        throw new InputException(pack + ": rule '" + id + "': " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static SecretRule rule(JsonNode n, JsonNode pack, String packName, String provider) {
    String id = required(n, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("id must be lower-case kebab-case");
    }
    String name = required(n, "name");
    String description = required(n, "description");
    String remediation = required(n, "remediation");
    SecretRule.Category category =
        SecretRule.Category.parse(n.path("category").asText(pack.path("category").asText("")));
    Severity severity =
        Severity.parse(n.path("severity").asText(pack.path("severity").asText("high")));
    Confidence confidence =
        Confidence.parse(
            n.path("confidence")
                .asText(category == SecretRule.Category.GENERIC ? "medium" : "high"));
    List<String> keywords = new ArrayList<>();
    for (JsonNode k : n.path("keywords")) {
      String kw = k.asText();
      if (kw.isEmpty() || !kw.equals(kw.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("keyword '" + kw + "' must be non-empty lower case");
      }
      for (char c : kw.toCharArray()) {
        if (c > 0x7f) {
          throw new IllegalArgumentException("keyword '" + kw + "' must be ASCII");
        }
      }
      keywords.add(kw);
    }
    if (keywords.isEmpty()) {
      throw new IllegalArgumentException("at least one keyword is required for the prefilter");
    }
    Pattern pattern = compile(required(n, "pattern"));
    Map<String, Integer> named = pattern.namedGroups();
    int secretGroup = named.getOrDefault("secret", -1);
    int keyGroup = named.getOrDefault("key", -1);
    if (keyGroup > 0 && secretGroup < 0) {
      throw new IllegalArgumentException("a pattern with a 'key' group needs a 'secret' group");
    }
    Validator validator =
        n.hasNonNull("validate") ? Validators.named(n.get("validate").asText()) : null;
    List<Pattern> allow = new ArrayList<>();
    for (JsonNode a : n.path("allow")) {
      allow.add(compile(a.asText()));
    }
    List<dev.bulwark.core.files.Glob> paths = new ArrayList<>();
    for (JsonNode g : n.path("paths")) {
      paths.add(dev.bulwark.core.files.Glob.compile(g.asText()));
    }
    List<TaxonomyRef> taxa = new ArrayList<>();
    JsonNode cwes = n.has("cwe") ? n.get("cwe") : pack.path("cwe");
    if (cwes.isMissingNode() || cwes.isEmpty()) {
      taxa.add(TaxonomyRef.cwe(category == SecretRule.Category.PRIVATE_KEY ? 321 : 798));
    } else {
      for (JsonNode c : cwes) {
        taxa.add(TaxonomyRef.cwe(c.asInt()));
      }
    }
    taxa.add(TaxonomyRef.attack("T1552.001"));
    int span = n.path("span").asInt(0);
    if (span < 0 || span > 1 << 16) {
      throw new IllegalArgumentException("span must be between 0 and 65536 bytes, got " + span);
    }
    SecretRule.Anchor anchor;
    try {
      anchor = SecretRule.Anchor.valueOf(n.path("anchor").asText("none").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("anchor must be none, prefix or key", e);
    }
    Shape shape;
    try {
      shape = Shape.parse(n.path("shape").asText("any"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "shape must be any, quoted-assignment, assignment, line-assignment, call, url-userinfo, token or xml-element",
          e);
    }
    List<String> requires = new ArrayList<>();
    for (JsonNode r : n.path("requires")) {
      requires.add(r.asText().toLowerCase(Locale.ROOT));
    }
    int priority = n.path("priority").asInt(category == SecretRule.Category.GENERIC ? 10 : 0);
    return new SecretRule(
        id,
        name,
        description,
        provider,
        category,
        severity,
        confidence,
        keywords,
        pattern,
        secretGroup,
        keyGroup,
        n.path("entropy").asDouble(0),
        n.path("max-length").asInt(span > 0 ? 1 << 16 : 1024),
        validator,
        span,
        anchor,
        shape,
        n.path("min-value").asInt(1),
        requires,
        allow,
        paths,
        priority,
        taxa,
        remediation,
        packName);
  }

  private static final java.util.regex.Pattern BACK_REFERENCE =
      java.util.regex.Pattern.compile("\\\\(?:[1-9]|k<)|\\(\\?(?:[=!]|<[=!])");

  /**
   * Compiles a pattern for RE2/J, which runs in time linear in the input whatever the pattern, so a
   * pack cannot make a scan backtrack for minutes. Back-references and look-around need a
   * backtracking engine and are refused with a message that says so.
   */
  static Pattern compile(String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      if (BACK_REFERENCE.matcher(regex).find()) {
        throw new IllegalArgumentException(
            "pattern '"
                + regex
                + "' uses a back-reference or look-around, which only a backtracking engine can"
                + " run; Bulwark runs rule patterns on RE2/J in linear time and refuses it."
                + " Rewrite it without (e.g. match the repeated part explicitly) ("
                + e.getMessage()
                + ")",
            e);
      }
      throw e;
    }
  }

  private static String required(JsonNode n, String field) {
    String v = n.path(field).asText("");
    if (v.isBlank()) {
      throw new IllegalArgumentException("missing '" + field + "'");
    }
    return v.strip();
  }
}
