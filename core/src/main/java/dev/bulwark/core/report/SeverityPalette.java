package dev.bulwark.core.report;

import dev.bulwark.core.model.Severity;
import java.util.EnumMap;
import java.util.Map;

/**
 * The one set of severity colours, light and dark, for every page Bulwark draws — the HTML report,
 * the console — so that critical is the same colour wherever a defender meets it.
 */
public final class SeverityPalette {
  private SeverityPalette() {}

  private static final Map<Severity, String> LIGHT = new EnumMap<>(Severity.class);
  private static final Map<Severity, String> DARK = new EnumMap<>(Severity.class);

  static {
    LIGHT.put(Severity.CRITICAL, "#7b2cbf");
    LIGHT.put(Severity.HIGH, "#c62828");
    LIGHT.put(Severity.MEDIUM, "#b26a00");
    LIGHT.put(Severity.LOW, "#1565c0");
    LIGHT.put(Severity.INFO, "#546e7a");
    DARK.put(Severity.CRITICAL, "#c77dff");
    DARK.put(Severity.HIGH, "#ff6b6b");
    DARK.put(Severity.MEDIUM, "#f0a530");
    DARK.put(Severity.LOW, "#58a6ff");
    DARK.put(Severity.INFO, "#9aa5b1");
  }

  /** The colour of a severity on a light or a dark background. */
  public static String color(Severity s, boolean dark) {
    return (dark ? DARK : LIGHT).get(s);
  }

  /** CSS custom properties {@code --critical:#…;--high:#…;…}, most severe first. */
  public static String cssVariables(boolean dark) {
    StringBuilder b = new StringBuilder();
    for (Severity s :
        new Severity[] {
          Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO
        }) {
      if (!b.isEmpty()) {
        b.append(';');
      }
      b.append("--").append(s.label()).append(':').append(color(s, dark));
    }
    return b.toString();
  }
}
