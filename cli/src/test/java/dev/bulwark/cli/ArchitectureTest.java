package dev.bulwark.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the module rules of the architecture: capabilities stand on core, never on each other. */
class ArchitectureTest {
  /** Modules that are capabilities; infrastructure (core, ai, store, eval, server, cli) is not. */
  static final String[] CAPABILITIES = {"secrets", "code", "deps", "logs", "mail"};

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.bulwark");
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
            "dev.bulwark.ai..",
            "dev.bulwark.store..",
            "dev.bulwark.eval..",
            "dev.bulwark.server..",
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
              "dev.bulwark.server..",
              "dev.bulwark.cli..",
              "dev.bulwark.store..")
          .allowEmptyShould(true)
          .check(classes);
    }
  }
}
