package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import dev.bulwark.suite.helpers.Redirects;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00264 {

  @GetMapping("/redirect/BulwarkTest00264")
  public void handle(@CookieValue(value = "BulwarkTest00264", defaultValue = "") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = Step.apply(param);
    response.sendRedirect(Redirects.TARGETS.getOrDefault("home", "/"));
    // vulnerable? the value comes straight from the client
  }

  static final class Step {
    static String apply(String param) throws Exception {
      List<String> source = new ArrayList<>();
      source.add(param);
      List<String> copy = new ArrayList<>(source);
      String bar = copy.get(0);
      return bar;
    }
  }
}
