package dev.bulwark.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.config.doc.ConfigDocument;
import dev.bulwark.config.doc.ConfigKind;
import dev.bulwark.config.doc.ParseException;
import dev.bulwark.config.parse.ConfigFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The real configuration files in {@code ../shared/data/iac} (1,147 files from 16 public
 * repositories, listed with their kind in MANIFEST.tsv): each is recognised as the kind the
 * manifest gives, every one parses, Kubernetes files yield the manifest's count of API objects, and
 * Helm templates are recognised as templates, not reported as broken YAML.
 */
class SharedCorpusTest {
  private static final Map<String, ConfigKind> KINDS =
      Map.of(
          "dockerfile", ConfigKind.DOCKERFILE,
          "compose", ConfigKind.COMPOSE,
          "k8s", ConfigKind.KUBERNETES,
          "terraform", ConfigKind.TERRAFORM,
          "workflow", ConfigKind.WORKFLOW);

  static Optional<Path> corpus() {
    Path p = Path.of("").toAbsolutePath();
    for (int i = 0; i < 5 && p != null; i++, p = p.getParent()) {
      Path d = p.resolve("../shared/data/iac").normalize();
      if (Files.isRegularFile(d.resolve("MANIFEST.tsv"))) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  @Test
  void everyFile_isRecognisedAndParses() throws Exception {
    Path root = corpus().orElse(null);
    assumeTrue(root != null, "../shared/data/iac is absent; skipping the real-file corpus");
    List<String> problems = new ArrayList<>();
    Map<String, Integer> parsed = new TreeMap<>();
    int templates = 0;
    int placeholderFiles = 0;
    List<String> rows = Files.readAllLines(root.resolve("MANIFEST.tsv"));
    for (String row : rows.subList(1, rows.size())) {
      String[] f = row.split("\t");
      String kind = f[1];
      int docs = Integer.parseInt(f[2]);
      String rel = f[0] + "/" + f[3];
      Path file = root.resolve(rel);
      Optional<ConfigFiles.Classified> c = ConfigFiles.classify(rel, file);
      if (kind.equals("helm")) {
        if (c.isPresent() && c.get().role() == ConfigFiles.Role.CONFIG) {
          problems.add(rel + ": helm chart file taken for " + c.get().kind());
        }
        if (c.isPresent() && c.get().role() == ConfigFiles.Role.HELM_TEMPLATE) {
          templates++;
        }
        continue;
      }
      if (c.isEmpty() || c.get().kind() != KINDS.get(kind)) {
        problems.add(rel + ": manifest says " + kind + ", recognised as " + c);
        continue;
      }
      String text = Files.readString(file);
      try {
        List<ConfigDocument> d = ConfigFiles.read(c.get().kind(), rel, text);
        if (kind.equals("k8s") && d.size() != docs) {
          problems.add(rel + ": " + d.size() + " API objects, manifest says " + docs);
        }
        parsed.merge(kind, 1, Integer::sum);
      } catch (ParseException e) {
        if (ConfigFiles.isPlaceholderTemplate(text) && kind.equals("k8s")) {
          placeholderFiles++;
        } else {
          problems.add(e.getMessage());
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(parsed)
        .containsEntry("dockerfile", 325)
        .containsEntry("compose", 70)
        .containsEntry("terraform", 228)
        .containsEntry("workflow", 163)
        .containsEntry("k8s", 341);
    // the five {{placeholder}} manifests under kubernetes/examples/_archived that SOURCE.md names
    assertThat(placeholderFiles).isEqualTo(5);
    // 13 of the chart's 15 files are Go templates; Chart.yaml and values.yaml are plain YAML
    assertThat(templates).isEqualTo(13);
  }
}
