package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import dev.bulwark.suite.helpers.Http;
import dev.bulwark.suite.helpers.Shared;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00234 {

  @GetMapping("/ssrf/BulwarkTest00234")
  public void handle(@CookieValue(value = "BulwarkTest00234", defaultValue = "") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    // validated by the gateway before it reaches this handler
    String bar = Step.apply(param);
    String body = Http.REST.getForObject("https://status.example.org/v1/" + bar.length(), String.class);
    response.getWriter().println(body != null);
  }

  static final class Step {
    static String apply(String param) throws Exception {
      Shared.last = param;
      String bar = Shared.last;
      return bar;
    }
  }
}
