package dev.bulwark.config.doc;

import java.util.Objects;

/**
 * One parsed document: a Dockerfile, one object of a multi-document YAML file, a Terraform file or
 * a workflow. {@code index} is the document's position in its file (0 for single documents).
 */
public record ConfigDocument(ConfigKind kind, String path, int index, Node root) {
  public ConfigDocument {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(root, "root");
  }
}
