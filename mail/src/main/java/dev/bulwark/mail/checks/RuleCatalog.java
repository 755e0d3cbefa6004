package dev.bulwark.mail.checks;

import java.util.Locale;

/**
 * The built-in mail checks as a plain-text table (the rules command) and as Markdown (the docs).
 */
public final class RuleCatalog {
  private RuleCatalog() {}

  /** One line per check: id, points, weight, part, summary. */
  public static String text() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%-27s %6s  %-10s  %-14s  %s%n",
            "ID",
            "POINTS",
            "WEIGHT",
            "PART",
            "SUMMARY"));
    for (MailRule r : BuiltInChecks.rules()) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-27s %6d  %-10s  %-14s  %s%n",
              r.id(),
              r.points(),
              r.weight().name().toLowerCase(Locale.ROOT),
              r.part().name().toLowerCase(Locale.ROOT),
              r.summary()));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%d checks. Suspicious from %d points, malicious from %d; supporting checks count only"
                + " beside %d or more primary points, or when %d supporting checks of %d or more"
                + " points fire together.%n",
            BuiltInChecks.rules().size(),
            Thresholds.SUSPICIOUS,
            Thresholds.MALICIOUS,
            Thresholds.SUPPORTED_FROM,
            Thresholds.SUPPORTING_TOGETHER,
            Thresholds.STRONG_SUPPORTING));
    return out.toString();
  }

  /** The catalogue page, {@code docs/rules/mail.md}. */
  public static String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Mail checks\n\n")
        .append("Generated from `BuiltInChecks` by `RuleCatalogTest`; ")
        .append(BuiltInChecks.rules().size())
        .append(
            " checks, each a small class in `mail/src/main/java/dev/bulwark/mail/checks/` with an")
        .append(" annotated fixture mailbox in `mail/src/test/resources/rules/mail/<id>.mbox`.")
        .append(" `bulwark mail rules` prints the same list.\n\n")
        .append(
            "A message's score is the sum of its reasons' points. **Primary** checks are signs of")
        .append(" phishing in themselves; **supporting** checks are traits honest mail has too —")
        .append(" mailing-list and bulk-sender headers, missing authentication results, click")
        .append(" prompts — and count only beside ")
        .append(Thresholds.SUPPORTED_FROM)
        .append(" or more primary points, or when ")
        .append(Thresholds.SUPPORTING_TOGETHER)
        .append(" distinct supporting checks worth ")
        .append(Thresholds.STRONG_SUPPORTING)
        .append(" or more points each fire together. A message is suspicious from ")
        .append(Thresholds.SUSPICIOUS)
        .append(" points and malicious from ")
        .append(Thresholds.MALICIOUS)
        .append(". `points` is the most one check adds to one message.\n");
    MailRule.Part part = null;
    for (MailRule r : BuiltInChecks.rules()) {
      if (r.part() != part) {
        part = r.part();
        String name = part.name().toLowerCase(Locale.ROOT);
        md.append("\n## ")
            .append(Character.toUpperCase(name.charAt(0)))
            .append(name.substring(1))
            .append("\n\n| id | points | weight | what it means |\n|---|---:|---|---|\n");
      }
      md.append("| `")
          .append(r.id())
          .append("` | ")
          .append(r.points())
          .append(" | ")
          .append(r.weight().name().toLowerCase(Locale.ROOT))
          .append(" | ")
          .append(r.summary().replace("|", "\\|"))
          .append(" |\n");
    }
    return md.toString();
  }
}
