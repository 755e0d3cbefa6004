package dev.bulwark.intel.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.intel.stix.StixBundleReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded STIX object store: one H2 file under {@code <data-dir>/intel/}, reached through
 * plain JDBC. Each object is kept whole (its JSON) beside the columns queries need: type, name,
 * modified, its external ids and, for relationships, both ends. A later {@code modified} replaces
 * an earlier version of the same id (STIX 2.1 §3.6); an older one is ignored.
 */
public final class IntelStore implements AutoCloseable {
  private static final int BATCH = 500;

  /** The largest object kept (ATT&CK's largest is a few hundred kilobytes). */
  static final int MAX_BODY = 4_000_000;

  private final Connection db;
  private final Path file;
  private final PreparedStatement upsert;
  private final PreparedStatement deleteRefs;
  private final PreparedStatement insertRef;
  private final PreparedStatement upsertRel;

  /** A relationship's ends, as stored. */
  public record Rel(String id, String type, String source, String target) {}

  /** Counts of the store's objects by type and the size of its file. */
  public record Stats(Map<String, Long> byType, long total, long bytes) {}

  private IntelStore(Connection db, Path file) throws SQLException {
    this.db = db;
    this.file = file;
    try (Statement s = db.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS stix_object(id VARCHAR(256) PRIMARY KEY, type VARCHAR(128)"
              + " NOT NULL, name VARCHAR(2048), modified VARCHAR(64), active BOOLEAN NOT NULL,"
              + " source VARCHAR(512), body CHARACTER VARYING NOT NULL)");
      s.execute("CREATE INDEX IF NOT EXISTS stix_object_type ON stix_object(type)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS stix_ref(object_id VARCHAR(256) NOT NULL, source_name"
              + " VARCHAR(256), external_id VARCHAR(256) NOT NULL)");
      s.execute("CREATE INDEX IF NOT EXISTS stix_ref_object ON stix_ref(object_id)");
      s.execute("CREATE INDEX IF NOT EXISTS stix_ref_ext ON stix_ref(external_id)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS stix_rel(id VARCHAR(256) PRIMARY KEY, rel_type"
              + " VARCHAR(128) NOT NULL, source_ref VARCHAR(256) NOT NULL, target_ref"
              + " VARCHAR(256) NOT NULL)");
      s.execute("CREATE INDEX IF NOT EXISTS stix_rel_source ON stix_rel(source_ref)");
      s.execute("CREATE INDEX IF NOT EXISTS stix_rel_target ON stix_rel(target_ref)");
    }
    upsert =
        db.prepareStatement(
            "MERGE INTO stix_object(id, type, name, modified, active, source, body) KEY(id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)");
    deleteRefs = db.prepareStatement("DELETE FROM stix_ref WHERE object_id = ?");
    insertRef =
        db.prepareStatement(
            "INSERT INTO stix_ref(object_id, source_name, external_id) VALUES (?, ?, ?)");
    upsertRel =
        db.prepareStatement(
            "MERGE INTO stix_rel(id, rel_type, source_ref, target_ref) KEY(id) VALUES (?, ?, ?, ?)");
    db.setAutoCommit(false);
  }

