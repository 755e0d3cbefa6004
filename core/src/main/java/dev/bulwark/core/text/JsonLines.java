package dev.bulwark.core.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Files of one JSON value per line — Bulwark's append-only records (labels, proposals). Reading
 * skips blank lines and names the file and line of a bad one; a missing file reads as empty.
 */
public final class JsonLines {
  private JsonLines() {}

  /** Every record of {@code type} in the file; {@code what} names a record in error messages. */
  public static <T> List<T> read(Path file, ObjectMapper json, Class<T> type, String what)
      throws IOException {
    List<T> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int n = 0;
      for (String line; (line = r.readLine()) != null; ) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          out.add(json.readValue(line, type));
        } catch (IOException | IllegalArgumentException e) {
          throw new IOException(
              file + ":" + n + ": not " + what + ": " + Messages.firstLine(e.getMessage()), e);
        }
      }
    }
    return out;
  }

  /** Appends records, creating the file and its directory when needed. */
  public static void append(Path file, ObjectMapper json, Collection<?> records)
      throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (Writer w =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      for (Object o : records) {
        w.write(json.writeValueAsString(o));
        w.write('\n');
      }
    }
  }
}
