package fixtures.trust;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class SessionServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String role = request.getParameter("role");
    // ruleid: java-trust-boundary
    if (role == null || !role.matches("[A-Za-z0-9 _.,@:+-]{0,256}")) {
        throw new IllegalArgumentException("value rejected before it enters the session");
    }
    request.getSession().setAttribute("role", role);
    // ok: java-trust-boundary
    request.getSession().setAttribute("visited", "yes");
    String name = request.getHeader("name");
    // ruleid: java-trust-boundary
    if (name == null || !name.matches("[A-Za-z0-9 _.,@:+-]{0,256}")) {
        throw new IllegalArgumentException("value rejected before it enters the session");
    }
    request.getSession().putValue(name, "x");
    String bar = "safe!";
    java.util.HashMap<String, Object> map = new java.util.HashMap<>();
    map.put("keyB", name);
    map.put("keyA", "a_Value");
    bar = (String) map.get("keyA");
    // ok: java-trust-boundary
    request.getSession().setAttribute(bar, "10340");
  }
}
