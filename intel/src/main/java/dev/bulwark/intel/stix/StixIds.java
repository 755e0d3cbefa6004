package dev.bulwark.intel.stix;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Deterministic STIX identifiers: UUIDv5 in the STIX namespace (STIX 2.1 §2.9), so that importing
 * the same KEV entry or MISP actor twice yields the same object and the store merges it.
 */
public final class StixIds {
  /** The namespace STIX 2.1 defines for deterministic identifiers of cyber observables. */
  static final UUID STIX_NAMESPACE = UUID.fromString("00abedb4-aa42-466c-9c01-fed23315a9b7");

  private StixIds() {}

  /** {@code type--uuid5(namespace, name)}. */
  public static String of(String type, String name) {
    return type + "--" + uuid5(STIX_NAMESPACE, name);
  }

  static UUID uuid5(UUID namespace, String name) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      ByteBuffer ns = ByteBuffer.allocate(16);
      ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
      sha1.update(ns.array());
      sha1.update(name.getBytes(StandardCharsets.UTF_8));
      byte[] h = sha1.digest();
      h[6] = (byte) ((h[6] & 0x0f) | 0x50);
      h[8] = (byte) ((h[8] & 0x3f) | 0x80);
      ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
      return new UUID(b.getLong(), b.getLong());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  }

  /** A STIX timestamp (RFC 3339, UTC, millisecond precision). */
  public static String timestamp(Instant t) {
    return DateTimeFormatter.ISO_INSTANT
        .format(t.truncatedTo(ChronoUnit.MILLIS))
        .replaceFirst("(\\d{2}:\\d{2}:\\d{2})Z$", "$1.000Z");
  }
}
