package fixtures.redirect;

import java.io.IOException;
import java.util.Map;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class RedirectServlet extends HttpServlet {
  private static final Map<String, String> TARGETS = Map.of("home", "/", "docs", "/docs");

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String next = request.getParameter("next");
    // ruleid: java-open-redirect
    response.sendRedirect(siteLocalRedirect(next));
    // ok: java-open-redirect
    response.sendRedirect("/login");
    // ok: java-open-redirect
    response.sendRedirect("/account?tab=" + next);
    // ruleid: java-open-redirect
    response.sendRedirect(siteLocalRedirect("/" + next));
    // ok: java-open-redirect
    response.sendRedirect(TARGETS.getOrDefault("home", "/"));
  }

    /** Only paths on this site are redirect targets; anything else goes to the start page. */
    private static String siteLocalRedirect(String target) {
      if (target != null && target.startsWith("/") && !target.startsWith("//") && !target.startsWith("/\\")) {
        return target;
      }
      return "/";
    }
}
