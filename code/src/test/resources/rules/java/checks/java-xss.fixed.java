package fixtures.xss;

import java.io.IOException;
import java.io.PrintWriter;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.owasp.encoder.Encode;
import org.springframework.web.util.HtmlUtils;

public class GreetingServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String who = request.getParameter("who");
    PrintWriter out = response.getWriter();
    // ruleid: java-xss
    out.println("<p>Hello " + Encode.forHtml(who) + "</p>");
    // ok: java-xss
    out.println("<p>Hello " + Encode.forHtml(who) + "</p>");
    // ok: java-xss
    out.println("<p>Hello " + HtmlUtils.htmlEscape(who) + "</p>");
    Object[] args = {"a", Encode.forHtml(who)};
    // ruleid: java-xss
    response.getWriter().format("<p>%s %s</p>", args);
    // ok: java-xss
    response.getWriter().printf("<p>%d</p>", who.length());
    // ruleid: java-xss
    response.getWriter().write(Encode.forHtml(who));

    java.util.Map<String, String[]> map = request.getParameterMap();
    String[] values = map.get("x");
    String first = values != null ? values[0] : "";
    // ruleid: java-xss
    out.write(Encode.forHtml(first));

    String encoded = java.util.Base64.getEncoder().encodeToString(who.getBytes());
    // ok: java-xss
    out.write(encoded);
    String decoded = new String(java.util.Base64.getDecoder().decode(encoded));
    // ruleid: java-xss
    out.write(Encode.forHtml(decoded));

    // a plain PrintWriter that is not the response is not a sink
    PrintWriter log = new PrintWriter(System.err);
    // ok: java-xss
    log.println(who);
  }
}
