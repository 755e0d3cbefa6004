package dev.bulwark.net.proto;

import dev.bulwark.net.zeek.LogSet;
import dev.bulwark.net.zeek.Schemas;
import dev.bulwark.net.zeek.ZeekLogWriter.Time;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.security.auth.x500.X500Principal;

/**
 * Certificates seen in TLS handshakes into x509.log, with the names and formats Zeek takes from
 * OpenSSL: RFC 2253 distinguished names with OpenSSL's short attribute names, algorithm long names,
 * the serial in upper-case hex. Each certificate is logged once per run, as Zeek logs a known
 * certificate once.
 */
public final class X509Log {
  private X509Log() {}

  /** OpenSSL's names of the distinguished-name attributes Java names only by OID. */
  static final Map<String, String> ATTRIBUTES =
      Map.of(
          "1.2.840.113549.1.9.1", "emailAddress",
          "2.5.4.5", "serialNumber",
          "2.5.4.4", "SN",
          "2.5.4.42", "GN",
          "2.5.4.12", "title",
          "2.5.4.46", "dnQualifier",
          "2.5.4.65", "pseudonym",
          "1.3.6.1.4.1.311.60.2.1.3", "jurisdictionC",
          "2.5.4.15", "businessCategory",
          "2.5.4.17", "postalCode");

  /** OpenSSL's long names of signature and key algorithms, by OID. */
  static final Map<String, String> ALGORITHMS =
      Map.ofEntries(
          Map.entry("1.2.840.113549.1.1.1", "rsaEncryption"),
          Map.entry("1.2.840.113549.1.1.4", "md5WithRSAEncryption"),
          Map.entry("1.2.840.113549.1.1.5", "sha1WithRSAEncryption"),
          Map.entry("1.2.840.113549.1.1.10", "rsassaPss"),
          Map.entry("1.2.840.113549.1.1.11", "sha256WithRSAEncryption"),
          Map.entry("1.2.840.113549.1.1.12", "sha384WithRSAEncryption"),
          Map.entry("1.2.840.113549.1.1.13", "sha512WithRSAEncryption"),
          Map.entry("1.2.840.113549.1.1.14", "sha224WithRSAEncryption"),
          Map.entry("1.2.840.10045.2.1", "id-ecPublicKey"),
          Map.entry("1.2.840.10045.4.1", "ecdsa-with-SHA1"),
          Map.entry("1.2.840.10045.4.3.1", "ecdsa-with-SHA224"),
          Map.entry("1.2.840.10045.4.3.2", "ecdsa-with-SHA256"),
          Map.entry("1.2.840.10045.4.3.3", "ecdsa-with-SHA384"),
          Map.entry("1.2.840.10045.4.3.4", "ecdsa-with-SHA512"),
          Map.entry("1.2.840.10040.4.1", "dsaEncryption"),
          Map.entry("1.2.840.10040.4.3", "dsaWithSHA1"),
          Map.entry("2.16.840.1.101.3.4.3.2", "dsa_with_SHA256"),
          Map.entry("1.3.101.112", "ED25519"),
          Map.entry("1.3.101.113", "ED448"),
          Map.entry("2.16.840.1.101.3.4.3.17", "ML-DSA-44"),
          Map.entry("2.16.840.1.101.3.4.3.18", "ML-DSA-65"),
          Map.entry("2.16.840.1.101.3.4.3.19", "ML-DSA-87"));

  /** Named curves by the DER of their OID, with OpenSSL's short names. */
  static final Map<String, String> CURVES =
      Map.of(
          "06082a8648ce3d030107", "prime256v1",
          "06052b81040022", "secp384r1",
          "06052b81040023", "secp521r1",
          "06082a8648ce3d030101", "prime192v1",
          "06052b81040021", "secp224r1",
          "06052b8104000a", "secp256k1");

  /** The fields of one x509.log record, {@code null} for unset. */
  public record Cert(
      int version,
      String serial,
      String subject,
      String issuer,
      long notBeforeNanos,
      long notAfterNanos,
      String keyAlg,
      String sigAlg,
      String keyType,
      Integer keyLength,
      String exponent,
      String curve,
      List<String> dns,
      List<String> uri,
      List<String> email,
      List<String> ip,
      Boolean ca,
      Integer pathLen) {}

