package fixtures.code;

import java.io.IOException;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class ScriptServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    ScriptEngine js = new ScriptEngineManager().getEngineByName("js");
    String formula = request.getParameter("formula");
    try {
      // ruleid: java-code-injection
      js.eval("var result = " + formula + ";");
      // ok: java-code-injection
      js.eval("var result = 6 * 7;");
      js.put("input", formula);
      // ok: java-code-injection
      js.eval("var result = input.length;");
    } catch (ScriptException e) {
      throw new IOException(e);
    }
    org.apache.velocity.VelocityContext vc = new org.apache.velocity.VelocityContext();
    java.io.StringWriter w = new java.io.StringWriter();
    // ruleid: java-code-injection
    org.apache.velocity.app.Velocity.evaluate(vc, w, "page", "Hello " + formula);
  }
}

/** A library whose public API evaluates what its caller passes: the caller here is a request. */
class RuleEngine {
  private final org.apache.commons.jexl3.JexlEngine jexl =
      new org.apache.commons.jexl3.JexlBuilder().create();

  Object evaluate(String rule) {
    // ruleid: java-code-injection
    return jexl.createExpression(rule).evaluate(null);
  }

  Object fixed() {
    // ok: java-code-injection
    return jexl.createExpression("a + b").evaluate(null);
  }

  Class<?> compile(String source) {
    groovy.lang.GroovyClassLoader loader = new groovy.lang.GroovyClassLoader();
    // ruleid: java-code-injection
    return loader.parseClass(source);
  }
}

class RuleServlet extends HttpServlet {
  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) {
    RuleEngine engine = new RuleEngine();
    engine.evaluate(request.getParameter("rule"));
    engine.compile(request.getParameter("script"));
    engine.fixed();
  }
}

