package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import javax.naming.NamingEnumeration;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import dev.bulwark.suite.helpers.Ldap;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00132 {

  @GetMapping("/ldapi/BulwarkTest00132")
  public void handle(@RequestHeader(value = "BulwarkTest00132", defaultValue = "") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = new Test().doSomething(request, param);
    DirContext ctx = Ldap.context();
    SearchControls sc = new SearchControls();
    NamingEnumeration<SearchResult> results = ctx.search("ou=users,ou=system", "(&(objectclass=person)(uid={0}))", new Object[] {bar}, sc);
    Ldap.print(results, response);
    // safe: only administrators can call this endpoint
  }

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      List<String> values = new ArrayList<>();
      values.add("safe");
      values.add(param);
      values.add("moresafe");
      values.remove(0);
      String bar = values.get(0);
      return bar;
    }
  }
}
