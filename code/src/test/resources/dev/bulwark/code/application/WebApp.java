package fixtures.application;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.yaml.snakeyaml.Yaml;

/** An application: its web entry points are where untrusted data comes from, not its API. */
public class WebApp extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.getWriter().println(Specs.readYamlTree("a: 1"));
  }

  /** Exported, but the project is an application. */
  public static class Specs {
    public static Object readYamlTree(String contents) {
      // ok: java-unsafe-deserialization
      return new Yaml().load(contents);
    }
  }
}
