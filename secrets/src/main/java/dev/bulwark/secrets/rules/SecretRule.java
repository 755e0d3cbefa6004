package dev.bulwark.secrets.rules;

import com.google.re2j.Pattern;
import dev.bulwark.core.files.Glob;
import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.RuleDescriptor;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.model.TaxonomyRef;
import java.util.List;
import java.util.Objects;

/**
 * One secret-detection rule, read from a YAML pack: keywords that must occur near a match, an RE2
 * pattern whose {@code secret} group (or first group) is the secret, and the checks a candidate
 * must pass — entropy, a format validator, allow patterns.
 *
 * <p>{@code shape} is a precondition on the bytes around a keyword, and {@code requires} a list of
 * words of which one must occur in the window (case-insensitive); both only decide whether the
 * regex runs, never what it matches. {@code maxLength} bounds the secret's length, so that patterns
 * can use unbounded repetition (much cheaper for the regex engine than {@code {0,40}}) without
 * swallowing blobs. {@code secretGroup} is the index of the group named {@code secret} (-1: the
 * first group that took part in the match); {@code keyGroup} that of the group named {@code key},
 * the name in an assignment (-1: none). {@code span} is how many bytes after a keyword a match may
 * reach, for secrets that run over several lines such as PEM blocks; 0 means the keyword's line.
 * {@code priority} decides which of two overlapping matches is kept; {@code paths} limits a rule to
 * files whose path matches one of its globs (empty: all files).
 *
 * <p>Of two overlapping matches, the one kept: lower wins, so a provider rule beats a generic one.
 */
public record SecretRule(
    String id,
    String name,
    String description,
    String provider,
    Category category,
    Severity severity,
    Confidence confidence,
    List<String> keywords,
    Pattern pattern,
    int secretGroup,
    int keyGroup,
    double minEntropy,
    int maxLength,
    Validator validator,
    int span,
    Anchor anchor,
    Shape shape,
    int minValue,
    List<String> requires,
    List<Pattern> allow,
    List<Glob> paths,
    int priority,
    List<TaxonomyRef> taxa,
    String remediation,
    String pack) {

  /**
   * Where a match can start relative to a keyword, which decides how much text the regex sees.
   * RE2/J simulates an NFA, so the cost of a rule is the length of text it is run on times the
   * threads its pattern keeps alive; anchoring keeps both small.
   */
  public enum Anchor {
    /** Anywhere on the keyword's line (or span): the pattern is searched for. */
    NONE,
    /** At the keyword: the pattern is searched from one character before it. */
    PREFIX,
    /**
     * At the start of the identifier that contains the keyword (an assignment key such as {@code
     * db_password}): the pattern must match there.
     */
    KEY
  }

  /** The families rules belong to; the eval corpus reports per family. */
  public enum Category {
    CLOUD,
    VCS_CI,
    CHAT,
    PAYMENT,
    SAAS,
    PRIVATE_KEY,
    JWT,
    CONNECTION_STRING,
    GENERIC;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static Category parse(String text) {
      for (Category c : values()) {
        if (c.label().equals(text) || c.name().equalsIgnoreCase(text)) {
          return c;
        }
      }
      throw new IllegalArgumentException("unknown category '" + text + "'");
    }
  }

  public SecretRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(pattern, "pattern of " + id);
    keywords = List.copyOf(keywords);
    requires = List.copyOf(requires);
    allow = List.copyOf(allow);
    paths = List.copyOf(paths);
    taxa = List.copyOf(taxa);
  }

  /** Whether the rule runs on a file; {@code paths} empty means on every file. */
  public boolean appliesTo(String path) {
    if (paths.isEmpty() || path == null) {
      return true;
    }
    return pathRegex().matcher(path).matches();
  }

  /** All path globs as one alternation: one regex run per file instead of one per glob. */
  private java.util.regex.Pattern pathRegex() {
    return PATH_REGEX.computeIfAbsent(
        paths,
        ps -> {
          StringBuilder sb = new StringBuilder();
          for (Glob g : ps) {
            if (g.directoryOnly()) {
              throw new IllegalArgumentException(
                  "rule paths must name files, not directories: " + g);
            }
            sb.append(sb.isEmpty() ? "" : "|").append("(?:").append(g.regex()).append(')');
          }
          return java.util.regex.Pattern.compile(sb.toString(), java.util.regex.Pattern.DOTALL);
        });
  }

  private static final java.util.Map<List<Glob>, java.util.regex.Pattern> PATH_REGEX =
      new java.util.concurrent.ConcurrentHashMap<>();

  public boolean isGeneric() {
    return category == Category.GENERIC;
  }

  public RuleDescriptor descriptor() {
    StringBuilder help = new StringBuilder(description);
    help.append("\n\n**Remediation.** ").append(remediation);
    help.append("\n\nRule pack: `")
        .append(pack)
        .append("` (provider: ")
        .append(provider)
        .append(").");
    return new RuleDescriptor(
        id,
        name,
        name + " found in the source tree",
        help.toString(),
        severity,
        taxa,
        List.of("secrets", category.label()));
  }
}
