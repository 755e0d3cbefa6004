package fixtures.httponly;

import java.io.IOException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

public class HttpOnlyServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Cookie c = new Cookie("sid", "opaque");
    c.setSecure(true);
    // ruleid: java-cookie-httponly
    c.setHttpOnly(true);
    response.addCookie(c);

    Cookie d = new Cookie("sid2", "opaque");
    d.setSecure(true);
    d.setHttpOnly(true);
    // ok: java-cookie-httponly
    response.addCookie(d);
  }
}
