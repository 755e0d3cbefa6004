package dev.bulwark.suite.helpers;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchResult;

/** A directory connection for the LDAP cases. */
public final class Ldap {
  private Ldap() {}

  public static DirContext context() throws NamingException {
    Hashtable<String, String> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
    env.put(Context.PROVIDER_URL, "ldap://localhost:10389");
    return new InitialDirContext(env);
  }

  public static void print(NamingEnumeration<SearchResult> results, HttpServletResponse response)
      throws NamingException, IOException {
    int n = 0;
    while (results.hasMore()) {
      results.next();
      n++;
    }
    response.getWriter().println("entries: " + n);
  }
}
