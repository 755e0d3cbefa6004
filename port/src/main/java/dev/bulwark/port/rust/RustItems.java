package dev.bulwark.port.rust;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The top-level items of a Rust file found by their tokens: functions (signature text and body
 * span) and type or constant definitions (name). Used to read interfaces and to splice bodies.
 */
public final class RustItems {

  /** A function: its name, the normalised signature, and the offsets of its body braces. */
  public record Fn(String name, String signature, int start, int bodyStart, int end, int line) {}

  /** A struct, enum, type alias or constant with its name and span. */
  public record Def(String kind, String name, int start, int end) {}

  public record Items(List<Fn> functions, List<Def> definitions) {
    public Optional<Fn> function(String name) {
      return functions.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public Optional<Def> definition(String name) {
      return definitions.stream().filter(d -> d.name().equals(name)).findFirst();
    }
  }

  private RustItems() {}

  public static Items read(String source) throws RustLexer.LexException {
    List<RustLexer.Token> ts = RustLexer.lex(source);
    List<Fn> fns = new ArrayList<>();
    List<Def> defs = new ArrayList<>();
    int depth = 0;
    for (int k = 0; k < ts.size(); k++) {
      RustLexer.Token t = ts.get(k);
      if (t.is("{")) {
        depth++;
        continue;
      }
      if (t.is("}")) {
        depth--;
        continue;
      }
      if (depth != 0 || t.kind() != RustLexer.Kind.IDENT) {
        continue;
      }
      int itemStart = itemStart(ts, k);
      switch (t.text()) {
        case "fn" -> {
          if (k + 1 >= ts.size()) {
            break;
          }
          String name = ts.get(k + 1).text();
          int j = k + 2;
          int paren = 0;
          StringBuilder sig = new StringBuilder();
          for (int m = itemStart; m < k; m++) {
            sig.append(ts.get(m).text()).append(' ');
          }
          sig.append("fn ").append(name).append(' ');
          while (j < ts.size() && !(paren == 0 && (ts.get(j).is("{") || ts.get(j).is(";")))) {
            if (ts.get(j).is("(")) {
              paren++;
            } else if (ts.get(j).is(")")) {
              paren--;
            }
            sig.append(ts.get(j).text()).append(' ');
            j++;
          }
          if (j >= ts.size() || ts.get(j).is(";")) {
            break;
          }
          int close = matching(ts, j);
          fns.add(
              new Fn(
                  name,
                  normalise(sig.toString()),
                  ts.get(itemStart).start(),
                  ts.get(j).start(),
                  ts.get(close).end(),
                  t.line()));
          k = close;
        }
        case "struct", "enum", "type", "const", "static", "union", "trait" -> {
          if (k + 1 < ts.size() && ts.get(k + 1).kind() == RustLexer.Kind.IDENT) {
            int j = k + 1;
            while (j < ts.size() && !ts.get(j).is(";") && !ts.get(j).is("{")) {
              j++;
            }
            int end = j < ts.size() && ts.get(j).is("{") ? matching(ts, j) : j;
            defs.add(
                new Def(
                    t.text(),
                    ts.get(k + 1).text(),
                    ts.get(itemStart).start(),
                    end < ts.size() ? ts.get(end).end() : source.length()));
            k = end;
          }
        }
        default -> {}
      }
    }
    return new Items(fns, defs);
  }

  /** Where the item that contains token k starts: its visibility and attributes. */
  private static int itemStart(List<RustLexer.Token> ts, int k) {
    int j = k;
    while (j > 0) {
      String p = ts.get(j - 1).text();
      if (p.equals("pub") || p.equals("const") && ts.get(j).is("fn")) {
        j--;
      } else if (p.equals(")") && j - 4 >= 0 && ts.get(j - 4).is("pub")) {
        j -= 4; // pub(crate)
      } else {
        break;
      }
    }
    // attributes: #[ ... ]
    while (j > 0 && ts.get(j - 1).is("]")) {
      int depth = 0;
      int m = j - 1;
      while (m >= 0) {
        if (ts.get(m).is("]")) {
          depth++;
        } else if (ts.get(m).is("[")) {
          depth--;
          if (depth == 0) {
            break;
          }
        }
        m--;
      }
      if (m > 0 && ts.get(m - 1).is("#")) {
        j = m - 1;
      } else {
        break;
      }
    }
    return j;
  }

  private static int matching(List<RustLexer.Token> ts, int open) {
    int depth = 0;
    for (int j = open; j < ts.size(); j++) {
      if (ts.get(j).is("{")) {
        depth++;
      } else if (ts.get(j).is("}")) {
        depth--;
        if (depth == 0) {
          return j;
        }
      }
    }
    return ts.size() - 1;
  }

  /** Token text joined by single spaces, so that two spellings of one signature compare equal. */
  public static String normalise(String sig) {
    try {
      StringBuilder out = new StringBuilder();
      for (RustLexer.Token t : RustLexer.lex(sig)) {
        out.append(t.text()).append(' ');
      }
      return out.toString().strip();
    } catch (RustLexer.LexException e) {
      return sig.strip();
    }
  }
}
