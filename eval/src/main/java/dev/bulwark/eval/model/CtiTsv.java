package dev.bulwark.eval.model;

import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A CTIBench data file: tab-separated, a header row naming the columns. */
final class CtiTsv {
  private CtiTsv() {}

  /** One row by column name, with its line number (the header is line 0). */
  record Row(int line, Map<String, String> cells) {
    String get(String column) {
      return cells.getOrDefault(column, "");
    }

    /** The row's id: the last segment of its URL and its line, stable across runs. */
    String id() {
      String url = get("URL").replaceAll("/+$", "");
      return url.substring(url.lastIndexOf('/') + 1) + "#" + line;
    }
  }

  /** A data file's rows with its SHA-256, for the run record. */
  record Loaded(List<Row> rows, String sha256) {
    /** Items from rows with an answer key: the text column, the published prompt, the key. */
    List<Item> items(String textColumn, int limit) {
      return CtiTsv.items(rows, textColumn, limit);
    }
  }

  static Loaded load(Path file, List<String> required, String layout)
      throws IOException, InputException {
    byte[] bytes = Files.readAllBytes(file);
    return new Loaded(read(file, bytes, required, layout), Answers.sha256(bytes));
  }

  private static List<Row> read(Path file, byte[] bytes, List<String> required, String layout)
      throws InputException {
    List<String> lines = List.of(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
    List<String> header = lines.isEmpty() ? List.of() : List.of(lines.get(0).split("\t", -1));
    if (!header.containsAll(required)) {
      throw new InputException(file + ": expected CTIBench columns (" + layout + ")");
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] c = lines.get(i).split("\t", -1);
      if (c.length < header.size()) {
        continue;
      }
      Map<String, String> cells = new HashMap<>();
      for (int j = 0; j < header.size(); j++) {
        cells.put(header.get(j), c[j]);
      }
      rows.add(new Row(i, cells));
    }
    return rows;
  }

  private static List<Item> items(List<Row> rows, String textColumn, int limit) {
    List<Item> items = new ArrayList<>();
    for (Row r : rows) {
      if (limit > 0 && items.size() >= limit) {
        break;
      }
      if (r.get("GT").isBlank()) {
        continue;
      }
      items.add(new Item(r.id(), r.get(textColumn), r.get("Prompt"), r.get("GT").strip()));
    }
    return items;
  }
}
