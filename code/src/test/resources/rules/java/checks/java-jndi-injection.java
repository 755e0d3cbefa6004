package fixtures.jndi;

import java.io.IOException;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class ResourceServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String name = request.getParameter("resource");
    try {
      Context ctx = new InitialContext();
      // the whole name is the attacker's: a JNDI injection, and an LDAP name injection too
      // ruleid: java-jndi-injection, java-ldapi
      Object found = ctx.lookup(name);
      // ruleid: java-jndi-injection
      new InitialContext().lookupLink("ldap://" + request.getHeader("X-Directory") + "/o=app");
      // after a java: prefix the name stays in the container's namespace
      // ruleid: java-ldapi
      // ok: java-jndi-injection
      Object local = ctx.lookup("java:comp/env/" + name);
      // ruleid: java-ldapi
      // ok: java-jndi-injection
      ctx.lookup("cn=" + name + ",ou=people");
      // ok: java-jndi-injection
      Object fixed = ctx.lookup("java:comp/env/jdbc/orders");
      if (name.startsWith("java:")) {
        // ruleid: java-ldapi
        // ok: java-jndi-injection
        ctx.lookup(name);
      }
      response.getWriter().println(found != null && local != null && fixed != null);
    } catch (NamingException e) {
      throw new IOException(e);
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String name = request.getParameter("resource");
    if (!name.startsWith("java:comp/env/")) {
      response.sendError(400);
      return;
    }
    try {
      // ruleid: java-ldapi
      // ok: java-jndi-injection
      new InitialContext().lookup(name);
    } catch (NamingException e) {
      throw new IOException(e);
    }
  }
}
