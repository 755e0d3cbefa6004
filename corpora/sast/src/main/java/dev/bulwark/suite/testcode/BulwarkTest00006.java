package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import dev.bulwark.suite.helpers.Db;
import dev.bulwark.suite.helpers.Holder;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00006 {

  @GetMapping("/sqli/BulwarkTest00006")
  public void handle(@RequestParam("BulwarkTest00006") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = new Test().doSomething(request, param);
    String sql = "SELECT COUNT(*) FROM USERS WHERE USERNAME = '" + bar + "'";
    Long total = Db.JDBC.queryForObject(sql, Long.class);
    response.getWriter().println(total);
  }

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      Holder holder = new Holder();
      holder.value = param;
      holder.other = "other";
      String bar = holder.other;
      return bar;
    }
  }
}
