package dev.bulwark.core.analysis;

/** Receives diagnostics; implementations are thread-safe. */
@FunctionalInterface
public interface DiagnosticSink {
  void report(Diagnostic diagnostic);

  static DiagnosticSink ignoring() {
    return d -> {};
  }
}
