package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.sql.Statement;
import java.util.HashMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import dev.bulwark.suite.helpers.Db;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00012 {

  @GetMapping("/sqli/BulwarkTest00012")
  public void handle(@RequestHeader(value = "BulwarkTest00012", defaultValue = "") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = doSomething(request, param);
    int id = bar.length();
    String sql = "SELECT * FROM USERS WHERE ID = " + id;
    // FIXME potential security issue
    Statement statement = Db.connection().createStatement();
    statement.executeQuery(sql);
  }

  private static String doSomething(HttpServletRequest request, String param) throws Exception {
    HashMap<String, Object> map = new HashMap<>();
    map.put("keyA", "a-value");
    map.put("keyB", param);
    String bar = (String) map.get("keyB");
    return bar;
  }
}