  /** Opens (creating when absent) the store in {@code <dataDir>/intel/}. */
  public static IntelStore open(Path dataDir) throws InputException {
    Path dir = dataDir.resolve("intel");
    try {
      Files.createDirectories(dir);
      Path base = dir.resolve("stix").toAbsolutePath();
      Connection c =
          DriverManager.getConnection("jdbc:h2:file:" + base + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
      return new IntelStore(c, dir.resolve("stix.mv.db"));
    } catch (IOException | SQLException e) {
      throw new InputException(dir + ": cannot open the intel store: " + e.getMessage(), e);
    }
  }

  /** An object waiting in the current batch. */
  private record Pending(
      String id,
      String type,
      String name,
      String modified,
      boolean active,
      String source,
      String body,
      List<String[]> refs,
      String[] rel) {}

  private final Map<String, Pending> batch = new LinkedHashMap<>();

  /** Objects not written because the store held a later version. */
  private long skippedOlder;

  /**
   * Stores one object unless the store holds the same id with a later {@code modified}. Objects are
   * written in batches; {@link #flush()} (and every read) writes what is pending.
   *
   * @return false when the batch already holds a later version of the object
   */
  public boolean put(JsonNode o, String source) throws InputException {
    String id = o.path("id").asText("");
    String type = o.path("type").asText("");
    if (id.isEmpty() || type.isEmpty() || !id.startsWith(type + "--")) {
      throw new InputException(
          source + ": STIX object without a valid type and id: " + abbreviate(o.toString()));
    }
    String body = o.toString();
    if (body.length() > MAX_BODY) {
      throw new InputException(
          source + ": " + id + " is " + body.length() + " characters, more than " + MAX_BODY);
    }
    String modified = o.path("modified").asText(o.path("created").asText(""));
    Pending old = batch.get(id);
    if (old != null && old.modified().compareTo(modified) > 0) {
      return false;
    }
    boolean active =
        !o.path("revoked").asBoolean(false) && !o.path("x_mitre_deprecated").asBoolean(false);
    List<String[]> refs = new ArrayList<>();
    for (JsonNode ref : o.path("external_references")) {
      String ext = ref.path("external_id").asText("");
      if (!ext.isEmpty()) {
        refs.add(
            new String[] {truncate(ref.path("source_name").asText(""), 256), truncate(ext, 256)});
      }
    }
    String[] rel =
        type.equals("relationship")
            ? new String[] {
              o.path("relationship_type").asText(""),
              o.path("source_ref").asText(""),
              o.path("target_ref").asText("")
            }
            : null;
    batch.put(
        id,
        new Pending(
            id,
            type,
            o.hasNonNull("name") ? truncate(o.get("name").asText(), 2048) : null,
            modified,
            active,
            truncate(source, 512),
            body,
            refs,
            rel));
    if (batch.size() >= BATCH) {
      flush();
    }
    return true;
  }

  /** How many objects were not written because the store already held a later version. */
  public long skippedOlder() {
    return skippedOlder;
  }

  /** Writes what is batched and commits; reads see everything put before. */
  public void flush() throws InputException {
    if (batch.isEmpty()) {
      return;
    }
    try {
      Map<String, String> stored = new HashMap<>();
      String marks = String.join(",", Collections.nCopies(batch.size(), "?"));
      try (PreparedStatement s =
          db.prepareStatement("SELECT id, modified FROM stix_object WHERE id IN (" + marks + ")")) {
        int i = 1;
        for (String id : batch.keySet()) {
          s.setString(i++, id);
        }
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            stored.put(r.getString(1), r.getString(2));
          }
        }
      }
      for (Pending p : batch.values()) {
        String old = stored.get(p.id());
        if (old != null && !p.modified().isEmpty() && old.compareTo(p.modified()) > 0) {
          skippedOlder++;
          continue;
        }
        upsert.setString(1, p.id());
        upsert.setString(2, p.type());
        upsert.setString(3, p.name());
        upsert.setString(4, p.modified());
        upsert.setBoolean(5, p.active());
        upsert.setString(6, p.source());
        upsert.setString(7, p.body());
        upsert.addBatch();
        if (old != null) {
          deleteRefs.setString(1, p.id());
          deleteRefs.addBatch();
        }
        for (String[] ref : p.refs()) {
          insertRef.setString(1, p.id());
          insertRef.setString(2, ref[0]);
          insertRef.setString(3, ref[1]);
          insertRef.addBatch();
        }
        if (p.rel() != null) {
          upsertRel.setString(1, p.id());
          upsertRel.setString(2, p.rel()[0]);
          upsertRel.setString(3, p.rel()[1]);
          upsertRel.setString(4, p.rel()[2]);
          upsertRel.addBatch();
        }
      }
      // deletes first, so that a replaced object's refs are replaced, not duplicated
      deleteRefs.executeBatch();
      upsert.executeBatch();
      insertRef.executeBatch();
      upsertRel.executeBatch();
      db.commit();
      batch.clear();
    } catch (SQLException e) {
      throw new InputException(file + ": cannot write the intel store: " + e.getMessage(), e);
    }
  }

  /** The active (neither revoked nor deprecated) objects of one type, parsed one at a time. */
  public List<JsonNode> active(String type) throws InputException {
    return query(
        "SELECT body FROM stix_object WHERE type = ? AND active ORDER BY id", List.of(type));
  }

  /** The active objects of one type whose JSON contains {@code text} (e.g. {@code CVE-}). */
  public List<JsonNode> activeContaining(String type, String text) throws InputException {
    return query(
        "SELECT body FROM stix_object WHERE type = ? AND active AND body LIKE ? ORDER BY id",
        List.of(type, "%" + text.replace("%", "\\%").replace("_", "\\_") + "%"));
  }

  /** Every stored object of one type, revoked and deprecated ones included. */
  public List<JsonNode> all(String type) throws InputException {
    return query("SELECT body FROM stix_object WHERE type = ? ORDER BY id", List.of(type));
  }

  public Optional<JsonNode> get(String id) throws InputException {
    List<JsonNode> r = query("SELECT body FROM stix_object WHERE id = ?", List.of(id));
    return r.stream().findFirst();
  }

  /**
   * Ids of the objects carrying an external id (e.g. {@code T1059.001}, {@code CVE-2021-44228}).
   */
  public List<String> idsByExternalId(String externalId) throws InputException {
    flush();
    List<String> out = new ArrayList<>();
    try (PreparedStatement s =
        db.prepareStatement("SELECT DISTINCT object_id FROM stix_ref WHERE external_id = ?")) {
      s.setString(1, externalId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new InputException(file + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** Relationships of the given types. */
  public List<Rel> relationships(String... types) throws InputException {
    flush();
    List<Rel> out = new ArrayList<>();
    String marks = String.join(",", Collections.nCopies(types.length, "?"));
    try (PreparedStatement s =
        db.prepareStatement(
            "SELECT r.id, r.rel_type, r.source_ref, r.target_ref FROM stix_rel r JOIN stix_object"
                + " o ON o.id = r.id WHERE o.active AND r.rel_type IN ("
                + marks
                + ")")) {
      for (int i = 0; i < types.length; i++) {
        s.setString(i + 1, types[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new Rel(r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
        }
      }
    } catch (SQLException e) {
      throw new InputException(file + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** Object counts by type and the store's size on disk. */
  public Stats stats() throws InputException {
    flush();
    Map<String, Long> by = new LinkedHashMap<>();
    long total = 0;
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery("SELECT type, COUNT(*) FROM stix_object GROUP BY type ORDER BY type")) {
      while (r.next()) {
        by.put(r.getString(1), r.getLong(2));
        total += r.getLong(2);
      }
    } catch (SQLException e) {
      throw new InputException(file + ": " + e.getMessage(), e);
    }
    long bytes;
    try {
      bytes = Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      bytes = -1;
    }
    return new Stats(by, total, bytes);
  }

  /** Streams every stored object, e.g. for {@code intel match}, without holding them all. */
  public void forEach(String type, StixBundleReader.ObjectSink sink) throws InputException {
    flush();
    try (PreparedStatement s =
        db.prepareStatement("SELECT body FROM stix_object WHERE type = ? AND active")) {
      s.setString(1, type);
      s.setFetchSize(200);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          sink.accept(StixBundleReader.mapper().readTree(r.getString(1)));
        }
      }
    } catch (SQLException | IOException e) {
      throw new InputException(file + ": " + e.getMessage(), e);
    }
  }

  private List<JsonNode> query(String sql, List<String> args) throws InputException {
    flush();
    List<JsonNode> out = new ArrayList<>();
    try (PreparedStatement s = db.prepareStatement(sql)) {
      for (int i = 0; i < args.size(); i++) {
        s.setString(i + 1, args.get(i));
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(StixBundleReader.mapper().readTree(r.getString(1)));
        }
      }
    } catch (SQLException | IOException e) {
      throw new InputException(file + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** The store file, for size figures. */
  public Path file() {
    return file;
  }

  @Override
  public void close() throws InputException {
    try {
      flush();
      try (Statement s = db.createStatement()) {
        // compacts the file so that the size reported is the data's, not the write log's
        s.execute("SHUTDOWN COMPACT");
      }
    } catch (SQLException e) {
      throw new InputException(file + ": cannot close the intel store: " + e.getMessage(), e);
    } finally {
      try {
        db.close();
      } catch (SQLException ignored) {
        // already shut down
      }
    }
  }

  private static String truncate(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n);
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 120) + "…";
  }
}
