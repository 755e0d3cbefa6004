package dev.bulwark.suite.testcode;

import jakarta.servlet.http.*;
import org.springframework.expression.*;
import org.springframework.expression.spel.standard.*;
import org.springframework.web.bind.annotation.*;
import dev.bulwark.suite.helpers.*;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00300 {

  @PostMapping("/elinjection/BulwarkTest00300")
  public void handle(@RequestBody String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = doSomething(request, param);
    ExpressionParser parser = new SpelExpressionParser();
    Object value = parser.parseExpression("'" + bar + "'.length()").getValue();
    response.getWriter().println(value);
  }

  private static String doSomething(HttpServletRequest request, String param) throws Exception {
    Holder holder = new Holder();
    holder.value = param;
    holder.other = "other";
    String bar = holder.other;
    return bar;
  }
}
