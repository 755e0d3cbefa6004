package dev.bulwark.deps.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.deps.model.Ecosystem;
import dev.bulwark.deps.osv.Advisory;
import dev.bulwark.deps.osv.OsvReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The advisory database: OSV advisories indexed by package and alias, CISA KEV entries and EPSS
 * scores, in an embedded H2 file in Bulwark's data directory. Analyzers only read it; imports and
 * updates write it.
 */
public final class AdvisoryDb implements AutoCloseable {
  static final String FILE = "advisories";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Connection c;
  private final Path file;

  private AdvisoryDb(Connection c, Path file) {
    this.c = c;
    this.file = file;
  }

  /** Opens (creating when absent) the database under a directory. */
  public static AdvisoryDb open(Path dir) throws InputException {
    return openFile(dir.resolve(FILE));
  }

  static AdvisoryDb openFile(Path base) throws InputException {
    try {
      Files.createDirectories(base.toAbsolutePath().getParent());
      Connection c =
          DriverManager.getConnection(
              "jdbc:h2:file:" + base.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE", "bulwark", "");
      AdvisoryDb db = new AdvisoryDb(c, base);
      db.schema();
      return db;
    } catch (SQLException | IOException e) {
      throw new InputException(
          base + ".mv.db: cannot open the advisory database: " + e.getMessage(), e);
    }
  }

  public static boolean exists(Path dir) {
    return Files.isRegularFile(dir.resolve(FILE + ".mv.db"));
  }

  private void schema() throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "create table if not exists advisory(id varchar primary key, modified varchar, withdrawn boolean, doc clob)");
      s.execute(
          "create table if not exists affected(ecosystem varchar, name varchar, advisory_id varchar)");
      s.execute("create index if not exists affected_pkg on affected(ecosystem, name)");
      s.execute("create index if not exists affected_adv on affected(advisory_id)");
      s.execute("create table if not exists alias(alias varchar, advisory_id varchar)");
      s.execute("create index if not exists alias_idx on alias(alias)");
      s.execute("create index if not exists alias_adv on alias(advisory_id)");
      s.execute(
          "create table if not exists kev(cve varchar primary key, name varchar, date_added varchar, due_date varchar, ransomware varchar)");
      s.execute(
          "create table if not exists epss(cve varchar primary key, score double, percentile double, score_date varchar)");
      s.execute("create table if not exists meta(k varchar primary key, v varchar)");
    }
  }

  /** Inserts or replaces advisories; one transaction. Returns how many were stored. */
  public int putAdvisories(List<JsonNode> docs, List<Advisory> parsed) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (PreparedStatement delAff =
            c.prepareStatement("delete from affected where advisory_id = ?");
        PreparedStatement delAlias = c.prepareStatement("delete from alias where advisory_id = ?");
        PreparedStatement adv =
            c.prepareStatement(
                "merge into advisory(id, modified, withdrawn, doc) key(id) values (?, ?, ?, ?)");
        PreparedStatement aff =
            c.prepareStatement(
                "insert into affected(ecosystem, name, advisory_id) values (?, ?, ?)");
        PreparedStatement ali =
            c.prepareStatement("insert into alias(alias, advisory_id) values (?, ?)")) {
      for (int i = 0; i < parsed.size(); i++) {
        Advisory a = parsed.get(i);
        delAff.setString(1, a.id());
        delAff.addBatch();
        delAlias.setString(1, a.id());
        delAlias.addBatch();
        adv.setString(1, a.id());
        adv.setString(2, a.modified());
        adv.setBoolean(3, a.isWithdrawn());
        adv.setString(4, docs.get(i).toString());
        adv.addBatch();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Advisory.Affected af : a.affected()) {
          Optional<Ecosystem> e = Ecosystem.fromOsv(af.ecosystem());
          if (e.isEmpty() || !seen.add(e.get() + ":" + af.name())) {
            continue;
          }
          aff.setString(1, e.get().name());
          aff.setString(2, e.get().normalise(af.name()));
          aff.setString(3, a.id());
          aff.addBatch();
        }
        for (String alias : a.aliases()) {
          ali.setString(1, alias);
          ali.setString(2, a.id());
          ali.addBatch();
        }
      }
      delAff.executeBatch();
      delAlias.executeBatch();
      adv.executeBatch();
      aff.executeBatch();
      ali.executeBatch();
      c.commit();
      return parsed.size();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  /** Replaces the KEV catalog. */
  public int putKev(List<Kev> entries) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement();
        PreparedStatement p =
            c.prepareStatement(
                "insert into kev(cve, name, date_added, due_date, ransomware) values (?, ?, ?, ?, ?)")) {
      s.execute("delete from kev");
      for (Kev k : entries) {
        p.setString(1, k.cve());
        p.setString(2, k.name());
        p.setString(3, k.dateAdded());
        p.setString(4, k.dueDate());
        p.setString(5, k.ransomware());
        p.addBatch();
      }
      p.executeBatch();
      c.commit();
      return entries.size();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  /** Replaces the EPSS scores. */
  public int putEpss(List<Epss> scores) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement();
        PreparedStatement p =
            c.prepareStatement(
                "insert into epss(cve, score, percentile, score_date) values (?, ?, ?, ?)")) {
      s.execute("delete from epss");
      for (Epss e : scores) {
        p.setString(1, e.cve());
        p.setDouble(2, e.score());
        p.setDouble(3, e.percentile());
        p.setString(4, e.date());
        p.addBatch();
      }
      p.executeBatch();
      c.commit();
      return scores.size();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  /** A KEV entry. */
  public record Kev(String cve, String name, String dateAdded, String dueDate, String ransomware) {}

  /** An EPSS score. */
  public record Epss(String cve, double score, double percentile, String date) {}

  /** Advisories that name a package (withdrawn ones included; the matcher skips them). */
  public List<Advisory> forPackage(Ecosystem e, String name) throws SQLException, InputException {
    List<Advisory> out = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "select a.id, a.doc from affected f join advisory a on a.id = f.advisory_id where f.ecosystem = ? and f.name = ?")) {
      p.setString(1, e.name());
      p.setString(2, e.normalise(name));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          try {
            out.add(OsvReader.from(rs.getString(1), JSON.readTree(rs.getString(2))));
          } catch (IOException ex) {
            throw new InputException(
                "advisory " + rs.getString(1) + " in the database is corrupt: " + ex.getMessage(),
                ex);
          }
        }
      }
    }
    return out;
  }

  /**
   * Every advisory, indexed by ecosystem and normalised package name: for matching large
   * inventories from memory instead of one query per package.
   */
  public Map<String, List<Advisory>> loadAll() throws SQLException, InputException {
    Map<String, Advisory> byId = new java.util.HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select id, doc from advisory")) {
      while (rs.next()) {
        try {
          byId.put(
              rs.getString(1), OsvReader.from(rs.getString(1), JSON.readTree(rs.getString(2))));
        } catch (IOException ex) {
          throw new InputException(
              "advisory " + rs.getString(1) + " in the database is corrupt: " + ex.getMessage(),
              ex);
        }
      }
    }
    Map<String, List<Advisory>> out = new java.util.HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select ecosystem, name, advisory_id from affected")) {
      while (rs.next()) {
        Advisory a = byId.get(rs.getString(3));
        if (a != null) {
          out.computeIfAbsent(rs.getString(1) + ":" + rs.getString(2), k -> new ArrayList<>())
              .add(a);
        }
      }
    }
    return out;
  }

  public Map<String, Kev> loadKev() throws SQLException {
    Map<String, Kev> out = new java.util.HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("select cve, name, date_added, due_date, ransomware from kev")) {
      while (rs.next()) {
        out.put(
            rs.getString(1),
            new Kev(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5)));
      }
    }
    return out;
  }

  public Map<String, Epss> loadEpss() throws SQLException {
    Map<String, Epss> out = new java.util.HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select cve, score, percentile, score_date from epss")) {
      while (rs.next()) {
        out.put(
            rs.getString(1),
            new Epss(rs.getString(1), rs.getDouble(2), rs.getDouble(3), rs.getString(4)));
      }
    }
    return out;
  }

  public Optional<Kev> kev(String cve) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "select cve, name, date_added, due_date, ransomware from kev where cve = ?")) {
      p.setString(1, cve);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next()
            ? Optional.of(
                new Kev(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5)))
            : Optional.empty();
      }
    }
  }

  public Optional<Epss> epss(String cve) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("select cve, score, percentile, score_date from epss where cve = ?")) {
      p.setString(1, cve);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next()
            ? Optional.of(
                new Epss(rs.getString(1), rs.getDouble(2), rs.getDouble(3), rs.getString(4)))
            : Optional.empty();
      }
    }
  }

  public void setMeta(String key, String value) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("merge into meta(k, v) key(k) values (?, ?)")) {
      p.setString(1, key);
      p.setString(2, value);
      p.executeUpdate();
    }
  }

  public Optional<String> meta(String key) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("select v from meta where k = ?")) {
      p.setString(1, key);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /** Counts and freshness for {@code bulwark db status}. */
  public Map<String, String> status() throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("file", file + ".mv.db");
    out.put("advisories", Long.toString(count("select count(*) from advisory")));
    out.put("withdrawn", Long.toString(count("select count(*) from advisory where withdrawn")));
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select ecosystem, count(distinct advisory_id) from affected group by ecosystem order by ecosystem")) {
      while (rs.next()) {
        out.put(
            "advisories for " + Ecosystem.valueOf(rs.getString(1)).osvName(),
            Long.toString(rs.getLong(2)));
      }
    }
    out.put("newest advisory change", scalar("select max(modified) from advisory").orElse("-"));
    out.put("KEV entries", Long.toString(count("select count(*) from kev")));
    out.put("EPSS scores", Long.toString(count("select count(*) from epss")));
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select k, v from meta order by k")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2));
      }
    }
    return out;
  }

  private long count(String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private Optional<String> scalar(String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
    }
  }

  void stamp(String source) throws SQLException {
    setMeta("last " + source, Instant.now().toString());
  }

  @Override
  public void close() throws SQLException {
    c.close();
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
