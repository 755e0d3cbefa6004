package fixtures.header;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class HeaderServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String lang = request.getParameter("lang");
    // ruleid: java-header-injection
    response.setHeader("Content-Language", String.valueOf(lang).replaceAll("[\\r\\n]", ""));
    // ok: java-header-injection
    response.setHeader("Content-Language", lang.replaceAll("[\\r\\n]", ""));
    // ok: java-header-injection
    response.addHeader("X-Frame-Options", "DENY");
  }
}
