package dev.bulwark.secrets.engine;

import dev.bulwark.core.model.Fingerprint;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value found in a file. Its {@code toString} is redacted — a short prefix and a hash — so
 * that it cannot leak into a log or report by accident; the raw value is only reachable through
 * {@link #reveal()}.
 */
public final class Secret {
  private final String value;
  private final String sha256;

  public Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
    this.sha256 = Fingerprint.sha256Hex(value);
  }

  /** The raw value. Call only to validate or compare, never to print. */
  public String reveal() {
    return value;
  }

  public int length() {
    return value.length();
  }

  /** Hex SHA-256 of the value, for fingerprints and baselines. */
  public String sha256() {
    return sha256;
  }

  /**
   * The redacted form shown in every output: up to four leading characters (fewer for short values)
   * and the first eight hex digits of the SHA-256, e.g. {@code ghp_…#3fa2c1d0}.
   */
  public String redacted() {
    return redact(value, sha256);
  }

  static String redact(String value, String sha256) {
    String hash = "…#" + sha256.substring(0, 8);
    // Parts that are not secret make the redacted form recognisable: a PEM block's header line,
    // a URL's scheme and host.
    if (value.startsWith("-----BEGIN ")) {
      int end = value.indexOf("-----", 11);
      if (end > 0) {
        return value.substring(0, end + 5) + hash;
      }
    }
    java.util.regex.Matcher url = URL_HOST.matcher(value);
    if (url.lookingAt()) {
      return url.group() + hash;
    }
    int keep = Math.min(4, value.length() / 4);
    return value.substring(0, keep) + hash;
  }

  private static final java.util.regex.Pattern URL_HOST =
      java.util.regex.Pattern.compile("[a-z][a-z0-9+.-]*://[A-Za-z0-9.-]+/");

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return sha256.hashCode();
  }

  @Override
  public String toString() {
    return redacted();
  }
}
