package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.List;
import javax.naming.directory.DirContext;
import dev.bulwark.suite.helpers.Ldap;

@WebServlet(value = "/ldapi-01/BulwarkTest00123")
public class BulwarkTest00123 extends HttpServlet {
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
      String param = "";
      if (request.getHeader("BulwarkTest00123") != null) {
        param = request.getHeader("BulwarkTest00123");
      }
      param = URLDecoder.decode(param, "UTF-8");
      String bar = new Test().doSomething(request, param);
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

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      List<String> source = new ArrayList<>();
      source.add(param);
      List<String> copy = new ArrayList<>(source);
      String bar = copy.get(0);
      return bar;
    }
  }
}
