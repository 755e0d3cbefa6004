package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark code specs} end to end: a project with a script-runner helper and a sanitizer, the
 * specs as JSON and as a pack, and a scan that names the pack in bulwark.yaml.
 */
class CodeSpecsCommandTest {
  @TempDir Path dir;

  private Path project() throws Exception {
    Path src = Files.createDirectories(dir.resolve("app/src/main/java/com/example"));
    Files.writeString(
        src.resolve("Scripts.java"),
        """
        package com.example;

        import javax.script.ScriptEngine;
        import javax.script.ScriptEngineManager;

        public final class Scripts {
          private final ScriptEngine engine = new ScriptEngineManager().getEngineByName("js");

          public Object runScript(String s) throws Exception {
            return engine.eval(s);
          }
        }
        """);
    Files.writeString(
        src.resolve("Names.java"),
        """
        package com.example;

        public final class Names {
          public static String safeName(String name) {
            return name.replaceAll("[^A-Za-z0-9]", "");
          }
        }
        """);
    Files.writeString(
        src.resolve("Download.java"),
        """
        package com.example;

        import java.io.File;
        import javax.servlet.http.HttpServlet;
        import javax.servlet.http.HttpServletRequest;
        import javax.servlet.http.HttpServletResponse;

        public class Download extends HttpServlet {
          @Override
          protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws java.io.IOException {
            File f = new File("/srv/files", Names.safeName(req.getParameter("f")));
            java.nio.file.Files.copy(f.toPath(), resp.getOutputStream());
          }
        }
        """);
    Files.writeString(
        src.resolve("Admin.java"),
        """
        package com.example;

        import javax.servlet.http.HttpServlet;
        import javax.servlet.http.HttpServletRequest;
        import javax.servlet.http.HttpServletResponse;

        public class Admin extends HttpServlet {
          @Override
          protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws java.io.IOException {
            try {
              new Scripts().runScript(req.getParameter("script"));
            } catch (Exception e) {
              resp.sendError(500);
            }
          }
        }
        """);
    return dir.resolve("app");
  }

  @Test
  void specsAsJsonAndAsAPack_thatAScanThenUses() throws Exception {
    Path app = project();
    Path pack = dir.resolve("specs.yaml");
    Cli.Result r =
        Cli.run(
            "code",
            "specs",
            app.toString(),
            "--format",
            "json",
            "--out",
            pack.toString(),
            "--maven-repo",
            dir.resolve("no-m2").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.path("specs").findValuesAsText("method"))
        .contains("com.example.Scripts#runScript/1", "com.example.Names#safeName/1");
    for (JsonNode s : json.path("specs")) {
      if (s.path("method").asText().equals("com.example.Scripts#runScript/1")) {
        assertThat(s.path("verdict").asText()).isEqualTo("verified");
        assertThat(s.path("cwe").asInt()).isEqualTo(94);
      }
    }
    assertThat(Files.readString(pack)).contains("rule: java-code-injection");

    Cli.Result before = Cli.run("scan", app.toString(), "--analyzer", "code", "--format", "json");
    assertThat(ruleIds(before)).contains("java-path-traversal");

    Files.move(pack, app.resolve("specs.yaml"));
    Files.writeString(app.resolve("bulwark.yaml"), "code:\n  packs: [specs.yaml]\n");
    Cli.Result after = Cli.run("scan", app.toString(), "--analyzer", "code", "--format", "json");
    assertThat(after.err()).doesNotContain("Exception");
    assertThat(after.exit()).as(after.err()).isIn(0, 1);
    assertThat(ruleIds(after))
        .contains("java-code-injection")
        .doesNotContain("java-path-traversal");

    Files.writeString(app.resolve("bulwark.yaml"), "code:\n  pakcs: [specs.yaml]\n");
    Cli.Result misspelt = Cli.run("scan", app.toString(), "--analyzer", "code");
    assertThat(misspelt.exit()).isEqualTo(2);
    assertThat(misspelt.err()).contains("unknown key 'code.pakcs'");
  }

  private static java.util.List<String> ruleIds(Cli.Result r) throws Exception {
    return new ObjectMapper().readTree(r.out()).path("findings").findValuesAsText("ruleId");
  }
}
