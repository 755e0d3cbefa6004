package dev.bulwark.deps.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.text.Csv;
import dev.bulwark.deps.osv.Advisory;
import dev.bulwark.deps.osv.OsvReader;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Imports local data into the advisory database: directories and zips of OSV advisories (JSON or
 * YAML), the CISA KEV catalog (JSON or CSV), EPSS scores (CSV, optionally gzipped). The kind of
 * each file is recognised from its content. A malformed advisory is reported and skipped.
 */
public final class Importer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final int BATCH = 2000;
  private static final long MAX_ENTRY_BYTES = 64L << 20;

  /** What an import stored. */
  public record Counts(int advisories, int kev, int epss, int skipped) {}

  private final AdvisoryDb db;
  private final DiagnosticSink diagnostics;
  private final List<JsonNode> docs = new ArrayList<>();
  private final List<Advisory> parsed = new ArrayList<>();
  private int advisories;
  private int kev;
  private int epss;
  private int skipped;

  public Importer(AdvisoryDb db, DiagnosticSink diagnostics) {
    this.db = db;
    this.diagnostics = diagnostics;
  }

  public Counts importPath(Path path) throws IOException, SQLException, InputException {
    if (Files.isDirectory(path)) {
      List<Path> files;
      try (Stream<Path> s = Files.walk(path)) {
        files = s.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path f : files) {
        importFile(f.toString(), Files.readAllBytes(f));
      }
    } else if (Files.isRegularFile(path)) {
      importFile(path.toString(), Files.readAllBytes(path));
    } else {
      throw new InputException(path + ": no such file or directory");
    }
    flush();
    return new Counts(advisories, kev, epss, skipped);
  }

  private void importFile(String name, byte[] bytes) throws IOException, SQLException {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".zip")) {
      try (ZipInputStream zin = new ZipInputStream(new ByteArrayInputStream(bytes))) {
        ZipEntry e;
        while ((e = zin.getNextEntry()) != null) {
          if (e.isDirectory() || e.getName().contains("..")) {
            continue;
          }
          byte[] entry = zin.readNBytes((int) MAX_ENTRY_BYTES + 1);
          if (entry.length > MAX_ENTRY_BYTES) {
            diagnostics.report(
                Diagnostic.warning(
                    "deps", name + "!" + e.getName(), "entry larger than 64 MB skipped"));
            skipped++;
            continue;
          }
          importFile(name + "!" + e.getName(), entry);
        }
      }
      return;
    }
    if (lower.endsWith(".gz")) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
        importFile(name.substring(0, name.length() - 3), in.readNBytes((int) MAX_ENTRY_BYTES));
      }
      return;
    }
    if (lower.endsWith(".csv")) {
      importCsv(name, bytes);
      return;
    }
    if (!(lower.endsWith(".json") || lower.endsWith(".yaml") || lower.endsWith(".yml"))) {
      return;
    }
    JsonNode root;
    try {
      root = lower.endsWith(".json") ? JSON.readTree(bytes) : YAML.readTree(bytes);
    } catch (IOException e) {
      diagnostics.report(
          Diagnostic.warning("deps", name, "not valid JSON/YAML, skipped: " + e.getMessage()));
      skipped++;
      return;
    }
    if (root == null) {
      return;
    }
    if (root.has("vulnerabilities") && root.has("catalogVersion")) {
      List<AdvisoryDb.Kev> entries = new ArrayList<>();
      for (JsonNode v : root.path("vulnerabilities")) {
        entries.add(
            new AdvisoryDb.Kev(
                v.path("cveID").asText(),
                v.path("vulnerabilityName").asText(),
                v.path("dateAdded").asText(),
                v.path("dueDate").asText(),
                v.path("knownRansomwareCampaignUse").asText("")));
      }
      kev += db.putKev(entries);
      db.setMeta("KEV catalog version", root.path("catalogVersion").asText());
      db.stamp("KEV import");
      return;
    }
    if (root.isObject()
        && root.has("id")
        && (root.has("affected") || root.has("withdrawn") || root.has("modified"))) {
      try {
        parsed.add(OsvReader.from(name, root));
        docs.add(root);
        if (parsed.size() >= BATCH) {
          flush();
        }
      } catch (InputException e) {
        diagnostics.report(Diagnostic.warning("deps", name, e.getMessage()));
        skipped++;
      }
    }
  }

  private void importCsv(String name, byte[] bytes) throws IOException, SQLException {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8))) {
      String line = r.readLine();
      String scoreDate = "";
      if (line != null && line.startsWith("#")) {
        int at = line.indexOf("score_date:");
        if (at >= 0) {
          scoreDate = line.substring(at + "score_date:".length()).strip();
        }
        line = r.readLine();
      }
      if (line == null) {
        return;
      }
      List<String> header = Csv.line(line);
      if (header.contains("cveID")) {
        int cve = header.indexOf("cveID");
        int vname = header.indexOf("vulnerabilityName");
        int added = header.indexOf("dateAdded");
        int due = header.indexOf("dueDate");
        int ransom = header.indexOf("knownRansomwareCampaignUse");
        List<AdvisoryDb.Kev> entries = new ArrayList<>();
        for (Csv.Row record : Csv.rows(r)) {
          List<String> row = record.fields();
          if (row.size() > Math.max(cve, due)) {
            entries.add(
                new AdvisoryDb.Kev(
                    row.get(cve),
                    vname >= 0 ? row.get(vname) : "",
                    row.get(added),
                    row.get(due),
                    ransom >= 0 && ransom < row.size() ? row.get(ransom) : ""));
          }
        }
        kev += db.putKev(entries);
        db.stamp("KEV import");
      } else if (header.size() >= 3
          && header.get(0).equals("cve")
          && header.get(1).equals("epss")) {
        List<AdvisoryDb.Epss> scores = new ArrayList<>();
        for (Csv.Row record : Csv.rows(r)) {
          List<String> row = record.fields();
          try {
            scores.add(
                new AdvisoryDb.Epss(
                    row.get(0),
                    Double.parseDouble(row.get(1)),
                    Double.parseDouble(row.get(2)),
                    scoreDate));
          } catch (NumberFormatException | IndexOutOfBoundsException e) {
            skipped++;
          }
        }
        epss += db.putEpss(scores);
        db.setMeta("EPSS score date", scoreDate);
        db.stamp("EPSS import");
      } else {
        diagnostics.report(
            Diagnostic.warning(
                "deps", name, "CSV is neither the KEV catalog nor EPSS scores, skipped"));
      }
    }
  }

  private void flush() throws SQLException {
    if (!parsed.isEmpty()) {
      advisories += db.putAdvisories(docs, parsed);
      db.stamp("OSV import");
      docs.clear();
      parsed.clear();
    }
  }
}
