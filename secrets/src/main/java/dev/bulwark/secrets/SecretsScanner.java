package dev.bulwark.secrets;

import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.files.ArchiveLimits;
import dev.bulwark.core.files.ArchiveReader;
import dev.bulwark.core.files.TextSniffer;
import dev.bulwark.secrets.engine.SecretEngine;
import dev.bulwark.secrets.engine.SecretMatch;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads one input — a file or an archive entry — and hands text to the engine: binary content is
 * skipped, UTF-16 is re-encoded, zip-family archives are opened within their limits, and everything
 * else streams through in bounded memory.
 */
final class SecretsScanner {
  /** Receives a match and the display path of the input it came from. */
  @FunctionalInterface
  interface Sink {
    void accept(String path, SecretMatch match);
  }

  private static final long MAX_UTF16_BYTES = 64L << 20;

  private final SecretEngine engine;
  private final ArchiveLimits limits;
  private final DiagnosticSink diagnostics;

  SecretsScanner(SecretEngine engine, ArchiveLimits limits, DiagnosticSink diagnostics) {
    this.engine = engine;
    this.limits = limits;
    this.diagnostics = diagnostics;
  }

  /** Scans one input; returns false when it was skipped as binary. */
  boolean scan(String path, InputStream raw, Sink sink) throws IOException {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    String ext = dot > 0 ? name.substring(dot + 1) : "";
    // Sniff the first bytes, then hand the engine those bytes followed by the rest of the
    // stream: no buffering layer, so large reads go straight into the engine's chunk buffer.
    byte[] head = raw.readNBytes(TextSniffer.SNIFF_BYTES);
    InputStream in = new SequenceInputStream(new ByteArrayInputStream(head), raw);
    TextSniffer.Kind kind = TextSniffer.sniff(head, head.length);
    if (kind == TextSniffer.Kind.ZIP
        || (ArchiveReader.isArchiveName(name) && kind != TextSniffer.Kind.TEXT_UTF8)) {
      new ArchiveReader(limits, diagnostics, SecretFindings.ANALYZER)
          .read(path, in, (entryPath, content, size) -> scan(entryPath, content, sink));
      return true;
    }
    if (kind == TextSniffer.Kind.BINARY || TextSniffer.isBinaryExtension(ext)) {
      return false;
    }
    if (kind == TextSniffer.Kind.TEXT_UTF16LE || kind == TextSniffer.Kind.TEXT_UTF16BE) {
      byte[] all = in.readNBytes((int) MAX_UTF16_BYTES);
      if (in.read() >= 0) {
        diagnostics.report(
            Diagnostic.note(
                SecretFindings.ANALYZER,
                path,
                "UTF-16 file larger than 64 MB; only its start was scanned"));
      }
      String text =
          TextSniffer.decode(
              all,
              2,
              Math.max(0, all.length - 2),
              kind == TextSniffer.Kind.TEXT_UTF16LE
                  ? StandardCharsets.UTF_16LE
                  : StandardCharsets.UTF_16BE);
      engine.scan(
          path,
          new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
          m -> sink.accept(path, m));
      return true;
    }
    engine.scan(path, in, m -> sink.accept(path, m));
    return true;
  }
}
