package dev.bulwark.port.c;

/** A memory-safety hazard in a C function that a safe Rust port must remove. */
public enum Hazard {
  POINTER_ARITHMETIC("pointer arithmetic", 823),
  MANUAL_ALLOCATION("manual allocation (malloc/free)", 401),
  UNCHECKED_BUFFER("unchecked buffer access", 120),
  UNION("union (untagged reinterpretation)", 843),
  VARARGS("variadic arguments", 685);

  private final String label;
  private final int cwe;

  Hazard(String label, int cwe) {
    this.label = label;
    this.cwe = cwe;
  }

  public String label() {
    return label;
  }

  /** The CWE the hazard most often leads to, for findings. */
  public int cwe() {
    return cwe;
  }
}
