package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.sql.Statement;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import dev.bulwark.suite.helpers.Db;
import dev.bulwark.suite.helpers.Shared;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00024 {

  @GetMapping("/sqli/BulwarkTest00024")
  public void handle(@CookieValue(value = "BulwarkTest00024", defaultValue = "") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = Step.apply(param);
    int id = bar.length();
    String sql = "SELECT * FROM USERS WHERE ID = " + id;
    Statement statement = Db.connection().createStatement();
    statement.executeQuery(sql);
  }

  static final class Step {
    static String apply(String param) throws Exception {
      Shared.last = param;
      String bar = Shared.last;
      return bar;
    }
  }
}
