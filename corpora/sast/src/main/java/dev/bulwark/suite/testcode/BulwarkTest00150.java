package dev.bulwark.suite.testcode;

import jakarta.servlet.http.*;
import javax.naming.directory.*;
import org.springframework.web.bind.annotation.*;
import dev.bulwark.suite.helpers.*;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00150 {

  @PostMapping("/ldapi/BulwarkTest00150")
  public void handle(@RequestBody String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = Step.apply(param);
    DirContext ctx = Ldap.context();
    Object found = ctx.lookup("cn=" + bar + ",ou=users,ou=system");
    response.getWriter().println(found != null);
  }

  static final class Step {
    static String apply(String param) throws Exception {
      String[] parts = {"first", param, "third"};
      String bar = parts[2];
      return bar;
    }
  }
}
