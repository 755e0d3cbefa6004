package dev.bulwark.hygiene.posture;

/** Reads {@code /var/lib/dpkg/status}: whether a package is installed. */
final class DpkgStatus {
  private DpkgStatus() {}

  static boolean installed(SystemRoot root, String pkg) {
    String status = root.read("/var/lib/dpkg/status").orElse("");
    for (String stanza : status.split("\n\n")) {
      if (stanza.startsWith("Package: " + pkg + "\n")
          && stanza.contains("\nStatus: install ok installed")) {
        return true;
      }
    }
    return false;
  }
}
