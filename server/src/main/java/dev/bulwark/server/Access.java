package dev.bulwark.server;

import dev.bulwark.store.Accounts.Role;

/**
 * Who may call a route. Every route declares one and the dispatcher enforces it before the handler
 * runs and before the request body is read, so no handler can forget to check.
 */
enum Access {
  /**
   * Anyone: the health and readiness checks, the sign-in page and form, the console's static
   * assets.
   */
  PUBLIC(null),
  VIEWER(Role.VIEWER),
  ANALYST(Role.ANALYST),
  ADMIN(Role.ADMIN);

  private final Role role;

  Access(Role role) {
    this.role = role;
  }

  /** The least role that may call, or null for public routes. */
  Role role() {
    return role;
  }

  boolean allows(Role r) {
    return role == null || (r != null && r.atLeast(role));
  }
}
