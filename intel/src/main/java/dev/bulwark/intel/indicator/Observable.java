package dev.bulwark.intel.indicator;

import java.util.Locale;

/**
 * One value seen in the organisation's data that an indicator can name: an address, a host name, a
 * link, a mail address or a file hash. Values are kept in the form comparisons use: host names,
 * mail addresses and hex hashes in lower case (DNS and hex are case-insensitive), URLs as written.
 */
public record Observable(Kind kind, String value) {

  /** The kinds of value Bulwark extracts, each with the STIX object path that names it. */
  public enum Kind {
    IPV4("ipv4-addr", "value"),
    IPV6("ipv6-addr", "value"),
    DOMAIN("domain-name", "value"),
    URL("url", "value"),
    EMAIL("email-addr", "value"),
    MD5("file", "hashes.MD5"),
    SHA1("file", "hashes.SHA-1"),
    SHA256("file", "hashes.SHA-256");

    private final String stixType;
    private final String property;

    Kind(String stixType, String property) {
      this.stixType = stixType;
      this.property = property;
    }

    /** The STIX cyber-observable type, e.g. {@code ipv4-addr}. */
    public String stixType() {
      return stixType;
    }

    /** The property path inside that type, e.g. {@code hashes.SHA-256}. */
    public String property() {
      return property;
    }

    /** Whether values of this kind compare case-insensitively. */
    boolean caseInsensitive() {
      return this != URL;
    }
  }

  public Observable {
    value = kind.caseInsensitive() ? value.toLowerCase(Locale.ROOT) : value;
    if (kind == Kind.IPV6) {
      String canonical = Extractor.ipv6(value);
      value = canonical == null ? value : canonical;
    }
  }

  /** The STIX pattern that names exactly this value. */
  public String pattern() {
    String path =
        switch (this.kind) {
          case MD5 -> "file:hashes.MD5";
          case SHA1 -> "file:hashes.'SHA-1'";
          case SHA256 -> "file:hashes.'SHA-256'";
          default -> kind.stixType() + ":value";
        };
    return "[" + path + " = '" + value.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }
}
