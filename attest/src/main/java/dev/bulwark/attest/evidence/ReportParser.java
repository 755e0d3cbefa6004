package dev.bulwark.attest.evidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads an attestation report (SPDM 1.1 GET_MEASUREMENTS request then MEASUREMENTS response) with
 * every length checked against what is left, so a hostile file fails with the offset of the first
 * byte that does not fit instead of reading past it.
 */
public final class ReportParser {
  static final int REQUEST_LENGTH = 37;
  static final int NONCE_LENGTH = 32;
  private static final int SPDM_1_1 = 0x11;
  private static final int GET_MEASUREMENTS = 0xE0;
  private static final int MEASUREMENTS = 0x60;
  private static final int DMTF_SPEC = 1;

  private ReportParser() {}

  /** A report file: hex text as NVIDIA's tools write it, or the raw bytes. */
  public static AttestationReport read(Path file) throws IOException, ReportFormatException {
    long size = Files.size(file);
    if (size > HexText.MAX_CHARS) {
      throw new ReportFormatException(
          file.toString(), "file of " + size + " bytes exceeds the limit " + HexText.MAX_CHARS);
    }
    byte[] raw = Files.readAllBytes(file);
    return parse(
        looksLikeHex(raw)
            ? HexText.decode(new String(raw, StandardCharsets.US_ASCII), file.toString())
            : raw,
        file.toString());
  }

  private static boolean looksLikeHex(byte[] raw) {
    if (raw.length < 2 || raw[0] == SPDM_1_1 && (raw[1] & 0xff) == GET_MEASUREMENTS) {
      return false;
    }
    for (byte b : raw) {
      if (b < 0x09 || b > 0x7e) {
        return false;
      }
    }
    return true;
  }

  public static AttestationReport parse(byte[] bytes, String source) throws ReportFormatException {
    Cursor c = new Cursor(bytes, source);
    c.expect(SPDM_1_1, "request SPDMVersion");
    c.expect(GET_MEASUREMENTS, "request code (GET_MEASUREMENTS)");
    int reqParam1 = c.u8();
    int reqParam2 = c.u8();
    byte[] nonce = c.bytes(NONCE_LENGTH, "request nonce");
    int slot = c.u8();

    c.expect(SPDM_1_1, "response SPDMVersion");
    c.expect(MEASUREMENTS, "response code (MEASUREMENTS)");
    int respParam1 = c.u8();
    int respParam2 = c.u8();
    int count = c.u8();
    int recordLength = c.u24();
    int recordStart = c.pos;
    int recordEnd = recordStart + recordLength;
    c.require(recordLength, "measurement record of " + recordLength + " bytes");
    List<MeasurementBlock> blocks = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    while (c.pos < recordEnd) {
      int at = c.pos;
      int index = c.u8();
      int spec = c.u8();
      if (spec != DMTF_SPEC) {
        throw new ReportFormatException(
            source,
            at + 1,
            "measurement block " + index + " has specification " + spec + ", not 1 (DMTF)");
      }
      int size = c.u16();
      if (c.pos + size > recordEnd) {
        throw new ReportFormatException(
            source,
            at,
            "measurement block " + index + " of " + size + " bytes runs past the record");
      }
      if (size < 3) {
        throw new ReportFormatException(
            source,
            at,
            "measurement block " + index + " is " + size + " bytes, too short for a DMTF value");
      }
      int valueType = c.u8();
      int valueSize = c.u16();
      if (valueSize != size - 3) {
        throw new ReportFormatException(
            source,
            at,
            "measurement block "
                + index
                + ": value size "
                + valueSize
                + " does not fit block size "
                + size);
      }
      byte[] value = c.bytes(valueSize, "measurement value");
      if (index == 0 || !seen.add(index)) {
        throw new ReportFormatException(
            source,
            at,
            "measurement block index "
                + index
                + (index == 0 ? " (indexes are 1-based)" : " repeats"));
      }
      blocks.add(new MeasurementBlock(index, valueType, value, at));
    }
    if (blocks.size() != count) {
      throw new ReportFormatException(
          source,
          recordStart,
          "the record holds " + blocks.size() + " blocks, the header says " + count);
    }
    byte[] responseNonce = c.bytes(NONCE_LENGTH, "response nonce");
    int opaqueLength = c.u16();
    int opaqueStart = c.pos;
    c.require(opaqueLength, "opaque data of " + opaqueLength + " bytes");
    int opaqueEnd = opaqueStart + opaqueLength;
    List<OpaqueField> fields = new ArrayList<>();
    while (c.pos < opaqueEnd) {
      int at = c.pos;
      if (opaqueEnd - at < 4) {
        throw new ReportFormatException(source, at, "opaque data ends inside a field header");
      }
      int type = c.u16();
      int size = c.u16();
      if (c.pos + size > opaqueEnd) {
        throw new ReportFormatException(
            source,
            at,
            "opaque field type " + type + " of " + size + " bytes runs past the opaque data");
      }
      OpaqueType t =
          OpaqueType.of(type)
              .orElseThrow(
                  () -> new ReportFormatException(source, at, "unknown opaque field type " + type));
      fields.add(new OpaqueField(t, at, c.bytes(size, "opaque field")));
    }
    byte[] signature = c.bytes(AttestationReport.SIGNATURE_LENGTH, "signature");
    if (c.pos != bytes.length) {
      throw new ReportFormatException(
          source, c.pos, (bytes.length - c.pos) + " bytes follow the signature");
    }
    return new AttestationReport(
        source,
        bytes,
        reqParam1,
        reqParam2,
        nonce,
        slot,
        respParam1,
        respParam2,
        recordLength,
        blocks,
        responseNonce,
        opaqueLength,
        fields,
        signature);
  }

  private static final class Cursor {
    final byte[] b;
    final String source;
    int pos;

    Cursor(byte[] b, String source) {
      this.b = b;
      this.source = source;
    }

    void require(int n, String what) throws ReportFormatException {
      if (n < 0 || b.length - pos < n) {
        throw new ReportFormatException(
            source, pos, what + " needs " + n + " bytes, " + (b.length - pos) + " are left");
      }
    }

    int u8() throws ReportFormatException {
      require(1, "a byte");
      return b[pos++] & 0xff;
    }

    int u16() throws ReportFormatException {
      require(2, "a 16-bit length");
      int v = (b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8;
      pos += 2;
      return v;
    }

    int u24() throws ReportFormatException {
      require(3, "a 24-bit length");
      int v = (b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8 | (b[pos + 2] & 0xff) << 16;
      pos += 3;
      return v;
    }

    byte[] bytes(int n, String what) throws ReportFormatException {
      require(n, what);
      byte[] out = Arrays.copyOfRange(b, pos, pos + n);
      pos += n;
      return out;
    }

    void expect(int value, String what) throws ReportFormatException {
      int at = pos;
      int got = u8();
      if (got != value) {
        throw new ReportFormatException(
            source, at, String.format("%s is 0x%02x, expected 0x%02x", what, got, value));
      }
    }
  }
}
