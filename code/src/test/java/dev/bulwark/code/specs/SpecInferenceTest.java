package dev.bulwark.code.specs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.code.rules.Category;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.maven.LocalRepository;
import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Specification inference on the docstore fixture: its own helpers (a script runner, a file store,
 * a file-name sanitizer, a request-parameter helper, a mailer interface) and a dependency whose
 * bytecode wraps a script engine; then scans with and without the pack.
 */
class SpecInferenceTest {
  @TempDir Path dir;

  private static Spec find(List<Spec> specs, Spec.Kind kind, String method) {
    return specs.stream()
        .filter(s -> s.kind() == kind && s.method().equals(method))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + method + " in " + specs));
  }

  @Test
  void ownHelpers_areCheckedByTheTaintAnalysisOfTheirBodies() throws Exception {
    Path project = SpecFixtures.project(dir);
    List<Spec> specs =
        SpecFixtures.infer(project, new LocalRepository(dir.resolve("empty-m2")), Optional.empty())
            .specs();

    Spec script = find(specs, Spec.Kind.SINK, "com.example.docs.Scripts#runScript/1");
    assertThat(script.verdict()).isEqualTo(Spec.Verdict.VERIFIED);
    assertThat(script.rule()).isEqualTo("java-code-injection");
    assertThat(script.cwe()).isEqualTo(94);
    assertThat(script.args()).containsExactly(0);
    assertThat(script.confidence()).isEqualTo(Confidence.HIGH);

    Spec open = find(specs, Spec.Kind.SINK, "com.example.docs.FileStore#open/1");
    assertThat(open.verdict()).isEqualTo(Spec.Verdict.VERIFIED);
    assertThat(open.rule()).isEqualTo("java-path-traversal");
    assertThat(open.evidence()).contains("line 17");

    Spec safe = find(specs, Spec.Kind.SANITIZER, "com.example.docs.Names#safeName/1");
    assertThat(safe.verdict()).isEqualTo(Spec.Verdict.VERIFIED);
    assertThat(safe.categories()).contains(Category.PATH, Category.COMMAND, Category.XSS);
    // '-' survives the allow-list, and SQL comments need nothing else
    assertThat(safe.categories()).doesNotContain(Category.SQL);

    Spec title = find(specs, Spec.Kind.SANITIZER, "com.example.docs.Names#cleanTitle/1");
    assertThat(title.verdict()).isEqualTo(Spec.Verdict.UNVERIFIED);
    assertThat(title.confidence()).isEqualTo(Confidence.LOW);

    Spec param = find(specs, Spec.Kind.SOURCE, "com.example.docs.RequestParams#param/2");
    assertThat(param.verdict()).isEqualTo(Spec.Verdict.VERIFIED);
    assertThat(param.evidence()).contains("request parameter");

    Spec mail = find(specs, Spec.Kind.SINK, "com.example.docs.Mailer#sendTemplate/2");
    assertThat(mail.verdict()).isEqualTo(Spec.Verdict.UNVERIFIED);
    assertThat(mail.evidence()).contains("no body");

    // a library method named like a sink, whose jar is not there to check
    Spec render =
        find(specs, Spec.Kind.SINK, "com.acme.templates.TemplateRenderer#renderTemplate/1");
    assertThat(render.verdict()).isEqualTo(Spec.Verdict.UNVERIFIED);
    assertThat(render.rule()).isEqualTo("java-code-injection");
    assertThat(render.evidence()).contains("not available");
    assertThat(render.origin()).startsWith("src/main/java/com/example/docs/Exports.java:10");

    // a method that only measures its argument is no sink, whatever its parameter is called
    assertThat(specs).noneMatch(s -> s.method().equals("com.example.docs.FileStore#size/1"));
  }

  @Test
  void dependencyBytecode_showsASinkWrapperBehindAPrivateHelper_andASanitizer() throws Exception {
    Path project = SpecFixtures.project(dir);
    LocalRepository repo = SpecFixtures.repository(dir);
    SpecInference.Result r = SpecFixtures.infer(project, repo, Optional.empty());
    assertThat(r.jars()).containsExactly("com.acme:acme-scripting:2.1.0");
    assertThat(r.missing())
        .contains("javax.servlet:javax.servlet-api:4.0.1", "com.acme:acme-templates:2.1.0");

    Spec run = find(r.specs(), Spec.Kind.SINK, "com.acme.scripting.Evaluator#run/1");
    assertThat(run.verdict()).isEqualTo(Spec.Verdict.VERIFIED);
    assertThat(run.rule()).isEqualTo("java-code-injection");
    assertThat(run.origin()).startsWith("com.acme:acme-scripting:2.1.0");

    Spec quote = find(r.specs(), Spec.Kind.SANITIZER, "com.acme.scripting.Evaluator#quote/1");
    assertThat(quote.categories()).contains(Category.XSS, Category.PATH);

    Spec define = find(r.specs(), Spec.Kind.PROPAGATOR, "com.acme.scripting.Evaluator#define/2");
    assertThat(define.args()).containsExactly(0, 1);

    // a string that only counts the formula's characters is not the formula
    assertThat(r.specs())
        .noneMatch(s -> s.method().startsWith("com.acme.scripting.Evaluator#describe"));
  }

  @Test
  void aScanWithThePack_findsTheFlowIntoTheDependency_andDropsTheSanitizedPath() throws Exception {
    Path project = SpecFixtures.project(dir);
    LocalRepository repo = SpecFixtures.repository(dir);

    List<Finding> before = SpecFixtures.scan(project);
    assertThat(before).noneMatch(f -> f.ruleId().equals("java-code-injection"));
    assertThat(before)
        .anyMatch(
            f -> f.ruleId().equals("java-path-traversal") && at(f).endsWith("FileStore.java"));

    SpecInference.Result r = SpecFixtures.infer(project, repo, Optional.empty());
    Files.writeString(project.resolve("specs.yaml"), SpecPack.yaml("docstore", r.specs()));
    Files.writeString(project.resolve("bulwark.yaml"), "code:\n  packs: [specs.yaml]\n");

    List<Finding> after = SpecFixtures.scan(project);
    assertThat(after)
        .filteredOn(f -> f.ruleId().equals("java-code-injection"))
        .singleElement()
        .satisfies(f -> {
          assertThat(at(f)).endsWith("ReportServlet.java");
          assertThat(f.message()).contains("evaluator.run(formula)");
          assertThat(f.confidence()).isEqualTo(Confidence.HIGH);
        });
    assertThat(after).noneMatch(f -> f.ruleId().equals("java-path-traversal"));
  }

  @Test
  void unverifiedSpecs_areUsedAtLowConfidence() throws Exception {
    Path project = SpecFixtures.project(dir);
    Files.writeString(
        project.resolve("src/main/java/com/example/docs/Welcome.java"),
        """
        package com.example.docs;

        import javax.servlet.http.HttpServlet;
        import javax.servlet.http.HttpServletRequest;
        import javax.servlet.http.HttpServletResponse;

        public class Welcome extends HttpServlet {
          private Mailer mailer;

          @Override
          protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            mailer.sendTemplate(req.getParameter("t"), "ops@example.com");
          }
        }
        """);
    assertThat(SpecFixtures.scan(project)).noneMatch(f -> f.ruleId().equals("java-code-injection"));
    Files.writeString(
        project.resolve("specs.yaml"),
        """
        library: reviewed specs
        sinks:
          - rule: java-code-injection
            method: com.example.docs.Mailer#sendTemplate/2
            args: [0]
            confidence: low
            verdict: unverified
        """);
    Files.writeString(project.resolve("bulwark.yaml"), "code:\n  packs: specs.yaml\n");
    assertThat(SpecFixtures.scan(project))
        .filteredOn(f -> f.ruleId().equals("java-code-injection"))
        .singleElement()
        .satisfies(f -> assertThat(f.confidence()).isEqualTo(Confidence.LOW));
  }

  @Test
  void anUnverifiedSanitizer_keepsTheFindingAtLowConfidence() throws Exception {
    Path project = SpecFixtures.project(dir);
    Files.writeString(
        project.resolve("specs.yaml"),
        """
        library: reviewed specs
        sanitizers:
          - method: com.example.docs.Names#safeName/1
            cleanses: [path]
            confidence: low
        """);
    Files.writeString(project.resolve("bulwark.yaml"), "code:\n  packs: [specs.yaml]\n");
    assertThat(SpecFixtures.scan(project))
        .filteredOn(f -> f.ruleId().equals("java-path-traversal"))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.confidence()).isEqualTo(Confidence.LOW);
          assertThat(f.codeFlows().get(0).steps())
              .anyMatch(s -> s.message().contains("unverified sanitizer"));
        });
  }

  @Test
  void aPackWithAMistake_isAnErrorNamingTheFile() throws Exception {
    Path project = SpecFixtures.project(dir);
    Files.writeString(project.resolve("bulwark.yaml"), "code:\n  packs: [specs.yaml]\n");
    Files.writeString(
        project.resolve("specs.yaml"),
        "sinks:\n  - rule: java-no-such-rule\n    method: a.B#c/1\n    args: [0]\n");
    assertThatThrownBy(() -> SpecFixtures.scan(project))
        .hasMessageContaining("specs.yaml")
        .hasMessageContaining("unknown rule 'java-no-such-rule'");
    Files.writeString(project.resolve("specs.yaml"), "sink:\n  - rule: java-sqli\n");
    assertThatThrownBy(() -> SpecFixtures.scan(project)).hasMessageContaining("unknown key 'sink'");
    Files.writeString(project.resolve("bulwark.yaml"), "code:\n  pack: [specs.yaml]\n");
    assertThatThrownBy(() -> SpecFixtures.scan(project))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("unknown key 'code.pack'");
  }

  private static String at(Finding f) {
    return f.primaryLocation() instanceof Location.File l ? l.path() : "";
  }
}
