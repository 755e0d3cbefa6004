package dev.bulwark.attest.verify;

import dev.bulwark.attest.cert.Certificates;
import dev.bulwark.attest.cert.ChainResult;
import dev.bulwark.attest.cert.ChainValidator;
import dev.bulwark.attest.cert.Fwid;
import dev.bulwark.attest.evidence.AttestationReport;
import dev.bulwark.attest.evidence.HexText;
import dev.bulwark.attest.rim.GoldenMeasurement;
import dev.bulwark.attest.rim.Rim;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Appraises a GPU's attestation evidence offline, following NVIDIA's local verifier step by step
 * (chain, FWID binding, nonce, signature, RIMs, golden measurements). Unlike it, every check runs
 * and is reported even after one fails, so a report names every problem at once; the verdict is the
 * same, since any failure fails the whole.
 */
public final class GpuVerifier {
  /** The chain NVIDIA's verifier accepts: leaf, BROM, provisioner ICA, identity, root. */
  public static final int GPU_CHAIN_LENGTH = 5;

  private final X509Certificate deviceRoot;
  private final X509Certificate rimRoot;

  public GpuVerifier(X509Certificate deviceRoot, X509Certificate rimRoot) {
    this.deviceRoot = deviceRoot;
    this.rimRoot = rimRoot;
  }

  /** A verifier trusting NVIDIA's bundled roots. */
  public static GpuVerifier withNvidiaRoots() {
    return new GpuVerifier(Certificates.deviceRoot(), Certificates.rimRoot());
  }

  public Verification verify(Evidence e, Instant at) {
    AttestationReport r = e.report();
    List<Check> checks = new ArrayList<>();
    checks.add(
        Check.pass(
            CheckId.REPORT_PARSED,
            r.blocks().size() + " measurement blocks, " + r.opaque().size() + " opaque fields"));

    List<X509Certificate> gpu = ChainValidator.anchored(e.chain(), deviceRoot);
    String hwmodel = gpu.size() > 1 ? Certificates.commonName(gpu.get(1)) : "";
    checks.add(
        Check.of(
            CheckId.GPU_ARCH,
            hwmodel.startsWith("GH100"),
            "Hopper (" + hwmodel + ")",
            "not a Hopper part: chain certificate 1 is '" + hwmodel + "'"));
    checks.add(
        Check.of(
            CheckId.GPU_CERT_CHAIN_LENGTH,
            gpu.size() == GPU_CHAIN_LENGTH,
            GPU_CHAIN_LENGTH + " certificates",
            gpu.size()
                + " certificates after anchoring to the root, expected "
                + GPU_CHAIN_LENGTH));
    ChainResult gpuChain = ChainValidator.validate(gpu, at);
    checks.add(
        Check.of(
            CheckId.GPU_CERT_CHAIN,
            gpuChain.valid(),
            "valid at " + at + ", earliest expiry " + gpuChain.expiration(),
            gpuChain.status() + ": " + gpuChain.error()));
    checks.add(fwid(r, e.chain()));
    checks.add(
        new Check(
            CheckId.GPU_CERT_OCSP,
            Check.Status.NOT_CHECKED,
            "offline: revocation is not checked (OCSP needs NVIDIA's responder)"));
    checks.add(nonce(r, e.nonce()));
    checks.add(signature(r, e.chain()));

    Optional<ChainResult> driverChain =
        rimChecks(checks, "driver", e.driverRim(), r.driverVersion(), at, RimKind.DRIVER);
    Optional<ChainResult> vbiosChain =
        rimChecks(checks, "VBIOS", e.vbiosRim(), r.vbiosVersion(), at, RimKind.VBIOS);

    Comparison cmp = compare(r, e.driverRim(), e.vbiosRim());
    checks.add(
        Check.of(
            CheckId.INDEX_NO_CONFLICT,
            cmp.conflicts.isEmpty(),
            "driver and VBIOS RIMs cover distinct indexes",
            "indexes active in both RIMs: " + cmp.conflicts));
    checks.add(cmp.check);

    return new Verification(
        r,
        at,
        checks,
        cmp.golden,
        cmp.mismatches,
        gpuChain,
        driverChain,
        vbiosChain,
        HexText.of(e.nonce()),
        hwmodel,
        e.chain().isEmpty() ? "" : e.chain().get(0).getSerialNumber().toString(),
        e.driverRim().map(Rim::firmwareManufacturerId).orElse(""));
  }

