package com.example.webshop;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens connections to the shop database configured in application.properties. */
public final class Database {
  private final Properties settings;

  public Database(Properties settings) {
    this.settings = settings;
  }

  public Connection open() throws SQLException {
    return DriverManager.getConnection(
        settings.getProperty("db.url"),
        settings.getProperty("db.user"),
        settings.getProperty("db.password"));
  }

  public static Properties load() {
    Properties p = new Properties();
    try (var in = Database.class.getResourceAsStream("/application.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read application.properties", e);
    }
    return p;
  }
}
