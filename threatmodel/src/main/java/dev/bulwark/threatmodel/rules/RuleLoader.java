package dev.bulwark.threatmodel.rules;

import dev.bulwark.threatmodel.model.ThreatModel.Kind;
import dev.bulwark.threatmodel.rules.Condition.Op;
import dev.bulwark.threatmodel.rules.Condition.Quantifier;
import dev.bulwark.threatmodel.tree.Documents;
import dev.bulwark.threatmodel.tree.ModelException;
import dev.bulwark.threatmodel.tree.Tree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads risk rules: the built-in ones listed in {@code rules/index.txt}, or every {@code *.yaml} in
 * a folder (fixtures, {@code *.fixture.yaml}, left out). Errors name file, line and path.
 */
public final class RuleLoader {
  private static final String BASE = "/dev/bulwark/threatmodel/rules/";

  private RuleLoader() {}

  /** The ids of the built-in rules, in the order they are listed. */
  public static List<String> builtInIds() {
    try (InputStream in = RuleLoader.class.getResourceAsStream(BASE + "index.txt")) {
      if (in == null) {
        throw new IllegalStateException("rules/index.txt is missing from the module");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::trim)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException("rules/index.txt unreadable", e);
    }
  }

  public static List<Rule> builtIn() {
    List<Rule> out = new ArrayList<>();
    for (String id : builtInIds()) {
      String text = resource(id + ".yaml");
      try {
        out.add(parse("rules/" + id + ".yaml", text));
      } catch (ModelException e) {
        throw new IllegalStateException("built-in rule broken: " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** The text of a file beside the built-in rules, e.g. a fixture. */
  public static String resource(String name) {
    try (InputStream in = RuleLoader.class.getResourceAsStream(BASE + name)) {
      if (in == null) {
        throw new IllegalStateException("rules/" + name + " is missing from the module");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("rules/" + name + " unreadable", e);
    }
  }

  public static List<Rule> fromFolder(Path dir) throws ModelException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files =
          s.filter(p -> p.toString().endsWith(".yaml") && !p.toString().endsWith(".fixture.yaml"))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new ModelException(dir.toString(), 1, "", "cannot list rule folder: " + e.getMessage());
    }
    List<Rule> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Path f : files) {
      Rule r = parse(f.toString(), read(f));
      if (!ids.add(r.id())) {
        throw new ModelException(f.toString(), 1, "id", "rule id '" + r.id() + "' used twice");
      }
      out.add(r);
    }
    return out;
  }

  private static String read(Path f) throws ModelException {
    try {
      return Files.readString(f, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ModelException(f.toString(), 1, "", "cannot read: " + e.getMessage());
    }
  }

  public static Rule parse(String file, String text) throws ModelException {
    Tree.MapNode m = Documents.parse(file, text).asMap();
    String id = m.requireText("id");
    String base = Path.of(file).getFileName().toString();
    if (!base.equals(id + ".yaml")) {
      throw m.get("id").error("rule id '" + id + "' must equal the file name");
    }
    String stride = m.requireText("stride");
    String match = m.requireText("match");
    int cwe;
    try {
      cwe = Integer.parseInt(m.requireText("cwe"));
    } catch (NumberFormatException e) {
      throw m.get("cwe").error("a CWE number, e.g. 306");
    }
    String mitigation = m.requireText("mitigation");
    return new Rule(
        id,
        m.requireText("title"),
        Rule.Stride.parse(stride)
            .orElseThrow(() -> m.get("stride").error("unknown STRIDE category '" + stride + "'")),
        cwe,
        Kind.parse(match)
            .orElseThrow(() ->
                m.get("match")
                    .error(
                        "match must be technical-asset, communication-link, data-asset,"
                            + " trust-boundary or shared-runtime")),
        m.get("when") == null ? new Condition.Always() : condition(m.get("when")),
        ratings(m, "impact", Levels.IMPACT),
        ratings(m, "likelihood", Levels.LIKELIHOOD),
        m.text("description", ""),
        mitigation.trim(),
        file);
  }

  private static List<Rule.Rating> ratings(Tree.MapNode m, String key, List<String> scale)
      throws ModelException {
    Tree t = m.require(key);
    List<Rule.Rating> out = new ArrayList<>();
    if (t instanceof Tree.Scalar s) {
      out.add(new Rule.Rating(new Condition.Always(), level(s, scale)));
      return out;
    }
    List<Tree> items = t.asList().items();
    for (int i = 0; i < items.size(); i++) {
      Tree.MapNode r = items.get(i).asMap();
      Tree level = r.require("level");
      boolean last = i == items.size() - 1;
      if (last && r.get("when") != null) {
        throw r.error("the last " + key + " entry must have no 'when' (it is the default)");
      }
      if (!last && r.get("when") == null) {
        throw r.error("only the last " + key + " entry may leave out 'when'");
      }
      out.add(
          new Rule.Rating(
              last ? new Condition.Always() : condition(r.get("when")), level(level, scale)));
    }
    return out;
  }

  private static String level(Tree t, List<String> scale) throws ModelException {
    String v = t.asText();
    if (!scale.contains(v)) {
      throw t.error("unknown level '" + v + "', expected one of " + scale);
    }
    return v;
  }

  static Condition condition(Tree t) throws ModelException {
    Tree.MapNode m = t.asMap();
    if (m.get("all") != null) {
      return new Condition.All(parts(m, "all"));
    }
    if (m.get("any") != null) {
      return new Condition.Any(parts(m, "any"));
    }
    if (m.get("not") != null) {
      return new Condition.Not(condition(m.get("not")));
    }
    for (Quantifier q : Quantifier.values()) {
      String key = q.name().toLowerCase(Locale.ROOT);
      if (m.get(key) != null) {
        Condition where =
            m.get("where") == null ? new Condition.Always() : condition(m.get("where"));
        return new Condition.Quantified(q, m.requireText(key), where);
      }
    }
    if (m.get("path") != null) {
      String path = m.requireText("path");
      Op found = null;
      Object value = null;
      for (Op op : Op.values()) {
        Tree v = m.get(op.name().toLowerCase(Locale.ROOT));
        if (v == null) {
          continue;
        }
        if (found != null) {
          throw m.error("a test has one operator, found " + found + " and " + op);
        }
        found = op;
        value = v instanceof Tree.ListNode l ? texts(l) : v.asText();
      }
      if (found == null) {
        throw m.error("a test needs one of is, in, at_least, below, contains, empty");
      }
      if (found == Op.IN && !(value instanceof List<?>)) {
        throw m.error("'in' needs a list");
      }
      return new Condition.Test(path, found, value);
    }
    throw m.error("expected all, any, not, some, none, every or path");
  }

  private static List<String> texts(Tree.ListNode l) throws ModelException {
    List<String> out = new ArrayList<>();
    for (Tree i : l.items()) {
      out.add(i.asText());
    }
    return out;
  }

  private static List<Condition> parts(Tree.MapNode m, String key) throws ModelException {
    List<Condition> out = new ArrayList<>();
    for (Tree t : m.list(key).items()) {
      out.add(condition(t));
    }
    if (out.isEmpty()) {
      throw m.error("'" + key + "' needs at least one condition");
    }
    return out;
  }
}
