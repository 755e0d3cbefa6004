package dev.bulwark.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layers of the architecture (docs/architecture.md): core under the platform (the AI
 * runtime and the store), capabilities over both and never over each other, the applications (the
 * server and the CLI) on top, and the measurement tools (eval, bench) beside them. Every module is
 * on this test's class path, bench as a test dependency so that the CLI jar does not ship it.
 */
class ArchitectureTest {
  /** Capability modules: each turns some evidence into findings. New capabilities join here. */
  static final String[] CAPABILITIES = {
    "secrets",
    "code",
    "deps",
    "logs",
    "mail",
    "net",
    "triage",
    "config",
    "compliance",
    "yara",
    "attest",
    "intel",
    "threatmodel",
    "hygiene",
    "deception",
    "port"
  };

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // core's test jar (shared fixtures) when the modules come from a local repository
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.bulwark");
  }

  private static String[] packages(String... modules) {
    return Arrays.stream(modules).map(m -> "dev.bulwark." + m + "..").toArray(String[]::new);
  }

  @Test
  void modules_respectTheLayers() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        // a new module must be placed in a layer here before its classes pass
        .ensureAllClassesAreContainedInArchitecture()
        .layer("core")
        .definedBy(packages("core"))
        .layer("platform")
        .definedBy(packages("ai", "store"))
        .layer("capabilities")
        .definedBy(packages(CAPABILITIES))
        .layer("application: server")
        .definedBy(packages("server"))
        .layer("application: stream")
        .definedBy(packages("stream"))
        .layer("application: cli")
        .definedBy(packages("cli"))
        .layer("measurement: eval")
        .definedBy(packages("eval"))
        .layer("measurement: bench")
        .definedBy(packages("bench"))
        .whereLayer("core")
        .mayNotAccessAnyLayer()
        .whereLayer("platform")
        .mayOnlyAccessLayers("core")
        .whereLayer("capabilities")
        .mayOnlyAccessLayers("core", "platform")
        .whereLayer("application: server")
        .mayOnlyAccessLayers("core", "platform", "capabilities")
        // the stream job runs the logs engine and writes to the store, as the server does
        .whereLayer("application: stream")
        .mayOnlyAccessLayers("core", "platform", "capabilities")
        .whereLayer("measurement: eval")
        .mayOnlyAccessLayers("core", "platform", "capabilities")
        // `bulwark eval` and `bulwark stream` are CLI commands
        .whereLayer("application: cli")
        .mayOnlyAccessLayers(
            "core",
            "platform",
            "capabilities",
            "application: server",
            "application: stream",
            "measurement: eval")
        // the server and stream benchmarks time the real server and job
        .whereLayer("measurement: bench")
        .mayOnlyAccessLayers(
            "core",
            "platform",
            "capabilities",
            "application: server",
            "application: stream",
            "measurement: eval")
        .check(classes);
  }

  @Test
  void packages_formNoCycles() {
    slices().matching("dev.bulwark.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void aCapability_importsNoOtherCapability() {
    for (String a : CAPABILITIES) {
      for (String b : CAPABILITIES) {
        if (!a.equals(b)) {
          noClasses()
              .that()
              .resideInAPackage("dev.bulwark." + a + "..")
              .should()
              .dependOnClassesThat()
              .resideInAPackage("dev.bulwark." + b + "..")
              .allowEmptyShould(true)
              .check(classes);
        }
      }
    }
  }

  @Test
  void core_dependsOnNoModule() {
    noClasses()
        .that()
        .resideInAPackage("dev.bulwark.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.bulwark.secrets..",
            "dev.bulwark.code..",
            "dev.bulwark.deps..",
            "dev.bulwark.logs..",
            "dev.bulwark.mail..",
            "dev.bulwark.triage..",
            "dev.bulwark.config..",
            "dev.bulwark.compliance..",
            "dev.bulwark.yara..",
            "dev.bulwark.attest..",
            "dev.bulwark.threatmodel..",
            "dev.bulwark.hygiene..",
            "dev.bulwark.deception..",
            "dev.bulwark.intel..",
            "dev.bulwark.port..",
            "dev.bulwark.ai..",
            "dev.bulwark.store..",
            "dev.bulwark.eval..",
            "dev.bulwark.bench..",
            "dev.bulwark.server..",
            "dev.bulwark.stream..",
            "dev.bulwark.cli..")
        .check(classes);
  }

  @Test
  void capabilities_doNotDependOnEvalServerOrCli() {
    for (String a : CAPABILITIES) {
      noClasses()
          .that()
          .resideInAPackage("dev.bulwark." + a + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.bulwark.eval..",
              "dev.bulwark.bench..",
              "dev.bulwark.server..",
              "dev.bulwark.stream..",
              "dev.bulwark.cli..",
              "dev.bulwark.store..")
          .allowEmptyShould(true)
          .check(classes);
    }
  }
}
