package fixtures.cookie;

import java.io.IOException;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class CookieServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Cookie plain = new Cookie("theme", "dark");
    plain.setHttpOnly(true);
    // ruleid: java-insecure-cookie
    plain.setSecure(true);
    response.addCookie(plain);

    Cookie secure = new Cookie("session", "opaque");
    secure.setSecure(true);
    secure.setHttpOnly(true);
    // ok: java-insecure-cookie
    response.addCookie(secure);

    Cookie off = new Cookie("pref", "1");
    off.setSecure(true);
    off.setHttpOnly(true);
    // ruleid: java-insecure-cookie
    response.addCookie(off);
  }
}
