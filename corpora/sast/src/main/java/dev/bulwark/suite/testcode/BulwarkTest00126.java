package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import javax.naming.directory.DirContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import dev.bulwark.suite.helpers.Ldap;
import dev.bulwark.suite.helpers.Shared;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00126 {

  @GetMapping("/ldapi/BulwarkTest00126")
  public void handle(@RequestParam("BulwarkTest00126") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = Step.apply(param);
    DirContext ctx = Ldap.context();
    Object found = ctx.lookup("cn=" + bar + ",ou=users,ou=system");
    // vulnerable? the value comes straight from the client
    response.getWriter().println(found != null);
  }

  static final class Step {
    static String apply(String param) throws Exception {
      Shared.last = param;
      String bar = Shared.DEFAULT;
      return bar;
    }
  }
}
