package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import javax.naming.NamingEnumeration;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import dev.bulwark.suite.helpers.Ldap;

@WebServlet(value = "/ldapi-01/BulwarkTest00128")
public class BulwarkTest00128 extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  public void doGet(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    doPost(request, response);
  }

  @Override
  public void doPost(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    response.setContentType("text/html;charset=UTF-8");
    try {
      String[] values = request.getParameterValues("BulwarkTest00128");
      String param = values != null && values.length > 0 ? values[0] : "";
      String bar;
      int n = 196;
      if ((500 / 42) + n > 200) {
        bar = param;
      } else {
        bar = "no";
      }
      DirContext ctx = Ldap.context();
      // vulnerable? the value comes straight from the client
      SearchControls sc = new SearchControls();
      NamingEnumeration<SearchResult> results = ctx.search("ou=users,ou=system", "(&(objectclass=person)(uid={0}))", new Object[] {bar}, sc);
      Ldap.print(results, response);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
