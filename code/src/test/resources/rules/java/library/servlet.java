package fixtures.servlet;

import java.io.IOException;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

/** Keeps who the user is in the session, as the first request of the session said. */
class UserInfoFilter implements Filter {
  static final String REMOTE_ADDR_KEY = "app.remoteAddr";

  @Override
  public void doFilter(ServletRequest req, ServletResponse rsp, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpSession session = request.getSession();
    String forwardedFor = request.getHeader("X-Forwarded-For");
    // ruleid: java-trust-boundary
    session.setAttribute(REMOTE_ADDR_KEY, request.getRemoteAddr() + " for " + forwardedFor);
    session.setAttribute("app.theme", "dark");
    chain.doFilter(req, rsp);
  }
}

/** A page served later, by another entry point, that shows what the filter stored. */
class SessionsPage extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    HttpSession session = request.getSession();
    Object addr = session.getAttribute(UserInfoFilter.REMOTE_ADDR_KEY);
    // ruleid: java-xss
    response.getWriter().println("<td>" + addr + "</td>");
    Object theme = session.getAttribute("app.theme");
    // ok: java-xss
    response.getWriter().println("<body class='" + theme + "'>");
  }
}
