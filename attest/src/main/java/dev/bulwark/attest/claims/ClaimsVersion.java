package dev.bulwark.attest.claims;

import dev.bulwark.core.errors.InputException;

/** The claim-set layouts of NVIDIA's attestation SDK: 2.0 (booleans) and 3.0 (granular). */
public enum ClaimsVersion {
  V2("2.0"),
  V3("3.0");

  private final String text;

  ClaimsVersion(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  public static ClaimsVersion parse(String s) throws InputException {
    for (ClaimsVersion v : values()) {
      if (v.text.equals(s) || v.text.equals(s + ".0")) {
        return v;
      }
    }
    throw new InputException("claims version '" + s + "' is not 2.0 or 3.0");
  }
}
