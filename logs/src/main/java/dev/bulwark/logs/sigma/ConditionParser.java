package dev.bulwark.logs.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The condition grammar: {@code or} binds loosest, then {@code and}, then {@code not}; "1 of X",
 * "all of X" and "N of X" take a selection name, a wildcard pattern or "them" (every selection
 * whose name does not start with an underscore).
 */
final class ConditionParser {
  private static final Pattern TOKEN = Pattern.compile("\\(|\\)|[^\\s()]+");
  private final String text;
  private final List<String> tokens = new ArrayList<>();
  private final Map<String, Expr> selections;
  private int pos;

  ConditionParser(String text, Map<String, Expr> selections) {
    this.text = text;
    this.selections = selections;
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      tokens.add(m.group());
    }
  }

  Expr parse() throws SigmaException {
    if (text.contains("|")) {
      throw new SigmaException(
          "condition uses the retired pipe aggregation syntax ('"
              + text
              + "'); use a correlation rule");
    }
    Expr e = or();
    if (pos != tokens.size()) {
      throw new SigmaException("unexpected '" + tokens.get(pos) + "' in condition '" + text + "'");
    }
    return e;
  }

  private Expr or() throws SigmaException {
    List<Expr> items = new ArrayList<>();
    items.add(and());
    while (peek("or")) {
      pos++;
      items.add(and());
    }
    return items.size() == 1 ? items.get(0) : new Expr.Or(items);
  }

  private Expr and() throws SigmaException {
    List<Expr> items = new ArrayList<>();
    items.add(not());
    while (peek("and")) {
      pos++;
      items.add(not());
    }
    return items.size() == 1 ? items.get(0) : new Expr.And(items);
  }

  private Expr not() throws SigmaException {
    if (peek("not")) {
      pos++;
      return new Expr.Not(not());
    }
    return atom();
  }

  private Expr atom() throws SigmaException {
    if (pos >= tokens.size()) {
      throw new SigmaException("condition '" + text + "' ends too early");
    }
    String t = tokens.get(pos++);
    if (t.equals("(")) {
      Expr e = or();
      if (!peek(")")) {
        throw new SigmaException("missing ')' in condition '" + text + "'");
      }
      pos++;
      return e;
    }
    String lower = t.toLowerCase(Locale.ROOT);
    if ((lower.equals("all") || lower.equals("any") || lower.matches("\\d+")) && peek("of")) {
      pos++;
      if (pos >= tokens.size()) {
        throw new SigmaException("'" + t + " of' needs a target in '" + text + "'");
      }
      List<Expr> targets = targets(tokens.get(pos++));
      if (lower.equals("all")) {
        return targets.size() == 1 ? targets.get(0) : new Expr.And(targets);
      }
      int n = lower.equals("any") ? 1 : Integer.parseInt(lower);
      return n == 1 && targets.size() == 1 ? targets.get(0) : new Expr.AtLeast(n, targets);
    }
    Expr e = selections.get(t);
    if (e == null) {
      throw new SigmaException("condition refers to unknown selection '" + t + "'");
    }
    return e;
  }

  private List<Expr> targets(String pattern) throws SigmaException {
    List<Expr> out = new ArrayList<>();
    boolean them = pattern.equalsIgnoreCase("them");
    Pattern glob = them ? null : Pattern.compile(Pattern.quote(pattern).replace("*", "\\E.*\\Q"));
    for (Map.Entry<String, Expr> s : selections.entrySet()) {
      if (them ? !s.getKey().startsWith("_") : glob.matcher(s.getKey()).matches()) {
        out.add(s.getValue());
      }
    }
    if (out.isEmpty()) {
      throw new SigmaException(
          "no selection matches '" + pattern + "' in condition '" + text + "'");
    }
    return out;
  }

  private boolean peek(String word) {
    return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(word);
  }
}