  private static Check fwid(AttestationReport r, List<X509Certificate> chain) {
    Optional<byte[]> reported = r.fwid();
    if (reported.isEmpty()) {
      return new Check(CheckId.GPU_CERT_FWID, Check.Status.SKIPPED, "the report has no FWID field");
    }
    if (chain.isEmpty()) {
      return Check.fail(CheckId.GPU_CERT_FWID, "no leaf certificate");
    }
    Optional<byte[]> bound = Fwid.of(chain.get(0));
    if (bound.isEmpty()) {
      return Check.fail(
          CheckId.GPU_CERT_FWID, "the leaf certificate has no TcbInfo extension (2.23.133.5.4.1)");
    }
    boolean same = MessageDigest.isEqual(reported.get(), bound.get());
    return Check.of(
        CheckId.GPU_CERT_FWID,
        same,
        "FWID " + HexText.of(reported.get()).substring(0, 16) + "… bound by the leaf",
        "report FWID "
            + HexText.of(reported.get())
            + " differs from the leaf's "
            + HexText.of(bound.get()));
  }

  private static Check nonce(AttestationReport r, byte[] expected) {
    boolean same = MessageDigest.isEqual(r.requestNonce(), expected);
    return Check.of(
        CheckId.NONCE_MATCH,
        same,
        "request nonce equals the given nonce",
        "report nonce "
            + HexText.of(r.requestNonce())
            + " is not the given "
            + HexText.of(expected)
            + " (replayed or other evidence)");
  }

  private static Check signature(AttestationReport r, List<X509Certificate> chain) {
    if (chain.isEmpty()) {
      return Check.fail(CheckId.REPORT_SIGNATURE, "no leaf certificate to verify with");
    }
    try {
      // the report carries r ‖ s, the IEEE P1363 form
      Signature s = Signature.getInstance("SHA384withECDSAinP1363Format");
      s.initVerify(chain.get(0).getPublicKey());
      s.update(r.signedBytes());
      boolean ok = s.verify(r.signature());
      return Check.of(
          CheckId.REPORT_SIGNATURE,
          ok,
          "ECDSA P-384/SHA-384 over " + r.signedBytes().length + " bytes",
          "the signature does not verify with the leaf key: report bytes or signature altered");
    } catch (GeneralSecurityException ex) {
      return Check.fail(CheckId.REPORT_SIGNATURE, "cannot verify: " + ex.getMessage());
    }
  }

  private enum RimKind {
    DRIVER(
        CheckId.DRIVER_RIM_FETCHED,
        CheckId.DRIVER_RIM_SCHEMA,
        CheckId.DRIVER_RIM_CERT_CHAIN,
        CheckId.DRIVER_RIM_SIGNATURE,
        CheckId.DRIVER_RIM_VERSION,
        CheckId.DRIVER_RIM_MEASUREMENTS),
    VBIOS(
        CheckId.VBIOS_RIM_FETCHED,
        CheckId.VBIOS_RIM_SCHEMA,
        CheckId.VBIOS_RIM_CERT_CHAIN,
        CheckId.VBIOS_RIM_SIGNATURE,
        CheckId.VBIOS_RIM_VERSION,
        CheckId.VBIOS_RIM_MEASUREMENTS);

    final CheckId fetched;
    final CheckId schema;
    final CheckId chain;
    final CheckId signature;
    final CheckId version;
    final CheckId measurements;

    RimKind(CheckId f, CheckId s, CheckId c, CheckId sig, CheckId v, CheckId m) {
      fetched = f;
      schema = s;
      chain = c;
      signature = sig;
      version = v;
      measurements = m;
    }
  }

