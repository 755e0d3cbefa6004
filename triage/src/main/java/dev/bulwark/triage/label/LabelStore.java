package dev.bulwark.triage.label;

import dev.bulwark.core.model.Label;
import dev.bulwark.core.text.LabelCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Labels kept as an append-only JSON-lines log ({@link LabelCodec}) in Bulwark's data directory
 * ({@code labels.jsonl}): every verdict ever given stays, the latest per fingerprint counts. Plain
 * text so a team can review it, merge it and keep it in version control.
 */
public final class LabelStore {
  public static final String FILE = "labels.jsonl";
  private final Path file;

  public LabelStore(Path dataDir) {
    this.file = dataDir.resolve(FILE);
  }

  public Path file() {
    return file;
  }

  /** Appends labels (one verdict each); the file and directory are created when needed. */
  public synchronized void add(Collection<Label> labels) throws IOException {
    LabelCodec.append(file, labels);
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
    return LabelCodec.read(path);
  }

  /** Writes labels as JSON lines (export). */
  public static void write(Path path, Collection<Label> labels) throws IOException {
    LabelCodec.write(path, labels);
  }
}
