package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Function;
import javax.naming.directory.DirContext;
import dev.bulwark.suite.helpers.Ldap;
import dev.bulwark.suite.helpers.RequestWrapper;

@WebServlet(value = "/ldapi-01/BulwarkTest00129")
public class BulwarkTest00129 extends HttpServlet {
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
      String param = wrapper.parameter("BulwarkTest00129");
      String bar = doSomething(request, param);
      // vulnerable? the value comes straight from the client
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

  private static String doSomething(HttpServletRequest request, String param) throws Exception {
    Function<String, String> f = s -> s.trim();
    String bar = f.apply(param);
    return bar;
  }
}
