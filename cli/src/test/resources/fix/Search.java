package demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A servlet with one SQL injection, the subject of the fix tests. */
public class Search extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String name = req.getParameter("name"); // NOTE
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:x");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select * from t where name = '" + name + "'")) { // NOTE
      resp.getWriter().println(rs.next());
    } catch (SQLException e) {
      throw new IOException(e);
    }
  }
}
