package dev.bulwark.logs.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Compiles a Sigma {@code detection} section (specification 2.1) into an {@link Expr}: selections
 * with every value modifier, keywords, null values, and the condition with and/or/not, parentheses,
 * "1 of", "all of" and "them".
 */
final class DetectionCompiler {
  private final Map<String, List<String>> placeholders;
  private final boolean backtracking;
  private final Set<String> missing = new java.util.TreeSet<>();

  DetectionCompiler(Map<String, List<String>> placeholders) {
    this(placeholders, false);
  }

  /** {@code backtracking}: run {@code re} patterns RE2/J refuses, under a step budget. */
  DetectionCompiler(Map<String, List<String>> placeholders, boolean backtracking) {
    this.placeholders = placeholders;
    this.backtracking = backtracking;
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
    List<Modifier> mods = Modifier.parseAll(modifierSuffix);
    if (mods.stream().noneMatch(m -> Modifier.POSITION.contains(m) || m == Modifier.RE)) {
      mods.add(Modifier.CONTAINS);
    }
    Compiled c = values(mods, values);
    return new Expr.Keywords(c.matchers, mods.contains(Modifier.ALL));
  }

  /** One {@code field|modifier…: value(s)} entry. */
  Expr field(String key, JsonNode value) throws SigmaException {
    int bar = key.indexOf('|');
    String field = bar < 0 ? key : key.substring(0, bar);
    List<Modifier> order = Modifier.parseAll(bar < 0 ? "" : key.substring(bar + 1));
    Set<Modifier> mods = order.isEmpty() ? EnumSet.noneOf(Modifier.class) : EnumSet.copyOf(order);
    List<JsonNode> values = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(values::add);
    } else {
      values.add(value);
    }
    if (field.isEmpty()) {
      return keywords(bar < 0 ? "" : key.substring(bar + 1), values);
    }
    if (mods.contains(Modifier.EXISTS)) {
      if (values.size() != 1 || !values.get(0).isBoolean()) {
        throw new SigmaException(key + ": exists takes true or false");
      }
      return new Expr.Exists(field, values.get(0).asBoolean());
    }
    if (mods.contains(Modifier.FIELDREF)) {
      String mode =
          mods.contains(Modifier.CONTAINS)
              ? "contains"
              : mods.contains(Modifier.STARTSWITH)
                  ? "startswith"
                  : mods.contains(Modifier.ENDSWITH) ? "endswith" : "equals";
      List<Expr> refs = new ArrayList<>();
      for (JsonNode v : values) {
        refs.add(new Expr.FieldRef(field, v.asText(), mode, mods.contains(Modifier.CASED)));
      }
      Expr ref =
          refs.size() == 1
              ? refs.get(0)
              : mods.contains(Modifier.ALL) ? new Expr.And(refs) : new Expr.Or(refs);
      return mods.contains(Modifier.NEQ) ? new Expr.Not(ref) : ref;
    }
    Compiled c = values(order, values);
    boolean all =
        mods.contains(Modifier.ALL) || (mods.contains(Modifier.NEQ) && c.matchers.size() > 1);
    return new Expr.Field(field, c.matchers, all, c.nullAllowed);
  }

  private record Compiled(List<ValueMatcher> matchers, boolean nullAllowed) {}

  /** {@code order}: the modifiers as written, as transformations apply in that order. */
  private Compiled values(List<Modifier> order, List<JsonNode> values) throws SigmaException {
    Set<Modifier> mods = order.isEmpty() ? EnumSet.noneOf(Modifier.class) : EnumSet.copyOf(order);
    boolean cased = mods.contains(Modifier.CASED);
    boolean nullAllowed = false;
    List<ValueMatcher> out = new ArrayList<>();
    String compare = null;
    String timeUnit = null;
    for (Modifier m : order) {
      if (Modifier.COMPARISONS.contains(m)) {
        compare = m.yamlName();
      }
      if (Modifier.TIME_PARTS.contains(m)) {
        timeUnit = m.yamlName();
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
                compare == null ? (mods.contains(Modifier.NEQ) ? "neq" : "eq") : compare,
                number(raw)));
        continue;
      }
      if (compare != null) {
        out.add(new ValueMatcher.Numeric(compare, number(raw)));
        continue;
      }
      if (mods.contains(Modifier.RE)) {
        out.add(
            ValueMatcher.Regex.compile(
                raw,
                mods.contains(Modifier.IGNORECASE),
                mods.contains(Modifier.MULTILINE),
                mods.contains(Modifier.DOTALL),
                backtracking));
        continue;
      }
      if (mods.contains(Modifier.CIDR)) {
        out.add(ValueMatcher.Cidr.parse(raw));
        continue;
      }
      List<SigmaPattern> patterns =
          List.of(v.isTextual() ? SigmaPattern.parse(raw) : SigmaPattern.literal(raw));
      for (Modifier m : order) {
        patterns = transform(m, patterns);
      }
      for (SigmaPattern p : patterns) {
        SigmaPattern w = p;
        if (mods.contains(Modifier.CONTAINS)) {
          w = w.withLeadingStar().withTrailingStar();
        } else if (mods.contains(Modifier.STARTSWITH)) {
          w = w.withTrailingStar();
        } else if (mods.contains(Modifier.ENDSWITH)) {
          w = w.withLeadingStar();
        }
        ValueMatcher matcher = matcher(w, cased);
        out.add(mods.contains(Modifier.NEQ) ? new ValueMatcher.NotEqual(matcher) : matcher);
      }
    }
    return new Compiled(out, nullAllowed);
  }

  private List<SigmaPattern> transform(Modifier modifier, List<SigmaPattern> in)
      throws SigmaException {
    List<SigmaPattern> out = new ArrayList<>();
    switch (modifier) {
      case WINDASH -> {
        for (SigmaPattern s : in) {
          out.addAll(windash(s));
        }
      }
      case EXPAND -> {
        for (SigmaPattern s : in) {
          out.addAll(expand(s));
        }
      }
      case UTF16LE -> in.forEach(s -> out.add(encode(s, StandardCharsets.UTF_16LE, "")));
      case UTF16BE -> in.forEach(s -> out.add(encode(s, StandardCharsets.UTF_16BE, "")));
      case UTF16 -> in.forEach(s -> out.add(encode(s, StandardCharsets.UTF_16LE, "\u00ff\u00fe")));
      case BASE64 -> {
        for (SigmaPattern s : in) {
          out.add(
              SigmaPattern.literal(
                  Base64.getEncoder()
                      .encodeToString(plain(s, modifier).getBytes(StandardCharsets.ISO_8859_1))));
        }
      }
      case BASE64OFFSET -> {
        for (SigmaPattern s : in) {
          base64Offsets(plain(s, modifier)).forEach(t -> out.add(SigmaPattern.literal(t)));
        }
      }
      default -> {
        return in;
      }
    }
    return out;
  }

  /** The value as bytes-as-chars after a UTF-16 encoding, so base64 sees the encoded bytes. */
  private static SigmaPattern encode(SigmaPattern s, java.nio.charset.Charset cs, String bom) {
    SigmaPattern encoded =
        s.mapLiterals(t -> new String(t.getBytes(cs), StandardCharsets.ISO_8859_1));
    return SigmaPattern.literal(bom).concat(encoded);
  }

  private static String plain(SigmaPattern s, Modifier modifier) throws SigmaException {
    if (s.hasWildcards()) {
      throw new SigmaException(modifier.yamlName() + " cannot encode a value with wildcards");
    }
    return s.text();
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

  /**
   * Every combination of dash characters where the value has a '-' or '/' option prefix: at the
   * start of the value, after white space or right after a wildcard.
   */
  private static List<SigmaPattern> windash(SigmaPattern s) {
    // positions are (part index, offset) of dashes that begin an option
    List<int[]> positions = new ArrayList<>();
    List<SigmaPattern.Part> parts = s.parts();
    for (int p = 0; p < parts.size(); p++) {
      if (!(parts.get(p) instanceof SigmaPattern.Literal l)) {
        continue;
      }
      String t = l.text();
      for (int i = 0; i < t.length(); i++) {
        char c = t.charAt(i);
        boolean optionStart =
            i == 0
                ? (p == 0 || parts.get(p - 1) instanceof SigmaPattern.AnyRun)
                : Character.isWhitespace(t.charAt(i - 1));
        if ((c == '-' || c == '/') && optionStart) {
          positions.add(new int[] {p, i});
        }
      }
    }
    String dashes = "-/\u2013\u2014\u2015";
    Set<SigmaPattern> out = new LinkedHashSet<>();
    out.add(s);
    int n = Math.min(positions.size(), 4);
    int combos = (int) Math.pow(dashes.length(), n);
    for (int k = 0; k < combos; k++) {
      List<char[]> texts = new ArrayList<>();
      for (SigmaPattern.Part part : parts) {
        texts.add(part instanceof SigmaPattern.Literal l ? l.text().toCharArray() : null);
      }
      int code = k;
      for (int q = 0; q < n; q++) {
        int[] pos = positions.get(q);
        texts.get(pos[0])[pos[1]] = dashes.charAt(code % dashes.length());
        code /= dashes.length();
      }
      List<SigmaPattern.Part> variant = new ArrayList<>();
      for (int p = 0; p < parts.size(); p++) {
        variant.add(
            texts.get(p) == null
                ? parts.get(p)
                : new SigmaPattern.Literal(new String(texts.get(p))));
      }
      out.add(new SigmaPattern(variant));
    }
    return new ArrayList<>(out);
  }

  private static final java.util.regex.Pattern PLACEHOLDER =
      java.util.regex.Pattern.compile("%([A-Za-z0-9_.-]+)%");

  /** The pattern once per value of each {@code %name%} placeholder in its literal text. */
  private List<SigmaPattern> expand(SigmaPattern s) {
    List<SigmaPattern.Part> parts = s.parts();
    for (int p = 0; p < parts.size(); p++) {
      if (!(parts.get(p) instanceof SigmaPattern.Literal l)) {
        continue;
      }
      Matcher m = PLACEHOLDER.matcher(l.text());
      if (!m.find()) {
        continue;
      }
      List<String> values = placeholders.get(m.group(1));
      if (values == null) {
        missing.add(m.group(1)); // every missing name is reported at the end, not just the first
        return List.of();
      }
      SigmaPattern before =
          new SigmaPattern(parts.subList(0, p))
              .concat(SigmaPattern.literal(l.text().substring(0, m.start())));
      SigmaPattern after =
          SigmaPattern.literal(l.text().substring(m.end()))
              .concat(new SigmaPattern(parts.subList(p + 1, parts.size())));
      List<SigmaPattern> out = new ArrayList<>();
      for (String v : values) {
        out.addAll(expand(before.concat(SigmaPattern.parse(v)).concat(after)));
      }
      return out;
    }
    return List.of(s);
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

  /** The fastest matcher for a wildcard pattern. */
  static ValueMatcher matcher(SigmaPattern w, boolean cased) {
    SigmaPattern p = cased ? w : w.lowerCase();
    List<SigmaPattern.Part> parts = p.parts();
    boolean onlyRuns = parts.stream().noneMatch(x -> x instanceof SigmaPattern.AnyChar);
    if (onlyRuns) {
      if (!p.hasWildcards()) {
        return new ValueMatcher.Exact(p.parts().isEmpty() ? "" : p.text(), cased);
      }
      if (parts.size() == 1) {
        return new ValueMatcher.StartsWith("", cased);
      }
      boolean lead = p.startsWithStar();
      boolean trail = p.endsWithStar();
      if (parts.size() == 3 && lead && trail) {
        return new ValueMatcher.Contains(((SigmaPattern.Literal) parts.get(1)).text(), cased);
      }
      if (parts.size() == 2 && lead) {
        return new ValueMatcher.EndsWith(((SigmaPattern.Literal) parts.get(1)).text(), cased);
      }
      if (parts.size() == 2 && trail) {
        return new ValueMatcher.StartsWith(((SigmaPattern.Literal) parts.get(0)).text(), cased);
      }
    }
    return ValueMatcher.Glob.of(p, cased);
  }
}
