package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00276 {

  @GetMapping("/elinjection/BulwarkTest00276")
  public void handle(@RequestParam("BulwarkTest00276") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = doSomething(request, param);
    ExpressionParser parser = new SpelExpressionParser();
    Object value = parser.parseExpression("'" + bar + "'.length()").getValue();
    response.getWriter().println(value);
  }

  private static String doSomething(HttpServletRequest request, String param) throws Exception {
    String bar = param.isEmpty() ? "empty" : "filled";
    return bar;
  }
}
