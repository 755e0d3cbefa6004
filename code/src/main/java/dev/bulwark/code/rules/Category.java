package dev.bulwark.code.rules;

import java.util.Locale;

/**
 * The kinds of injection a value can be dangerous for. A sanitizer cleanses a value for some
 * categories only: HTML encoding makes it safe in a page, not in a SQL statement.
 */
public enum Category {
  SQL,
  COMMAND,
  PATH,
  XSS,
  LDAP,
  XPATH,
  EXPRESSION,
  CODE,
  HEADER,
  LOG,
  TRUST_BOUNDARY,
  DESERIALIZATION,
  JNDI,
  REDIRECT,
  SSRF;

  public static Category parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown category '" + text + "'", e);
    }
  }
}
