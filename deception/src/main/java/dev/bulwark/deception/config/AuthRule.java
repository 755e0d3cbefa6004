package dev.bulwark.deception.config;

import java.util.Objects;

/**
 * One credential the honeypot accepts: a user name and password ({@code *} for any), accepted only
 * after {@code after} failed attempts from the same source address, as real hosts with weak
 * passwords look to a brute-forcing bot. {@code publickey} rules accept any offered key for the
 * user (the key is recorded).
 */
public record AuthRule(String user, String password, int after, boolean publickey) {
  public AuthRule {
    Objects.requireNonNull(user, "user");
    if (after < 0) {
      throw new IllegalArgumentException("after must be 0 or more: " + after);
    }
    if (!publickey) {
      Objects.requireNonNull(password, "password");
    }
  }

  public boolean matches(String u, String p, int failuresBefore) {
    return !publickey
        && (user.equals("*") || user.equals(u))
        && (password.equals("*") || password.equals(p))
        && failuresBefore >= after;
  }

  public boolean matchesKey(String u) {
    return publickey && (user.equals("*") || user.equals(u));
  }
}
