package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Base64;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00204 {

  @GetMapping("/trustbound/BulwarkTest00204")
  public void handle(@CookieValue(value = "BulwarkTest00204", defaultValue = "") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    // validated by the gateway before it reaches this handler
    String bar = doSomething(request, param);
    request.getSession().setAttribute("digest", Base64.getEncoder().encodeToString(bar.getBytes()));
  }

  private static String doSomething(HttpServletRequest request, String param) throws Exception {
    String bar = param.trim().toLowerCase().replace("a", "b").substring(0);
    return bar;
  }
}