  private Optional<ChainResult> rimChecks(
      List<Check> checks, String what, Optional<Rim> rim, String reported, Instant at, RimKind k) {
    if (rim.isEmpty()) {
      checks.add(Check.fail(k.fetched, "no " + what + " RIM was given"));
      for (CheckId id : List.of(k.schema, k.chain, k.signature, k.version, k.measurements)) {
        checks.add(new Check(id, Check.Status.SKIPPED, "no " + what + " RIM"));
      }
      return Optional.empty();
    }
    Rim m = rim.get();
    checks.add(Check.pass(k.fetched, m.source()));
    checks.add(Check.of(k.schema, m.schemaValid(), "valid SWID tag", m.schemaError()));
    ChainResult chain;
    if (m.certificates().isEmpty()) {
      chain = new ChainResult(false, "invalid", m.signatureError(), null, List.of());
    } else {
      chain = ChainValidator.validate(ChainValidator.anchored(m.certificates(), rimRoot), at);
    }
    checks.add(
        Check.of(
            k.chain,
            chain.valid(),
            "valid at " + at + ", signer expires " + chain.expiration(),
            chain.status() + ": " + chain.error()));
    checks.add(
        Check.of(
            k.signature,
            m.signatureValid(),
            "enveloped ECDSA-SHA384 signature over the whole tag",
            m.signatureError()));
    boolean versionOk =
        !reported.isEmpty()
            && m.colloquialVersion()
                .toLowerCase(Locale.ROOT)
                .equals(reported.toLowerCase(Locale.ROOT));
    checks.add(
        Check.of(
            k.version,
            versionOk,
            "version " + m.colloquialVersion(),
            "RIM is for version '"
                + m.colloquialVersion()
                + "', the report says '"
                + reported
                + "'"));
    checks.add(
        Check.of(
            k.measurements,
            m.measurementsAvailable(),
            m.measurements().size() + " measurements, " + m.active().size() + " active",
            m.measurementsError()));
    return Optional.of(chain);
  }

  private record Comparison(
      List<Integer> golden, List<Integer> conflicts, List<Mismatch> mismatches, Check check) {}

  private static Comparison compare(
      AttestationReport r, Optional<Rim> driver, Optional<Rim> vbios) {
    Map<Integer, GoldenMeasurement> golden = new TreeMap<>();
    Map<Integer, String> source = new HashMap<>();
    List<Integer> conflicts = new ArrayList<>();
    for (var entry : List.of(Map.entry("Driver", driver), Map.entry("Firmware", vbios))) {
      if (entry.getValue().isEmpty() || !entry.getValue().get().measurementsAvailable()) {
        continue;
      }
      for (GoldenMeasurement g : entry.getValue().get().active()) {
        if (golden.putIfAbsent(g.index(), g) != null) {
          conflicts.add(g.index());
        } else {
          source.put(g.index(), entry.getKey());
        }
      }
    }
    List<Integer> indexes = List.copyOf(golden.keySet());
    if (driver.isEmpty() || vbios.isEmpty() || golden.isEmpty()) {
      return new Comparison(
          indexes,
          conflicts,
          List.of(),
          Check.fail(
              CheckId.MEASUREMENTS, "no golden measurements to compare (both RIMs are needed)"));
    }
    List<String> runtime = r.runtimeMeasurements();
    if (golden.size() > runtime.size()) {
      return new Comparison(
          indexes,
          conflicts,
          List.of(),
          Check.fail(
              CheckId.MEASUREMENTS,
              golden.size()
                  + " golden measurements but only "
                  + runtime.size()
                  + " in the report"));
    }
    List<Mismatch> mismatches = new ArrayList<>();
    for (GoldenMeasurement g : golden.values()) {
      String actual = g.index() < runtime.size() ? runtime.get(g.index()) : null;
      boolean ok =
          actual != null && actual.length() / 2 == g.size() && g.alternatives().contains(actual);
      if (!ok) {
        mismatches.add(
            new Mismatch(
                g.index(), source.get(g.index()), g.alternatives(), actual == null ? "" : actual));
      }
    }
    Check check =
        Check.of(
            CheckId.MEASUREMENTS,
            mismatches.isEmpty(),
            golden.size() + " golden measurements match",
            mismatches.size()
                + " of "
                + golden.size()
                + " golden measurements differ, indexes "
                + mismatches.stream().map(m -> m.index() + " (" + m.source() + ")").toList());
    return new Comparison(indexes, conflicts, mismatches, check);
  }
}
