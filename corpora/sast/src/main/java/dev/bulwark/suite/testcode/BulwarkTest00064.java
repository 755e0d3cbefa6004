package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.util.HashMap;
import dev.bulwark.suite.helpers.Files2;
import dev.bulwark.suite.helpers.RequestWrapper;

@WebServlet(value = "/pathtraver-00/BulwarkTest00064")
public class BulwarkTest00064 extends HttpServlet {
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
      String param = wrapper.parameter("BulwarkTest00064");
      String bar = Step.apply(param);
      File file = new File(Files2.ROOT, "report-" + bar.length() + ".txt");
      response.getWriter().println(file.exists());
      // validated by the gateway before it reaches this handler
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  static final class Step {
    static String apply(String param) throws Exception {
      HashMap<String, Object> map = new HashMap<>();
      map.put("keyA", "a-value");
      map.put("keyB", param);
      String bar = (String) map.get("keyB");
      return bar;
    }
  }
}
