package dev.bulwark.port.rust;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds {@code unsafe} in Rust source by its tokens: the keyword in code counts, the word in a
 * comment, string or raw identifier ({@code r#unsafe}) does not. Also refuses the other ways out of
 * safe Rust that are not spelled {@code unsafe}: {@code extern} blocks and {@code
 * #[no_mangle]}/{@code #[link]}-style attributes.
 */
public final class UnsafeCheck {
  private UnsafeCheck() {}

  /** Lines where safety is given up, each with what was found; empty when the source is safe. */
  public static List<String> violations(String source) throws RustLexer.LexException {
    List<String> out = new ArrayList<>();
    List<RustLexer.Token> ts = RustLexer.lex(source);
    for (int k = 0; k < ts.size(); k++) {
      RustLexer.Token t = ts.get(k);
      if (t.kind() != RustLexer.Kind.IDENT) {
        continue;
      }
      switch (t.text()) {
        case "unsafe" -> out.add("line " + t.line() + ": unsafe");
        case "extern" -> {
          if (k + 1 < ts.size() && !ts.get(k + 1).is("crate")) {
            out.add("line " + t.line() + ": extern (foreign functions)");
          }
        }
        case "no_mangle", "link_section", "export_name" -> {
          if (k > 0 && (ts.get(k - 1).is("[") || ts.get(k - 1).is("("))) {
            out.add("line " + t.line() + ": #[" + t.text() + "]");
          }
        }
        default -> {}
      }
    }
    return out;
  }
}
