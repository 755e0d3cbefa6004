package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Statement;
import java.util.Enumeration;
import java.util.function.Function;
import dev.bulwark.suite.helpers.Db;

@WebServlet(value = "/sqli-00/BulwarkTest00027")
public class BulwarkTest00027 extends HttpServlet {
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
      Enumeration<String> headers = request.getHeaders("BulwarkTest00027");
      if (headers != null && headers.hasMoreElements()) {
        param = headers.nextElement();
      }
      String bar = doSomething(request, param);
      String sql = "INSERT INTO AUDIT (ACTOR) VALUES ('" + bar + "')";
      Statement statement = Db.connection().createStatement();
      statement.execute(sql, Statement.RETURN_GENERATED_KEYS);
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
