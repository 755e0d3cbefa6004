package fixtures.sqli;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

public class SqlServlet extends HttpServlet {
  private Connection connection;
  private JdbcTemplate jdbc;
  private static final String TABLE = "users";

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    String name = request.getParameter("name");
    try {
      Statement st = connection.createStatement();
      // ruleid: java-sqli
      st.executeQuery("SELECT * FROM users WHERE name = '" + name + "'");

      // ok: java-sqli
      st.executeQuery("SELECT * FROM " + TABLE + " WHERE id = 1");

      PreparedStatement ps = connection.prepareStatement("SELECT * FROM users WHERE name = ?");
      ps.setString(1, name);
      ps.executeQuery();

      StringBuilder sb = new StringBuilder("DELETE FROM users WHERE name = '");
      sb.append(name).append("'");
      // ruleid: java-sqli
      st.executeUpdate(sb.toString());

      String sql = String.format("UPDATE users SET seen = 1 WHERE name = '%s'", name);
      // ruleid: java-sqli
      st.execute(sql);

      // a constant-folded condition: the tainted branch can never run
      String chosen = (7 * 18) - 6 > 200 ? name : "guest";
      // ok: java-sqli
      st.execute("SELECT * FROM users WHERE name = '" + chosen + "'");

      String other = (7 * 42) - 6 > 200 ? name : "guest";
      // ruleid: java-sqli
      st.execute("SELECT * FROM users WHERE name = '" + other + "'");

      Map<String, Object> map = new HashMap<>();
      map.put("keyA", "safe");
      map.put("keyB", name);
      // ok: java-sqli
      st.execute("SELECT * FROM t WHERE a = '" + map.get("keyA") + "'");
      // ruleid: java-sqli
      st.execute("SELECT * FROM t WHERE b = '" + map.get("keyB") + "'");

      List<String> list = new ArrayList<>();
      list.add("safe");
      list.add(name);
      list.add("moresafe");
      list.remove(0);
      // ok: java-sqli
      st.execute("SELECT * FROM t WHERE a = '" + list.get(1) + "'");
      // ruleid: java-sqli
      st.execute("SELECT * FROM t WHERE a = '" + list.get(0) + "'");

      String viaHelper = Helper.quote(name);
      // ruleid: java-sqli
      jdbc.queryForList("SELECT * FROM t WHERE a = " + viaHelper);
      // ok: java-sqli
      jdbc.queryForList("SELECT * FROM t WHERE a = ?", viaHelper);
      // ok: java-sqli
      jdbc.queryForList("SELECT * FROM t WHERE a = " + Helper.constantQuote(name));

      int id = Integer.parseInt(name);
      // ok: java-sqli
      st.execute("SELECT * FROM t WHERE id = " + id);

      switch (TABLE.charAt(0)) {
        case 'u':
          name = "fixed";
          break;
        default:
          break;
      }
      // ok: java-sqli
      st.execute("SELECT * FROM t WHERE a = '" + name + "'");
    } catch (java.sql.SQLException e) {
      throw new ServletException(e);
    }
  }
}

class Helper {
  static String quote(String value) {
    return "'" + value + "'";
  }

  static String constantQuote(String value) {
    return "'fixed'";
  }
}

@RestController
class SqlController {
  private final JdbcTemplate jdbc;

  SqlController(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @GetMapping("/users")
  List<Map<String, Object>> users(@RequestParam String sort) {
    // ruleid: java-sqli
    return jdbc.queryForList("SELECT * FROM users ORDER BY " + sort);
  }

  @GetMapping("/users/brief")
  List<Map<String, Object>> brief(@RequestParam String sort, @RequestParam String team) {
    // ruleid: java-sqli
    return jdbc.queryForList("SELECT id, name, email FROM users ORDER BY " + sort);
  }

  @GetMapping("/users/team")
  List<Map<String, Object>> team(@RequestParam String sort, @RequestParam String team) {
    // ruleid: java-sqli
    return jdbc.queryForList(
        "SELECT u.id, u.name AS label FROM users u WHERE team = '" + team + "' ORDER BY " + sort + " DESC");
  }

  List<Map<String, Object>> internal(String sort) {
    // ok: java-sqli
    return jdbc.queryForList("SELECT * FROM users ORDER BY " + sort);
  }
}
