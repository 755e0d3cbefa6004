package dev.bulwark.attest.cert;

import dev.bulwark.core.errors.InputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading X.509 certificates from PEM text and base64 DER, and the two bundled NVIDIA roots. */
public final class Certificates {
  /** A chain file far larger than any real one (five certificates are about 5 KiB). */
  static final int MAX_PEM_BYTES = 1 << 20;

  private static final Pattern PEM =
      Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+?)-----END CERTIFICATE-----");

  private Certificates() {}

  /** The certificates of a PEM file, in file order. */
  public static List<X509Certificate> readPem(Path file) throws IOException, InputException {
    if (Files.size(file) > MAX_PEM_BYTES) {
      throw new InputException(
          file + ": larger than " + MAX_PEM_BYTES + " bytes, not a certificate chain");
    }
    return parsePem(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
  }

  public static List<X509Certificate> parsePem(String text, String source) throws InputException {
    List<X509Certificate> out = new ArrayList<>();
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      byte[] der;
      try {
        der = Base64.getMimeDecoder().decode(m.group(1).replaceAll("\\s", ""));
      } catch (IllegalArgumentException e) {
        throw new InputException(
            source + ": certificate " + (out.size() + 1) + " is not base64: " + e.getMessage());
      }
      out.add(der(der, source + ": certificate " + (out.size() + 1)));
    }
    if (out.isEmpty()) {
      throw new InputException(source + ": no PEM certificate in it");
    }
    return out;
  }

  public static X509Certificate der(byte[] der, String what) throws InputException {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new InputException(what + ": not an X.509 certificate: " + e.getMessage());
    }
  }

  /** NVIDIA's "Device Identity CA", the root GPU attestation chains end in. */
  public static X509Certificate deviceRoot() {
    return bundled("verifier_device_root.pem");
  }

  /** NVIDIA's "CoRIM signing Root CA", the root RIM signing chains end in. */
  public static X509Certificate rimRoot() {
    return bundled("verifier_RIM_root.pem");
  }

  private static X509Certificate bundled(String name) {
    try (InputStream in = Certificates.class.getResourceAsStream("/dev/bulwark/attest/" + name)) {
      if (in == null) {
        throw new IllegalStateException("bundled root " + name + " is missing from the jar");
      }
      return parsePem(new String(in.readAllBytes(), StandardCharsets.US_ASCII), name).get(0);
    } catch (IOException | InputException e) {
      throw new IllegalStateException("bundled root " + name + ": " + e.getMessage(), e);
    }
  }

  /** The common name of a certificate's subject, or its whole subject when it has none. */
  public static String commonName(X509Certificate c) {
    String dn = c.getSubjectX500Principal().getName();
    try {
      for (javax.naming.ldap.Rdn rdn : new javax.naming.ldap.LdapName(dn).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return String.valueOf(rdn.getValue());
        }
      }
    } catch (javax.naming.InvalidNameException e) {
      return dn;
    }
    return dn;
  }
}
