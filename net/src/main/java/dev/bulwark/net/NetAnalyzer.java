package dev.bulwark.net;

import dev.bulwark.core.analysis.AnalyzerInfo;
import dev.bulwark.core.analysis.FindingSink;
import dev.bulwark.core.analysis.Phase;
import dev.bulwark.core.analysis.ScanContext;
import dev.bulwark.core.files.SourceFile;
import dev.bulwark.core.model.RuleDescriptor;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.model.TaxonomyRef;
import dev.bulwark.net.detect.NetDetections;
import dev.bulwark.net.detect.NetRule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bulwark scan}: the network detections of every capture (.pcap, .pcapng, .cap, and their
 * .gz) in the scanned tree, as findings like any analyzer's. No logs are written.
 */
public final class NetAnalyzer implements dev.bulwark.core.analysis.Analyzer {
  private static final AnalyzerInfo INFO =
      new AnalyzerInfo(
          "net", "Network", "Network detections in packet captures (pcap, pcapng)", Phase.FILES);

  @Override
  public AnalyzerInfo info() {
    return INFO;
  }

  @Override
  public List<RuleDescriptor> rules() {
    List<RuleDescriptor> out = new ArrayList<>();
    for (NetRule r : NetDetections.builtIn()) {
      List<TaxonomyRef> taxa = new ArrayList<>();
      r.attack().forEach(t -> taxa.add(TaxonomyRef.attack(t)));
      out.add(
          new RuleDescriptor(
              r.id(),
              r.title(),
              r.message(),
              null,
              Severity.valueOf(r.severity().toUpperCase(Locale.ROOT)),
              taxa,
              List.of("network")));
    }
    return out;
  }

  static boolean isCapture(SourceFile f) {
    String n = f.fileName().toLowerCase(Locale.ROOT);
    return n.endsWith(".pcap")
        || n.endsWith(".pcapng")
        || n.endsWith(".cap")
        || n.endsWith(".pcap.gz")
        || n.endsWith(".pcapng.gz");
  }

  @Override
  public boolean appliesTo(ScanContext context) {
    return context.tree().files().stream().anyMatch(NetAnalyzer::isCapture);
  }

  @Override
  public void analyze(ScanContext ctx, FindingSink sink) throws InterruptedException {
    for (SourceFile f : ctx.tree().files()) {
      if (!isCapture(f)) {
        continue;
      }
      ctx.checkCancelled();
      try {
        NetSummary s = ZeekRun.detect(f.path(), f.relativePath());
        s.diagnostics().forEach(ctx.diagnostics()::report);
        s.findings().forEach(sink::accept);
      } catch (IOException | RuntimeException e) {
        ctx.diagnostics()
            .report(
                dev.bulwark.core.errors.Diagnostic.error(
                    "net", f.relativePath(), "unreadable capture: " + e.getMessage()));
      }
    }
  }
}
