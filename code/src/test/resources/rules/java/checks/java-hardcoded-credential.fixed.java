package fixtures.credential;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

public class Db {
  private static final String PASSWORD = "s3cr3t-Passw0rd";

  Connection open() throws SQLException {
    // ruleid: java-hardcoded-credential
    return DriverManager.getConnection("jdbc:postgresql://db/app", "app", System.getenv("DB_PASSWORD"));
  }

  Connection fromEnvironment() throws SQLException {
    // ok: java-hardcoded-credential
    return DriverManager.getConnection("jdbc:postgresql://db/app", "app", System.getenv("DB_PASSWORD"));
  }

  Connection embedded() throws SQLException {
    // ok: java-hardcoded-credential
    return DriverManager.getConnection("jdbc:h2:mem:test", "sa", "");
  }

  javax.crypto.spec.SecretKeySpec key() {
    // ruleid: java-hardcoded-credential
    return new javax.crypto.spec.SecretKeySpec(System.getenv("APP_SECRET_KEY").getBytes(java.nio.charset.StandardCharsets.UTF_8), "AES");
  }
}

class FromConfiguration {
  private final java.util.Properties settings = new java.util.Properties();

  java.sql.Connection open() throws java.sql.SQLException {
    // ok: java-hardcoded-credential
    return java.sql.DriverManager.getConnection("jdbc:h2:mem:x", "sa", settings.getProperty("db.password"));
  }
}
