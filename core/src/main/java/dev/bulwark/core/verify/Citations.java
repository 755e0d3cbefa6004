package dev.bulwark.core.verify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The check on a narrative (an incident summary, an agent's answer): every piece of evidence it
 * cites must exist. Citations are written {@code [finding:FINGERPRINT]}, {@code [incident:ID]} or
 * {@code [event:RECORD-ID]}; a bare 32-hex-digit token is read as a finding fingerprint, since
 * models often cite that way. Made-up evidence is the failure this exists to catch.
 */
public final class Citations implements Check {
  private static final Pattern CITATION =
      Pattern.compile(
          "\\[(finding|incident|event)\\s*:\\s*([^\\]\\s]+)\\s*\\]", Pattern.CASE_INSENSITIVE);
  private static final Pattern BARE_FINGERPRINT =
      Pattern.compile("(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])");

  private final Map<String, Set<String>> known;
  private final boolean required;

  /**
   * {@code known} maps a kind (finding, incident, event) to the ids that exist; when {@code
   * required}, a narrative citing nothing fails too.
   */
  public Citations(Map<String, Set<String>> known, boolean required) {
    this.known = Map.copyOf(known);
    this.required = required;
  }

  @Override
  public String name() {
    return "cites only evidence that exists";
  }

  /** The citations in a text, as "kind:id". */
  public static List<String> cited(String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = CITATION.matcher(text);
    while (m.find()) {
      out.add(m.group(1).toLowerCase(Locale.ROOT) + ":" + m.group(2));
    }
    Matcher b = BARE_FINGERPRINT.matcher(text.replaceAll(CITATION.pattern(), " "));
    while (b.find()) {
      out.add("finding:" + b.group());
    }
    return new ArrayList<>(out);
  }

  @Override
  public Optional<String> failure(Proposal p) {
    List<String> cited = cited(p.content());
    List<String> unknown = new ArrayList<>();
    for (String c : cited) {
      int colon = c.indexOf(':');
      String kind = c.substring(0, colon);
      String id = c.substring(colon + 1);
      if (!known.getOrDefault(kind, Set.of()).contains(id)) {
        unknown.add(c);
      }
    }
    if (!unknown.isEmpty()) {
      return Optional.of("cites evidence that does not exist: " + String.join(", ", unknown));
    }
    if (required && cited.isEmpty()) {
      return Optional.of("cites no evidence: name the findings, incidents or events it rests on");
    }
    return Optional.empty();
  }
}
