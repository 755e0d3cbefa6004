package fixtures.el;

import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.expression.common.LiteralExpression;

@RestController
public class ExpressionController {
  private final ExpressionParser parser = new SpelExpressionParser();

  @PostMapping("/calc")
  public Object calc(@RequestBody String expr) {
    // ruleid: java-el-injection
    return new LiteralExpression(expr).getValue();
  }

  @PostMapping("/fixed")
  public Object fixed(@RequestBody String ignored) {
    // ok: java-el-injection
    return parser.parseExpression("1 + 2").getValue();
  }

  public Object ognl(jakarta.servlet.http.HttpServletRequest req) throws Exception {
    // ruleid: java-el-injection
    return ognl.Ognl.getValue(req.getParameter("path"), new Object());
  }
}
