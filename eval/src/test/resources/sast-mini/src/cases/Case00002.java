package cases;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

public class Case00002 extends HttpServlet {
  @Override
  public void doGet(HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
    String name = request.getParameter("name");
    try {
      var ps = java.sql.DriverManager.getConnection("jdbc:h2:mem:x").prepareStatement("SELECT * FROM T WHERE NAME = ?");
      ps.setString(1, name);
      ps.executeQuery();
    } catch (java.sql.SQLException e) {
      throw new java.io.IOException(e);
    }
  }
}
