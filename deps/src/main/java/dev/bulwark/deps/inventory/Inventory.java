package dev.bulwark.deps.inventory;

import dev.bulwark.core.analysis.FileTimeBudget;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.files.SourceFile;
import dev.bulwark.core.files.SourceTree;
import dev.bulwark.deps.model.Component;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every package a source tree declares: each manifest, lockfile, SBOM and archive read by the
 * parser for its kind. A file that cannot be read is reported and skipped.
 */
public final class Inventory {
  /** Files read whole (POMs, most lockfiles) may be this large; streamed ones have no limit. */
  static final long MAX_WHOLE_FILE_BYTES = 64L << 20;

  private final List<ManifestParser> parsers;

  public Inventory(List<ManifestParser> parsers) {
    this.parsers = List.copyOf(parsers);
  }

  public static Inventory standard() {
    return new Inventory(
        List.of(
            new MavenPom(),
            new GradleLock(),
            new NpmLock(),
            new YarnLock(),
            new PnpmLock(),
            new PythonManifests(),
            new GoModules(),
            new TomlLocks(),
            new PhpRubyLocks(),
            new Sboms(),
            new Jars()));
  }

  public boolean accepts(String fileName) {
    return parsers.stream().anyMatch(p -> p.accepts(fileName));
  }

  public List<Component> read(SourceTree tree, DiagnosticSink diagnostics) {
    return read(tree, diagnostics, FileTimeBudget.defaults());
  }

  /** As above, giving up on any manifest that takes longer than {@code budget} to read. */
  public List<Component> read(SourceTree tree, DiagnosticSink diagnostics, FileTimeBudget budget) {
    Map<String, Component> out = new LinkedHashMap<>();
    for (SourceFile f : tree.files()) {
      String name = f.path().getFileName().toString();
      for (ManifestParser p : parsers) {
        if (!p.accepts(name)) {
          continue;
        }
        // what a manifest declares counts only once it was read to the end in time
        List<Component> kept = new ArrayList<>();
        try {
          budget.run(
              "deps", f.relativePath(), diagnostics, () -> readOne(tree, f, p, kept, diagnostics));
        } catch (Exception e) {
          diagnostics.report(
              Diagnostic.error(
                  "deps",
                  f.relativePath(),
                  e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        for (Component c : kept) {
          out.putIfAbsent(c.manifest() + "|" + c.key(), c);
        }
        break;
      }
    }
    return new ArrayList<>(out.values());
  }

  private void readOne(
      SourceTree tree,
      SourceFile f,
      ManifestParser p,
      List<Component> out,
      DiagnosticSink diagnostics) {
    try {
      List<Component> found;
      if (p instanceof ManifestParser.Streaming streaming) {
        try (java.io.InputStream in = FileTimeBudget.guard(Files.newInputStream(f.path()))) {
          found = streaming.parse(f.path(), f.relativePath(), in, diagnostics);
        }
      } else if (f.size() > MAX_WHOLE_FILE_BYTES) {
        diagnostics.report(
            Diagnostic.warning(
                "deps",
                f.relativePath(),
                "larger than "
                    + (MAX_WHOLE_FILE_BYTES >> 20)
                    + " MB, the budget for a manifest of this kind read whole; not read"));
        return;
      } else {
        byte[] content = Files.readAllBytes(f.path());
        found =
            p instanceof MavenPom pom
                ? pom.parse(f.path(), f.relativePath(), content, tree.roots(), diagnostics)
                : p.parse(f.path(), f.relativePath(), content);
      }
      if (found.size() > ManifestParser.MAX_COMPONENTS) {
        diagnostics.report(ManifestParser.tooManyComponents(f.relativePath()));
        found = found.subList(0, ManifestParser.MAX_COMPONENTS);
      }
      out.addAll(found);
    } catch (FileTimeBudget.Exceeded e) {
      throw e;
    } catch (IOException | ManifestParser.ManifestException | RuntimeException e) {
      // an error, not a warning: nothing of this manifest was analysed (a scan or inventory of it
      // alone is then "nothing could be read", exit 2)
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      // parsers name the file in their messages; the diagnostic already carries it
      String prefix = f.relativePath() + ": ";
      diagnostics.report(
          Diagnostic.error(
              "deps",
              f.relativePath(),
              message.startsWith(prefix) ? message.substring(prefix.length()) : message));
    }
  }
}
