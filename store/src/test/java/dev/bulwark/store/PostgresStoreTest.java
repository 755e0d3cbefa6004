package dev.bulwark.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

/**
 * The store contract on PostgreSQL. Needs a server: {@code BULWARK_TEST_POSTGRES_URL} names a
 * database the tests may create schemas in (.ci/run starts Debian's PostgreSQL and sets it).
 */
class PostgresStoreTest extends StoreContract {
  static final String URL = System.getenv("BULWARK_TEST_POSTGRES_URL");
  private String schema;

  @Override
  protected Store open() throws Exception {
    assumeTrue(
        URL != null && !URL.isBlank(),
        "BULWARK_TEST_POSTGRES_URL is not set: PostgreSQL store tests skipped (.ci/run sets it)");
    schema = "t_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(URL)) {
      c.createStatement().execute("CREATE SCHEMA " + schema);
    }
    return Store.open(
        URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, null, null);
  }

  @AfterEach
  void dropSchema() throws Exception {
    if (schema != null) {
      try (Connection c = DriverManager.getConnection(URL)) {
        c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }
}
