package dev.bulwark.code.project;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import dev.bulwark.code.rules.LibraryModel;
import dev.bulwark.core.analysis.Cancellation;
import dev.bulwark.core.analysis.FileTimeBudget;
import dev.bulwark.core.analysis.Parallel;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.files.Roots;
import dev.bulwark.core.files.SourceFile;
import dev.bulwark.core.files.TextSniffer;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The analysed Java project: every source file parsed (in parallel, comments dropped — verdicts
 * never depend on them), every class indexed with its members and resolved supertypes, the subtype
 * relation for dispatch, and the values of the project's own {@code .properties} files.
 *
 * <p>Names are resolved the way javac would, as far as source and the library model allow:
 * enclosing and nested types, single-type imports, the same package, on-demand imports, {@code
 * java.lang}. A name that cannot be resolved stays simple; the analysis carries on with it.
 */
public final class ProjectModel {
  private static final String SOURCE = "code";

  private final List<SourceUnit> units;
  private final Map<String, ClassInfo> classes = new LinkedHashMap<>();
  private final Map<String, List<ClassInfo>> bySimpleName = new HashMap<>();
  private final Map<String, List<ClassInfo>> subtypes = new HashMap<>();
  private final Map<Node, ClassInfo> byNode = new IdentityHashMap<>();
  private final Map<String, String> properties;
  private final TypeHierarchy hierarchy;
  private final int lines;
  private final Map<String, List<String>> sourceLines;
  private final LibraryModel library;

  private ProjectModel(
      List<SourceUnit> units,
      Map<String, String> properties,
      LibraryModel library,
      int lines,
      Map<String, List<String>> sourceLines) {
    this.units = units;
    this.library = library;
    this.sourceLines = sourceLines;
    this.properties = properties;
    this.lines = lines;
    for (SourceUnit u : units) {
      indexUnit(u);
    }
    for (ClassInfo c : classes.values()) {
      resolveSupertypes(c);
    }
    for (ClassInfo c : classes.values()) {
      for (String s : c.supertypes) {
        subtypes.computeIfAbsent(s, k -> new ArrayList<>()).add(c);
      }
    }
    this.hierarchy = new TypeHierarchy(this, library);
  }

  /**
   * Largest Java source parsed: it is read whole and kept as text, lines and a syntax tree; real
   * sources, generated ones included, stay well below.
   */
  public static final long MAX_SOURCE_BYTES = 16L << 20;

  /**
   * The Java sources of a tree, with its {@code .properties} files outside test folders (constants
   * the project reads at run time), parsed.
   */
  public static ProjectModel load(
      dev.bulwark.core.files.SourceTree tree,
      LibraryModel library,
      int threads,
      Cancellation cancellation,
      DiagnosticSink diagnostics)
      throws InterruptedException {
    return load(
        tree.files().stream().filter(f -> f.extension().equals("java")).toList(),
        tree.files().stream()
            .filter(f -> f.extension().equals("properties") && !f.relativePath().contains("/test/"))
            .toList(),
        library,
        threads,
        cancellation,
        diagnostics);
  }

  /** Parses Java files (reporting unparsable ones) and reads {@code .properties} files. */
  public static ProjectModel load(
      List<SourceFile> javaFiles,
      List<SourceFile> propertyFiles,
      LibraryModel library,
      int threads,
      Cancellation cancellation,
      DiagnosticSink diagnostics)
      throws InterruptedException {
    return load(
        javaFiles,
        propertyFiles,
        library,
        threads,
        cancellation,
        diagnostics,
        FileTimeBudget.defaults());
  }

