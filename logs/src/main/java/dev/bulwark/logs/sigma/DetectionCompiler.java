package dev.bulwark.logs.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Compiles a Sigma {@code detection} section (specification 2.1) into an {@link Expr}: selections
 * with every value modifier, keywords, null values, and the condition with and/or/not, parentheses,
 * "1 of", "all of" and "them".
 */
final class DetectionCompiler {
  static final char STAR = '\uE000';
  static final char QUESTION = '\uE001';
  private static final Set<String> TIME_UNITS =
      Set.of("minute", "hour", "day", "week", "month", "year");
  private static final Set<String> COMPARE = Set.of("gt", "gte", "lt", "lte");
  private static final Set<String> KNOWN =
      Set.of(
          "contains",
          "startswith",
          "endswith",
          "all",
          "re",
          "i",
          "m",
          "s",
          "ignorecase",
          "multiline",
          "dotall",
          "windash",
          "cidr",
          "base64",
          "base64offset",
          "wide",
          "utf16le",
          "utf16be",
          "utf16",
          "exists",
          "cased",
          "fieldref",
          "gt",
          "gte",
          "lt",
          "lte",
          "neq",
          "expand",
          "minute",
          "hour",
          "day",
          "week",
          "month",
          "year");

  private final Map<String, List<String>> placeholders;
  private final Set<String> missing = new java.util.TreeSet<>();

  DetectionCompiler(Map<String, List<String>> placeholders) {
    this.placeholders = placeholders;
  }

  /** Compiles the whole detection section: named selections, then the condition over them. */
  Expr compile(JsonNode detection) throws SigmaException {
    missing.clear();
    Expr e = compileSections(detection);
    if (!missing.isEmpty()) {
      throw new MissingPlaceholder(List.copyOf(missing));
    }
    return e;
  }

  private Expr compileSections(JsonNode detection) throws SigmaException {
    if (detection == null || !detection.isObject()) {
      throw new SigmaException("detection section missing or not a map");
    }
    Map<String, Expr> selections = new LinkedHashMap<>();
    JsonNode condition = null;
    for (Map.Entry<String, JsonNode> e : detection.properties()) {
      switch (e.getKey()) {
        case "condition" -> condition = e.getValue();
        case "timeframe" -> {}
        default -> selections.put(e.getKey(), selection(e.getKey(), e.getValue()));
      }
    }
    if (condition == null) {
      throw new SigmaException("detection has no condition");
    }
    List<Expr> conditions = new ArrayList<>();
    for (JsonNode c : condition.isArray() ? condition : List.of(condition)) {
      conditions.add(new ConditionParser(c.asText(), selections).parse());
    }
    return conditions.size() == 1 ? conditions.get(0) : new Expr.Or(conditions);
  }

  Expr selection(String name, JsonNode node) throws SigmaException {
    if (node.isObject()) {
      List<Expr> all = new ArrayList<>();
      for (Map.Entry<String, JsonNode> f : node.properties()) {
        all.add(field(f.getKey(), f.getValue()));
      }
      return all.size() == 1 ? all.get(0) : new Expr.And(all);
    }
    if (node.isArray()) {
      List<Expr> any = new ArrayList<>();
      List<JsonNode> keywords = new ArrayList<>();
      for (JsonNode item : node) {
        if (item.isObject()) {
          any.add(selection(name, item));
        } else if (item.isArray()) {
          any.add(selection(name, item));
        } else {
          keywords.add(item);
        }
      }
      if (!keywords.isEmpty()) {
        any.add(keywords("", keywords));
      }
      return any.size() == 1 ? any.get(0) : new Expr.Or(any);
    }
    return keywords("", List.of(node));
  }

  private Expr keywords(String modifierSuffix, List<JsonNode> values) throws SigmaException {
    List<String> mods = modifiers(modifierSuffix);
    if (!mods.contains("contains")
        && !mods.contains("startswith")
        && !mods.contains("endswith")
        && !mods.contains("re")) {
      mods.add("contains");
    }
    Compiled c = values(mods, values);
    return new Expr.Keywords(c.matchers, mods.contains("all"));
  }

