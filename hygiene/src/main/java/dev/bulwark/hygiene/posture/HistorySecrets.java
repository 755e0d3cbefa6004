package dev.bulwark.hygiene.posture;

import java.util.List;

/**
 * Finds secrets in one line of shell history; returns the names of the kinds found (rule ids),
 * never the secret. The application plugs in Bulwark's secrets engine; {@link #BASIC} is the
 * fallback this module carries for command-line idioms.
 */
@FunctionalInterface
public interface HistorySecrets {
  List<String> kinds(String line);

  /** Passwords and tokens as they are typed on command lines. */
  HistorySecrets BASIC = new BasicHistorySecrets();
}
