package dev.bulwark.attest.verify;

/**
 * The checks of an appraisal, in the order NVIDIA's verifier runs them, each with what its passing
 * shows. {@code docs/attest.md} says what each one proves and what it cannot.
 */
public enum CheckId {
  REPORT_PARSED("report-parsed", "Attestation report parses as SPDM 1.1 GET_MEASUREMENTS"),
  GPU_ARCH("gpu-arch", "GPU is a Hopper (GH100) part"),
  GPU_CERT_CHAIN_LENGTH("gpu-cert-chain-length", "GPU certificate chain has 5 certificates"),
  GPU_CERT_CHAIN("gpu-cert-chain", "GPU certificate chain leads to the device root"),
  GPU_CERT_FWID("gpu-cert-fwid", "Report FWID equals the leaf certificate's TcbInfo FWID"),
  GPU_CERT_OCSP("gpu-cert-ocsp", "GPU certificates are not revoked (OCSP)"),
  NONCE_MATCH("nonce-match", "Report carries the verifier's nonce"),
  REPORT_SIGNATURE("report-signature", "Report signature verifies with the leaf key (ECDSA P-384)"),
  DRIVER_RIM_FETCHED("driver-rim-fetched", "Driver RIM is present"),
  DRIVER_RIM_SCHEMA("driver-rim-schema", "Driver RIM validates against the SWID schema"),
  DRIVER_RIM_CERT_CHAIN("driver-rim-cert-chain", "Driver RIM signing chain leads to the RIM root"),
  DRIVER_RIM_SIGNATURE("driver-rim-signature", "Driver RIM XML signature verifies"),
  DRIVER_RIM_VERSION("driver-rim-version", "Driver RIM version equals the report's driver version"),
  DRIVER_RIM_MEASUREMENTS("driver-rim-measurements", "Driver RIM has readable golden measurements"),
  VBIOS_RIM_FETCHED("vbios-rim-fetched", "VBIOS RIM is present"),
  VBIOS_RIM_SCHEMA("vbios-rim-schema", "VBIOS RIM validates against the SWID schema"),
  VBIOS_RIM_CERT_CHAIN("vbios-rim-cert-chain", "VBIOS RIM signing chain leads to the RIM root"),
  VBIOS_RIM_SIGNATURE("vbios-rim-signature", "VBIOS RIM XML signature verifies"),
  VBIOS_RIM_VERSION("vbios-rim-version", "VBIOS RIM version equals the report's VBIOS version"),
  VBIOS_RIM_MEASUREMENTS("vbios-rim-measurements", "VBIOS RIM has readable golden measurements"),
  INDEX_NO_CONFLICT("index-no-conflict", "No measurement index is active in both RIMs"),
  MEASUREMENTS("measurements", "Every active golden measurement matches the report");

  private final String id;
  private final String title;

  CheckId(String id, String title) {
    this.id = id;
    this.title = title;
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }
}
