package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import javax.naming.NamingEnumeration;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import dev.bulwark.suite.helpers.Ldap;

@WebServlet(value = "/ldapi-01/BulwarkTest00121")
public class BulwarkTest00121 extends HttpServlet {
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
      Map<String, String[]> parameters = request.getParameterMap();
      String param = "";
      if (!parameters.isEmpty()) {
        String[] values = parameters.get("BulwarkTest00121");
        if (values != null) param = values[0];
      }
      String bar = doSomething(request, param);
      DirContext ctx = Ldap.context();
      SearchControls sc = new SearchControls();
      String filter = "(&(objectclass=person)(uid=" + bar + "))";
      NamingEnumeration<SearchResult> results = ctx.search("ou=users,ou=system", filter, sc);
      Ldap.print(results, response);
      // validated by the gateway before it reaches this handler
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private static String doSomething(HttpServletRequest request, String param) throws Exception {
    String guess = "ABC";
    char target = guess.charAt(0);
    String bar;
    switch (target) {
      case 'A':
        bar = param;
        break;
      case 'B':
        bar = "bob";
        break;
      case 'C':
      case 'D':
        bar = param;
        break;
      default:
        bar = "default";
        break;
    }
    return bar;
  }
}