  /** As above, giving up on a file whose parsing takes longer than {@code budget}. */
  public static ProjectModel load(
      List<SourceFile> javaFiles,
      List<SourceFile> propertyFiles,
      LibraryModel library,
      int threads,
      Cancellation cancellation,
      DiagnosticSink diagnostics,
      FileTimeBudget budget)
      throws InterruptedException {
    ThreadLocal<JavaParser> parsers =
        // tokens are what node ranges are computed from; without them findings have no lines
        ThreadLocal.withInitial(() ->
            new JavaParser(
                new ParserConfiguration()
                    .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21)
                    .setAttributeComments(false)
                    .setStoreTokens(true)));
    SourceUnit[] parsed = new SourceUnit[javaFiles.size()];
    Map<String, List<String>> sourceLines = new ConcurrentHashMap<>();
    int[] lineCounts = new int[javaFiles.size()];
    Map<SourceFile, Integer> position = new IdentityHashMap<>();
    for (int i = 0; i < javaFiles.size(); i++) {
      position.put(javaFiles.get(i), i);
    }
    Parallel.forEach(
        javaFiles,
        threads,
        cancellation,
        f ->
            budget.run(
                SOURCE,
                f.relativePath(),
                diagnostics,
                () ->
                    parseOne(f, parsers, sourceLines, lineCounts, position, parsed, diagnostics)));
    List<SourceUnit> units = new ArrayList<>();
    int lines = 0;
    for (int i = 0; i < parsed.length; i++) {
      if (parsed[i] != null) {
        units.add(parsed[i]);
        lines += lineCounts[i];
      }
    }
    Map<String, String> props = new HashMap<>();
    for (SourceFile pf : propertyFiles) {
      try {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(pf.path())));
        for (String k : p.stringPropertyNames()) {
          props.putIfAbsent(k, p.getProperty(k));
        }
      } catch (IOException | IllegalArgumentException e) {
        diagnostics.report(
            Diagnostic.warning(
                SOURCE, pf.relativePath(), "cannot read properties: " + e.getMessage()));
      }
    }
    return new ProjectModel(units, props, library, lines, sourceLines);
  }

  private static String describe(Problem p) {
    String where =
        p.getLocation()
            .flatMap(l -> l.getBegin().getRange())
            .map(r -> " at line " + r.begin.line)
            .orElse("");
    String msg = p.getMessage();
    int nl = msg.indexOf('\n');
    return (nl > 0 ? msg.substring(0, nl) : msg) + where;
  }

  /**
   * This project with one file's source replaced (or added): the other files keep their parsed
   * trees, so re-checking a patched file costs one parse. Empty when the new source does not parse.
   */
  public java.util.Optional<ProjectModel> withSource(String path, String source) {
    ParseResult<CompilationUnit> r =
        new JavaParser(
                new ParserConfiguration()
                    .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21)
                    .setAttributeComments(false))
            .parse(source);
    if (r.getResult().isEmpty() || !r.isSuccessful()) {
      return java.util.Optional.empty();
    }
    List<SourceUnit> next = new ArrayList<>();
    for (SourceUnit u : units) {
      if (!u.path().equals(path)) {
        next.add(u);
      }
    }
    next.add(unit(path, r.getResult().get()));
    Map<String, List<String>> lines = new HashMap<>(sourceLines);
    lines.put(path, source.lines().toList());
    return java.util.Optional.of(new ProjectModel(next, properties, library, this.lines, lines));
  }

  /** Indexes one source text that is not on disk; for tests. */
  public static ProjectModel ofSources(
      Map<String, String> pathToSource, Map<String, String> properties, LibraryModel library) {
    JavaParser parser =
        new JavaParser(
            new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21)
                .setAttributeComments(false));
    List<SourceUnit> units = new ArrayList<>();
    Map<String, List<String>> sourceLines = new HashMap<>();
    int lines = 0;
    for (Map.Entry<String, String> e : pathToSource.entrySet()) {
      sourceLines.put(e.getKey(), e.getValue().lines().toList());
      ParseResult<CompilationUnit> r = parser.parse(e.getValue());
      if (r.getResult().isEmpty()) {
        throw new IllegalArgumentException(e.getKey() + ": " + r.getProblems());
      }
      units.add(unit(e.getKey(), r.getResult().get()));
      lines += (int) e.getValue().chars().filter(c -> c == '\n').count() + 1;
    }
    return new ProjectModel(units, properties, library, lines, sourceLines);
  }

  private static SourceUnit unit(String path, CompilationUnit cu) {
    String pkg = cu.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
    Map<String, String> single = new HashMap<>();
    List<String> onDemand = new ArrayList<>();
    Map<String, String> statics = new HashMap<>();
    List<String> staticOnDemand = new ArrayList<>();
    for (ImportDeclaration imp : cu.getImports()) {
      String name = imp.getNameAsString();
      if (imp.isStatic()) {
        if (imp.isAsterisk()) {
          staticOnDemand.add(name);
        } else {
          int dot = name.lastIndexOf('.');
          statics.put(name.substring(dot + 1), name.substring(0, dot));
        }
      } else if (imp.isAsterisk()) {
        onDemand.add(name);
      } else {
        single.put(name.substring(name.lastIndexOf('.') + 1), name);
      }
    }
    return new SourceUnit(path, cu, pkg, single, onDemand, statics, staticOnDemand);
  }

  // ---- indexing ----

  private void indexUnit(SourceUnit u) {
    for (TypeDeclaration<?> t : u.cu().getTypes()) {
      indexType(t, u, null, u.packageName().isEmpty() ? "" : u.packageName() + ".");
    }
  }

  private void indexType(TypeDeclaration<?> t, SourceUnit u, ClassInfo outer, String prefix) {
    String simple = t.getNameAsString();
    String fqn = prefix + simple;
    boolean isInterface = t instanceof ClassOrInterfaceDeclaration c && c.isInterface();
    boolean isAbstract = t.hasModifier(Modifier.Keyword.ABSTRACT) || isInterface;
    boolean isStatic =
        t.hasModifier(Modifier.Keyword.STATIC)
            || t instanceof EnumDeclaration
            || t instanceof RecordDeclaration
            || isInterface;
    ClassInfo info =
        new ClassInfo(
            fqn,
            simple,
            t,
            u,
            outer,
            isInterface,
            isAbstract,
            isStatic,
            new ArrayList<>(t.getMembers()));
    register(info);
    collectMembers(info, t.getMembers());
    if (t instanceof EnumDeclaration e) {
      e.getEntries().forEach(en -> en.getClassBody().forEach(b -> {}));
    }
    for (BodyDeclaration<?> m : t.getMembers()) {
      if (m instanceof TypeDeclaration<?> nested) {
        indexType(nested, u, info, fqn + ".");
      }
    }
    indexLocalAndAnonymous(t, u, info);
  }

  /** Local classes and anonymous classes inside a type's own members (not nested types). */
  private void indexLocalAndAnonymous(Node scope, SourceUnit u, ClassInfo enclosing) {
    int[] counter = {0};
    scope.walk(
        Node.TreeTraversal.PREORDER,
        n -> {
          if (n == scope) {
            return;
          }
          if (enclosingTypeOf(n, scope) != scope) {
            return;
          }
          if (n instanceof ObjectCreationExpr oce && oce.getAnonymousClassBody().isPresent()) {
            counter[0]++;
            String fqn = enclosing.fqn + "$" + counter[0];
            List<BodyDeclaration<?>> body = new ArrayList<>(oce.getAnonymousClassBody().get());
            ClassInfo info =
                new ClassInfo(
                    fqn,
                    oce.getType().getNameAsString(),
                    oce,
                    u,
                    enclosing,
                    false,
                    false,
                    false,
                    body);
            info.supertypes.add(oce.getType().getNameWithScope());
            register(info);
            collectMembers(info, body);
            indexLocalAndAnonymous(oce, u, info);
          } else if (n instanceof LocalClassDeclarationStmt lc) {
            ClassOrInterfaceDeclaration d = lc.getClassDeclaration();
            indexType(d, u, enclosing, enclosing.fqn + ".");
          }
        });
  }

  /** The nearest type declaration or anonymous class body around a node, below {@code limit}. */
  private static Node enclosingTypeOf(Node n, Node limit) {
    Node p = n.getParentNode().orElse(null);
    while (p != null && p != limit) {
      if (p instanceof TypeDeclaration<?>) {
        return p;
      }
      if (p instanceof ObjectCreationExpr o
          && o.getAnonymousClassBody().isPresent()
          && isInAnonymousBody(n, o)) {
        return p;
      }
      p = p.getParentNode().orElse(null);
    }
    return limit;
  }

  private static boolean isInAnonymousBody(Node n, ObjectCreationExpr o) {
    Node p = n;
    while (p != null && p != o) {
      if (p instanceof BodyDeclaration<?> b && o.getAnonymousClassBody().get().contains(b)) {
        return true;
      }
      p = p.getParentNode().orElse(null);
    }
    return false;
  }

  private void register(ClassInfo info) {
    if (classes.putIfAbsent(info.fqn, info) == null) {
      bySimpleName.computeIfAbsent(info.simpleName, k -> new ArrayList<>()).add(info);
      byNode.put(info.node, info);
    }
  }

  private void collectMembers(ClassInfo info, List<BodyDeclaration<?>> members) {
    for (BodyDeclaration<?> m : members) {
      if (m instanceof MethodDeclaration md) {
        info.methods
            .computeIfAbsent(md.getNameAsString(), k -> new ArrayList<>())
            .add(method(info, md, md.getNameAsString()));
      } else if (m instanceof ConstructorDeclaration cd) {
        info.constructors.add(method(info, cd, "<init>"));
      } else if (m instanceof FieldDeclaration fd) {
        for (int i = 0; i < fd.getVariables().size(); i++) {
          var v = fd.getVariable(i);
          info.fields.put(
              v.getNameAsString(),
              new ClassInfo.FieldInfo(
                  v.getNameAsString(),
                  typeName(v.getType()),
                  fd.isStatic() || info.isInterface,
                  fd.isFinal() || info.isInterface,
                  fd,
                  i));
        }
      } else if (m instanceof InitializerDeclaration init) {
        info.initializers.add(init);
      }
    }
    if (info.node instanceof RecordDeclaration rd) {
      for (Parameter p : rd.getParameters()) {
        info.fields.put(
            p.getNameAsString(),
            new ClassInfo.FieldInfo(
                p.getNameAsString(), typeName(p.getType()), false, true, null, -1));
      }
    }
    if (info.node instanceof EnumDeclaration ed) {
      for (var entry : ed.getEntries()) {
        info.fields.put(
            entry.getNameAsString(),
            new ClassInfo.FieldInfo(entry.getNameAsString(), info.fqn, true, true, null, -1));
      }
    }
  }

  private MethodInfo method(ClassInfo owner, CallableDeclaration<?> cd, String name) {
    List<String> types = new ArrayList<>();
    for (Parameter p : cd.getParameters()) {
      types.add(typeName(p.getType()));
    }
    boolean varargs =
        !cd.getParameters().isEmpty() && cd.getParameter(cd.getParameters().size() - 1).isVarArgs();
    String ret = cd instanceof MethodDeclaration md ? typeName(md.getType()) : owner.fqn;
    boolean isStatic = cd.hasModifier(Modifier.Keyword.STATIC);
    var body =
        cd instanceof MethodDeclaration md
            ? md.getBody().orElse(null)
            : ((ConstructorDeclaration) cd).getBody();
    boolean isAbstract = body == null;
    return new MethodInfo(
        owner, cd, name, cd.getParameters(), types, ret, isStatic, isAbstract, varargs, body);
  }

  /** The erased, unresolved name of a type as written (resolution happens per use). */
  static String typeName(Type t) {
    if (t instanceof ClassOrInterfaceType c) {
      return c.getNameWithScope();
    }
    if (t.isArrayType()) {
      return typeName(t.asArrayType().getComponentType()) + "[]";
    }
    if (t.isVarType()) {
      return "var";
    }
    return t.asString();
  }

  private void resolveSupertypes(ClassInfo c) {
    List<String> raw = new ArrayList<>(c.supertypes);
    c.supertypes.clear();
    if (c.node instanceof ClassOrInterfaceDeclaration d) {
      d.getExtendedTypes().forEach(t -> raw.add(t.getNameWithScope()));
      d.getImplementedTypes().forEach(t -> raw.add(t.getNameWithScope()));
    } else if (c.node instanceof EnumDeclaration e) {
      e.getImplementedTypes().forEach(t -> raw.add(t.getNameWithScope()));
      raw.add("java.lang.Enum");
    } else if (c.node instanceof RecordDeclaration r) {
      r.getImplementedTypes().forEach(t -> raw.add(t.getNameWithScope()));
      raw.add("java.lang.Record");
    }
    ClassInfo lookup =
        c.node instanceof ObjectCreationExpr ? c.outer : c.outer != null ? c.outer : c;
    for (String s : raw) {
      c.supertypes.add(resolveType(s, lookup == null ? c : lookup, c.unit));
    }
  }

  // ---- name resolution ----

  private final Map<String, String> resolved = new ConcurrentHashMap<>();

  /**
   * Resolves a type name as written in {@code unit} inside {@code context} (may be null) to a fully
   * qualified name; returns the name unchanged when nothing knows it.
   */
  public String resolveType(String name, ClassInfo context, SourceUnit unit) {
    if (name == null || name.isEmpty()) {
      return name;
    }
    int lt = name.indexOf('<');
    if (lt >= 0) {
      name = name.substring(0, lt);
    }
    if (name.endsWith("[]")) {
      return resolveType(name.substring(0, name.length() - 2), context, unit) + "[]";
    }
    if (isPrimitive(name)) {
      return name;
    }
    String key =
        (context == null ? "" : context.fqn) + "|" + (unit == null ? "" : unit.path()) + "|" + name;
    String hit = resolved.get(key);
    if (hit != null) {
      return hit;
    }
    String r = doResolve(name, context, unit);
    resolved.put(key, r);
    return r;
  }

  private String doResolve(String name, ClassInfo context, SourceUnit unit) {
    String first = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
    String rest = name.contains(".") ? name.substring(name.indexOf('.')) : "";
    if (classes.containsKey(name)) {
      return name;
    }
    for (ClassInfo c = context; c != null; c = c.outer) {
      String candidate = c.fqn + "." + name;
      if (classes.containsKey(candidate)) {
        return candidate;
      }
      if (c.simpleName.equals(first) && classes.containsKey(c.fqn + rest)) {
        return c.fqn + rest;
      }
      for (String sup : c.supertypes) {
        if (classes.containsKey(sup + "." + name)) {
          return sup + "." + name;
        }
      }
    }
    if (unit != null) {
      String imported = unit.singleImports().get(first);
      if (imported != null) {
        return imported + rest;
      }
      String samePackage = unit.packageName().isEmpty() ? name : unit.packageName() + "." + name;
      if (classes.containsKey(samePackage)) {
        return samePackage;
      }
      for (String pkg : unit.onDemandImports()) {
        String candidate = pkg + "." + name;
        if (classes.containsKey(candidate)
            || hierarchy != null && hierarchy.isKnownLibraryType(candidate)) {
          return candidate;
        }
      }
    }
    if (name.contains(".")) {
      return name;
    }
    if (TypeHierarchy.jdkClass("java.lang." + name) != null) {
      return "java.lang." + name;
    }
    List<ClassInfo> same = bySimpleName.get(name);
    if (same != null
        && same.size() == 1
        && unit != null
        && same.get(0).unit.packageName().equals(unit.packageName())) {
      return same.get(0).fqn;
    }
    return name;
  }

  static boolean isPrimitive(String name) {
    return switch (name) {
      case "int", "long", "short", "byte", "char", "boolean", "float", "double", "void" -> true;
      default -> false;
    };
  }

  // ---- queries ----

  public List<SourceUnit> units() {
    return Collections.unmodifiableList(units);
  }

  public ClassInfo classNamed(String fqn) {
    return classes.get(fqn);
  }

  public ClassInfo classOf(Node declaration) {
    return byNode.get(declaration);
  }

  public java.util.Collection<ClassInfo> classes() {
    return Collections.unmodifiableCollection(classes.values());
  }

  public List<ClassInfo> directSubtypes(String fqn) {
    return subtypes.getOrDefault(fqn, List.of());
  }

  /** Every project class that is {@code fqn} or extends or implements it, transitively. */
  public List<ClassInfo> subtypesOf(String fqn) {
    List<ClassInfo> out = new ArrayList<>();
    ClassInfo self = classes.get(fqn);
    if (self != null) {
      out.add(self);
    }
    java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(List.of(fqn));
    java.util.Set<String> seen = new java.util.HashSet<>(Set.of(fqn));
    while (!queue.isEmpty()) {
      for (ClassInfo c : subtypes.getOrDefault(queue.poll(), List.of())) {
        if (seen.add(c.fqn)) {
          out.add(c);
          queue.add(c.fqn);
        }
      }
    }
    return out;
  }

  public TypeHierarchy hierarchy() {
    return hierarchy;
  }

  public String property(String key) {
    return properties.get(key);
  }

  public int lines() {
    return lines;
  }

  /** Source lines per reported path, for snippets. */
  public Map<String, List<String>> sourceLines() {
    return sourceLines;
  }

  private static void parseOne(
      SourceFile f,
      ThreadLocal<JavaParser> parsers,
      Map<String, List<String>> sourceLines,
      int[] lineCounts,
      Map<SourceFile, Integer> position,
      SourceUnit[] parsed,
      DiagnosticSink diagnostics) {
    byte[] bytes;
    try {
      bytes = Roots.readBounded(f.path(), MAX_SOURCE_BYTES);
    } catch (Roots.TooLargeException e) {
      diagnostics.report(
          Diagnostic.warning(
              SOURCE,
              f.relativePath(),
              "larger than "
                  + (MAX_SOURCE_BYTES >> 20)
                  + " MB, the budget for one Java source; not parsed"));
      return;
    } catch (IOException e) {
      diagnostics.report(
          Diagnostic.error(SOURCE, f.relativePath(), "cannot read: " + e.getMessage()));
      return;
    }
    String text = TextSniffer.decode(bytes, 0, bytes.length);
    sourceLines.put(f.relativePath(), text.lines().toList());
    int idx = position.get(f);
    lineCounts[idx] = (int) text.chars().filter(c -> c == '\n').count() + 1;
    ParseResult<CompilationUnit> r;
    try {
      // read through a reader that checks the file's time budget as the parser consumes it
      r = parsers.get().parse(new BudgetReader(new StringReader(text)));
    } catch (FileTimeBudget.Exceeded e) {
      throw e;
    } catch (StackOverflowError e) {
      // thousands of nested parentheses or blocks: the recursive parser runs out of stack, which
      // is the input's depth, not a fault to report as one
      diagnostics.report(
          Diagnostic.error(
              SOURCE,
              f.relativePath(),
              "nested too deeply to parse (expressions or blocks deeper than the parser's stack);"
                  + " not analysed"));
      return;
    } catch (RuntimeException e) {
      diagnostics.report(Diagnostic.error(SOURCE, f.relativePath(), "parser failed: " + e));
      return;
    }
    if (r.getResult().isEmpty() || !r.isSuccessful()) {
      String why = r.getProblems().isEmpty() ? "unknown problem" : describe(r.getProblems().get(0));
      diagnostics.report(
          Diagnostic.warning(SOURCE, f.relativePath(), "not parsed as Java: " + why));
      if (r.getResult().isEmpty()) {
        return;
      }
    }
    parsed[idx] = unit(f.relativePath(), r.getResult().get());
  }

  /** A reader whose every read is a checkpoint of the current file's time budget. */
  private static final class BudgetReader extends java.io.FilterReader {
    BudgetReader(java.io.Reader in) {
      super(in);
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
      FileTimeBudget.check();
      return super.read(cbuf, off, len);
    }
  }
}
