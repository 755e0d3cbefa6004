package fixtures.log;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class LoginServlet extends HttpServlet {
  private static final Logger LOG = LoggerFactory.getLogger(LoginServlet.class);

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String user = request.getParameter("user");
    // ruleid: java-log-injection
    LOG.warn("failed login for " + String.valueOf(user).replaceAll("[\\r\\n]", "_"));
    // ruleid: java-log-injection
    LOG.info("login attempt by {}", String.valueOf(user).replaceAll("[\\r\\n]", "_"));
    // ok: java-log-injection
    LOG.info("login attempt by {}", user.replace('\n', '_').replace("\r", ""));
    // ok: java-log-injection
    LOG.info("login attempt, {} characters", user.length());

    long orderId = Long.parseLong(request.getParameter("order"));
    // ok: java-log-injection
    LOG.info("order {} requested", orderId);
    // ok: java-log-injection
    LOG.info("order " + orderId + " requested");
    Long boxed = Long.valueOf(request.getParameter("order"));
    // ok: java-log-injection
    LOG.info("order {} requested", boxed);
  }
}
