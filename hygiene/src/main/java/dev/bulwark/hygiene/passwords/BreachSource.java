package dev.bulwark.hygiene.passwords;

import java.io.IOException;
import java.util.Map;

/**
 * Pwned-Passwords-style k-anonymity lookups: given the first five hex digits of a SHA-1, every
 * known hash with that prefix (the 35-digit suffix, upper case) and how often it was seen. Only the
 * prefix ever leaves the caller.
 */
public interface BreachSource {
  Map<String, Integer> range(String prefix) throws IOException;

  /** Where the answers come from, for reports ("offline range file", the API's address). */
  String describe();

  static void requirePrefix(String prefix) {
    if (prefix == null || !prefix.matches("[0-9A-F]{5}")) {
      throw new IllegalArgumentException(
          "a range prefix is 5 upper-case hex digits, got '" + prefix + "'");
    }
  }
}
