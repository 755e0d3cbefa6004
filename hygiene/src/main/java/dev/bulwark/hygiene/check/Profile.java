package dev.bulwark.hygiene.check;

import java.util.Locale;

/** Who the check-up is for: a profile decides which checks apply (an admin gets the most). */
public enum Profile {
  HOME,
  DEVELOPER,
  ADMIN;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Profile of(String id) {
    for (Profile p : values()) {
      if (p.id().equals(id)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown profile '" + id + "' (expected home, developer or admin)");
  }
}
