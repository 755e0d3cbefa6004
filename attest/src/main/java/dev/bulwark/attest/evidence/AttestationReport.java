package dev.bulwark.attest.evidence;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A parsed GPU attestation report: the SPDM 1.1 GET_MEASUREMENTS request, the MEASUREMENTS response
 * with its measurement blocks and opaque data, and the 96-byte signature over everything before it.
 */
public record AttestationReport(
    String source,
    byte[] bytes,
    int requestParam1,
    int requestParam2,
    byte[] requestNonce,
    int slotId,
    int responseParam1,
    int responseParam2,
    int recordLength,
    List<MeasurementBlock> blocks,
    byte[] responseNonce,
    int opaqueLength,
    List<OpaqueField> opaque,
    byte[] signature) {

  public static final int SIGNATURE_LENGTH = 96;

  public AttestationReport {
    bytes = bytes.clone();
    requestNonce = requestNonce.clone();
    responseNonce = responseNonce.clone();
    signature = signature.clone();
    blocks = List.copyOf(blocks);
    opaque = List.copyOf(opaque);
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public byte[] requestNonce() {
    return requestNonce.clone();
  }

  @Override
  public byte[] responseNonce() {
    return responseNonce.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** What the GPU signed: request and response up to the signature. */
  public byte[] signedBytes() {
    return Arrays.copyOf(bytes, bytes.length - SIGNATURE_LENGTH);
  }

  /**
   * The runtime measurements by position: the block with index k at position k−1, as lower-case
   * hex; a position no block fills is null.
   */
  public List<String> runtimeMeasurements() {
    int size = blocks.stream().mapToInt(MeasurementBlock::index).max().orElse(0);
    List<String> out = new ArrayList<>(java.util.Collections.nCopies(size, (String) null));
    for (MeasurementBlock b : blocks) {
      out.set(b.index() - 1, b.hex());
    }
    return out;
  }

  public Optional<OpaqueField> field(OpaqueType type) {
    return opaque.stream().filter(f -> f.type() == type).findFirst();
  }

  /** DRIVER_VERSION without its trailing NULs, e.g. {@code 545.00}. */
  public String driverVersion() {
    return field(OpaqueType.DRIVER_VERSION).map(f -> ascii(f.data())).orElse("");
  }

  /**
   * VBIOS_VERSION as NVIDIA prints it: the 8 bytes as one little-endian number, its low 8 hex
   * digits then the 2 above them, as five dot-separated pairs in lower case ({@code
   * 96.00.5e.00.01}).
   */
  public String vbiosVersion() {
    return field(OpaqueType.VBIOS_VERSION).map(f -> formatVbios(f.data())).orElse("");
  }

  static String formatVbios(byte[] data) {
    long v = 0;
    for (int i = Math.min(8, data.length) - 1; i >= 0; i--) {
      v = (v << 8) | (data[i] & 0xff);
    }
    String hex = String.format(Locale.ROOT, "%016x", v);
    String digits = hex.substring(8, 16) + hex.substring(6, 8);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < digits.length(); i += 2) {
      if (i > 0) {
        out.append('.');
      }
      out.append(digits, i, i + 2);
    }
    return out.toString();
  }

  public String project() {
    return idField(OpaqueType.PROJECT);
  }

  public String projectSku() {
    return idField(OpaqueType.PROJECT_SKU);
  }

  public String chipSku() {
    return idField(OpaqueType.CHIP_SKU);
  }

  /** The FWID the report carries (48 bytes), absent in older firmware's reports. */
  public Optional<byte[]> fwid() {
    return field(OpaqueType.FWID).map(OpaqueField::data);
  }

  /** NVDEC0_STATUS byte (0xAA enabled, 0x55 disabled), -1 when absent. */
  public int nvdec0Status() {
    return field(OpaqueType.NVDEC0_STATUS)
        .map(OpaqueField::data)
        .filter(d -> d.length > 0)
        .map(d -> d[0] & 0xff)
        .orElse(-1);
  }

  /** The id NVIDIA's RIM service knows the driver's manifest by. */
  public String driverRimId() {
    return "NV_GPU_DRIVER_GH100_" + driverVersion();
  }

  /** The id of the VBIOS manifest: project, SKUs and version from the opaque data. */
  public String vbiosRimId() {
    return "NV_GPU_VBIOS_"
        + project()
        + "_"
        + projectSku()
        + "_"
        + chipSku()
        + "_"
        + vbiosVersion().replace(".", "").toUpperCase(Locale.ROOT);
  }

  private String idField(OpaqueType type) {
    return field(type)
        .map(f -> ascii(f.data()).replace(" ", "").toUpperCase(Locale.ROOT))
        .orElse("");
  }

  private static String ascii(byte[] data) {
    int end = data.length;
    while (end > 0 && data[end - 1] == 0) {
      end--;
    }
    String s = new String(data, 0, end, StandardCharsets.US_ASCII);
    return s.replace("\0", "");
  }
}
