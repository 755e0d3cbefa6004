package dev.bulwark.logs.event;

import dev.bulwark.core.analysis.FileTimeBudget;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.ArchiveLimits;
import dev.bulwark.core.files.InputPaths;
import dev.bulwark.core.files.SourceFile;
import dev.bulwark.core.files.SourceTree;
import dev.bulwark.core.files.WalkOptions;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Reads log files of any supported format into events, sniffing the format from the content with
 * the list of {@link LogFormat}s ({@link LogFormat#standard()}): EVTX, JSON (lines, arrays,
 * CloudTrail's {@code Records}, pretty-printed objects), syslog (RFC 3164 and 5424) and CSV with a
 * header, plain or inside .gz and .zip files, and directories of them. Everything streams: memory
 * is bounded by one EVTX chunk or one line, whatever the input size. A file that cannot be read is
 * reported as a diagnostic naming it and the rest go on.
 */
public final class LogReader {
  private static final String SOURCE = "logs";
  private static final int MAX_LINE = 1 << 20;
  private static final int MAX_LINE_ERRORS = 5;

  /** Size on disk of the file being read on this thread (0 for a stream: no ratio is known). */
  private static final ThreadLocal<Long> INPUT_SIZE = ThreadLocal.withInitial(() -> 0L);

  /** Reading options: the year for BSD syslog lines and the limits for archives. */
  public record Options(int syslogYear, ArchiveLimits archiveLimits) {
    public static Options defaults() {
      return new Options(
          LocalDate.now(ZoneOffset.UTC).getYear(),
          new ArchiveLimits(2, 100_000, 16L << 30, 64L << 30, 1000));
    }
  }

  /** Counts of what was read. */
  public record Stats(long files, long events, long unreadable, long bytes) {}

  private final Options options;
  private final DiagnosticSink diagnostics;
  private final List<LogFormat> formats;
  private final AtomicLong files = new AtomicLong();
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong unreadable = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  public LogReader(Options options, DiagnosticSink diagnostics) {
    this(options, diagnostics, LogFormat.standard());
  }

  /** A reader of these formats, tried in order. */
  public LogReader(Options options, DiagnosticSink diagnostics, List<LogFormat> formats) {
    this.options = options;
    this.diagnostics = diagnostics;
    this.formats = List.copyOf(formats);
  }

  public Stats stats() {
    return new Stats(files.get(), events.get(), unreadable.get(), bytes.get());
  }

  /**
   * Every log file under the paths, in a stable order. Directories are walked by core's walker, so
   * a symbolic link is followed only to a file inside the directories given, and FIFOs, devices and
   * sockets are skipped, each with a diagnostic; so is a path named directly that is a link to one
   * of those. A FIFO, device or socket named directly is an input error.
   */
  public static List<Path> expand(List<Path> paths, DiagnosticSink diagnostics)
      throws IOException, InputException {
    List<Path> out = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Path p : paths) {
      InputPaths.requireReadableKind(p);
      String link = InputPaths.unreadableLink(p);
      if (link != null) {
        diagnostics.report(Diagnostic.warning(SOURCE, p.toString(), link));
        skipped.add(p + ": " + link);
        continue;
      }
      if (!Files.isDirectory(p)) {
        out.add(p);
        continue;
      }
      // files keep the form the user gave their directory in, as names in events and reports
      List<Path> found = new ArrayList<>();
      SourceTree tree =
          SourceTree.walk(
              List.of(p), new WalkOptions(List.of(), List.of(), false, true), diagnostics);
      for (SourceFile f : tree.files()) {
        if (!f.fileName().startsWith(".")) {
          found.add(p.resolve(f.relativePath()));
        }
      }
      found.sort(null);
      out.addAll(found);
    }
    if (skipped.size() == paths.size()) {
      throw new InputException("nothing to read: " + String.join("; ", skipped));
    }
    return out;
  }

  /** Reads one file; problems become diagnostics. Returns whether the file held a known format. */
  public boolean read(Path file, Consumer<Event> sink) {
    files.incrementAndGet();
    try {
      long size = Files.size(file);
      bytes.addAndGet(size);
      INPUT_SIZE.set(size);
      try (InputStream in = FileTimeBudget.guard(Files.newInputStream(file))) {
        return read(file.toString(), in, sink);
      } finally {
        INPUT_SIZE.remove();
      }
    } catch (FileTimeBudget.Exceeded e) {
      throw e; // the file's time budget: reported by whoever set it
    } catch (IOException | RuntimeException e) {
      unreadable.incrementAndGet();
      diagnostics.report(Diagnostic.error(SOURCE, file.toString(), "unreadable: " + message(e)));
      return false;
    }
  }

  /** Reads a stream named {@code name}, sniffing its format from {@link #formats}. */
  public boolean read(String name, InputStream raw, Consumer<Event> sink) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(8192);
    byte[] head = in.readNBytes(8192);
    in.reset();
    int n = head.length;
    LogFormat.Head h =
        new LogFormat.Head(
            name, head, n, firstLine(new String(head, 0, n, StandardCharsets.UTF_8)));
    for (LogFormat f : formats) {
      if (!f.sniff(h)) {
        continue;
      }
      if (f.container()) {
        boolean[] any = {false};
        f.read(context(any), name, in, sink);
        return any[0];
      }
      Consumer<Event> counting =
          e -> {
            events.incrementAndGet();
            sink.accept(e);
          };
      f.read(context(new boolean[1]), name, in, counting);
      return true;
    }
    if (n > 0) {
      diagnostics.report(
          Diagnostic.note(
              SOURCE,
              name,
              "not a recognised log format ("
                  + String.join(
                      ", ",
                      formats.stream().filter(f -> !f.container()).map(LogFormat::name).toList())
                  + "); skipped"));
    }
    return false;
  }

  /**
   * What formats may ask of this reader; {@code any} records whether a nested read knew its format.
   */
  private LogFormat.Context context(boolean[] any) {
    return new LogFormat.Context() {
      @Override
      public Options options() {
        return options;
      }

      @Override
      public int lineError(String name, long line, String message, int errorsSoFar) {
        return LogReader.this.lineError(name, line, message, errorsSoFar);
      }

      @Override
      public void error(String name, String message) {
        diagnostics.report(Diagnostic.error(SOURCE, name, message));
      }

      @Override
      public void warning(String name, String message) {
        diagnostics.report(Diagnostic.warning(SOURCE, name, message));
      }

      @Override
      public void unreadable(String name, Exception e) {
        LogReader.this.unreadable.incrementAndGet();
        diagnostics.report(Diagnostic.error(SOURCE, name, "unreadable: " + message(e)));
      }

      @Override
      public long inputSize() {
        return INPUT_SIZE.get();
      }

      @Override
      public DiagnosticSink diagnostics() {
        return diagnostics;
      }

      @Override
      public boolean readNested(String name, InputStream in, Consumer<Event> sink)
          throws IOException {
        boolean known = read(name, in, sink);
        any[0] |= known;
        return known;
      }
    };
  }

  private int lineError(String name, long line, String message, int errors) {
    if (errors < MAX_LINE_ERRORS) {
      diagnostics.report(Diagnostic.warning(SOURCE, name, "line " + line + ": " + message));
    } else if (errors == MAX_LINE_ERRORS) {
      diagnostics.report(
          Diagnostic.warning(SOURCE, name, "more malformed lines; further ones not reported"));
    }
    return errors + 1;
  }

  static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    t = t.stripLeading();
    int nl = t.indexOf('\n');
    return (nl < 0 ? t : t.substring(0, nl)).strip();
  }

  private static String message(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Lines bounded in length: a longer line is cut and flagged, never held whole. */
  static final class LineReader {
    private final Reader in;
    private final char[] buf = new char[1 << 14];
    private int pos;
    private int len;
    private long lineNo;
    private boolean truncated;
    private final StringBuilder sb = new StringBuilder();

    LineReader(Reader in) {
      this.in = in;
    }

    String next() throws IOException {
      sb.setLength(0);
      truncated = false;
      boolean any = false;
      while (true) {
        if (pos == len) {
          len = in.read(buf, 0, buf.length);
          pos = 0;
          if (len <= 0) {
            len = 0;
            if (!any) {
              return null;
            }
            break;
          }
        }
        any = true;
        int start = pos;
        while (pos < len && buf[pos] != '\n') {
          pos++;
        }
        int take = Math.min(pos - start, MAX_LINE - sb.length());
        if (take > 0) {
          sb.append(buf, start, take);
        }
        if (pos - start > take) {
          truncated = true;
        }
        if (pos < len) {
          pos++;
          break;
        }
      }
      lineNo++;
      int l = sb.length();
      if (l > 0 && sb.charAt(l - 1) == '\r') {
        sb.setLength(l - 1);
      }
      return sb.toString();
    }

    long lineNo() {
      return lineNo;
    }

    boolean truncated() {
      return truncated;
    }
  }

  static List<String> names(String... n) {
    return Arrays.asList(n);
  }
}
