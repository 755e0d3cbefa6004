package dev.bulwark.logs.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * A Sigma string value as written: literal text and the wildcards {@code *} (any run of characters)
 * and {@code ?} (one character). Keeping the wildcards as parts, not as characters, means no value
 * can ever be mistaken for a wildcard, whatever characters the logs contain.
 */
record SigmaPattern(List<Part> parts) {

  /** One piece of a pattern. */
  sealed interface Part {}

  /** Text matched as written (case-insensitively unless the rule says {@code cased}). */
  record Literal(String text) implements Part {
    Literal {
      if (text.isEmpty()) {
        throw new IllegalArgumentException("empty literal part");
      }
    }
  }

  /** {@code *}: any run of characters, empty included. */
  record AnyRun() implements Part {}

  /** {@code ?}: exactly one character. */
  record AnyChar() implements Part {}

  static final AnyRun STAR = new AnyRun();
  static final AnyChar QUESTION = new AnyChar();

  SigmaPattern {
    parts = normalise(parts);
  }

  /** A pattern of text alone, with no wildcards. */
  static SigmaPattern literal(String text) {
    return new SigmaPattern(text.isEmpty() ? List.of() : List.of(new Literal(text)));
  }

  /**
   * Reads a Sigma string: '*' and '?' are wildcards, a backslash escapes '*', '?' and itself, and
   * any other backslash is literal (so Windows paths need no doubling).
   */
  static SigmaPattern parse(String raw) {
    List<Part> out = new ArrayList<>();
    StringBuilder lit = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length()) {
        char n = raw.charAt(i + 1);
        if (n == '*' || n == '?' || n == '\\') {
          lit.append(n);
          i++;
          continue;
        }
        lit.append(c);
      } else if (c == '*' || c == '?') {
        flush(lit, out);
        out.add(c == '*' ? STAR : QUESTION);
      } else {
        lit.append(c);
      }
    }
    flush(lit, out);
    return new SigmaPattern(out);
  }

  private static void flush(StringBuilder lit, List<Part> out) {
    if (!lit.isEmpty()) {
      out.add(new Literal(lit.toString()));
      lit.setLength(0);
    }
  }

  /** Adjacent literals joined, runs of '*' collapsed to one (they match the same). */
  private static List<Part> normalise(List<Part> in) {
    List<Part> out = new ArrayList<>(in.size());
    for (Part p : in) {
      Part last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (p instanceof Literal l && last instanceof Literal prev) {
        out.set(out.size() - 1, new Literal(prev.text() + l.text()));
      } else if (p instanceof AnyRun && last instanceof AnyRun) {
        continue;
      } else {
        out.add(p);
      }
    }
    return List.copyOf(out);
  }

  boolean hasWildcards() {
    return parts.stream().anyMatch(p -> !(p instanceof Literal));
  }

  /** The text of a pattern without wildcards. */
  String text() {
    StringBuilder sb = new StringBuilder();
    for (Part p : parts) {
      if (p instanceof Literal l) {
        sb.append(l.text());
      } else {
        throw new IllegalStateException("pattern has wildcards: " + this);
      }
    }
    return sb.toString();
  }

  /** This pattern with each literal part's text replaced by {@code f} of it. */
  SigmaPattern mapLiterals(UnaryOperator<String> f) {
    List<Part> out = new ArrayList<>();
    for (Part p : parts) {
      if (p instanceof Literal l) {
        String t = f.apply(l.text());
        if (!t.isEmpty()) {
          out.add(new Literal(t));
        }
      } else {
        out.add(p);
      }
    }
    return new SigmaPattern(out);
  }

  SigmaPattern lowerCase() {
    return mapLiterals(s -> s.toLowerCase(Locale.ROOT));
  }

  SigmaPattern withLeadingStar() {
    List<Part> out = new ArrayList<>();
    out.add(STAR);
    out.addAll(parts);
    return new SigmaPattern(out);
  }

  SigmaPattern withTrailingStar() {
    List<Part> out = new ArrayList<>(parts);
    out.add(STAR);
    return new SigmaPattern(out);
  }

  SigmaPattern concat(SigmaPattern other) {
    List<Part> out = new ArrayList<>(parts);
    out.addAll(other.parts);
    return new SigmaPattern(out);
  }

  boolean startsWithStar() {
    return !parts.isEmpty() && parts.get(0) instanceof AnyRun;
  }

  boolean endsWithStar() {
    return !parts.isEmpty() && parts.get(parts.size() - 1) instanceof AnyRun;
  }

  /** The longest literal part: every match contains it. Empty when there is none. */
  String longestLiteral() {
    String best = "";
    for (Part p : parts) {
      if (p instanceof Literal l && l.text().length() > best.length()) {
        best = l.text();
      }
    }
    return best;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Part p : parts) {
      switch (p) {
        case Literal l ->
            sb.append(l.text().replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?"));
        case AnyRun a -> sb.append('*');
        case AnyChar a -> sb.append('?');
      }
    }
    return sb.toString();
  }
}
