package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import dev.bulwark.suite.helpers.Redirects;
import dev.bulwark.suite.helpers.Thing;
import dev.bulwark.suite.helpers.ThingFactory;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00252 {

  @GetMapping("/redirect/BulwarkTest00252")
  public void handle(@RequestHeader(value = "BulwarkTest00252", defaultValue = "") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    // sanitized upstream
    String bar = doSomething(request, param);
    response.sendRedirect(Redirects.TARGETS.getOrDefault("home", "/"));
  }

  private static String doSomething(HttpServletRequest request, String param) throws Exception {
    Thing thing = ThingFactory.create("echo");
    String bar = thing.process(param);
    return bar;
  }
}
