package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import javax.naming.directory.DirContext;
import dev.bulwark.suite.helpers.Ldap;
import dev.bulwark.suite.helpers.Settings;

@WebServlet(value = "/ldapi-01/BulwarkTest00141")
public class BulwarkTest00141 extends HttpServlet {
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
        String[] values = parameters.get("BulwarkTest00141");
        if (values != null) param = values[0];
      }
      // this is the bad case
      String bar = Step.apply(param);
      DirContext ctx = Ldap.context();
      Object found = ctx.lookup("cn=" + bar + ",ou=users,ou=system");
      response.getWriter().println(found != null);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  static final class Step {
    static String apply(String param) throws Exception {
      String bar = Settings.get("missing.key", param);
      return bar;
    }
  }
}
