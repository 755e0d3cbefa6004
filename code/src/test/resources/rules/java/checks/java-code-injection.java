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
