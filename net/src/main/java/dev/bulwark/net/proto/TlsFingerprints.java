package dev.bulwark.net.proto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * TLS client and server fingerprints: JA3 and JA3S (Salesforce; MD5 of the hello's version,
 * ciphers, extensions, groups and point formats) and JA4 (FoxIO; a readable prefix and truncated
 * SHA-256 of the sorted ciphers and extensions and the signature algorithms). GREASE values are
 * left out of all three.
 */
public final class TlsFingerprints {
  private TlsFingerprints() {}

  /** What a ClientHello offers, in the order it offers it. */
  public record ClientHello(
      int version,
      List<Integer> ciphers,
      List<Integer> extensions,
      List<Integer> groups,
      List<Integer> pointFormats,
      List<Integer> supportedVersions,
      List<Integer> signatureAlgorithms,
      String firstAlpn,
      boolean sni) {}

  /** GREASE values (RFC 8701) are 0x?a?a with both bytes equal. */
  static boolean grease(int v) {
    return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff);
  }

  private static List<Integer> real(List<Integer> xs) {
    List<Integer> out = new ArrayList<>(xs.size());
    for (int x : xs) {
      if (!grease(x)) {
        out.add(x);
      }
    }
    return out;
  }

  private static String dashed(List<Integer> xs) {
    StringBuilder s = new StringBuilder();
    for (int x : real(xs)) {
      if (s.length() > 0) {
        s.append('-');
      }
      s.append(x);
    }
    return s.toString();
  }

  public static String ja3String(ClientHello h) {
    return h.version()
        + ","
        + dashed(h.ciphers())
        + ","
        + dashed(h.extensions())
        + ","
        + dashed(h.groups())
        + ","
        + dashed(h.pointFormats());
  }

  public static String ja3(ClientHello h) {
    return md5(ja3String(h));
  }

  /** JA3S: MD5 of the ServerHello's version, chosen cipher and extensions. */
  public static String ja3s(int version, int cipher, List<Integer> extensions) {
    return md5(version + "," + cipher + "," + dashed(extensions));
  }

  /**
   * JA4 of a ClientHello: transport ({@code t} TCP, {@code d} DTLS, {@code q} QUIC), TLS version,
   * {@code d}/{@code i} for SNI present or not, cipher and extension counts, the first and last
   * characters of the first ALPN value; then hashes of the sorted cipher list, of the sorted
   * extensions without SNI and ALPN followed by the signature algorithms.
   */
  public static String ja4(ClientHello h, char transport) {
    List<Integer> ciphers = real(h.ciphers());
    List<Integer> exts = real(h.extensions());
    int best = h.version();
    for (int v : real(h.supportedVersions())) {
      if (best < 0x0300 || (v >= 0x0300 && v > best && v <= 0x0304)) {
        best = v;
      }
    }
    String version =
        switch (best) {
          case 0x0304 -> "13";
          case 0x0303 -> "12";
          case 0x0302 -> "11";
          case 0x0301 -> "10";
          case 0x0300 -> "s3";
          case 0x0002 -> "s2";
          case 0xfeff -> "d1";
          case 0xfefd -> "d2";
          case 0xfefc -> "d3";
          default -> "00";
        };
    String alpn = "00";
    if (h.firstAlpn() != null && !h.firstAlpn().isEmpty()) {
      String a = h.firstAlpn();
      char first = a.charAt(0);
      char last = a.charAt(a.length() - 1);
      if (alnum(first) && alnum(last)) {
        alpn = "" + first + last;
      } else {
        String hex = HexFormat.of().formatHex(a.getBytes(StandardCharsets.ISO_8859_1));
        alpn = "" + hex.charAt(0) + hex.charAt(hex.length() - 1);
      }
    }
    String a =
        transport
            + version
            + (h.sni() ? 'd' : 'i')
            + String.format(Locale.ROOT, "%02d", Math.min(99, ciphers.size()))
            + String.format(Locale.ROOT, "%02d", Math.min(99, exts.size()))
            + alpn;
    String b = ciphers.isEmpty() ? "000000000000" : sha12(hexSorted(ciphers));
    List<Integer> rest = new ArrayList<>();
    for (int e : exts) {
      if (e != 0 && e != 16) {
        rest.add(e);
      }
    }
    String extText = hexSorted(rest);
    List<Integer> sigs = real(h.signatureAlgorithms());
    if (!sigs.isEmpty()) {
      extText += "_" + hexInOrder(sigs);
    }
    String c = rest.isEmpty() ? "000000000000" : sha12(extText);
    return a + "_" + b + "_" + c;
  }

  private static boolean alnum(char c) {
    return c < 0x80 && Character.isLetterOrDigit(c);
  }

  private static String hexSorted(List<Integer> xs) {
    List<Integer> s = new ArrayList<>(xs);
    s.sort(null);
    return hexInOrder(s);
  }

  private static String hexInOrder(List<Integer> xs) {
    StringBuilder out = new StringBuilder();
    for (int x : xs) {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(String.format(Locale.ROOT, "%04x", x));
    }
    return out.toString();
  }

  private static String sha12(String s) {
    return digest("SHA-256", s).substring(0, 12);
  }

  private static String md5(String s) {
    return digest("MD5", s);
  }

  private static String digest(String alg, String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance(alg).digest(s.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(alg + " is part of every Java runtime", e);
    }
  }
}
