package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import javax.naming.directory.DirContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import dev.bulwark.suite.helpers.BaseFormatter;
import dev.bulwark.suite.helpers.Ldap;
import dev.bulwark.suite.helpers.QuietFormatter;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00138 {

  @GetMapping("/ldapi/BulwarkTest00138/{BulwarkTest00138}")
  public void handle(@PathVariable("BulwarkTest00138") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = doSomething(request, param);
    DirContext ctx = Ldap.context();
    Object found = ctx.lookup("cn=" + bar + ",ou=users,ou=system");
    response.getWriter().println(found != null);
  }

  private static String doSomething(HttpServletRequest request, String param) throws Exception {
    BaseFormatter formatter = new QuietFormatter();
    String bar = formatter.format(param);
    return bar;
  }
}
