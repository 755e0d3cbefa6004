package dev.bulwark.core.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The name and version of the running Bulwark, as reports state it. */
public record ToolInfo(String name, String version, String informationUri) {

  private static final ToolInfo CURRENT = load();

  public static ToolInfo current() {
    return CURRENT;
  }

  private static ToolInfo load() {
    Properties p = new Properties();
    try (InputStream in =
        ToolInfo.class.getResourceAsStream("/dev/bulwark/core/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Bulwark's version resource", e);
    }
    return new ToolInfo(
        "Bulwark", p.getProperty("version", "0.0.0-dev"), "https://github.com/bulwark-dev/bulwark");
  }
}
