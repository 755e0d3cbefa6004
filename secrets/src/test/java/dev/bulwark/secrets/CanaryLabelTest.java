package dev.bulwark.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.analysis.ScanContext;
import dev.bulwark.core.analysis.ScanOptions;
import dev.bulwark.core.canary.CanaryRegistry;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.files.SourceFile;
import dev.bulwark.core.files.SourceTree;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A planted canary key is reported as a canary; a key that is no canary stays a leak. */
class CanaryLabelTest {
  private static final String CANARY_KEY_ID = "AKIAQ2R3STUVWXYZ2345";
  private static final String CANARY_SECRET = "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";
  private static final String LEAKED_KEY_ID = "AKIAZ7Y6X5W4V3U2T7S6";

  @TempDir Path dir;

  @AfterEach
  void forgetRegistry() {
    System.clearProperty("bulwark.canary.registry");
  }

  @Test
  void aPlantedCanaryKey_isReportedAsACanary_notALeak() throws Exception {
    Path registry = dir.resolve("registry/canaries.jsonl");
    Files.createDirectories(registry.getParent());
    Files.writeString(
        registry,
        "{\"id\":\"q2r3stuvwxyz2345abcd\",\"kind\":\"aws-key\",\"secrets\":[\""
            + CanaryRegistry.sha256(CANARY_KEY_ID)
            + "\",\""
            + CanaryRegistry.sha256(CANARY_SECRET)
            + "\"]}\n");
    System.setProperty("bulwark.canary.registry", registry.toString());
    Path repo = Files.createDirectories(dir.resolve("repo"));
    String planted =
        "[default]\naws_access_key_id = "
            + CANARY_KEY_ID
            + "\naws_secret_access_key = "
            + CANARY_SECRET
            + "\n";
    String leak = "[prod]\naws_access_key_id = " + LEAKED_KEY_ID + "\n";
    List<SourceFile> files = new ArrayList<>();
    for (String[] f :
        List.of(new String[] {"deploy/credentials", planted}, new String[] {"ops/aws", leak})) {
      Path p = repo.resolve(f[0]);
      Files.createDirectories(p.getParent());
      Files.writeString(p, f[1]);
      files.add(new SourceFile(p, f[0], Files.size(p)));
    }
    List<Diagnostic> diagnostics = new ArrayList<>();
    List<Finding> found = new ArrayList<>();
    new SecretsAnalyzer()
        .analyze(
            ScanContext.standalone(
                SourceTree.of(repo, files), ScanOptions.defaults(), diagnostics::add),
            found::add);
    List<Finding> canaries =
        found.stream()
            .filter(f -> f.locations().toString().contains("deploy/credentials"))
            .toList();
    assertThat(canaries).isNotEmpty();
    assertThat(canaries)
        .allSatisfy(f -> {
          assertThat(f.title()).isEqualTo("Canary token — someone is using it");
          assertThat(f.severity()).isEqualTo(Severity.HIGH);
          assertThat(f.message()).contains("q2r3stuvwxyz2345abcd").contains("not a leaked");
          assertThat(f.properties().get(SecretProperties.CANARY.name()))
              .isEqualTo("q2r3stuvwxyz2345abcd");
        });
    List<Finding> leaks =
        found.stream().filter(f -> f.locations().toString().contains("ops/aws")).toList();
    assertThat(leaks).isNotEmpty().noneMatch(f -> f.title().contains("Canary"));
  }
}
