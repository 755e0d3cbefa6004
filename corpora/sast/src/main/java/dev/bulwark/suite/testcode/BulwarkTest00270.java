package dev.bulwark.suite.testcode;

import jakarta.servlet.http.*;
import java.util.function.*;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00270 {

  @PostMapping("/redirect/BulwarkTest00270")
  public void handle(@RequestBody String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = new Test().doSomething(request, param);
    response.sendRedirect("/" + bar);
  }

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      Function<String, String> f = s -> "lambda-constant";
      String bar = f.apply(param);
      return bar;
    }
  }
}
