package dev.bulwark.threatmodel.model;

import java.util.Locale;
import java.util.Optional;

/** How secret a data asset is, in Threagile's order from public to strictly confidential. */
public enum Confidentiality {
  PUBLIC,
  INTERNAL,
  RESTRICTED,
  CONFIDENTIAL,
  STRICTLY_CONFIDENTIAL;

  /** The model files' spelling, e.g. {@code strictly-confidential}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<Confidentiality> parse(String text) {
    for (Confidentiality c : values()) {
      if (c.label().equalsIgnoreCase(text.trim())) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
