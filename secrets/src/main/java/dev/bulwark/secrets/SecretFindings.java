package dev.bulwark.secrets;

import dev.bulwark.core.canary.CanaryRegistry;
import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Region;
import dev.bulwark.core.model.Severity;
import dev.bulwark.secrets.engine.Entropy;
import dev.bulwark.secrets.engine.SecretMatch;
import dev.bulwark.secrets.rules.SecretRule;

/** Turns engine matches into findings; the secret appears only in redacted form. */
final class SecretFindings {
  static final String ANALYZER = "secrets";

  private SecretFindings() {}

  static Region region(SecretMatch m) {
    return new Region(m.startLine(), m.startColumn(), m.endLine(), m.endColumn());
  }

  static Finding.Builder builder(SecretMatch m, String path, Location location, boolean testPath) {
    SecretRule rule = m.rule();
    Confidence confidence = testPath ? Confidence.LOW : rule.confidence();
    String redacted = m.secret().redacted();
    Finding.Builder b =
        Finding.builder(ANALYZER, rule.id())
            .title(rule.name())
            .message(
                rule.name()
                    + " "
                    + redacted
                    + (testPath
                        ? " is hard-coded in a test path: probably a throwaway value, but verify."
                        : " is hard-coded."))
            .severity(rule.severity())
            .confidence(confidence)
            .location(location)
            .taxa(rule.taxa())
            .remediation(rule.remediation())
            .identity(m.secret().sha256())
            .property(SecretProperties.CATEGORY, rule.category().label())
            .property(SecretProperties.PROVIDER, rule.provider())
            .property(SecretProperties.SECRET_HASH, m.secret().sha256().substring(0, 8))
            .property(SecretProperties.ENTROPY, Entropy.shannon(m.secret().reveal()))
            .property(SecretProperties.KEY, m.key());
    if (testPath) {
      b.property(SecretProperties.CONTEXT, "test");
    }
    return b;
  }

  static Finding finding(SecretMatch m, String path, boolean testPath) {
    return builder(m, path, new Location.File(path, region(m), m.snippet()), testPath).build();
  }

  /**
   * A match that is one of Bulwark's own canary tokens: not a leak to rotate but a tripwire, named
   * as such, high because the token exists only to be found by someone who then uses it.
   */
  static Finding canary(SecretMatch m, String path, CanaryRegistry.Mark mark) {
    Location location = new Location.File(path, region(m), m.snippet());
    return builder(m, path, location, false)
        .title("Canary token — someone is using it")
        .message(
            "Canary token "
                + mark.id()
                + " ("
                + mark.kind()
                + "), looking like a "
                + m.rule().name()
                + ": a decoy from Bulwark's canary registry, not a leaked credential. Whoever"
                + " copies and uses it sets off its alert.")
        .severity(Severity.HIGH)
        .confidence(Confidence.HIGH)
        .remediation(
            "Leave it planted if it was put here on purpose; a call-back from it is an intrusion"
                + " to investigate.")
        .property(SecretProperties.CANARY, mark.id())
        .build();
  }
}
