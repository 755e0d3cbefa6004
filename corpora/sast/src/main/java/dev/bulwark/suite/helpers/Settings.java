package dev.bulwark.suite.helpers;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Settings from suite.properties on the class path. */
public final class Settings {
  private static final Properties PROPS = new Properties();

  static {
    try (InputStream in = Settings.class.getClassLoader().getResourceAsStream("suite.properties")) {
      if (in != null) {
        PROPS.load(in);
      }
    } catch (IOException e) {
      // defaults apply
    }
  }

  private Settings() {}

  public static String get(String key, String fallback) {
    return PROPS.getProperty(key, fallback);
  }
}
