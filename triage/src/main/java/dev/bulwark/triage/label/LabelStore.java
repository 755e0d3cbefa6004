package dev.bulwark.triage.label;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.bulwark.core.model.Label;
import dev.bulwark.core.text.JsonLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Labels kept as an append-only JSON-lines log in Bulwark's data directory ({@code labels.jsonl}):
 * every verdict ever given stays, the latest per fingerprint counts. Plain text so a team can
 * review it, merge it and keep it in version control.
 */
public final class LabelStore {
  public static final String FILE = "labels.jsonl";
  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final Path file;

  public LabelStore(Path dataDir) {
    this.file = dataDir.resolve(FILE);
  }

  public Path file() {
    return file;
  }

  /** Appends labels (one verdict each); the file and directory are created when needed. */
  public synchronized void add(Collection<Label> labels) throws IOException {
    JsonLines.append(file, JSON, labels);
  }

  /** Every verdict in the order given. */
  public List<Label> history() throws IOException {
    return read(file);
  }

  /** The latest verdict per fingerprint. */
  public List<Label> current() throws IOException {
    Map<String, Label> latest = new LinkedHashMap<>();
    for (Label l : history()) {
      latest.remove(l.fingerprint());
      latest.put(l.fingerprint(), l);
    }
    return new ArrayList<>(latest.values());
  }

  /** Reads a labels file (JSON lines); a bad line is an error naming the file and line. */
  public static List<Label> read(Path path) throws IOException {
    return JsonLines.read(path, JSON, Label.class, "a label");
  }

  /** Writes labels as JSON lines (export). */
  public static void write(Path path, Collection<Label> labels) throws IOException {
    StringBuilder b = new StringBuilder();
    for (Label l : labels) {
      b.append(JSON.writeValueAsString(l)).append('\n');
    }
    Files.writeString(path, b, StandardCharsets.UTF_8);
  }
}
