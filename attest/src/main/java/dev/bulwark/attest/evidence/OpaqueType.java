package dev.bulwark.attest.evidence;

import java.util.Optional;

/** The field types of the GPU's SPDM opaque data (a type NVIDIA's parser does not know fails). */
public enum OpaqueType {
  CERT_ISSUER_NAME(1),
  CERT_AUTHORITY_KEY_IDENTIFIER(2),
  DRIVER_VERSION(3),
  GPU_INFO(4),
  SKU(5),
  VBIOS_VERSION(6),
  MANUFACTURER_ID(7),
  TAMPER_DETECTION(8),
  SMC(9),
  VPR(10),
  NVDEC0_STATUS(11),
  MSRSCNT(12),
  CPRINFO(13),
  BOARD_ID(14),
  CHIP_SKU(15),
  CHIP_SKU_MOD(16),
  PROJECT(17),
  PROJECT_SKU(18),
  PROJECT_SKU_MOD(19),
  FWID(20),
  PROTECTED_PCIE_STATUS(21),
  SWITCH_PDI(22),
  FLOORSWEPT_PORTS(23),
  POSITION_ID(24),
  LOCK_SWITCH_STATUS(25),
  GPU_LINK_CONN(32),
  SYS_ENABLE_STATUS(33),
  OPAQUE_DATA_VERSION(34),
  CHIP_INFO(35),
  FEATURE_FLAG(36),
  INVALID(255);

  private final int code;

  OpaqueType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static Optional<OpaqueType> of(int code) {
    for (OpaqueType t : values()) {
      if (t.code == code) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
