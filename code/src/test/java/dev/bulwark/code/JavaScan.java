package dev.bulwark.code;

import dev.bulwark.core.analysis.ScanContext;
import dev.bulwark.core.analysis.ScanOptions;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.files.SourceFile;
import dev.bulwark.core.files.SourceTree;
import dev.bulwark.core.files.WalkOptions;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Runs the code analyzer over a directory or a few files, as a scan would. */
final class JavaScan {
  private JavaScan() {}

  record Result(List<Finding> findings, List<Diagnostic> diagnostics) {
    /** The rules that fired, by the line of each finding's primary location. */
    Map<Integer, Set<String>> rulesByLine() {
      Map<Integer, Set<String>> fired = new HashMap<>();
      for (Finding finding : findings) {
        if (finding.primaryLocation() instanceof Location.File loc && loc.region() != null) {
          fired
              .computeIfAbsent(loc.region().startLine(), k -> new TreeSet<>())
              .add(finding.ruleId());
        }
      }
      return fired;
    }
  }

  static Result directory(Path dir) throws Exception {
    List<Diagnostic> diagnostics = new ArrayList<>();
    SourceTree tree = SourceTree.walk(List.of(dir), WalkOptions.defaults(), diagnostics::add);
    return run(tree, diagnostics);
  }

  static Result files(Path base, List<Path> files) throws Exception {
    List<SourceFile> sources = new ArrayList<>();
    for (Path f : files) {
      sources.add(
          new SourceFile(
              f, base.relativize(f).toString().replace('\\', '/'), java.nio.file.Files.size(f)));
    }
    List<Diagnostic> diagnostics = new ArrayList<>();
    return run(SourceTree.of(base, sources), diagnostics);
  }

  private static Result run(SourceTree tree, List<Diagnostic> diagnostics) throws Exception {
    List<Finding> out = new ArrayList<>();
    new CodeAnalyzer()
        .analyze(ScanContext.standalone(tree, ScanOptions.defaults(), diagnostics::add), out::add);
    return new Result(out, diagnostics);
  }
}
