package dev.bulwark.code.fix.spi;

import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.stmt.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Text edits to one source file, addressed by the parsed tree's ranges and applied together. The
 * rest of the file — formatting, comments, annotations — is left byte for byte as it was.
 */
public final class EditSet {
  private record Edit(int start, int end, String text) {}

  private final String source;
  private final CompilationUnit cu;
  private final int[] lineStarts;
  private final List<Edit> edits = new ArrayList<>();
  private final List<String> imports = new ArrayList<>();
  private final List<String> members = new ArrayList<>();
  private TypeDeclaration<?> memberHost;

  EditSet(String source, CompilationUnit cu) {
    this.source = source;
    this.cu = cu;
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < source.length(); i++) {
      if (source.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The offset of a 1-based line and column. */
  int offset(int line, int column) {
    return lineStarts[line - 1] + column - 1;
  }

  int start(Node n) {
    Range r =
        n.getRange().orElseThrow(() -> new IllegalStateException("node without position: " + n));
    return offset(r.begin.line, r.begin.column);
  }

  int end(Node n) {
    Range r =
        n.getRange().orElseThrow(() -> new IllegalStateException("node without position: " + n));
    return offset(r.end.line, r.end.column) + 1;
  }

  /** The node's source text exactly as written. */
  public String text(Node n) {
    return source.substring(start(n), end(n));
  }

  /** A node's text with some of its descendants' text replaced. */
  public String textWith(Node n, java.util.Map<Node, String> replacements) {
    int base = start(n);
    StringBuilder out = new StringBuilder(text(n));
    List<Node> inner = new ArrayList<>(replacements.keySet());
    inner.sort(Comparator.comparingInt(this::start).reversed());
    for (Node r : inner) {
      out.replace(start(r) - base, end(r) - base, replacements.get(r));
    }
    return out.toString();
  }

  /** The leading whitespace of the line a node starts on. */
  public String indentOf(Node n) {
    int line = n.getRange().orElseThrow().begin.line;
    int s = lineStarts[line - 1];
    int i = s;
    while (i < source.length() && (source.charAt(i) == ' ' || source.charAt(i) == '\t')) {
      i++;
    }
    return source.substring(s, i);
  }

  /** The file's indentation step: two spaces, four spaces or a tab, as most of its lines use. */
  public String indentUnit() {
    int two = 0;
    int four = 0;
    int tabs = 0;
    for (String line : source.split("\n")) {
      if (line.startsWith("\t")) {
        tabs++;
      } else if (line.startsWith("    ") && !line.startsWith("     ")) {
        four++;
      } else if (line.startsWith("  ") && !line.startsWith("   ")) {
        two++;
      }
    }
    return tabs > two + four ? "\t" : two >= four ? "  " : "    ";
  }

  public EditSet replace(Node n, String text) {
    edits.add(new Edit(start(n), end(n), text));
    return this;
  }

  /** Inserts whole lines before a statement, at its indentation. */
  public EditSet insertBefore(Statement s, List<String> lines) {
    String indent = indentOf(s);
    int line = s.getRange().orElseThrow().begin.line;
    StringBuilder b = new StringBuilder();
    for (String l : lines) {
      b.append(indent).append(l).append('\n');
    }
    int at = lineStarts[line - 1];
    edits.add(new Edit(at, at, b.toString()));
    return this;
  }

  /** Inserts whole lines after a statement, at its indentation. */
  public EditSet insertAfter(Statement s, List<String> lines) {
    String indent = indentOf(s);
    int line = s.getRange().orElseThrow().end.line;
    StringBuilder b = new StringBuilder();
    for (String l : lines) {
      b.append(indent).append(l).append('\n');
    }
    int at = line < lineStarts.length ? lineStarts[line] : source.length();
    edits.add(new Edit(at, at, b.toString()));
    return this;
  }

  /**
   * Imports a type unless it is imported already or its simple name is taken; returns the name to
   * write in code (simple, or fully qualified when the simple name belongs to another type).
   */
  public String use(String fqn) {
    String simple = fqn.substring(fqn.lastIndexOf('.') + 1);
    String pkg = fqn.substring(0, fqn.lastIndexOf('.'));
    if (pkg.equals("java.lang")) {
      return simple;
    }
    for (ImportDeclaration imp : cu.getImports()) {
      String n = imp.getNameAsString();
      if (!imp.isStatic() && !imp.isAsterisk() && n.equals(fqn)) {
        return simple;
      }
      if (!imp.isStatic() && imp.isAsterisk() && n.equals(pkg)) {
        return simple;
      }
      if (!imp.isStatic() && !imp.isAsterisk() && n.endsWith("." + simple)) {
        return fqn;
      }
    }
    if (cu.getTypes().stream().anyMatch(t -> t.getNameAsString().equals(simple))) {
      return fqn;
    }
    if (!imports.contains(fqn)) {
      imports.add(fqn);
    }
    return simple;
  }

  /**
   * Adds a member (a helper method) to a type, once: skipped when a member with that text exists.
   */
  public EditSet addMember(TypeDeclaration<?> type, String name, String text) {
    boolean present =
        type.getMethodsByName(name).size() > 0
            || members.stream().anyMatch(m -> m.contains(" " + name + "("));
    if (!present) {
      memberHost = type;
      members.add(text);
    }
    return this;
  }

  public boolean isEmpty() {
    return edits.isEmpty() && imports.isEmpty() && members.isEmpty();
  }

  /** The edited source. */
  public String apply() {
    List<Edit> all = new ArrayList<>(edits);
    if (!imports.isEmpty()) {
      all.add(importEdit());
    }
    if (!members.isEmpty()) {
      all.add(memberEdit());
    }
    all.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end).reversed());
    StringBuilder out = new StringBuilder(source);
    int limit = Integer.MAX_VALUE;
    for (Edit e : all) {
      if (e.end > limit) {
        throw new IllegalStateException("overlapping edits at offset " + e.start);
      }
      out.replace(e.start, e.end, e.text);
      limit = e.start;
    }
    return out.toString();
  }

  private Edit importEdit() {
    StringBuilder b = new StringBuilder();
    List<String> sorted = new ArrayList<>(imports);
    sorted.sort(null);
    for (String i : sorted) {
      b.append("import ").append(i).append(";\n");
    }
    if (!cu.getImports().isEmpty()) {
      ImportDeclaration last = cu.getImports().get(cu.getImports().size() - 1);
      int line = last.getRange().orElseThrow().end.line;
      int at = line < lineStarts.length ? lineStarts[line] : source.length();
      return new Edit(at, at, b.toString());
    }
    if (cu.getPackageDeclaration().isPresent()) {
      int line = cu.getPackageDeclaration().get().getRange().orElseThrow().end.line;
      int at = line < lineStarts.length ? lineStarts[line] : source.length();
      return new Edit(at, at, "\n" + b);
    }
    return new Edit(0, 0, b + "\n");
  }

  private Edit memberEdit() {
    int close = end(memberHost) - 1; // the closing brace
    String indent = indentOf(memberHost) + indentUnit();
    StringBuilder b = new StringBuilder();
    for (String m : members) {
      b.append('\n');
      for (String line : m.split("\n", -1)) {
        b.append(line.isEmpty() ? "" : indent + line).append('\n');
      }
    }
    int lineStart = source.lastIndexOf('\n', close - 1) + 1;
    boolean braceAlone = source.substring(lineStart, close).isBlank();
    int at = braceAlone ? lineStart : close;
    return new Edit(at, at, b.toString());
  }
}
