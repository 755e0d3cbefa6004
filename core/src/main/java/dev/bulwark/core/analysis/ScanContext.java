package dev.bulwark.core.analysis;

import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.files.SourceTree;
import java.util.Objects;

/**
 * Everything an analyzer may use during a scan: the walked files, the configuration, the options,
 * progress reporting, diagnostics and cancellation.
 */
public final class ScanContext {
  private final SourceTree tree;
  private final BulwarkConfig config;
  private final ScanOptions options;
  private final Progress progress;
  private final DiagnosticSink diagnostics;
  private final Cancellation cancellation;

  public ScanContext(
      SourceTree tree,
      BulwarkConfig config,
      ScanOptions options,
      Progress progress,
      DiagnosticSink diagnostics,
      Cancellation cancellation) {
    this.tree = Objects.requireNonNull(tree, "tree");
    this.config = Objects.requireNonNull(config, "config");
    this.options = Objects.requireNonNull(options, "options");
    this.progress = Objects.requireNonNull(progress, "progress");
    this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
    this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
  }

  /** A context for running one analyzer on a tree outside a full scan (tests, eval suites). */
  public static ScanContext standalone(SourceTree tree, ScanOptions options, DiagnosticSink sink) {
    return new ScanContext(
        tree,
        BulwarkConfig.empty(tree.baseDir()),
        options,
        Progress.none(),
        sink,
        new Cancellation());
  }

  /** As {@link #standalone(SourceTree, ScanOptions, DiagnosticSink)}, with a configuration. */
  public static ScanContext standalone(
      SourceTree tree, BulwarkConfig config, ScanOptions options, DiagnosticSink sink) {
    return new ScanContext(tree, config, options, Progress.none(), sink, new Cancellation());
  }

  public SourceTree tree() {
    return tree;
  }

  public BulwarkConfig config() {
    return config;
  }

  public ScanOptions options() {
    return options;
  }

  public Progress progress() {
    return progress;
  }

  public DiagnosticSink diagnostics() {
    return diagnostics;
  }

  public Cancellation cancellation() {
    return cancellation;
  }

  /** Throws {@link java.util.concurrent.CancellationException} when the scan was stopped. */
  public void checkCancelled() {
    cancellation.checkpoint();
  }
}
