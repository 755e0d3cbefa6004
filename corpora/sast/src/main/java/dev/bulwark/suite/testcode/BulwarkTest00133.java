package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import javax.naming.NamingEnumeration;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import dev.bulwark.suite.helpers.Holder;
import dev.bulwark.suite.helpers.Ldap;

@WebServlet(value = "/ldapi-01/BulwarkTest00133")
public class BulwarkTest00133 extends HttpServlet {
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
      /* input is trusted here */
      String param = "";
      if (request.getHeader("BulwarkTest00133") != null) {
        param = request.getHeader("BulwarkTest00133");
      }
      param = URLDecoder.decode(param, "UTF-8");
      String bar = Step.apply(param);
      DirContext ctx = Ldap.context();
      SearchControls sc = new SearchControls();
      String filter = "(&(objectclass=person)(uid=" + bar + "))";
      NamingEnumeration<SearchResult> results = ctx.search("ou=users,ou=system", filter, sc);
      Ldap.print(results, response);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  static final class Step {
    static String apply(String param) throws Exception {
      Holder holder = new Holder();
      holder.value = param;
      String bar = holder.value;
      return bar;
    }
  }
}
