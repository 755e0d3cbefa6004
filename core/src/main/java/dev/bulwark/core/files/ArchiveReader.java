package dev.bulwark.core.files;

import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.DiagnosticSink;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Streams the entries of zip-family archives (zip, jar, war, ear, apk, …) to a visitor, recursing
 * into nested archives, without ever writing an entry to disk. Limits from {@link ArchiveLimits}
 * stop bombs; entry names that try to escape ({@code ../}, absolute paths) are reported.
 */
public final class ArchiveReader {
  private static final Set<String> ARCHIVE_EXTENSIONS =
      Set.of("zip", "jar", "war", "ear", "aar", "apk", "nupkg", "whl", "egg", "hpi", "jpi", "xpi");

  /** Receives each regular entry; the stream is bounded and must not be closed by the visitor. */
  @FunctionalInterface
  public interface EntryVisitor {
    void visit(String displayPath, InputStream content, long declaredSize) throws IOException;
  }

  private final ArchiveLimits limits;
  private final DiagnosticSink diagnostics;
  private final String source;

  public ArchiveReader(ArchiveLimits limits, DiagnosticSink diagnostics, String source) {
    this.limits = limits;
    this.diagnostics = diagnostics;
    this.source = source;
  }

  public static boolean isArchiveName(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 && ARCHIVE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /** Reads the archive at {@code displayPath} from {@code in}; returns the number of entries. */
  public int read(String displayPath, InputStream in, EntryVisitor visitor) throws IOException {
    Budget budget = new Budget();
    CountingInputStream raw = new CountingInputStream(in, Long.MAX_VALUE);
    try {
      readZip(displayPath, raw, raw, visitor, 1, budget);
    } catch (LimitExceeded e) {
      diagnostics.report(
          Diagnostic.warning(source, displayPath, e.getMessage() + "; rest of archive skipped"));
    }
    return budget.entries;
  }

  private void readZip(
      String displayPath,
      InputStream in,
      CountingInputStream outermost,
      EntryVisitor visitor,
      int depth,
      Budget budget)
      throws IOException {
    ZipInputStream zip = new ZipInputStream(in);
    ZipEntry entry;
    while (true) {
      try {
        entry = zip.getNextEntry();
      } catch (ZipException | IllegalArgumentException e) {
        diagnostics.report(
            Diagnostic.warning(source, displayPath, "malformed archive: " + e.getMessage()));
        return;
      }
      if (entry == null) {
        return;
      }
      if (entry.isDirectory()) {
        continue;
      }
      if (++budget.entries > limits.maxEntries()) {
        throw new LimitExceeded("archive has more than " + limits.maxEntries() + " entries");
      }
      String name = entry.getName();
      if (name.startsWith("/") || name.contains("../") || name.contains("..\\")) {
        diagnostics.report(
            Diagnostic.warning(
                source,
                displayPath,
                "archive entry name escapes its root (path traversal): " + name));
      }
      String entryPath = displayPath + "!/" + name;
      CountingInputStream bounded = new CountingInputStream(zip, limits.maxEntryBytes());
      try {
        readEntry(name, entry.getSize(), entryPath, bounded, outermost, visitor, depth, budget);
      } catch (ZipException | java.io.EOFException e) {
        diagnostics.report(
            Diagnostic.warning(source, entryPath, "malformed archive entry: " + e.getMessage()));
        return;
      }
      budget.total += bounded.count;
      if (budget.total > limits.maxTotalBytes()) {
        throw new LimitExceeded("archive expands beyond " + (limits.maxTotalBytes() >> 20) + " MB");
      }
      long compressed = Math.max(outermost.count, 1);
      if (budget.total > (1 << 20) && budget.total / compressed > limits.maxRatio()) {
        throw new LimitExceeded(
            "archive expands more than "
                + limits.maxRatio()
                + "x its compressed size (possible zip bomb)");
      }
    }
  }

  private void readEntry(
      String name,
      long declaredSize,
      String entryPath,
      CountingInputStream bounded,
      CountingInputStream outermost,
      EntryVisitor visitor,
      int depth,
      Budget budget)
      throws IOException {
    try {
      if (isArchiveName(name)) {
        if (depth >= limits.maxDepth()) {
          diagnostics.report(
              Diagnostic.note(
                  source,
                  entryPath,
                  "nested archive deeper than " + limits.maxDepth() + " levels; not opened"));
        } else {
          readZip(entryPath, bounded, outermost, visitor, depth + 1, budget);
        }
      } else {
        visitor.visit(entryPath, bounded, declaredSize);
      }
      bounded.drain();
    } catch (EntryTooLarge e) {
      diagnostics.report(
          Diagnostic.note(
              source,
              entryPath,
              "entry larger than " + (limits.maxEntryBytes() >> 20) + " MB; rest skipped"));
      bounded.skipToEnd(limits.maxTotalBytes() - budget.total);
    }
  }

  private static final class Budget {
    int entries;
    long total;
  }

  private static final class LimitExceeded extends IOException {
    private static final long serialVersionUID = 1L;

    LimitExceeded(String message) {
      super(message);
    }
  }

  private static final class EntryTooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    EntryTooLarge() {
      super("entry too large");
    }
  }

  /** Counts bytes read and refuses to read past a limit; close() never closes the source. */
  private static final class CountingInputStream extends FilterInputStream {
    private final long limit;
    long count;

    CountingInputStream(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      if (count >= limit) {
        throw new EntryTooLarge();
      }
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (count >= limit) {
        throw new EntryTooLarge();
      }
      int n = super.read(b, off, (int) Math.min(len, limit - count));
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buf = new byte[8192];
      long skipped = 0;
      while (skipped < n) {
        int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
        if (r < 0) {
          break;
        }
        skipped += r;
      }
      return skipped;
    }

    void drain() throws IOException {
      byte[] buf = new byte[8192];
      while (read(buf, 0, buf.length) >= 0) {
        // consume the rest of the entry so the budget counts it
      }
    }

    /** Discards the rest of an oversized entry, still counting it against the total budget. */
    void skipToEnd(long remainingBudget) throws IOException {
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf, 0, buf.length)) >= 0) {
        count += n;
        if (count > remainingBudget) {
          throw new LimitExceeded("archive expands beyond its size budget");
        }
      }
    }

    @Override
    public void close() {
      // the enclosing ZipInputStream owns the underlying stream
    }
  }
}
