package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import dev.bulwark.suite.helpers.Processes;
import dev.bulwark.suite.helpers.Shared;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00054 {

  @GetMapping("/cmdi/BulwarkTest00054")
  public void handle(@CookieValue(value = "BulwarkTest00054", defaultValue = "") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = Step.apply(param);
    int count = bar.length();
    Process p = Runtime.getRuntime().exec("sleep " + count);
    Processes.drain(p, response);
  }

  static final class Step {
    static String apply(String param) throws Exception {
      Shared.last = param;
      String bar = Shared.last;
      return bar;
    }
  }
}
