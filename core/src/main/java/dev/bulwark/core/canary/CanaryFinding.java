package dev.bulwark.core.canary;

import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Severity;
import java.time.Instant;
import java.util.Objects;

/**
 * A canary call-back as a finding in the common model, so it is triaged, exported (JSON, SARIF) and
 * counted like every other finding. Its fingerprint is made of the token and the caller's address:
 * the same caller touching the same token again updates one finding (its latest time and user
 * agent), while a second caller, or a second token, is a finding of its own.
 */
public final class CanaryFinding {
  public static final String ANALYZER = "canary";
  public static final String RULE = "canary-token-triggered";

  private CanaryFinding() {}

  /**
   * What the server knows of the token that called back; {@code kind} and {@code memo} are null
   * when the token is not in the team's registry (made offline, or elsewhere).
   */
  public record Token(String id, String kind, String memo) {
    public Token {
      Objects.requireNonNull(id, "id");
    }
  }

  /**
   * The finding for one call-back: {@code channel} is how it arrived ({@code http} or {@code dns});
   * {@code userAgent} may be null.
   */
  public static Finding of(
      Token token, Instant time, String source, String userAgent, String channel) {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(source, "source");
    boolean known = token.kind() != null;
    String where = token.memo() == null || token.memo().isBlank() ? null : token.memo();
    StringBuilder message = new StringBuilder();
    message
        .append("Canary token ")
        .append(token.id())
        .append(known ? " (" + token.kind() + ")" : " (not in the team's registry)");
    if (where != null) {
      message.append(", planted at: ").append(where);
    }
    message.append(", was used at ").append(time).append(" from ").append(source);
    if ("dns".equals(channel)) {
      // a DNS lookup reaches the zone through the requester's resolver, not from the requester
      message.append(" (the resolver that looked up its name)");
    } else if (userAgent != null && !userAgent.isBlank()) {
      message.append(" with user agent \"").append(userAgent).append('"');
    }
    message.append(
        ". A canary has no legitimate use: whoever holds it read the place it was planted.");
    return Finding.builder(ANALYZER, RULE)
        .title(
            "Canary token triggered"
                + (where != null ? ": " + where : known ? ": " + token.kind() : ""))
        .message(message.toString())
        .severity(Severity.HIGH)
        .confidence(Confidence.HIGH)
        .location(new Location.Host(null, source))
        .remediation(
            "Treat the place the token was planted as read by someone else: find who could reach it"
                + " (access logs around the time), rotate real credentials kept beside it, and"
                + " plant a new token.")
        .property("canaryToken", token.id())
        .property("canaryKind", token.kind())
        .property("canaryMemo", where)
        .property("canaryChannel", channel)
        .property("source", source)
        .property("userAgent", userAgent)
        .property("time", time.toString())
        .identity(token.id())
        .build();
  }
}
