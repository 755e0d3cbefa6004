package dev.bulwark.cli.usecase;

import dev.bulwark.core.analysis.Analyzer;
import dev.bulwark.core.analysis.Cancellation;
import dev.bulwark.core.analysis.Progress;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.report.ScanReport;
import dev.bulwark.core.scan.ScanRequest;
import dev.bulwark.core.scan.Scanner;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Scan: the analyzers that apply over files and directories, into one report. */
public final class ScanService {
  private final List<Analyzer> analyzers;

  public ScanService(List<Analyzer> analyzers) {
    this.analyzers = List.copyOf(analyzers);
  }

  /** Fails, naming the known ids, when a requested analyzer does not exist. */
  public void requireKnown(Collection<String> ids) throws InputException {
    Set<String> known = new TreeSet<>();
    analyzers.forEach(a -> known.add(a.info().id()));
    for (String id : ids) {
      if (!known.contains(id)) {
        throw new InputException(
            "unknown analyzer '" + id + "' (known: " + String.join(", ", known) + ")");
      }
    }
  }

  /** Runs the scan the request describes; the caller decides how progress is shown. */
  public ScanReport scan(ScanRequest request, Progress progress, Cancellation cancellation)
      throws InputException, InterruptedException {
    requireKnown(request.options().onlyAnalyzers());
    return new Scanner(analyzers).scan(request, progress, cancellation);
  }
}
