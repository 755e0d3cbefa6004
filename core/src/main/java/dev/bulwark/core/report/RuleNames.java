package dev.bulwark.core.report;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a rule is named to a reader. Most Bulwark rule ids read well ({@code java-sqli-jdbc}); a
 * Sigma rule's id is a UUID that tells a defender nothing, so pages show the rule's title there and
 * keep the id for hover, search and SARIF.
 */
public final class RuleNames {
  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private RuleNames() {}

  /** Whether the id carries a UUID, so that a person cannot tell the rule from it. */
  public static boolean opaque(String ruleId) {
    return ruleId != null && UUID.matcher(ruleId.toLowerCase(Locale.ROOT)).find();
  }

  /**
   * The name to show: the id when it reads well, else the title (when there is one), else the id's
   * kind and the UUID's first block ({@code sigma 5f1ab3c2…}).
   */
  public static String display(String ruleId, String title) {
    if (!opaque(ruleId)) {
      return ruleId == null ? "" : ruleId;
    }
    if (title != null && !title.isBlank()) {
      return title;
    }
    return shortId(ruleId);
  }

  /** An opaque id shortened for a narrow column: the kind before the UUID and its first block. */
  public static String shortId(String ruleId) {
    var m = UUID.matcher(ruleId.toLowerCase(Locale.ROOT));
    if (!m.find()) {
      return ruleId;
    }
    String kind = ruleId.substring(0, m.start()).replaceAll("[-_:./]+$", "");
    return (kind.isEmpty() ? "" : kind + " ") + ruleId.substring(m.start(), m.start() + 8) + "…";
  }
}
