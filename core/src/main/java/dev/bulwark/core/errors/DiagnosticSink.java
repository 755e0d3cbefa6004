package dev.bulwark.core.errors;

/** Receives diagnostics; implementations are thread-safe. */
@FunctionalInterface
public interface DiagnosticSink {
  void report(Diagnostic diagnostic);

  static DiagnosticSink ignoring() {
    return d -> {};
  }
}
