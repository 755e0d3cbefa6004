package dev.bulwark.config.parse;

import dev.bulwark.config.doc.ConfigDocument;
import dev.bulwark.config.doc.ConfigKind;
import dev.bulwark.config.doc.MapNode;
import dev.bulwark.config.doc.Node;
import dev.bulwark.config.doc.ParseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which files are configuration Bulwark checks, and reading them into documents.
 *
 * <p>Helm chart templates ({@code templates/} beside a {@code Chart.yaml}, and {@code *.tpl}) are
 * Go templates, not YAML: they are recognised and skipped, never reported as broken YAML. A YAML
 * file that fails to parse and holds {@code {{ … }}} placeholders is likewise a template.
 */
public final class ConfigFiles {
  private static final Pattern DOCKERFILE =
      Pattern.compile("(?i)(dockerfile|containerfile)([._-][^/]*)?|[^/]+\\.dockerfile");
  private static final Pattern TEMPLATE_SUFFIX =
      Pattern.compile("(?i).*\\.(template|tmpl|tpl|j2|jinja|in|erb|mustache|hbs|gotmpl)$");
  private static final Pattern COMPOSE =
      Pattern.compile("(?i)((docker-)?compose[^/]*|[^/]*\\.docker-compose)\\.ya?ml");
  private static final Pattern K8S_API = Pattern.compile("(?m)^\\s*\"?apiVersion\"?\\s*:");
  private static final Pattern K8S_KIND = Pattern.compile("(?m)^\\s*\"?kind\"?\\s*:");
  private static final Pattern SPRING =
      Pattern.compile("(application|bootstrap)(-[A-Za-z0-9_.-]+)?\\.(properties|ya?ml)");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{.*}}");

  private ConfigFiles() {}

  /** What a file is taken for. {@code HELM_TEMPLATE} files are skipped. */
  public enum Role {
    CONFIG,
    HELM_TEMPLATE
  }

  /** The kind (and role) of a file, from its path and, for YAML, a glance at its text. */
  public record Classified(ConfigKind kind, Role role) {}

  public static Optional<Classified> classify(String relativePath, Path file) {
    String rel = relativePath.replace('\\', '/');
    String name = rel.substring(rel.lastIndexOf('/') + 1);
    String lower = name.toLowerCase(Locale.ROOT);
    if (DOCKERFILE.matcher(name).matches() && !TEMPLATE_SUFFIX.matcher(name).matches()) {
      return Optional.of(new Classified(ConfigKind.DOCKERFILE, Role.CONFIG));
    }
    if (lower.endsWith(".tf")) {
      return Optional.of(new Classified(ConfigKind.TERRAFORM, Role.CONFIG));
    }
    boolean yaml = lower.endsWith(".yml") || lower.endsWith(".yaml");
    if (SPRING.matcher(name).matches()) {
      return Optional.of(new Classified(ConfigKind.SPRING, Role.CONFIG));
    }
    if (helmTemplate(rel, file)) {
      return Optional.of(new Classified(ConfigKind.KUBERNETES, Role.HELM_TEMPLATE));
    }
    if (yaml && rel.matches("(.*/)?\\.github/workflows/[^/]+")) {
      return Optional.of(new Classified(ConfigKind.WORKFLOW, Role.CONFIG));
    }
    if (yaml && COMPOSE.matcher(name).matches()) {
      return Optional.of(new Classified(ConfigKind.COMPOSE, Role.CONFIG));
    }
    if (yaml || lower.endsWith(".json")) {
      return looksLikeKubernetes(file)
          ? Optional.of(new Classified(ConfigKind.KUBERNETES, Role.CONFIG))
          : Optional.empty();
    }
    return Optional.empty();
  }

  private static boolean helmTemplate(String rel, Path file) {
    if (rel.endsWith(".tpl")) {
      return true;
    }
    int t = rel.lastIndexOf("/templates/");
    if (t < 0 && !rel.startsWith("templates/")) {
      return false;
    }
    Path dir = file.getParent();
    // templates/ may nest (templates/sub/x.yaml): look upward for the chart
    for (int k = 0; k < 4 && dir != null; k++) {
      if (dir.getFileName() != null && dir.getFileName().toString().equals("templates")) {
        return dir.getParent() != null && Files.exists(dir.getParent().resolve("Chart.yaml"));
      }
      dir = dir.getParent();
    }
    return false;
  }

  private static boolean looksLikeKubernetes(Path file) {
    try {
      if (Files.size(file) > 4L * 1024 * 1024) {
        return false;
      }
      String text = Files.readString(file);
      return K8S_API.matcher(text).find() && K8S_KIND.matcher(text).find();
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  /** Whether a file that failed to parse is a template with {@code {{ }}} placeholders. */
  public static boolean isPlaceholderTemplate(String text) {
    return PLACEHOLDER.matcher(text).find();
  }

  /** The documents of one file of a known kind; Kubernetes files keep only API objects. */
  public static List<ConfigDocument> read(ConfigKind kind, String path, String text)
      throws ParseException {
    return switch (kind) {
      case DOCKERFILE -> List.of(new ConfigDocument(kind, path, 0, Dockerfiles.parse(path, text)));
      case TERRAFORM -> List.of(new ConfigDocument(kind, path, 0, Hcl.parse(path, text)));
      case SPRING -> {
        List<ConfigDocument> out = new ArrayList<>();
        if (path.endsWith(".properties")) {
          out.add(new ConfigDocument(kind, path, 0, SpringProperties.parse(path, text)));
        } else {
          List<Node> docs = YamlDocuments.parse(path, text);
          for (int k = 0; k < docs.size(); k++) {
            out.add(new ConfigDocument(kind, path, k, SpringProperties.nest(docs.get(k))));
          }
        }
        yield out;
      }
      case WORKFLOW, COMPOSE -> {
        List<ConfigDocument> out = new ArrayList<>();
        List<Node> docs = YamlDocuments.parse(path, text);
        for (int k = 0; k < docs.size(); k++) {
          out.add(new ConfigDocument(kind, path, k, docs.get(k)));
        }
        yield out;
      }
      case KUBERNETES -> {
        List<ConfigDocument> out = new ArrayList<>();
        List<Node> docs = YamlDocuments.parse(path, text);
        for (int k = 0; k < docs.size(); k++) {
          Node d = docs.get(k);
          if (d instanceof MapNode m && m.get("apiVersion") != null && m.get("kind") != null) {
            out.add(new ConfigDocument(kind, path, k, d));
          }
        }
        yield out;
      }
    };
  }
}
