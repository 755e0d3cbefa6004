package dev.bulwark.code.specs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a method's names suggest it does: words in the method and parameter names that go with a
 * kind of sink (a {@code script} evaluated, a {@code path} opened, a {@code command} run), with a
 * source, or with a sanitizer. A guess only: the verdict comes from the method's code.
 */
final class Heuristics {
  private Heuristics() {}

  /** A sink a name suggests: the rule it would add to. */
  record SinkGuess(String rule, int cwe, String word) {}

  private record Words(Pattern pattern, String rule, int cwe) {}

  // words, not substrings: makeTimeValue does not evaluate anything, execute() of an HTTP client
  // runs no command
  private static final List<Words> SINK_WORDS =
      List.of(
          new Words(Pattern.compile("\\b(exec|command|shell|spawn)\\b"), "java-cmdi", 78),
          new Words(
              Pattern.compile("\\b(eval\\w*|script|groovy|template|render|interpret)\\b"),
              "java-code-injection",
              94),
          new Words(
              Pattern.compile("\\b(expression|spel|ognl|mvel|jexl)\\b"), "java-el-injection", 917),
          new Words(Pattern.compile("\\b(sql|query)\\b"), "java-sqli", 89),
          new Words(
              Pattern.compile("\\b(file|path|dir|directory|folder|extract|unzip|untar)\\b"),
              "java-path-traversal",
              22),
          new Words(Pattern.compile("\\b(jndi|lookup)\\b"), "java-jndi-injection", 502),
          new Words(
              Pattern.compile("\\b(deserialize|unmarshal)\\b"), "java-unsafe-deserialization", 502),
          new Words(Pattern.compile("\\b(redirect)\\b"), "java-open-redirect", 601),
          new Words(Pattern.compile("\\b(fetch|download)\\b"), "java-ssrf", 918));

  /** Parameter names strong enough to suggest a sink on their own (a file or a path is not). */
  private static final Pattern STRONG_PARAMETER =
      Pattern.compile("\\b(script|command|template|expression|sql|jndi)\\b");

  /** {@code runShellCommand} as the words "run shell command". */
  static String words(String camel) {
    return camel
        .replaceAll("([a-z0-9])([A-Z])", "$1 $2")
        .replaceAll("([A-Z]+)([A-Z][a-z])", "$1 $2")
        .replace('_', ' ')
        .toLowerCase(Locale.ROOT);
  }

  /** Whole names only: {@code getParams()} that lists a function's parameters is not input. */
  private static final Pattern SOURCE_NAME =
      Pattern.compile(
          "(?i)^(get|read)(raw)?(request(body|param|parameter|header|uri|path)?|querystring"
              + "|queryparam(eter)?|header|param(eter)?|cookie|userinput|formfield|formparam"
              + "|payload|requestpayload)(value)?s?$");

  private static final Pattern SANITIZER_NAME =
      Pattern.compile(
          "(?i).*(sanitiz|escape|encode|clean|safe|strip|quote|neutrali|whitelist|allowlist).*");

  /** Sinks the method's name (and its parameters' names, where strong) suggest. */
  static List<SinkGuess> sinks(String method, List<String> paramNames) {
    List<SinkGuess> out = new ArrayList<>();
    StringBuilder names = new StringBuilder(words(method));
    for (String p : paramNames) {
      String w = words(p);
      if (STRONG_PARAMETER.matcher(w).find()) {
        names.append(' ').append(w);
      }
    }
    for (Words w : SINK_WORDS) {
      var m = w.pattern.matcher(names);
      if (m.find() && out.stream().noneMatch(g -> g.rule.equals(w.rule))) {
        out.add(new SinkGuess(w.rule, w.cwe, m.group(1)));
      }
    }
    return out;
  }

  static boolean sourceName(String method) {
    return SOURCE_NAME.matcher(method).matches();
  }

  static boolean sanitizerName(String method) {
    return SANITIZER_NAME.matcher(method).matches();
  }

  private static final Pattern SINK_DOC =
      Pattern.compile(
          "(?i)\\b(execut|evaluat|runs? the|script|command|shell|opens?|reads? the file|writes? the"
              + " file|file name|path|sql|query|template|expression|look(s|ed)? up)");
  private static final Pattern SOURCE_DOC =
      Pattern.compile(
          "(?i)\\b(request|user[- ]supplied|user input|header|query string|parameter"
              + " value|untrusted|from the client|uploaded)");
  private static final Pattern SANITIZER_DOC =
      Pattern.compile("(?i)\\b(escap|sanitiz|safe to|strips?|removes? (any|all)|neutrali|encod)");

  /** Whether documentation says a method is of this kind. */
  static boolean docSays(Spec.Kind kind, String doc) {
    if (doc == null || doc.isBlank()) {
      return false;
    }
    return switch (kind) {
      case SINK -> SINK_DOC.matcher(doc).find();
      case SOURCE -> SOURCE_DOC.matcher(doc).find();
      case SANITIZER -> SANITIZER_DOC.matcher(doc).find();
      case PROPAGATOR -> false;
    };
  }

  /** Parameter and return types that can carry untrusted text. */
  static boolean dataType(String type) {
    if (type == null) {
      return false;
    }
    String t = type.replaceAll("<.*>", "");
    return switch (t) {
      case "String",
          "java.lang.String",
          "CharSequence",
          "java.lang.CharSequence",
          "File",
          "java.io.File",
          "Path",
          "java.nio.file.Path",
          "URI",
          "java.net.URI",
          "URL",
          "java.net.URL",
          "InputStream",
          "java.io.InputStream",
          "Reader",
          "java.io.Reader",
          "byte[]",
          "char[]",
          "String[]",
          "java.lang.String[]",
          "Object",
          "java.lang.Object",
          "String...",
          "Object..." ->
          true;
      default -> false;
    };
  }
}
