package dev.bulwark.code.fix;

import dev.bulwark.code.fix.spi.Candidate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds a dependency to a pom.xml as text, so the rest of the file keeps its layout: into the
 * project's own {@code <dependencies>} (not the one inside {@code <dependencyManagement>}), or a
 * new section before {@code <build>} or at the end of the project.
 */
public final class PomEditor {
  private PomEditor() {}

  public static boolean declares(String pom, Candidate.Dependency d) {
    return Pattern.compile(
            "<groupId>\\s*"
                + Pattern.quote(d.groupId())
                + "\\s*</groupId>\\s*<artifactId>\\s*"
                + Pattern.quote(d.artifactId())
                + "\\s*</artifactId>")
        .matcher(pom)
        .find();
  }

  public static String add(String pom, Candidate.Dependency d) {
    if (declares(pom, d)) {
      return pom;
    }
    String masked = mask(pom, "dependencyManagement");
    masked = mask(masked, "plugins");
    masked = mask(masked, "profiles");
    Matcher close = Pattern.compile("</dependencies>").matcher(masked);
    if (close.find()) {
      int at = close.start();
      int lineStart = pom.lastIndexOf('\n', at - 1) + 1;
      String indent = pom.substring(lineStart, at);
      String inner = indent + (indent.contains("\t") ? "\t" : "  ");
      String block =
          inner
              + "<dependency>\n"
              + inner
              + "  <groupId>"
              + d.groupId()
              + "</groupId>\n"
              + inner
              + "  <artifactId>"
              + d.artifactId()
              + "</artifactId>\n"
              + inner
              + "  <version>"
              + d.version()
              + "</version>\n"
              + inner
              + "</dependency>\n";
      return pom.substring(0, lineStart) + block + pom.substring(lineStart);
    }
    String section =
        "  <dependencies>\n    <dependency>\n      <groupId>"
            + d.groupId()
            + "</groupId>\n      <artifactId>"
            + d.artifactId()
            + "</artifactId>\n      <version>"
            + d.version()
            + "</version>\n    </dependency>\n  </dependencies>\n";
    int build = masked.indexOf("<build>");
    if (build >= 0) {
      int lineStart = pom.lastIndexOf('\n', build - 1) + 1;
      return pom.substring(0, lineStart) + section + "\n" + pom.substring(lineStart);
    }
    int end = pom.lastIndexOf("</project>");
    if (end < 0) {
      throw new IllegalArgumentException("not a POM: no </project>");
    }
    return pom.substring(0, end) + section + pom.substring(end);
  }

  /** The text with an element's content blanked out (same length), so searches skip it. */
  private static String mask(String pom, String element) {
    StringBuilder out = new StringBuilder(pom);
    Matcher m =
        Pattern.compile("<" + element + ">.*?</" + element + ">", Pattern.DOTALL).matcher(pom);
    while (m.find()) {
      for (int i = m.start(); i < m.end(); i++) {
        if (out.charAt(i) != '\n') {
          out.setCharAt(i, ' ');
        }
      }
    }
    return out.toString();
  }
}
