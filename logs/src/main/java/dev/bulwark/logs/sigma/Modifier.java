package dev.bulwark.logs.sigma;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The value modifiers of Sigma 2.1, parsed once per field key ({@code CommandLine|contains|all}) so
 * that compiling a value asks a set, never a string.
 */
enum Modifier {
  CONTAINS("contains"),
  STARTSWITH("startswith"),
  ENDSWITH("endswith"),
  ALL("all"),
  RE("re"),
  IGNORECASE("i", "ignorecase"),
  MULTILINE("m", "multiline"),
  DOTALL("s", "dotall"),
  WINDASH("windash"),
  CIDR("cidr"),
  BASE64("base64"),
  BASE64OFFSET("base64offset"),
  UTF16LE("wide", "utf16le"),
  UTF16BE("utf16be"),
  UTF16("utf16"),
  EXISTS("exists"),
  CASED("cased"),
  FIELDREF("fieldref"),
  GT("gt"),
  GTE("gte"),
  LT("lt"),
  LTE("lte"),
  NEQ("neq"),
  EXPAND("expand"),
  MINUTE("minute"),
  HOUR("hour"),
  DAY("day"),
  WEEK("week"),
  MONTH("month"),
  YEAR("year");

  /** Modifiers that place the value inside the field: at most one applies. */
  static final Set<Modifier> POSITION = EnumSet.of(CONTAINS, STARTSWITH, ENDSWITH);

  static final Set<Modifier> COMPARISONS = EnumSet.of(GT, GTE, LT, LTE);
  static final Set<Modifier> TIME_PARTS = EnumSet.of(MINUTE, HOUR, DAY, WEEK, MONTH, YEAR);

  private static final Map<String, Modifier> BY_NAME = new java.util.HashMap<>();

  static {
    for (Modifier m : values()) {
      for (String n : m.names) {
        BY_NAME.put(n, m);
      }
    }
  }

  private final String[] names;

  Modifier(String... names) {
    this.names = names;
  }

  /** The name as written in rules (the first spelling when there are two). */
  String yamlName() {
    return names[0];
  }

  /**
   * Parses the modifiers of a field key, in the order written (transformations apply in that
   * order).
   */
  static java.util.List<Modifier> parseAll(String suffix) throws SigmaException {
    java.util.List<Modifier> out = new java.util.ArrayList<>();
    if (suffix.isEmpty()) {
      return out;
    }
    for (String m : suffix.split("\\|")) {
      Modifier mod = BY_NAME.get(m.toLowerCase(Locale.ROOT));
      if (mod == null) {
        throw new SigmaException("unsupported modifier '" + m + "'");
      }
      out.add(mod);
    }
    return out;
  }
}
