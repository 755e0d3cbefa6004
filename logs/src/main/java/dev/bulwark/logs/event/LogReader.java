package dev.bulwark.logs.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.ArchiveLimits;
import dev.bulwark.core.files.ArchiveReader;
import dev.bulwark.core.files.InputPaths;
import dev.bulwark.core.files.SourceFile;
import dev.bulwark.core.files.SourceTree;
import dev.bulwark.core.files.WalkOptions;
import dev.bulwark.core.text.Csv;
import dev.bulwark.logs.evtx.EvtxReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads log files of any supported format into events, sniffing the format from the content: EVTX,
 * JSON (lines, arrays, CloudTrail's {@code Records}, pretty-printed objects), syslog (RFC 3164 and
 * 5424) and CSV with a header, plain or inside .gz and .zip files, and directories of them.
 * Everything streams: memory is bounded by one EVTX chunk or one line, whatever the input size. A
 * file that cannot be read is reported as a diagnostic naming it and the rest go on.
 */
public final class LogReader {
  private static final String SOURCE = "logs";
  private static final int MAX_LINE = 1 << 20;
  private static final int MAX_LINE_ERRORS = 5;
  private static final ObjectMapper JSON = new ObjectMapper();

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
  private final AtomicLong files = new AtomicLong();
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong unreadable = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  public LogReader(Options options, DiagnosticSink diagnostics) {
    this.options = options;
    this.diagnostics = diagnostics;
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
      bytes.addAndGet(Files.size(file));
      try (InputStream in = Files.newInputStream(file)) {
        return read(file.toString(), in, sink);
      }
    } catch (IOException | RuntimeException e) {
      unreadable.incrementAndGet();
      diagnostics.report(Diagnostic.error(SOURCE, file.toString(), "unreadable: " + message(e)));
      return false;
    }
  }

  /** Reads a stream named {@code name}, sniffing its format. */
  public boolean read(String name, InputStream raw, Consumer<Event> sink) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(8192);
    byte[] head = in.readNBytes(8192);
    in.reset();
    int n = head.length;
    Consumer<Event> counting =
        e -> {
          events.incrementAndGet();
          sink.accept(e);
        };
    if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return read(stripSuffix(name, ".gz"), new GZIPInputStream(in, 1 << 16), sink);
    }
    if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
      boolean[] any = {false};
      new ArchiveReader(options.archiveLimits(), diagnostics, SOURCE)
          .read(
              name,
              in,
              (entry, content, size) -> {
                try {
                  any[0] |= read(entry, content, sink);
                } catch (IOException | RuntimeException e) {
                  unreadable.incrementAndGet();
                  diagnostics.report(Diagnostic.error(SOURCE, entry, "unreadable: " + message(e)));
                }
              });
      return any[0];
    }
    if (EvtxReader.isEvtx(head, n)) {
      EvtxReader.read(
          name,
          in,
          EvtxReader.Style.WINDOWS,
          r -> counting.accept(EvtxEvents.toEvent(name, r)),
          p ->
              diagnostics.report(Diagnostic.warning(SOURCE, name, p.where() + ": " + p.message())));
      return true;
    }
    String text = new String(head, 0, n, StandardCharsets.UTF_8);
    String first = firstLine(text);
    if (first.startsWith("{") || first.startsWith("[")) {
      readJson(name, in, first, counting);
      return true;
    }
    if (name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
      readCsv(name, in, counting);
      return true;
    }
    if (!first.isEmpty() && Syslog.looksLike(first)) {
      readSyslog(name, in, counting);
      return true;
    }
    if (n > 0) {
      diagnostics.report(
          Diagnostic.note(
              SOURCE, name, "not a recognised log format (EVTX, JSON, syslog, CSV); skipped"));
    }
    return false;
  }

  private void readJson(String name, InputStream in, String first, Consumer<Event> sink)
      throws IOException {
    String t = first.strip();
    // One object per line, unless the first line opens a pretty-printed document.
    boolean lines =
        t.startsWith("{") && !t.equals("{") && !t.replace(" ", "").startsWith("{\"Records\":[");
    if (lines) {
      LineReader r = new LineReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      int errors = 0;
      for (String line; (line = r.next()) != null; ) {
        if (r.truncated()) {
          errors = lineError(name, r.lineNo(), "line longer than 1 MiB skipped", errors);
          continue;
        }
        if (line.isBlank()) {
          continue;
        }
        try {
          JsonNode node = JSON.readTree(line);
          if (node != null && node.isObject()) {
            sink.accept(JsonEvents.toEvent(name, Long.toString(r.lineNo()), node));
          } else {
            errors = lineError(name, r.lineNo(), "not a JSON object", errors);
          }
        } catch (IOException e) {
          errors =
              lineError(name, r.lineNo(), "malformed JSON: " + firstLine(e.getMessage()), errors);
        }
      }
      return;
    }
    long[] index = {0};
    try (JsonParser p = JSON.createParser(in)) {
      for (JsonToken tok; (tok = p.nextToken()) != null; ) {
        if (tok == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            emit(name, p.readValueAsTree(), index, sink);
          }
        } else if (tok == JsonToken.START_OBJECT) {
          JsonNode node = p.readValueAsTree();
          JsonNode records = node.get("Records");
          if (records != null && records.isArray()) {
            for (JsonNode rec : records) {
              emit(name, rec, index, sink);
            }
          } else {
            emit(name, node, index, sink);
          }
        }
      }
    } catch (IOException e) {
      diagnostics.report(
          Diagnostic.error(
              SOURCE,
              name,
              "malformed JSON after " + index[0] + " events: " + firstLine(e.getMessage())));
    }
  }

  private void emit(String name, JsonNode node, long[] index, Consumer<Event> sink) {
    if (node.isObject()) {
      sink.accept(JsonEvents.toEvent(name, Long.toString(++index[0]), node));
    }
  }

  private void readSyslog(String name, InputStream in, Consumer<Event> sink) throws IOException {
    LineReader r = new LineReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    int errors = 0;
    for (String line; (line = r.next()) != null; ) {
      if (line.isBlank()) {
        continue;
      }
      Event e = r.truncated() ? null : Syslog.parse(name, r.lineNo(), line, options.syslogYear());
      if (e == null) {
        errors = lineError(name, r.lineNo(), "not a syslog line", errors);
      } else {
        sink.accept(e);
      }
    }
  }

  private void readCsv(String name, InputStream in, Consumer<Event> sink) throws IOException {
    LineReader r = new LineReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    List<String> header = null;
    int errors = 0;
    StringBuilder pending = new StringBuilder();
    long startLine = 0;
    for (String line; (line = r.next()) != null; ) {
      if (pending.isEmpty()) {
        startLine = r.lineNo();
      } else {
        pending.append('\n');
      }
      pending.append(line);
      List<String> cells = Csv.split(pending.toString());
      if (cells == null) {
        if (pending.length() > MAX_LINE) {
          errors = lineError(name, startLine, "unterminated quoted field", errors);
          pending.setLength(0);
        }
        continue;
      }
      pending.setLength(0);
      if (header == null) {
        header = cells;
        if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
          header.set(0, header.get(0).substring(1));
        }
        continue;
      }
      if (cells.size() == 1 && cells.get(0).isEmpty()) {
        continue;
      }
      Event e = new Event(name, Long.toString(startLine), null, "csv");
      for (int i = 0; i < cells.size(); i++) {
        e.put(i < header.size() ? header.get(i) : "column" + (i + 1), cells.get(i));
      }
      e.time(timeOf(e));
      sink.accept(e);
    }
  }

  private static java.time.Instant timeOf(Event e) {
    for (int i = 0; i < e.size(); i++) {
      String n = e.name(i).toLowerCase(Locale.ROOT);
      if (n.contains("time") || n.equals("date") || n.equals("ts")) {
        java.time.Instant t = Times.parse(e.value(i));
        if (t != null) {
          return t;
        }
      }
    }
    return null;
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

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    t = t.stripLeading();
    int nl = t.indexOf('\n');
    return (nl < 0 ? t : t.substring(0, nl)).strip();
  }

  private static String stripSuffix(String name, String suffix) {
    return name.toLowerCase(Locale.ROOT).endsWith(suffix)
        ? name.substring(0, name.length() - suffix.length())
        : name;
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
