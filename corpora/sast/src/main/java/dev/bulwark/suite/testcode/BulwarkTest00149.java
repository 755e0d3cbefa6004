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
import dev.bulwark.suite.helpers.RequestWrapper;

@WebServlet(value = "/ldapi-01/BulwarkTest00149")
public class BulwarkTest00149 extends HttpServlet {
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
      RequestWrapper wrapper = new RequestWrapper(request);
      String param = wrapper.parameter("BulwarkTest00149");
      String bar = Step.apply(param);
      DirContext ctx = Ldap.context();
      SearchControls sc = new SearchControls();
      NamingEnumeration<SearchResult> results = ctx.search("ou=users,ou=system", "(uid=" + bar + ")", new Object[0], sc);
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
      StringBuilder sbuf = new StringBuilder();
      sbuf.append("prefix-").append(param);
      String bar = sbuf.toString();
      return bar;
    }
  }
}
