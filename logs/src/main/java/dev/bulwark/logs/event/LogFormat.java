package dev.bulwark.logs.event;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * One log format {@link LogReader} knows: how to recognise it from the first bytes of a stream and
 * its name, and how to read its events. The reader tries the formats of {@link #standard()} in
 * order; containers (gzip, zip) hand their contents back to the reader.
 */
public interface LogFormat {

  /** Shown in diagnostics and lists of formats. */
  String name();

  /** Whether a stream with this beginning and name is in this format. */
  boolean sniff(Head head);

  /** Whether the format holds other files (read through {@link Context#readNested}). */
  default boolean container() {
    return false;
  }

  /** Reads every event of the stream; bad records become diagnostics through {@code context}. */
  void read(Context context, String name, InputStream in, Consumer<Event> sink) throws IOException;

  /**
   * The first bytes of a stream (up to 8 KiB), its name and, decoded as UTF-8, its first non-blank
   * line without a byte-order mark.
   */
  record Head(String name, byte[] bytes, int length, String firstLine) {}

  /** What a format may ask of the reader while reading. */
  interface Context {
    LogReader.Options options();

    /** Reports a problem on one line; after five in a file, further ones are only counted. */
    int lineError(String name, long line, String message, int errorsSoFar);

    /** Reports a problem with the whole stream. */
    void error(String name, String message);

    void warning(String name, String message);

    /** A file inside a container that could not be read; the others go on. */
    void unreadable(String name, Exception e);

    dev.bulwark.core.errors.DiagnosticSink diagnostics();

    /** Size on disk of the outermost file being read, or 0 for a stream of unknown size. */
    long inputSize();

    /**
     * Reads a stream found inside a container, sniffing its format; whether it held a known one.
     */
    boolean readNested(String name, InputStream in, Consumer<Event> sink) throws IOException;
  }

  /**
   * The formats Bulwark reads, in the order they are tried: containers first, text formats last.
   */
  static java.util.List<LogFormat> standard() {
    return java.util.List.of(
        new Formats.Gzip(),
        new Formats.Zip(),
        new Formats.Evtx(),
        new Formats.Json(),
        new Formats.Csv(),
        new Formats.Syslog());
  }
}
