package fixtures.cmdi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

public class CommandServlet extends HttpServlet {
  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String host = request.getHeader("X-Host");
    Runtime rt = Runtime.getRuntime();
    // ruleid: java-cmdi
    rt.exec(new String[] {"ping", "-c", "1", requireSafeArgument(host)});
    // ok: java-cmdi
    rt.exec("uptime");

    String[] argv = {"nslookup", requireSafeArgument(host)};
    // ruleid: java-cmdi
    rt.exec(argv);

    List<String> cmd = new ArrayList<>();
    cmd.add("ls");
    cmd.add(host);
    // ruleid: java-cmdi
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.start();

    ProcessBuilder fixed = new ProcessBuilder();
    // ok: java-cmdi
    fixed.command("date", "+%s");

    String[] env = {"TARGET=" + requireSafeArgument(host)};
    // ruleid: java-cmdi
    rt.exec("printenv", env);

    String safe = new Chooser().pick(host);
    // ok: java-cmdi
    rt.exec("echo " + safe);
  }

    /** Allowlist hook for command arguments: widen the pattern only for values the command needs. */
    private static String requireSafeArgument(String value) {
      if (value == null || value.startsWith("-") || !value.matches("[A-Za-z0-9._:@/+=,]+")) {
        throw new IllegalArgumentException("argument not allowed");
      }
      return value;
    }
}

class Chooser {
  String pick(String ignored) {
    String[] allowed = {"alpha", "beta"};
    return allowed[1];
  }
}

class Validated extends javax.servlet.http.HttpServlet {
  private static final java.util.Set<String> TOOLS = java.util.Set.of("ping", "dig");

  @Override
  protected void doGet(javax.servlet.http.HttpServletRequest request, javax.servlet.http.HttpServletResponse response) throws java.io.IOException {
    String host = request.getParameter("host");
    if (!host.matches("[A-Za-z0-9.-]+")) {
      throw new IllegalArgumentException("bad host");
    }
    // ok: java-cmdi
    Runtime.getRuntime().exec("ping -c 1 " + host);
    String tool = request.getParameter("tool");
    if (TOOLS.contains(tool)) {
      // ok: java-cmdi
      Runtime.getRuntime().exec(tool + " localhost");
    }
    // ruleid: java-cmdi
    Runtime.getRuntime().exec(new String[] {requireSafeArgument(tool), "localhost"});
    String loose = request.getParameter("loose");
    if (!loose.matches(".+")) {
      return;
    }
    // ruleid: java-cmdi
    Runtime.getRuntime().exec(new String[] {"echo", requireSafeArgument(loose)});
  }

    /** Allowlist hook for command arguments: widen the pattern only for values the command needs. */
    private static String requireSafeArgument(String value) {
      if (value == null || value.startsWith("-") || !value.matches("[A-Za-z0-9._:@/+=,]+")) {
        throw new IllegalArgumentException("argument not allowed");
      }
      return value;
    }
}
