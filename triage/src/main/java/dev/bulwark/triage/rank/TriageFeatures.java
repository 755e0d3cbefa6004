package dev.bulwark.triage.rank;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Hand-made features of a finding, each with a name a defender can read in the ranker's reasons:
 * severity and confidence, the analyzer, where the file sits (tests, docs, templates), and what the
 * flagged line looks like (placeholders, references to the environment, comments, entropy).
 */
final class TriageFeatures {
  private TriageFeatures() {}

  private static final List<String> ANALYZERS = List.of("secrets", "code", "deps", "logs", "mail");
  private static final Pattern TEST_PATH =
      Pattern.compile(
          "(^|/)(src/test|tests?|__tests__|spec|testdata|fixtures?)/|(Test|Tests|IT|_test|\\.test|\\.spec)\\.[a-z]+$");
  private static final Pattern DOCS_PATH =
      Pattern.compile(
          "(^|/)(docs?|examples?|samples?|demo)/|(^|/)README|\\.(md|rst|txt|adoc|html)$",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern TEMPLATE_PATH =
      Pattern.compile("\\.(example|sample|template|tmpl|dist|tpl)(\\.[a-z]+)?$|\\.j2$");
  private static final Pattern LOCK_PATH =
      Pattern.compile("(lock\\.json|\\.lock|lockfile|go\\.sum|-lock\\.yaml)$");
  private static final Pattern CONFIG_PATH =
      Pattern.compile(
          "(^|/)\\.env$|\\.(ya?ml|properties|json|toml|ini|conf|cfg|xml|tf|tfvars)$|(^|/)Dockerfile$");
  private static final Pattern SOURCE_PATH =
      Pattern.compile("\\.(java|kt|py|go|js|ts|cs|php|rb|rs|scala|groovy|sh|ps1)$");
  private static final Pattern PLACEHOLDER =
      Pattern.compile(
          "example|sample|changeme|change_me|your[_-]|<[a-z_-]+>|xxxx|dummy|fake|placeholder|redacted|todo|not[_-]?a[_-]?real|\\*\\*\\*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern ENV_REFERENCE =
      Pattern.compile(
          "\\$\\{|\\{\\{|process\\.env|os\\.environ|getenv|System\\.getenv|%\\(|\\$[A-Z_]{3,}");
  private static final Pattern COMMENT = Pattern.compile("^\\s*(#|//|/\\*|\\*|--|;|<!--)");
  private static final Pattern SECRET_KEY =
      Pattern.compile("pass|secret|token|key|credential|auth|pwd", Pattern.CASE_INSENSITIVE);

  static final List<String> NAMES = names();

  private static List<String> names() {
    List<String> n = new java.util.ArrayList<>();
    for (String s : List.of("critical", "high", "medium", "low")) {
      n.add("severity is " + s);
    }
    for (String c : List.of("high", "medium", "low")) {
      n.add("confidence is " + c);
    }
    for (String a : ANALYZERS) {
      n.add("found by " + a);
    }
    n.addAll(
        List.of(
            "a generic rule",
            "in a test path",
            "in docs or examples",
            "in a template file",
            "in a lockfile",
            "in a configuration file",
            "in source code",
            "line looks like a placeholder",
            "line refers to the environment",
            "line is a comment",
            "value entropy (bits per char)",
            "value entropy below 3.5",
            "assigned to a credential-like key"));
    return List.copyOf(n);
  }

  static double[] of(TriageItem item) {
    double[] x = new double[NAMES.size()];
    int i = 0;
    for (String s : List.of("critical", "high", "medium", "low")) {
      x[i++] = s.equals(item.severity()) ? 1 : 0;
    }
    for (String c : List.of("high", "medium", "low")) {
      x[i++] = c.equals(item.confidence()) ? 1 : 0;
    }
    for (String a : ANALYZERS) {
      x[i++] = a.equals(item.analyzer()) ? 1 : 0;
    }
    String path = item.path() == null ? "" : item.path();
    String line = item.snippet() == null ? "" : item.snippet();
    String rule = item.ruleId() == null ? "" : item.ruleId().toLowerCase(Locale.ROOT);
    x[i++] = rule.startsWith("generic") ? 1 : 0;
    x[i++] =
        TEST_PATH.matcher(path).find() || "test".equals(item.properties().get("context")) ? 1 : 0;
    x[i++] = DOCS_PATH.matcher(path).find() ? 1 : 0;
    x[i++] = TEMPLATE_PATH.matcher(path).find() ? 1 : 0;
    x[i++] = LOCK_PATH.matcher(path).find() ? 1 : 0;
    x[i++] = CONFIG_PATH.matcher(path).find() ? 1 : 0;
    x[i++] = SOURCE_PATH.matcher(path).find() ? 1 : 0;
    x[i++] = PLACEHOLDER.matcher(line).find() ? 1 : 0;
    x[i++] = ENV_REFERENCE.matcher(line).find() ? 1 : 0;
    x[i++] = COMMENT.matcher(line).find() ? 1 : 0;
    double entropy = parse(item.properties().get("entropy"));
    x[i++] = entropy;
    x[i++] = entropy > 0 && entropy < 3.5 ? 1 : 0;
    String key = item.properties().getOrDefault("key", "");
    x[i] = SECRET_KEY.matcher(key).find() ? 1 : 0;
    return x;
  }

  private static double parse(String s) {
    if (s == null) {
      return 0;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
