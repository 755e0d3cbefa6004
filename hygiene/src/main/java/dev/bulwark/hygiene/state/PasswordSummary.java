package dev.bulwark.hygiene.state;

import java.time.Instant;

/**
 * What is kept of a password audit: counts only — no site, no user, no password, no hash.
 *
 * @param breachChecked whether breached passwords were looked up (offline or online)
 */
public record PasswordSummary(
    Instant time,
    int accounts,
    int weak,
    int reused,
    int breached,
    int old,
    boolean breachChecked) {}
