package dev.bulwark.intel.summary;

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
 * The check each sentence of an executive summary must pass to be kept: it cites at least one fact
 * of the report and only facts that exist, and every figure, ATT&CK or CVE identifier and actor
 * name it states is in the facts it cites. Spelled-out numbers up to twenty count as figures, so
 * "three actors" needs a cited fact saying 3. What the check cannot see — a wrong verb, a claim
 * with no figure or name in it — is why the summary is labelled as written by a model.
 */
public final class SummaryCheck {
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
  private static final Pattern IDENTIFIER =
      Pattern.compile("(?i)\\b(?:T\\d{4}(?:\\.\\d{3})?|[GSC]\\d{4}|CVE-\\d{4}-\\d{4,})\\b");
  private static final List<String> NUMBER_WORDS =
      List.of(
          "zero",
          "one",
          "two",
          "three",
          "four",
          "five",
          "six",
          "seven",
          "eight",
          "nine",
          "ten",
          "eleven",
          "twelve",
          "thirteen",
          "fourteen",
          "fifteen",
          "sixteen",
          "seventeen",
          "eighteen",
          "nineteen",
          "twenty");
  private static final Pattern WORD = Pattern.compile("[A-Za-z]+");

  private final Map<String, String> facts;
  private final List<String> names;

  /**
   * {@code facts} by id; {@code names} the actor names and aliases a sentence may only state when a
   * cited fact states them.
   */
  public SummaryCheck(Map<String, String> facts, Set<String> names) {
    this.facts = Map.copyOf(facts);
    this.names =
        names.stream().filter(n -> n.strip().length() >= 3).map(String::strip).distinct().toList();
  }

  /** Why the sentence must be dropped, or empty when it may be kept. */
  public Optional<String> failure(String sentence, List<String> cited) {
    if (cited.isEmpty()) {
      return Optional.of("cites no fact");
    }
    StringBuilder basis = new StringBuilder();
    for (String id : cited) {
      String f = facts.get(id.strip().toUpperCase(Locale.ROOT));
      if (f == null) {
        return Optional.of("cites " + id + ", which is not a fact of the report");
      }
      basis.append(f).append('\n');
    }
    String base = basis.toString();
    Set<String> baseNumbers = new LinkedHashSet<>();
    for (String n : tokens(NUMBER, base)) {
      baseNumbers.add(trimZeros(n));
    }
    List<String> unsupported = new ArrayList<>();
    // an identifier's digits are judged with the identifier, not as figures of their own
    for (String n : tokens(NUMBER, IDENTIFIER.matcher(sentence).replaceAll(" "))) {
      if (!baseNumbers.contains(trimZeros(n))) {
        unsupported.add(n);
      }
    }
    Matcher w = WORD.matcher(sentence);
    while (w.find()) {
      int v = NUMBER_WORDS.indexOf(w.group().toLowerCase(Locale.ROOT));
      if (v >= 0 && !baseNumbers.contains(String.valueOf(v))) {
        unsupported.add(w.group());
      }
    }
    String baseUpper = base.toUpperCase(Locale.ROOT);
    for (String id : tokens(IDENTIFIER, sentence)) {
      if (!Pattern.compile("\\b" + Pattern.quote(id.toUpperCase(Locale.ROOT)) + "\\b")
          .matcher(baseUpper)
          .find()) {
        unsupported.add(id);
      }
    }
    String lowerSentence = sentence.toLowerCase(Locale.ROOT);
    String lowerBase = base.toLowerCase(Locale.ROOT);
    for (String name : names) {
      Pattern p =
          Pattern.compile(
              "(?<![\\w-])" + Pattern.quote(name.toLowerCase(Locale.ROOT)) + "(?![\\w-])");
      if (p.matcher(lowerSentence).find() && !p.matcher(lowerBase).find()) {
        unsupported.add(name);
      }
    }
    if (!unsupported.isEmpty()) {
      return Optional.of(
          "states what the cited facts do not: "
              + String.join(", ", new LinkedHashSet<>(unsupported)));
    }
    return Optional.empty();
  }

  private static Set<String> tokens(Pattern p, String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /** "12.00" is the fact's 12.00; "12.0" or "12" stated for it are read as the same figure. */
  private static String trimZeros(String n) {
    if (!n.contains(".")) {
      return n;
    }
    String t = n.replaceAll("0+$", "");
    return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
  }
}
