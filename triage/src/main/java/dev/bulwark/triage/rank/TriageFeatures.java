package dev.bulwark.triage.rank;

import dev.bulwark.core.model.CommonProperties;
import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
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

  /** One feature: the name shown in the ranker's reasons and how to compute it from an item. */
  record Feature(String name, ToDoubleFunction<TriageItem> value) {}

  /**
   * Every feature, in the order of the model's weights: a feature added here is named, computed and
   * weighted together, so names and values cannot drift apart.
   */
  static final List<Feature> ALL = features();

  static final List<String> NAMES = ALL.stream().map(Feature::name).toList();

  private static List<Feature> features() {
    List<Feature> f = new ArrayList<>();
    // info is the baseline: no feature of its own
    for (Severity s : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)) {
      f.add(flag("severity is " + s.label(), i -> s.label().equals(i.severity())));
    }
    for (Confidence c : List.of(Confidence.HIGH, Confidence.MEDIUM, Confidence.LOW)) {
      f.add(flag("confidence is " + c.label(), i -> c.label().equals(i.confidence())));
    }
    for (String a : ANALYZERS) {
      f.add(flag("found by " + a, i -> a.equals(i.analyzer())));
    }
    f.add(flag("a generic rule", i -> rule(i).startsWith("generic")));
    f.add(
        flag(
            "in a test path",
            i ->
                TEST_PATH.matcher(path(i)).find()
                    || CommonProperties.CONTEXT
                        .in(i.properties())
                        .filter("test"::equals)
                        .isPresent()));
    f.add(flag("in docs or examples", i -> DOCS_PATH.matcher(path(i)).find()));
    f.add(flag("in a template file", i -> TEMPLATE_PATH.matcher(path(i)).find()));
    f.add(flag("in a lockfile", i -> LOCK_PATH.matcher(path(i)).find()));
    f.add(flag("in a configuration file", i -> CONFIG_PATH.matcher(path(i)).find()));
    f.add(flag("in source code", i -> SOURCE_PATH.matcher(path(i)).find()));
    f.add(flag("line looks like a placeholder", i -> PLACEHOLDER.matcher(line(i)).find()));
    f.add(flag("line refers to the environment", i -> ENV_REFERENCE.matcher(line(i)).find()));
    f.add(flag("line is a comment", i -> COMMENT.matcher(line(i)).find()));
    f.add(new Feature("value entropy (bits per char)", TriageFeatures::entropy));
    f.add(
        flag(
            "value entropy below 3.5",
            i -> {
              double e = entropy(i);
              return e > 0 && e < 3.5;
            }));
    f.add(
        flag(
            "assigned to a credential-like key",
            i -> SECRET_KEY.matcher(CommonProperties.KEY.in(i.properties()).orElse("")).find()));
    return List.copyOf(f);
  }

  private static Feature flag(String name, Predicate<TriageItem> test) {
    return new Feature(name, i -> test.test(i) ? 1 : 0);
  }

  static double[] of(TriageItem item) {
    double[] x = new double[ALL.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = ALL.get(i).value().applyAsDouble(item);
    }
    return x;
  }

  private static String path(TriageItem item) {
    return item.path() == null ? "" : item.path();
  }

  private static String line(TriageItem item) {
    return item.snippet() == null ? "" : item.snippet();
  }

  private static String rule(TriageItem item) {
    return item.ruleId() == null ? "" : item.ruleId().toLowerCase(Locale.ROOT);
  }

  /** The value's entropy from the finding's properties; 0 when absent or unreadable. */
  private static double entropy(TriageItem item) {
    return CommonProperties.ENTROPY.in(item.properties()).orElse(0.0);
  }
}
