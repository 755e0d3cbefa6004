package dev.bulwark.threatmodel.model;

import java.util.Locale;

/** Identifiers of model elements. */
public final class Ids {
  private Ids() {}

  static void require(String id, String what) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException(what + " needs an id");
    }
  }

  /** Lower-case words joined by hyphens, as Threagile derives link ids from titles. */
  public static String slug(String title) {
    String s = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    s = s.replaceAll("^-+|-+$", "");
    return s.isEmpty() ? "x" : s;
  }
}
