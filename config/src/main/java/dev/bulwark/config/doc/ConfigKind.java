package dev.bulwark.config.doc;

import java.util.Locale;

/** The kinds of configuration Bulwark checks; rules name the kind they apply to. */
public enum ConfigKind {
  DOCKERFILE,
  KUBERNETES,
  COMPOSE,
  TERRAFORM,
  WORKFLOW,
  SPRING;

  /** The lower-case name rule files use, e.g. {@code kubernetes}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ConfigKind of(String id) {
    for (ConfigKind k : values()) {
      if (k.id().equals(id)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown configuration kind '"
            + id
            + "' (one of dockerfile, kubernetes, compose, terraform, workflow, spring)");
  }
}
