package dev.bulwark.yara;

import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.RuleDescriptor;
import dev.bulwark.core.model.Severity;
import dev.bulwark.yara.engine.RuleMatch;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns rule matches into findings: the rule id is {@code yara.<rule>}; the rule, its tags, its
 * metadata and the matched strings with offsets are {@link YaraProperties}. Matched bytes are shown
 * as hex, unless the rule's metadata says {@code redact = true}.
 */
public final class YaraFindings {
  public static final String ANALYZER = "yara";

  private YaraFindings() {}

  /** Severity from the rule's metadata ({@code severity}/{@code score}), high by default. */
  static Severity severity(RuleMatch m) {
    Object s = m.meta().get("severity");
    if (s instanceof String text) {
      try {
        return Severity.valueOf(text.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        // an unknown word keeps the default
      }
    }
    Object score = m.meta().get("score");
    if (score instanceof Long n) {
      return n >= 80
          ? Severity.CRITICAL
          : n >= 60 ? Severity.HIGH : n >= 40 ? Severity.MEDIUM : Severity.LOW;
    }
    return Severity.HIGH;
  }

  public static Finding of(YaraScan.FileMatch fm) {
    RuleMatch m = fm.match();
    boolean redact = Boolean.TRUE.equals(m.meta().get("redact"));
    String desc = m.meta().get("description") instanceof String d ? d : "YARA rule " + m.rule();
    Finding.Builder b =
        Finding.builder(ANALYZER, "yara." + m.rule())
            .title(m.rule())
            .message(
                desc
                    + (m.strings().isEmpty() ? "" : " (" + m.strings().size() + " string matches)"))
            .severity(severity(m))
            .confidence(Confidence.HIGH)
            .location(new Location.File(fm.path(), null))
            .identity(m.rule())
            .property(YaraProperties.RULE, m.rule());
    if (!m.tags().isEmpty()) {
      b.property(YaraProperties.TAGS, String.join(" ", m.tags()));
    }
    if (!m.meta().isEmpty()) {
      List<String> meta = new ArrayList<>();
      m.meta().forEach((k, v) -> meta.add(k + "=" + v));
      b.property(YaraProperties.META, String.join("; ", meta));
    }
    List<String> shown = new ArrayList<>();
    for (RuleMatch.StringMatch s : m.strings()) {
      if (shown.size() >= 20) {
        break;
      }
      shown.add(
          s.id()
              + "@"
              + s.offset()
              + ":"
              + s.length()
              + " "
              + (redact ? "redacted" : HexFormat.of().formatHex(s.data())));
    }
    if (!shown.isEmpty()) {
      b.property(YaraProperties.STRINGS, String.join("; ", shown));
    }
    return b.build();
  }

  public static List<Finding> of(List<YaraScan.FileMatch> matches) {
    List<Finding> out = new ArrayList<>();
    for (YaraScan.FileMatch m : matches) {
      out.add(of(m));
    }
    return out;
  }

  /** One descriptor per rule that matched, for SARIF's rule list. */
  public static List<RuleDescriptor> rules(List<YaraScan.FileMatch> matches) {
    return matches.stream()
        .map(YaraScan.FileMatch::match)
        .collect(Collectors.toMap(RuleMatch::rule, m -> m, (a, b) -> a, java.util.TreeMap::new))
        .values()
        .stream()
        .map(m ->
            new RuleDescriptor(
                "yara." + m.rule(),
                m.rule(),
                m.meta().get("description") instanceof String d ? d : "YARA rule " + m.rule(),
                null,
                severity(m),
                List.of(),
                m.tags()))
        .toList();
  }
}