  /** One {@code field|modifier…: value(s)} entry. */
  Expr field(String key, JsonNode value) throws SigmaException {
    int bar = key.indexOf('|');
    String field = bar < 0 ? key : key.substring(0, bar);
    List<String> mods = modifiers(bar < 0 ? "" : key.substring(bar + 1));
    List<JsonNode> values = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(values::add);
    } else {
      values.add(value);
    }
    if (field.isEmpty()) {
      return keywords(bar < 0 ? "" : key.substring(bar + 1), values);
    }
    if (mods.contains("exists")) {
      if (values.size() != 1 || !values.get(0).isBoolean()) {
        throw new SigmaException(key + ": exists takes true or false");
      }
      return new Expr.Exists(field, values.get(0).asBoolean());
    }
    if (mods.contains("fieldref")) {
      String mode =
          mods.contains("contains")
              ? "contains"
              : mods.contains("startswith")
                  ? "startswith"
                  : mods.contains("endswith") ? "endswith" : "equals";
      List<Expr> refs = new ArrayList<>();
      for (JsonNode v : values) {
        refs.add(new Expr.FieldRef(field, v.asText(), mode, mods.contains("cased")));
      }
      Expr ref =
          refs.size() == 1
              ? refs.get(0)
              : mods.contains("all") ? new Expr.And(refs) : new Expr.Or(refs);
      return mods.contains("neq") ? new Expr.Not(ref) : ref;
    }
    Compiled c = values(mods, values);
    boolean all = mods.contains("all") || (mods.contains("neq") && c.matchers.size() > 1);
    return new Expr.Field(field, c.matchers, all, c.nullAllowed);
  }

  private record Compiled(List<ValueMatcher> matchers, boolean nullAllowed) {}

  private Compiled values(List<String> mods, List<JsonNode> values) throws SigmaException {
    boolean cased = mods.contains("cased");
    boolean nullAllowed = false;
    List<ValueMatcher> out = new ArrayList<>();
    String compare = null;
    String timeUnit = null;
    for (String m : mods) {
      if (COMPARE.contains(m)) {
        compare = m;
      }
      if (TIME_UNITS.contains(m)) {
        timeUnit = m;
      }
    }
    for (JsonNode v : values) {
      if (v.isNull()) {
        nullAllowed = true;
        continue;
      }
      if (v.isContainerNode()) {
        throw new SigmaException("a value must be a string, number, boolean or null, not " + v);
      }
      String raw = v.asText();
      if (timeUnit != null) {
        out.add(
            new ValueMatcher.TimePart(
                timeUnit,
                compare == null ? (mods.contains("neq") ? "neq" : "eq") : compare,
                number(raw)));
        continue;
      }
      if (compare != null) {
        out.add(new ValueMatcher.Numeric(compare, number(raw)));
        continue;
      }
      if (mods.contains("re")) {
        out.add(
            ValueMatcher.Regex.compile(
                raw,
                mods.contains("i") || mods.contains("ignorecase"),
                mods.contains("m") || mods.contains("multiline"),
                mods.contains("s") || mods.contains("dotall")));
        continue;
      }
      if (mods.contains("cidr")) {
        out.add(ValueMatcher.Cidr.parse(raw));
        continue;
      }
      List<String> strings = List.of(v.isTextual() ? parse(raw) : raw);
      for (String m : mods) {
        strings = transform(m, strings);
      }
      for (String s : strings) {
        String w = s;
        if (mods.contains("contains")) {
          w = STAR + w + STAR;
        } else if (mods.contains("startswith")) {
          w = w + STAR;
        } else if (mods.contains("endswith")) {
          w = STAR + w;
        }
        ValueMatcher matcher = matcher(w, cased);
        out.add(mods.contains("neq") ? new ValueMatcher.NotEqual(matcher) : matcher);
      }
    }
    return new Compiled(out, nullAllowed);
  }

  private List<String> transform(String modifier, List<String> in) throws SigmaException {
    List<String> out = new ArrayList<>();
    switch (modifier) {
      case "windash" -> {
        for (String s : in) {
          out.addAll(windash(s));
        }
      }
      case "expand" -> {
        for (String s : in) {
          out.addAll(expand(s));
        }
      }
      case "wide", "utf16le" -> in.forEach(s -> out.add(encode(s, StandardCharsets.UTF_16LE, "")));
      case "utf16be" -> in.forEach(s -> out.add(encode(s, StandardCharsets.UTF_16BE, "")));
      case "utf16" ->
          in.forEach(s -> out.add(encode(s, StandardCharsets.UTF_16LE, "\u00ff\u00fe")));
      case "base64" -> {
        for (String s : in) {
          out.add(
              Base64.getEncoder()
                  .encodeToString(plain(s, modifier).getBytes(StandardCharsets.ISO_8859_1)));
        }
      }
      case "base64offset" -> {
        for (String s : in) {
          out.addAll(base64Offsets(plain(s, modifier)));
        }
      }
      default -> {
        return in;
      }
    }
    return out;
  }

  /** The value as bytes-as-chars after a UTF-16 encoding, so base64 sees the encoded bytes. */
  private static String encode(String s, java.nio.charset.Charset cs, String bom) {
    StringBuilder out = new StringBuilder(bom);
    for (String part : s.split("(?=[\uE000\uE001])|(?<=[\uE000\uE001])")) {
      if (part.length() == 1 && (part.charAt(0) == STAR || part.charAt(0) == QUESTION)) {
        out.append(part);
      } else {
        out.append(new String(part.getBytes(cs), StandardCharsets.ISO_8859_1));
      }
    }
    return out.toString();
  }

  private static String plain(String s, String modifier) throws SigmaException {
    if (s.indexOf(STAR) >= 0 || s.indexOf(QUESTION) >= 0) {
      throw new SigmaException(modifier + " cannot encode a value with wildcards");
    }
    return s;
  }

  /** The three encodings of a value at every alignment inside a larger base64 text. */
  static List<String> base64Offsets(String s) {
    byte[] value = s.getBytes(StandardCharsets.ISO_8859_1);
    int[] start = {0, 2, 3};
    int[] endTrim = {0, 3, 2};
    List<String> out = new ArrayList<>(3);
    for (int i = 0; i < 3; i++) {
      byte[] padded = new byte[i + value.length];
      System.arraycopy(value, 0, padded, i, value.length);
      for (int k = 0; k < i; k++) {
        padded[k] = ' ';
      }
      String enc = Base64.getEncoder().encodeToString(padded);
      int trim = endTrim[(value.length + i) % 3];
      out.add(enc.substring(start[i], enc.length() - trim));
    }
    return out;
  }

  /** Every combination of dash characters where the value has a '-' or '/' option prefix. */
  private static List<String> windash(String s) {
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c == '-' || c == '/')
          && (i == 0 || Character.isWhitespace(s.charAt(i - 1)) || s.charAt(i - 1) == STAR)) {
        positions.add(i);
      }
    }
    String dashes = "-/\u2013\u2014\u2015";
    Set<String> out = new LinkedHashSet<>();
    out.add(s);
    int n = Math.min(positions.size(), 4);
    int combos = (int) Math.pow(dashes.length(), n);
    for (int k = 0; k < combos; k++) {
      char[] c = s.toCharArray();
      int code = k;
      for (int p = 0; p < n; p++) {
        c[positions.get(p)] = dashes.charAt(code % dashes.length());
        code /= dashes.length();
      }
      out.add(new String(c));
    }
    return new ArrayList<>(out);
  }

  private List<String> expand(String s) throws SigmaException {
    Matcher m = java.util.regex.Pattern.compile("%([A-Za-z0-9_.-]+)%").matcher(s);
    if (!m.find()) {
      return List.of(s);
    }
    List<String> values = placeholders.get(m.group(1));
    if (values == null) {
      missing.add(m.group(1)); // every missing name is reported at the end, not just the first
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String v : values) {
      out.addAll(expand(s.substring(0, m.start()) + parse(v) + s.substring(m.end())));
    }
    return out;
  }

  /** A rule needing a placeholder value that the configuration does not give. */
  static final class MissingPlaceholder extends SigmaException {
    private static final long serialVersionUID = 1L;
    final List<String> names;

    MissingPlaceholder(List<String> names) {
      super(
          (names.size() == 1 ? "placeholder " : "placeholders ")
              + String.join(", ", names.stream().map(n -> "%" + n + "%").toList())
              + (names.size() == 1 ? " has" : " have")
              + " no values (set logs.placeholders."
              + names.get(0)
              + (names.size() > 1 ? " and the others" : "")
              + " in bulwark.yaml)");
      this.names = names;
    }
  }

  private static double number(String raw) throws SigmaException {
    try {
      return Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      throw new SigmaException("not a number: " + raw);
    }
  }

  private static List<String> modifiers(String suffix) throws SigmaException {
    List<String> out = new ArrayList<>();
    if (suffix.isEmpty()) {
      return out;
    }
    for (String m : suffix.split("\\|")) {
      String l = m.toLowerCase(Locale.ROOT);
      if (!KNOWN.contains(l)) {
        throw new SigmaException("unsupported modifier '" + m + "'");
      }
      out.add(l);
    }
    return out;
  }

  /**
   * Reads a Sigma string: '*' and '?' are wildcards, a backslash escapes '*', '?' and itself, and
   * any other backslash is literal (so Windows paths need no doubling).
   */
  static String parse(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length()) {
        char n = raw.charAt(i + 1);
        if (n == '*' || n == '?' || n == '\\') {
          out.append(n);
          i++;
          continue;
        }
        out.append(c);
      } else if (c == '*') {
        out.append(STAR);
      } else if (c == '?') {
        out.append(QUESTION);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The fastest matcher for a wildcard string. */
  static ValueMatcher matcher(String w, boolean cased) {
    String s = cased ? w : w.toLowerCase(Locale.ROOT);
    if (s.indexOf(QUESTION) < 0) {
      int stars = 0;
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) == STAR) {
          stars++;
        }
      }
      boolean lead = !s.isEmpty() && s.charAt(0) == STAR;
      boolean trail = s.length() > 1 && s.charAt(s.length() - 1) == STAR;
      if (stars == 0) {
        return new ValueMatcher.Exact(s, cased);
      }
      if (stars == 1 && lead && s.length() == 1) {
        return new ValueMatcher.StartsWith("", cased);
      }
      if (stars == 2 && lead && trail) {
        return new ValueMatcher.Contains(s.substring(1, s.length() - 1), cased);
      }
      if (stars == 1 && lead) {
        return new ValueMatcher.EndsWith(s.substring(1), cased);
      }
      if (stars == 1 && trail) {
        return new ValueMatcher.StartsWith(s.substring(0, s.length() - 1), cased);
      }
    }
    StringBuilder re = new StringBuilder();
    String longest = "";
    StringBuilder lit = new StringBuilder();
    for (int i = 0; i <= s.length(); i++) {
      char c = i < s.length() ? s.charAt(i) : STAR;
      if (c == STAR || c == QUESTION) {
        if (!lit.isEmpty()) {
          re.append(java.util.regex.Pattern.quote(lit.toString()));
          if (lit.length() > longest.length()) {
            longest = lit.toString();
          }
          lit.setLength(0);
        }
        if (i < s.length()) {
          re.append(c == STAR ? ".*" : ".");
        }
      } else {
        lit.append(c);
      }
    }
    return new ValueMatcher.Glob(
        java.util.regex.Pattern.compile(re.toString(), java.util.regex.Pattern.DOTALL),
        cased,
        longest);
  }
}