  /** Reads a DER certificate; {@code null} when Java cannot parse it. */
  public static Cert read(byte[] der, int off, int len) {
    X509Certificate x;
    try {
      x =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(der, off, len));
    } catch (Exception | LinkageError unparsable) {
      return null;
    }
    String serial = x.getSerialNumber().abs().toString(16).toUpperCase(Locale.ROOT);
    if (serial.length() % 2 == 1) {
      serial = "0" + serial;
    }
    PublicKey key = x.getPublicKey();
    byte[] spki = key.getEncoded();
    String keyOid = spkiAlgorithm(spki);
    String keyAlg = keyOid == null ? key.getAlgorithm() : ALGORITHMS.getOrDefault(keyOid, keyOid);
    String sigAlg = ALGORITHMS.getOrDefault(x.getSigAlgOID(), x.getSigAlgName());
    String keyType = null;
    Integer keyLength = null;
    String exponent = null;
    String curve = null;
    switch (key) {
      case RSAPublicKey r -> {
        keyType = "rsa";
        keyLength = r.getModulus().bitLength();
        exponent = r.getPublicExponent().toString();
      }
      case DSAPublicKey d -> {
        keyType = "dsa";
        keyLength = d.getParams() == null ? null : d.getParams().getP().bitLength();
      }
      case ECPublicKey e -> {
        keyType = "ecdsa";
        keyLength = e.getParams().getCurve().getField().getFieldSize();
        curve = curve(spki);
      }
      default -> {
        if (keyAlg.startsWith("ML-DSA")) {
          // OpenSSL names the type by the algorithm and measures the raw public key in bits
          keyType = keyAlg;
          int raw = bitStringLength(spki);
          keyLength = raw < 0 ? null : raw * 8;
        }
      }
    }
    List<String> dns = new ArrayList<>();
    List<String> uri = new ArrayList<>();
    List<String> email = new ArrayList<>();
    List<String> ip = new ArrayList<>();
    try {
      Collection<List<?>> sans = x.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          Object kind = san.get(0);
          String v = String.valueOf(san.get(1));
          if (Integer.valueOf(2).equals(kind)) {
            dns.add(v);
          } else if (Integer.valueOf(6).equals(kind)) {
            uri.add(v);
          } else if (Integer.valueOf(1).equals(kind)) {
            email.add(v);
          } else if (Integer.valueOf(7).equals(kind)) {
            ip.add(v);
          }
        }
      }
    } catch (Exception malformed) {
      // names that do not parse are left out
    }
    Boolean ca = null;
    Integer pathLen = null;
    if (x.getExtensionValue("2.5.29.19") != null) {
      int bc = x.getBasicConstraints();
      ca = bc != -1;
      if (bc >= 0 && bc != Integer.MAX_VALUE) {
        pathLen = bc;
      }
    }
    return new Cert(
        x.getVersion(),
        serial,
        name(x.getSubjectX500Principal()),
        name(x.getIssuerX500Principal()),
        x.getNotBefore().getTime() * 1_000_000L,
        x.getNotAfter().getTime() * 1_000_000L,
        keyAlg,
        sigAlg,
        keyType,
        keyLength,
        exponent,
        curve,
        dns.isEmpty() ? null : dns,
        uri.isEmpty() ? null : uri,
        email.isEmpty() ? null : email,
        ip.isEmpty() ? null : ip,
        ca,
        pathLen);
  }

  static String name(X500Principal p) {
    return p.getName(X500Principal.RFC2253, ATTRIBUTES);
  }

  /** The algorithm OID of a SubjectPublicKeyInfo (its first OID). */
  static String spkiAlgorithm(byte[] spki) {
    for (int i = 0; i + 2 < spki.length && i < 32; i++) {
      if (spki[i] == 0x06) {
        int n = spki[i + 1] & 0xff;
        if (n < 0x80 && i + 2 + n <= spki.length) {
          return oid(spki, i + 2, n);
        }
      }
    }
    return null;
  }

  static String oid(byte[] b, int off, int len) {
    StringBuilder s = new StringBuilder();
    BigInteger v = BigInteger.ZERO;
    boolean first = true;
    for (int i = off; i < off + len; i++) {
      v = v.shiftLeft(7).or(BigInteger.valueOf(b[i] & 0x7f));
      if ((b[i] & 0x80) == 0) {
        if (first) {
          int x = v.intValue();
          int a = Math.min(2, x / 40);
          s.append(a).append('.').append(v.subtract(BigInteger.valueOf(a * 40L)));
          first = false;
        } else {
          s.append('.').append(v);
        }
        v = BigInteger.ZERO;
      }
    }
    return s.toString();
  }

  private static String curve(byte[] spki) {
    String hex = HexFormat.of().formatHex(spki, 0, Math.min(spki.length, 40));
    for (var e : CURVES.entrySet()) {
      if (hex.contains(e.getKey())) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Bytes of the public key inside a SubjectPublicKeyInfo's BIT STRING, or -1. */
  static int bitStringLength(byte[] spki) {
    // SEQUENCE { SEQUENCE { OID … }, BIT STRING }
    int[] outer = element(spki, 0, 0x30);
    if (outer == null) {
      return -1;
    }
    int[] alg = element(spki, outer[0], 0x30);
    if (alg == null) {
      return -1;
    }
    int[] bits = element(spki, alg[0] + alg[1], 0x03);
    return bits == null || bits[1] < 1 ? -1 : bits[1] - 1; // less the unused-bits byte
  }

  /** A DER element with the given tag at {@code at}: where its value starts and its length. */
  static int[] element(byte[] b, int at, int tag) {
    if (at < 0 || at + 2 > b.length || (b[at] & 0xff) != tag) {
      return null;
    }
    int first = b[at + 1] & 0xff;
    if (first < 0x80) {
      return at + 2 + first <= b.length ? new int[] {at + 2, first} : null;
    }
    int k = first & 0x7f;
    if (k == 0 || k > 3 || at + 2 + k > b.length) {
      return null;
    }
    int n = 0;
    for (int j = 0; j < k; j++) {
      n = n << 8 | (b[at + 2 + j] & 0xff);
    }
    int start = at + 2 + k;
    return start + n <= b.length ? new int[] {start, n} : null;
  }

  /** Writes one certificate, unless this run logged it already. */
  static void log(
      LogSet logs,
      long ts,
      String fingerprint,
      byte[] der,
      int off,
      int len,
      boolean host,
      boolean client) {
    if (!logs.wants("x509") || !logs.once("x509:" + fingerprint)) {
      return;
    }
    Cert c = read(der, off, len);
    if (c == null) {
      return;
    }
    logs.write(
        "x509",
        Schemas.X509,
        new Time(ts),
        fingerprint,
        c.version(),
        c.serial(),
        c.subject(),
        c.issuer(),
        new Time(c.notBeforeNanos()),
        new Time(c.notAfterNanos()),
        c.keyAlg(),
        c.sigAlg(),
        c.keyType(),
        c.keyLength(),
        c.exponent(),
        c.curve(),
        c.dns(),
        c.uri(),
        c.email(),
        c.ip(),
        c.ca(),
        c.pathLen(),
        host,
        client);
  }
}
