package dev.bulwark.threatmodel.model;

import java.util.Locale;
import java.util.Optional;

/** How much integrity or availability matters, in Threagile's order from archive up. */
public enum Criticality {
  ARCHIVE,
  OPERATIONAL,
  IMPORTANT,
  CRITICAL,
  MISSION_CRITICAL;

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<Criticality> parse(String text) {
    for (Criticality c : values()) {
      if (c.label().equalsIgnoreCase(text.trim())) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
