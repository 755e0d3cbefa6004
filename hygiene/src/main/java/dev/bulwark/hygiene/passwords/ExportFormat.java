package dev.bulwark.hygiene.passwords;

import java.util.Locale;

/** Password manager exports the check-up reads. */
public enum ExportFormat {
  BITWARDEN_JSON("bitwarden-json"),
  BITWARDEN_CSV("bitwarden-csv"),
  KEEPASS_XML("keepass-xml"),
  ONEPASSWORD_CSV("1password-csv"),
  BROWSER_CSV("browser-csv");

  private final String id;

  ExportFormat(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static ExportFormat of(String id) {
    for (ExportFormat f : values()) {
      if (f.id.equals(id.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown export format '"
            + id
            + "' (expected bitwarden-json, bitwarden-csv, keepass-xml, 1password-csv or"
            + " browser-csv)");
  }

  /** A guess from the file's name and first characters, for when no format is given. */
  public static ExportFormat guess(String fileName, String head) {
    String name = fileName.toLowerCase(Locale.ROOT);
    String h = head.stripLeading().toLowerCase(Locale.ROOT);
    if (name.endsWith(".json") || h.startsWith("{")) {
      return BITWARDEN_JSON;
    }
    if (name.endsWith(".xml") || h.startsWith("<")) {
      return KEEPASS_XML;
    }
    if (h.startsWith("folder,favorite,type,name")) {
      return BITWARDEN_CSV;
    }
    if (h.startsWith("title,") || h.contains("otpauth")) {
      return ONEPASSWORD_CSV;
    }
    return BROWSER_CSV;
  }
}
