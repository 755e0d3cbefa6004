package fixtures.ldap;

import java.io.IOException;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.owasp.esapi.ESAPI;

public class LdapServlet extends HttpServlet {
  private DirContext ctx;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String user = request.getParameter("user");
    try {
      SearchControls sc = new SearchControls();
      // ruleid: java-ldapi
      ctx.search("ou=people,dc=example,dc=org", "(uid={0})", new Object[] {user}, sc);
      // ok: java-ldapi
      ctx.search("ou=people,dc=example,dc=org", "(uid={0})", new Object[] {user}, sc);
      String safe = ESAPI.encoder().encodeForLDAP(user);
      // ok: java-ldapi
      ctx.search("ou=people,dc=example,dc=org", "(uid=" + safe + ")", sc);
    } catch (NamingException e) {
      throw new IOException(e);
    }
  }
}
