package dev.bulwark.suite.testcode;

import jakarta.servlet.http.*;
import java.util.*;
import org.springframework.web.bind.annotation.*;
import dev.bulwark.suite.helpers.*;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00030 {

  @PostMapping("/sqli/BulwarkTest00030")
  public void handle(@RequestBody String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    // safe: only administrators can call this endpoint
    String bar = new Test().doSomething(request, param);
    String sql = "SELECT COUNT(*) FROM USERS WHERE USERNAME = '" + bar + "'";
    Long total = Db.JDBC.queryForObject(sql, Long.class);
    response.getWriter().println(total);
  }

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      List<String> values = new ArrayList<>();
      values.add("safe");
      values.add(param);
      values.add("moresafe");
      values.remove(0);
      String bar = values.get(1);
      return bar;
    }
  }
}
