package dev.bulwark.attest.claims;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.attest.cert.ChainResult;
import dev.bulwark.attest.verify.Check;
import dev.bulwark.attest.verify.CheckId;
import dev.bulwark.attest.verify.Verification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The claims NVIDIA's SDK issues for an appraisal, in its 2.0 and 3.0 layouts: per-GPU ("detached")
 * claims and the platform ("overall") claims that bind them by digest. Booleans follow the checks;
 * in 3.0 a check that did not run is null, in 2.0 false, as the SDK does.
 */
public final class Claims {
  public static final String ISSUER = "LOCAL_GPU_VERIFIER";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter EXPIRY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  private Claims() {}

  /**
   * The claim set of one GPU, without the time-dependent {@code nbf}, {@code exp}, {@code iat},
   * {@code jti}.
   */
  public static ObjectNode detachedBody(Verification v, ClaimsVersion version) {
    ObjectNode c = JSON.createObjectNode();
    c.put("measres", v.measurementsMatch() ? "success" : "fail");
    flag(c, version, "x-nvidia-gpu-arch-check", v.check(CheckId.GPU_ARCH));
    c.put("x-nvidia-gpu-driver-version", v.report().driverVersion());
    c.put("x-nvidia-gpu-vbios-version", v.report().vbiosVersion().toUpperCase(Locale.ROOT));
    if (version == ClaimsVersion.V2) {
      c.put("x-nvidia-gpu-attestation-report-cert-chain-validated", gpuChainOk(v));
    } else {
      c.set("x-nvidia-gpu-attestation-report-cert-chain", chain(Optional.of(v.gpuChain())));
      flag(
          c,
          version,
          "x-nvidia-gpu-attestation-report-cert-chain-fwid-match",
          v.check(CheckId.GPU_CERT_FWID));
    }
    flag(c, version, "x-nvidia-gpu-attestation-report-parsed", v.check(CheckId.REPORT_PARSED));
    flag(c, version, "x-nvidia-gpu-attestation-report-nonce-match", v.check(CheckId.NONCE_MATCH));
    flag(
        c,
        version,
        "x-nvidia-gpu-attestation-report-signature-verified",
        v.check(CheckId.REPORT_SIGNATURE));
    rim(
        c,
        version,
        v,
        "driver",
        v.driverRimChain(),
        CheckId.DRIVER_RIM_FETCHED,
        CheckId.DRIVER_RIM_SCHEMA,
        CheckId.DRIVER_RIM_CERT_CHAIN,
        CheckId.DRIVER_RIM_SIGNATURE,
        CheckId.DRIVER_RIM_VERSION,
        CheckId.DRIVER_RIM_MEASUREMENTS);
    rim(
        c,
        version,
        v,
        "vbios",
        v.vbiosRimChain(),
        CheckId.VBIOS_RIM_FETCHED,
        CheckId.VBIOS_RIM_SCHEMA,
        CheckId.VBIOS_RIM_CERT_CHAIN,
        CheckId.VBIOS_RIM_SIGNATURE,
        CheckId.VBIOS_RIM_VERSION,
        CheckId.VBIOS_RIM_MEASUREMENTS);
    flag(c, version, "x-nvidia-gpu-vbios-index-no-conflict", v.check(CheckId.INDEX_NO_CONFLICT));
    if (v.measurementsMatch()) {
      c.put("secboot", true);
      c.put("dbgstat", "disabled");
    }
    c.put("eat_nonce", v.nonceHex());
    c.put("hwmodel", v.hwmodel());
    c.put("ueid", v.ueid());
    c.put("oemid", v.oemid());
    c.put("iss", ISSUER);
    if (v.check(CheckId.GPU_CERT_OCSP).status() == Check.Status.NOT_CHECKED) {
      c.put("x-nvidia-attestation-warning", "OCSP NOT CHECKED: OFFLINE VERIFICATION");
    }
    return c;
  }

  /**
   * The claim set of one GPU as issued at {@code now}: valid from two minutes before, for an hour.
   */
  public static ObjectNode detached(Verification v, ClaimsVersion version, Instant now) {
    ObjectNode c = detachedBody(v, version);
    times(c, now);
    return c;
  }

