package dev.bulwark.hygiene.passwords;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One login from a password manager export: where, who, the password, and when it was last changed
 * (when the export says). {@code toString} leaves the password out.
 */
public record Account(String site, String username, Password password, Optional<Instant> changed) {
  public Account {
    site = site == null || site.isBlank() ? "(no name)" : site.strip();
    username = username == null ? "" : username.strip();
    Objects.requireNonNull(password, "password");
    changed = changed == null ? Optional.empty() : changed;
  }

  /** How the account is named in reports: site and user, never the password. */
  public String label() {
    return username.isEmpty() ? site : site + " (" + username + ")";
  }

  @Override
  public String toString() {
    return "Account[" + label() + "]";
  }
}
