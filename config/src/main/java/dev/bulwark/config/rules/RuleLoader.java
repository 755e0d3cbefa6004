package dev.bulwark.config.rules;

import dev.bulwark.config.doc.ConfigKind;
import dev.bulwark.config.doc.ListNode;
import dev.bulwark.config.doc.MapNode;
import dev.bulwark.config.doc.Node;
import dev.bulwark.config.doc.ParseException;
import dev.bulwark.config.doc.Scalar;
import dev.bulwark.config.parse.YamlDocuments;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Loads configuration rules from YAML. Unknown keys, missing fields, bad paths and bad patterns are
 * errors naming the rule file and line, so a misspelt {@code wehre:} cannot silently disable a
 * check.
 */
public final class RuleLoader {
  /** The built-in rules, listed in {@code rules/config/index.txt} (one path a line). */
  static final String INDEX = "/rules/config/index.txt";

  private static final Set<String> RULE_KEYS =
      Set.of(
          "id",
          "kind",
          "title",
          "message",
          "severity",
          "cwe",
          "controls",
          "remediation",
          "select",
          "where",
          "report",
          "locate");
  private static final Set<String> OPS = Set.of("equals", "matches", "has", "present", "absent");

  private RuleLoader() {}

  public static List<ConfigRule> builtIn() throws InputException {
    List<ConfigRule> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (String path : builtInPaths()) {
      String text = resource("/rules/config/" + path);
      ConfigRule r = load("rules/config/" + path, text);
      String expected = path.substring(path.lastIndexOf('/') + 1).replace(".yaml", "");
      if (!r.id().equals(expected)) {
        throw new InputException(
            "rules/config/" + path + ": rule id '" + r.id() + "' differs from the file name");
      }
      if (!path.startsWith(r.kind().id() + "/")) {
        throw new InputException(
            "rules/config/"
                + path
                + ": a "
                + r.kind().id()
                + " rule must sit under "
                + r.kind().id()
                + "/");
      }
      if (!ids.add(r.id())) {
        throw new InputException("rules/config/" + path + ": duplicate rule id " + r.id());
      }
      rules.add(r);
    }
    return List.copyOf(rules);
  }

  /** The rule files of the built-in pack, relative to {@code rules/config/}. */
  public static List<String> builtInPaths() throws InputException {
    return resource(INDEX)
        .lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .toList();
  }

