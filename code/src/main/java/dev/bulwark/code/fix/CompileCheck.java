package dev.bulwark.code.fix;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles one changed file with javac (in process) against the project's sources and class path.
 * Differential: the errors the original file already had in the same setup (a class path that could
 * not be resolved, say) are subtracted, so a patch passes exactly when it adds no compile error.
 */
public final class CompileCheck {
  private final List<Path> sourceRoots;
  private final List<Path> classpath;
  private final boolean classpathResolved;

  public CompileCheck(List<Path> sourceRoots, List<Path> classpath, boolean classpathResolved) {
    this.sourceRoots = List.copyOf(sourceRoots);
    this.classpath = List.copyOf(classpath);
    this.classpathResolved = classpathResolved;
  }

  public boolean classpathResolved() {
    return classpathResolved;
  }

  /** The result of compiling one version of a file. */
  public record Result(List<String> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  /** Errors the patched source adds over the original, with extra class path entries. */
  public List<String> newErrors(
      String packageName,
      String className,
      String original,
      String patched,
      List<Path> extraClasspath)
      throws IOException {
    Map<String, Integer> before =
        counts(compile(packageName, className, original, extraClasspath).errors());
    List<String> added = new ArrayList<>();
    for (String e : compile(packageName, className, patched, extraClasspath).errors()) {
      String key = key(e);
      int n = before.getOrDefault(key, 0);
      if (n > 0) {
        before.put(key, n - 1);
      } else if (!(classpathResolved == false && unresolvedLibrary(e, patched))) {
        added.add(e);
      }
    }
    return added;
  }

  private static final java.util.regex.Pattern MISSING_PACKAGE =
      java.util.regex.Pattern.compile("package ([\\w.]+) does not exist");
  private static final java.util.regex.Pattern MISSING_CLASS =
      java.util.regex.Pattern.compile("cannot find symbol\\s+symbol:\\s+(?:class|variable) (\\w+)");

  /**
   * Without the project's class path, a library the patch newly imports cannot be found; that says
   * nothing about the patch, so it is not held against it. JDK packages are always checked.
   */
  private static boolean unresolvedLibrary(String error, String patched) {
    java.util.regex.Matcher p = MISSING_PACKAGE.matcher(error);
    if (p.find()) {
      return !jdkPackage(p.group(1));
    }
    java.util.regex.Matcher c = MISSING_CLASS.matcher(error);
    if (c.find()) {
      java.util.regex.Matcher imp =
          java.util.regex.Pattern.compile(
                  "(?m)^import\\s+([\\w.]+)\\."
                      + java.util.regex.Pattern.quote(c.group(1))
                      + "\\s*;")
              .matcher(patched);
      return imp.find() && !jdkPackage(imp.group(1));
    }
    return false;
  }

  private static boolean jdkPackage(String pkg) {
    return ModuleLayer.boot().modules().stream().anyMatch(m -> m.getPackages().contains(pkg));
  }

  private static Map<String, Integer> counts(List<String> errors) {
    Map<String, Integer> m = new HashMap<>();
    for (String e : errors) {
      m.merge(key(e), 1, Integer::sum);
    }
    return m;
  }

  /** An error without its position, so that shifted lines still match. */
  private static String key(String error) {
    return error.replaceFirst("^[^:]*:\\d+: ", "");
  }

  /** Compiles a whole set of files together and counts the errors. */
  public static int compileTree(List<Path> files, List<Path> classpath) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IOException("no Java compiler in this runtime (a JDK, not a JRE, is needed)");
    }
    Path out = Files.createTempDirectory("bulwark-compile");
    try {
      List<String> options =
          new ArrayList<>(
              List.of(
                  "-proc:none",
                  "-nowarn",
                  "-Xlint:none",
                  "-encoding",
                  "UTF-8",
                  "-d",
                  out.toString()));
      if (!classpath.isEmpty()) {
        options.add("-classpath");
        options.add(
            String.join(
                java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList()));
      }
      DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
      try (StandardJavaFileManager fm =
          javac.getStandardFileManager(diags, Locale.ROOT, StandardCharsets.UTF_8)) {
        javac
            .getTask(
                new StringWriter(), fm, diags, options, null, fm.getJavaFileObjectsFromPaths(files))
            .call();
      }
      return (int)
          diags.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).count();
    } finally {
      try (Stream<Path> s = Files.walk(out)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  public Result compile(
      String packageName, String className, String source, List<Path> extraClasspath)
      throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IOException("no Java compiler in this runtime (a JDK, not a JRE, is needed)");
    }
    Path scratch = Files.createTempDirectory("bulwark-fix");
    try {
      Path dir =
          packageName.isEmpty()
              ? scratch.resolve("src")
              : scratch.resolve("src").resolve(packageName.replace('.', '/'));
      Files.createDirectories(dir);
      Path file = dir.resolve(className + ".java");
      Files.writeString(file, source, StandardCharsets.UTF_8);
      Path out = Files.createDirectories(scratch.resolve("classes"));
      List<String> sp = new ArrayList<>();
      sp.add(scratch.resolve("src").toString());
      sourceRoots.forEach(r -> sp.add(r.toString()));
      List<String> cp = new ArrayList<>();
      classpath.forEach(p -> cp.add(p.toString()));
      extraClasspath.forEach(p -> cp.add(p.toString()));
      List<String> options =
          new ArrayList<>(
              List.of(
                  "-proc:none",
                  "-implicit:none",
                  "-nowarn",
                  "-Xlint:none",
                  "-encoding",
                  "UTF-8",
                  "-d",
                  out.toString(),
                  "-sourcepath",
                  String.join(java.io.File.pathSeparator, sp)));
      if (!cp.isEmpty()) {
        options.add("-classpath");
        options.add(String.join(java.io.File.pathSeparator, cp));
      }
      DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
      try (StandardJavaFileManager fm =
          javac.getStandardFileManager(diags, Locale.ROOT, StandardCharsets.UTF_8)) {
        Iterable<? extends JavaFileObject> units = fm.getJavaFileObjects(file.toFile());
        javac.getTask(new StringWriter(), fm, diags, options, null, units).call();
      }
      List<String> errors = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
        if (d.getKind() == Diagnostic.Kind.ERROR) {
          String where =
              d.getSource() == null ? "?" : Path.of(d.getSource().toUri()).getFileName().toString();
          errors.add(where + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
        }
      }
      return new Result(errors);
    } finally {
      try (Stream<Path> s = Files.walk(scratch)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
