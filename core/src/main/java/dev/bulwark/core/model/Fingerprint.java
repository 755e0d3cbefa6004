package dev.bulwark.core.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable finding identifiers. A fingerprint hashes the rule, the file and what the analyzer says
 * identifies the issue (a secret's hash, a normalised statement) — never line numbers, so the same
 * issue keeps its id when code moves or is reformatted.
 */
public final class Fingerprint {
  private static final String VERSION = "bulwark-fp/1";

  private Fingerprint() {}

  /**
   * Computes a fingerprint. Identity parts are normalised by {@link #normalize(String)} so that
   * whitespace changes do not alter the id.
   */
  public static String of(String ruleId, String path, String... identity) {
    StringBuilder material = new StringBuilder(VERSION).append('\n').append(ruleId).append('\n');
    material.append(path == null ? "" : path).append('\n');
    for (String part : identity) {
      material.append(normalize(part)).append('\n');
    }
    return sha256Hex(material.toString()).substring(0, 32);
  }

  /** Removes all whitespace, so that re-indentation and re-wrapping keep the same identity. */
  public static String normalize(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Hex SHA-256 of the UTF-8 bytes of {@code text}. */
  public static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
