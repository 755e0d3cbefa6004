package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.sql.Statement;
import java.util.function.Function;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import dev.bulwark.suite.helpers.Db;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00018 {

  @GetMapping("/sqli/BulwarkTest00018/{BulwarkTest00018}")
  public void handle(@PathVariable("BulwarkTest00018") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    Function<String, String> f = new Function<String, String>() {
    // this is the bad case
      @Override
      public String apply(String s) {
        return "anonymous-constant";
      }
    };
    String bar = f.apply(param);
    String sql = "UPDATE USERS SET LAST_SEEN = NOW() WHERE USERNAME = '" + bar + "'";
    Statement statement = Db.connection().createStatement();
    int count = statement.executeUpdate(sql);
    response.getWriter().println("updated " + count);
  }
}
