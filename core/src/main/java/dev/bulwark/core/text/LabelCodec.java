package dev.bulwark.core.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.bulwark.core.model.Label;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * The one format of labels: one JSON object per line, as in the label store ({@code labels.jsonl}),
 * label exports and the team server's {@code /api/labels}, so that what one writes the others read.
 */
public final class LabelCodec {
  private LabelCodec() {}

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  /** One label as one line of JSON, without the line break. */
  public static String line(Label label) {
    try {
      return JSON.writeValueAsString(label);
    } catch (JsonProcessingException e) {
      // a Label is records, strings and an Instant: always serializable
      throw new IllegalStateException("cannot write label " + label.fingerprint(), e);
    }
  }

  /** Reads a labels file; a bad line is an error naming the file and line; none reads as empty. */
  public static List<Label> read(Path file) throws IOException {
    return JsonLines.read(file, JSON, Label.class, "a label");
  }

  /** Appends labels, creating the file and its directory when needed. */
  public static void append(Path file, Collection<Label> labels) throws IOException {
    JsonLines.append(file, JSON, labels);
  }

  /** Writes labels as a new file (an export). */
  public static void write(Path file, Collection<Label> labels) throws IOException {
    StringBuilder b = new StringBuilder();
    for (Label l : labels) {
      b.append(line(l)).append('\n');
    }
    Files.writeString(file, b, StandardCharsets.UTF_8);
  }
}
