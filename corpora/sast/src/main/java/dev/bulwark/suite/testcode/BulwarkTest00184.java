package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import dev.bulwark.suite.helpers.RequestWrapper;

@WebServlet(value = "/trustbound-01/BulwarkTest00184")
public class BulwarkTest00184 extends HttpServlet {
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
      String param = wrapper.parameter("BulwarkTest00184");
      String bar = Step.apply(param);
      // sanitized upstream
      request.getSession().setAttribute("digest", Base64.getEncoder().encodeToString(bar.getBytes()));
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
