package dev.bulwark.deps.inventory;

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
  private static final long MAX_MANIFEST_BYTES = 512L << 20;

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
    Map<String, Component> out = new LinkedHashMap<>();
    for (SourceFile f : tree.files()) {
      String name = f.path().getFileName().toString();
      for (ManifestParser p : parsers) {
        if (!p.accepts(name)) {
          continue;
        }
        try {
          if (f.size() > MAX_MANIFEST_BYTES) {
            diagnostics.report(
                Diagnostic.warning(
                    "deps", f.relativePath(), "larger than 512 MB; not read as a manifest"));
            break;
          }
          byte[] content = Files.readAllBytes(f.path());
          List<Component> found =
              p instanceof MavenPom pom
                  ? pom.parse(f.path(), f.relativePath(), content, tree.roots(), diagnostics)
                  : p.parse(f.path(), f.relativePath(), content);
          for (Component c : found) {
            out.putIfAbsent(c.manifest() + "|" + c.key(), c);
          }
        } catch (IOException | ManifestParser.ManifestException | RuntimeException e) {
          diagnostics.report(
              Diagnostic.warning(
                  "deps",
                  f.relativePath(),
                  e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        break;
      }
    }
    return new ArrayList<>(out.values());
  }
}
