package dev.bulwark.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.model.CodeFlow;
import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeAnalyzerTest {
  @TempDir Path dir;

  private void write(String rel, String text) throws Exception {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private static final String SERVLET =
      """
      package app;

      import com.acme.unknown.Thing;
      import javax.servlet.http.*;

      public class Search extends HttpServlet {
        private final Thing thing = new Thing();

        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws Exception {
          String q = req.getParameter("q");
          String decorated = thing.decorate("x") + Helper.wrap(q);
          java.sql.Statement st = thing.connection().createStatement();
          st.executeQuery("select * from t where a = '" + decorated + "'");
        }
      }
      """;

  private static final String HELPER =
      """
      package app;

      final class Helper {
        static String wrap(String s) {
          return "[" + s + "]";
        }
      }
      """;

  @Test
  void unresolvedDependencies_doNotStopTheAnalysis_andThePathCrossesFiles() throws Exception {
    write("src/app/Search.java", SERVLET);
    write("src/app/Helper.java", HELPER);
    JavaScan.Result r = JavaScan.directory(dir);
    assertThat(r.findings()).extracting(Finding::ruleId).containsExactly("java-sqli");
    Finding f = r.findings().get(0);
    CodeFlow flow = f.codeFlows().get(0);
    assertThat(flow.steps().get(0).kind()).isEqualTo(CodeFlow.Kind.SOURCE);
    assertThat(flow.steps().get(flow.steps().size() - 1).kind()).isEqualTo(CodeFlow.Kind.SINK);
    assertThat(flow.steps()).anyMatch(s -> s.location().path().endsWith("Helper.java"));
    assertThat(f.taxa()).anyMatch(t -> t.id().equals("89"));
    assertThat(f.confidence()).isIn(Confidence.HIGH, Confidence.MEDIUM);
  }

  @Test
  void aFileThatDoesNotParse_isReported_andTheRestIsAnalysed() throws Exception {
    write("src/app/Search.java", SERVLET);
    write("src/app/Helper.java", HELPER);
    write("src/app/Broken.java", "package app; public class Broken { void m( { }");
    JavaScan.Result r = JavaScan.directory(dir);
    assertThat(r.findings()).extracting(Finding::ruleId).containsExactly("java-sqli");
    assertThat(r.diagnostics()).anyMatch(d -> d.path().endsWith("Broken.java"));
  }

  @Test
  void commentsAndNames_doNotChangeTheVerdict() throws Exception {
    String misleading =
        SERVLET
            .replace("String q =", "// sanitized upstream, safe\n    String q =")
            .replace("decorated", "safeValue");
    write("src/app/Search.java", misleading);
    write("src/app/Helper.java", HELPER);
    assertThat(JavaScan.directory(dir).findings())
        .extracting(Finding::ruleId)
        .containsExactly("java-sqli");
  }

  @Test
  void findingFingerprints_surviveLineShifts() throws Exception {
    write("src/app/Search.java", SERVLET);
    write("src/app/Helper.java", HELPER);
    String before = JavaScan.directory(dir).findings().get(0).fingerprint();
    write(
        "src/app/Search.java",
        SERVLET.replace("public class Search", "\n\n/** Search. */\npublic class Search"));
    assertThat(JavaScan.directory(dir).findings().get(0).fingerprint()).isEqualTo(before);
  }

  @Test
  void aMethodBeyondTheStepBudget_isCounted_andItsEarlierFindingStands() throws Exception {
    // six levels, each calling the next ten times with an object: a million calls if followed
    StringBuilder src = new StringBuilder("package app;\nimport javax.servlet.http.*;\n");
    src.append("public class Deep extends HttpServlet {\n");
    src.append(
        """
          protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws Exception {
            String q = req.getParameter("q");
            resp.getWriter().println(q);
            StringBuilder sb = new StringBuilder();
            m0(sb);
          }
        """);
    for (int level = 0; level < 6; level++) {
      src.append("  void m").append(level).append("(StringBuilder sb) {\n");
      for (int i = 0; i < 10; i++) {
        src.append(level < 5 ? "    m" + (level + 1) + "(sb);\n" : "    sb.append(" + i + ");\n");
      }
      src.append("  }\n");
    }
    src.append("}\n");
    write("src/app/Deep.java", src.toString());
    JavaScan.Result r = JavaScan.directory(dir);
    assertThat(r.findings()).extracting(Finding::ruleId).contains("java-xss");
    assertThat(r.diagnostics())
        .anyMatch(d -> d.message().contains("step budget") && d.message().contains("Deep.java"));
  }
}