  private static String resource(String name) throws InputException {
    try (InputStream in = RuleLoader.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new InputException("built-in rule resource " + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException("cannot read built-in rule resource " + name, e);
    }
  }

  /** One rule from the text of its file; {@code source} names the file in messages. */
  public static ConfigRule load(String source, String text) throws InputException {
    List<Node> docs;
    try {
      docs = YamlDocuments.parse(source, text);
    } catch (ParseException e) {
      throw new InputException(e.getMessage(), e);
    }
    if (docs.size() != 1 || !(docs.get(0) instanceof MapNode m)) {
      throw new InputException(source + ":1: a rule file holds one mapping");
    }
    for (var e : m.entries().entrySet()) {
      if (!RULE_KEYS.contains(e.getKey())) {
        throw bad(
            source,
            e.getValue(),
            "unknown key '"
                + e.getKey()
                + "' (allowed: "
                + new java.util.TreeSet<>(RULE_KEYS)
                + ")");
      }
    }
    String id = text(source, m, "id", true);
    try {
      ConfigKind kind = ConfigKind.of(text(source, m, "kind", true));
      Severity severity =
          Severity.valueOf(text(source, m, "severity", true).toUpperCase(Locale.ROOT));
      List<Integer> cwes = new ArrayList<>();
      for (String c : list(source, m, "cwe")) {
        cwes.add(Integer.parseInt(c.replaceFirst("(?i)^CWE-", "")));
      }
      List<String> controls = list(source, m, "controls");
      for (String c : controls) {
        if (!c.matches("[A-Z]{2}-\\d+(\\(\\d+\\))?")) {
          throw bad(
              source,
              m.get("controls"),
              "control '" + c + "' is not an 800-53 id such as CM-6 or AC-6(9)");
        }
      }
      NodePath select = path(source, m.get("select"), text(source, m, "select", true));
      Node where = m.get("where");
      Condition cond;
      if (where == null) {
        cond = new Condition.All(List.of());
      } else if (where instanceof ListNode l) {
        List<Condition> all = new ArrayList<>();
        for (Node c : l.items()) {
          all.add(condition(source, c));
        }
        cond = new Condition.All(all);
      } else {
        cond = condition(source, where);
      }
      String report = text(source, m, "report", false);
      String locate = text(source, m, "locate", false);
      return new ConfigRule(
          id,
          kind,
          text(source, m, "title", true),
          text(source, m, "message", true),
          severity,
          cwes,
          controls,
          text(source, m, "remediation", false),
          select,
          cond,
          report == null ? null : path(source, m.get("report"), report),
          locate == null ? null : pattern(source, m.get("locate"), locate),
          source);
    } catch (IllegalArgumentException e) {
      throw new InputException(source + ": rule " + id + ": " + e.getMessage(), e);
    }
  }

  private static Condition condition(String source, Node n) throws InputException {
    if (!(n instanceof MapNode m)) {
      throw bad(source, n, "a condition is a mapping such as {path: x, equals: y}");
    }
    if (m.get("not") != null) {
      single(source, m, "not");
      return new Condition.Not(condition(source, m.get("not")));
    }
    for (String combinator : List.of("any", "all")) {
      if (m.get(combinator) != null) {
        single(source, m, combinator);
        if (!(m.get(combinator) instanceof ListNode l)) {
          throw bad(source, m.get(combinator), combinator + " takes a list of conditions");
        }
        List<Condition> parts = new ArrayList<>();
        for (Node c : l.items()) {
          parts.add(condition(source, c));
        }
        return combinator.equals("any") ? new Condition.Any(parts) : new Condition.All(parts);
      }
    }
    String op = null;
    for (String k : m.entries().keySet()) {
      if (k.equals("path")) {
        continue;
      }
      if (!OPS.contains(k)) {
        throw bad(
            source,
            m.get(k),
            "unknown condition key '" + k + "' (path with one of " + OPS + ", or not/any/all)");
      }
      if (op != null) {
        throw bad(
            source,
            m.get(k),
            "a condition takes one of " + OPS + ", found both " + op + " and " + k);
      }
      op = k;
    }
    if (op == null) {
      throw bad(source, m, "a condition needs one of " + OPS);
    }
    Node pathNode = m.get("path");
    NodePath p = path(source, m, pathNode == null ? "." : scalar(source, pathNode));
    Node arg = m.get(op);
    return switch (op) {
      case "equals" -> new Condition.Equals(p, values(source, arg));
      case "has" -> new Condition.Has(p, values(source, arg));
      case "matches" -> new Condition.Matches(p, pattern(source, arg, scalar(source, arg)));
      case "present" ->
          truth(source, arg)
              ? new Condition.Present(p)
              : new Condition.Not(new Condition.Present(p));
      case "absent" ->
          truth(source, arg)
              ? new Condition.Not(new Condition.Present(p))
              : new Condition.Present(p);
      default -> throw bad(source, arg, "unknown operator " + op);
    };
  }

  private static void single(String source, MapNode m, String key) throws InputException {
    if (m.entries().size() != 1) {
      throw bad(source, m, "'" + key + "' stands alone in its condition");
    }
  }

  private static boolean truth(String source, Node n) throws InputException {
    String v = scalar(source, n);
    if (!v.equals("true") && !v.equals("false")) {
      throw bad(source, n, "expected true or false, found '" + v + "'");
    }
    return v.equals("true");
  }

  private static List<String> values(String source, Node n) throws InputException {
    if (n instanceof ListNode l) {
      List<String> out = new ArrayList<>();
      for (Node item : l.items()) {
        out.add(scalar(source, item));
      }
      return out;
    }
    return List.of(scalar(source, n));
  }

  private static NodePath path(String source, Node at, String text) throws InputException {
    try {
      return NodePath.parse(text);
    } catch (IllegalArgumentException e) {
      throw bad(source, at, e.getMessage());
    }
  }

  private static Pattern pattern(String source, Node at, String regex) throws InputException {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw bad(source, at, "bad pattern: " + e.getDescription());
    }
  }

  private static String scalar(String source, Node n) throws InputException {
    if (n instanceof Scalar s) {
      return s.text();
    }
    throw bad(source, n, "expected a single value");
  }

  private static String text(String source, MapNode m, String key, boolean required)
      throws InputException {
    Node n = m.get(key);
    if (n == null) {
      if (required) {
        throw new InputException(source + ":" + m.line() + ": rule has no '" + key + "'");
      }
      return null;
    }
    String v = scalar(source, n);
    if (required && v.isBlank()) {
      throw bad(source, n, "'" + key + "' is empty");
    }
    return v;
  }

  private static List<String> list(String source, MapNode m, String key) throws InputException {
    Node n = m.get(key);
    if (n == null) {
      throw new InputException(source + ":" + m.line() + ": rule has no '" + key + "'");
    }
    return values(source, n);
  }

  private static InputException bad(String source, Node at, String message) {
    return new InputException(source + ":" + (at == null ? 1 : at.line()) + ": " + message);
  }
}
