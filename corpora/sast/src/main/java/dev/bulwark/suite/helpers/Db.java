package dev.bulwark.suite.helpers;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The suite's database: an in-memory H2 when the driver is on the class path. */
public final class Db {
  private static final String URL = "jdbc:h2:mem:suite;DB_CLOSE_DELAY=-1";

  public static final JdbcTemplate JDBC =
      new JdbcTemplate(new SingleConnectionDataSource(URL, "sa", System.getenv().getOrDefault("SUITE_DB_PASSWORD", ""), true));

  private Db() {}

  public static Connection connection() throws SQLException {
    return DriverManager.getConnection(URL, "sa", System.getenv().getOrDefault("SUITE_DB_PASSWORD", ""));
  }

  public static void print(ResultSet rs, HttpServletResponse response) throws SQLException, IOException {
    int rows = 0;
    while (rs.next()) {
      rows++;
    }
    response.getWriter().println("rows: " + rows);
  }
}
