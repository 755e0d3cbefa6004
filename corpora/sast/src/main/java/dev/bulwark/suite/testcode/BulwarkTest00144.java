package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import javax.naming.NamingEnumeration;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import dev.bulwark.suite.helpers.Ldap;
import dev.bulwark.suite.helpers.Strings;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00144 {

  @GetMapping("/ldapi/BulwarkTest00144")
  public void handle(@CookieValue(value = "BulwarkTest00144", defaultValue = "") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = Strings.firstOf(param, "second");
    DirContext ctx = Ldap.context();
    SearchControls sc = new SearchControls();
    NamingEnumeration<SearchResult> results = ctx.search("ou=users,ou=system", "(&(objectclass=person)(uid={0}))", new Object[] {bar}, sc);
    Ldap.print(results, response);
  }
}