  /**
   * The platform claims over the GPUs' claim bodies (by name, {@code GPU-0} …): the overall result
   * is true when every GPU passed, and each GPU's body is bound by its SHA-256.
   */
  public static ObjectNode overall(
      Map<String, ObjectNode> bodies,
      boolean overallResult,
      String nonceHex,
      ClaimsVersion version,
      Instant now) {
    ObjectNode c = JSON.createObjectNode();
    c.put("sub", "NVIDIA-PLATFORM-ATTESTATION");
    times(c, now);
    c.put("x-nvidia-ver", version.text());
    c.put("iss", ISSUER);
    c.put("x-nvidia-overall-att-result", overallResult);
    ObjectNode submods = c.putObject("submods");
    for (Map.Entry<String, ObjectNode> e : bodies.entrySet()) {
      submods.putArray(e.getKey()).add("DIGEST").addArray().add("SHA256").add(digest(e.getValue()));
    }
    c.put("eat_nonce", nonceHex);
    return c;
  }

  /** Overall and detached claims of one GPU's appraisal, as the policy and the reports use them. */
  public record Set(ObjectNode overall, Map<String, ObjectNode> detached) {}

  public static Set of(Verification v, ClaimsVersion version, Instant now) {
    ObjectNode body = detachedBody(v, version);
    Map<String, ObjectNode> bodies = new LinkedHashMap<>();
    bodies.put("GPU-0", body);
    ObjectNode overall = overall(bodies, v.overall(), v.nonceHex(), version, now);
    ObjectNode issued = body.deepCopy();
    times(issued, now);
    return new Set(overall, Map.of("GPU-0", issued));
  }

  /** SHA-256, hex, of the claims as Python's {@code json.dumps} writes them. */
  public static String digest(ObjectNode body) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(PythonJson.dumps(body).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static void times(ObjectNode c, Instant now) {
    long t = now.getEpochSecond();
    c.put("nbf", t - 120);
    c.put("exp", t + 3600);
    c.put("iat", t);
    c.put("jti", UUID.randomUUID().toString());
  }

  private static boolean gpuChainOk(Verification v) {
    return v.passed(CheckId.GPU_CERT_CHAIN_LENGTH)
        && v.passed(CheckId.GPU_CERT_CHAIN)
        && v.check(CheckId.GPU_CERT_FWID).status() != Check.Status.FAIL;
  }

  private static void rim(
      ObjectNode c,
      ClaimsVersion version,
      Verification v,
      String kind,
      Optional<ChainResult> chain,
      CheckId fetched,
      CheckId schema,
      CheckId certs,
      CheckId signature,
      CheckId versionMatch,
      CheckId measurements) {
    String p = "x-nvidia-gpu-" + kind + "-rim-";
    flag(c, version, p + "fetched", v.check(fetched));
    flag(c, version, p + "schema-validated", v.check(schema));
    if (version == ClaimsVersion.V2) {
      c.put(p + "cert-validated", v.passed(certs));
      flag(c, version, p + "signature-verified", v.check(signature));
      flag(c, version, p + "measurements-available", v.check(measurements));
    } else {
      c.set(p + "cert-chain", chain(chain));
      flag(c, version, p + "signature-verified", v.check(signature));
      flag(c, version, p + "version-match", v.check(versionMatch));
      flag(c, version, p + "measurements-available", v.check(measurements));
    }
  }

  private static ObjectNode chain(Optional<ChainResult> chain) {
    ObjectNode o = JSON.createObjectNode();
    if (chain.isEmpty()) {
      o.putNull("x-nvidia-cert-expiration-date");
      o.putNull("x-nvidia-cert-status");
    } else {
      ChainResult r = chain.get();
      if (r.expiration() == null) {
        o.putNull("x-nvidia-cert-expiration-date");
      } else {
        o.put(
            "x-nvidia-cert-expiration-date",
            EXPIRY.format(LocalDateTime.ofInstant(r.expiration(), ZoneOffset.UTC)));
      }
      o.put("x-nvidia-cert-status", r.status());
    }
    // offline, revocation is unknown; NVIDIA's word for a status it could not learn
    o.put("x-nvidia-cert-ocsp-status", "unknown");
    o.putNull("x-nvidia-cert-revocation-reason");
    return o;
  }

  private static void flag(ObjectNode c, ClaimsVersion version, String name, Check check) {
    switch (check.status()) {
      case PASS -> c.put(name, true);
      case FAIL -> c.put(name, false);
      default -> {
        if (version == ClaimsVersion.V2) {
          c.put(name, false);
        } else {
          c.putNull(name);
        }
      }
    }
  }
}
