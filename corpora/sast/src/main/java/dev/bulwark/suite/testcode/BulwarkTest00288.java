package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00288 {

  @GetMapping("/elinjection/BulwarkTest00288/{BulwarkTest00288}")
  public void handle(@PathVariable("BulwarkTest00288") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = Step.apply(param);
    ExpressionParser parser = new SpelExpressionParser();
    Object value = parser.parseExpression("'" + bar + "'.length()").getValue();
    response.getWriter().println(value);
    // validated by the gateway before it reaches this handler
  }

  static final class Step {
    static String apply(String param) throws Exception {
      String guess = "ABC";
      char target = guess.charAt(1);
      String bar;
      switch (target) {
        case 'A':
          bar = param;
          break;
        case 'B':
          bar = "bob";
          break;
        case 'C':
        case 'D':
          bar = param;
          break;
        default:
          bar = "default";
          break;
      }
      return bar;
    }
  }
}
