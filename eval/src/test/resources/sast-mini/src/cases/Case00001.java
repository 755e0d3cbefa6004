package cases;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

public class Case00001 extends HttpServlet {
  @Override
  public void doGet(HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
    String name = request.getParameter("name");
    try {
      java.sql.DriverManager.getConnection("jdbc:h2:mem:x").createStatement()
          .executeQuery("SELECT * FROM T WHERE NAME = '" + name + "'");
    } catch (java.sql.SQLException e) {
      throw new java.io.IOException(e);
    }
  }
}
