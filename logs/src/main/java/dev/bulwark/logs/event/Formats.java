package dev.bulwark.logs.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.files.ArchiveReader;
import dev.bulwark.core.files.InflationBudget;
import dev.bulwark.logs.evtx.EvtxReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/** The formats of {@link LogFormat#standard()}, each small and on its own. */
final class Formats {
  private static final String SOURCE = "logs";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Formats() {}

  /** gzip: the decompressed stream is read as whatever it holds, named without ".gz". */
  static final class Gzip implements LogFormat {
    private static final long MAX_BYTES = 64L << 30;

    /** Logs compress tens of times; a stream of zeros a thousand times per gzip layer. */
    private static final int MAX_RATIO = 500;

    /** The budget of the file being read on this thread, shared by nested layers. */
    private static final ThreadLocal<InflationBudget> BUDGET = new ThreadLocal<>();

    @Override
    public String name() {
      return "gzip";
    }

    @Override
    public boolean container() {
      return true;
    }

    @Override
    public boolean sniff(Head h) {
      return h.length() >= 2 && (h.bytes()[0] & 0xff) == 0x1f && (h.bytes()[1] & 0xff) == 0x8b;
    }

    @Override
    public void read(Context c, String name, InputStream in, Consumer<Event> sink)
        throws IOException {
      String inner =
          name.toLowerCase(Locale.ROOT).endsWith(".gz")
              ? name.substring(0, name.length() - 3)
              : name;
      // every gzip layer below one file is charged to one budget: an endless or nested stream
      // of zeros stops with a diagnostic instead of being read for minutes
      InflationBudget budget = BUDGET.get();
      boolean outermost = budget == null;
      if (outermost) {
        budget = new InflationBudget(MAX_BYTES, MAX_RATIO, c.inputSize());
        BUDGET.set(budget);
      }
      try {
        c.readNested(inner, budget.charge(new GZIPInputStream(in, 1 << 16)), sink);
      } catch (InflationBudget.Exceeded e) {
        if (!outermost) {
          throw e;
        }
        c.warning(
            name,
            "compressed stream "
                + e.getMessage()
                + "; the rest of it was not read ("
                + budget.used() / (1 << 20)
                + " MB were)");
      } finally {
        if (outermost) {
          BUDGET.remove();
        }
      }
    }
  }

  /** zip: every entry read as whatever it holds, within the archive limits. */
  static final class Zip implements LogFormat {
    @Override
    public String name() {
      return "zip";
    }

    @Override
    public boolean container() {
      return true;
    }

    @Override
    public boolean sniff(Head h) {
      byte[] b = h.bytes();
      return h.length() >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
    }

    @Override
    public void read(Context c, String name, InputStream in, Consumer<Event> sink)
        throws IOException {
      new ArchiveReader(c.options().archiveLimits(), c.diagnostics(), SOURCE)
          .read(
              name,
              in,
              (entry, content, size) -> {
                try {
                  c.readNested(entry, content, sink);
                } catch (IOException | RuntimeException e) {
                  c.unreadable(entry, e);
                }
              });
    }
  }

  /** Windows event logs, with EVTX's own reader (dirty and truncated files included). */
  static final class Evtx implements LogFormat {
    @Override
    public String name() {
      return "EVTX";
    }

    @Override
    public boolean sniff(Head h) {
      return EvtxReader.isEvtx(h.bytes(), h.length());
    }

    @Override
    public void read(Context c, String name, InputStream in, Consumer<Event> sink)
        throws IOException {
      EvtxReader.read(
          name,
          in,
          EvtxReader.Style.WINDOWS,
          r -> sink.accept(EvtxEvents.toEvent(name, r)),
          p -> {
            String place = place(name, p.where());
            c.warning(name, place.isEmpty() ? p.message() : place + ": " + p.message());
          });
    }

    /**
     * A reader's place without the file name the diagnostic already carries ("chunk 3 record 7").
     */
    private static String place(String name, String where) {
      if (where.equals(name)) {
        return "";
      }
      return where.startsWith(name + " ") ? where.substring(name.length() + 1) : where;
    }
  }

  /** JSON lines, arrays, CloudTrail's {@code Records} and pretty-printed objects. */
  static final class Json implements LogFormat {
    @Override
    public String name() {
      return "JSON";
    }

    @Override
    public boolean sniff(Head h) {
      return h.firstLine().startsWith("{") || h.firstLine().startsWith("[");
    }

    @Override
    public void read(Context c, String name, InputStream in, Consumer<Event> sink)
        throws IOException {
      String t = LogReader.firstLine(new String(peek(in), StandardCharsets.UTF_8));
      // One object per line, unless the first line opens a pretty-printed document.
      boolean lines =
          t.startsWith("{") && !t.equals("{") && !t.replace(" ", "").startsWith("{\"Records\":[");
      if (lines) {
        LogReader.LineReader r =
            new LogReader.LineReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int errors = 0;
        for (String line; (line = r.next()) != null; ) {
          if (r.truncated()) {
            errors = c.lineError(name, r.lineNo(), "line longer than 1 MiB skipped", errors);
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
              errors = c.lineError(name, r.lineNo(), "not a JSON object", errors);
            }
          } catch (IOException e) {
            errors =
                c.lineError(
                    name,
                    r.lineNo(),
                    "malformed JSON: " + LogReader.firstLine(e.getMessage()),
                    errors);
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
        c.error(
            name,
            "malformed JSON after " + index[0] + " events: " + LogReader.firstLine(e.getMessage()));
      }
    }

    private static void emit(String name, JsonNode node, long[] index, Consumer<Event> sink) {
      if (node.isObject()) {
        sink.accept(JsonEvents.toEvent(name, Long.toString(++index[0]), node));
      }
    }
  }

  /** CSV with a header line, recognised by the file name. */
  static final class Csv implements LogFormat {
    private static final int MAX_RECORD = 1 << 20;

    @Override
    public String name() {
      return "CSV";
    }

    @Override
    public boolean sniff(Head h) {
      return h.name().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    @Override
    public void read(Context c, String name, InputStream in, Consumer<Event> sink)
        throws IOException {
      LogReader.LineReader r =
          new LogReader.LineReader(new InputStreamReader(in, StandardCharsets.UTF_8));
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
        List<String> cells = dev.bulwark.core.text.Csv.split(pending.toString());
        if (cells == null) {
          if (pending.length() > MAX_RECORD) {
            errors = c.lineError(name, startLine, "unterminated quoted field", errors);
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
  }

  /** Syslog, RFC 3164 and 5424. */
  static final class Syslog implements LogFormat {
    @Override
    public String name() {
      return "syslog";
    }

    @Override
    public boolean sniff(Head h) {
      return !h.firstLine().isEmpty() && dev.bulwark.logs.event.Syslog.looksLike(h.firstLine());
    }

    @Override
    public void read(Context c, String name, InputStream in, Consumer<Event> sink)
        throws IOException {
      LogReader.LineReader r =
          new LogReader.LineReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      int errors = 0;
      for (String line; (line = r.next()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        Event e =
            r.truncated()
                ? null
                : dev.bulwark.logs.event.Syslog.parse(
                    name, r.lineNo(), line, c.options().syslogYear());
        if (e == null) {
          errors = c.lineError(name, r.lineNo(), "not a syslog line", errors);
        } else {
          sink.accept(e);
        }
      }
    }
  }

  /** The first 8 KiB of a marked stream, which is reset to its start. */
  private static byte[] peek(InputStream in) throws IOException {
    in.mark(8192);
    byte[] head = in.readNBytes(8192);
    in.reset();
    return head;
  }
}
