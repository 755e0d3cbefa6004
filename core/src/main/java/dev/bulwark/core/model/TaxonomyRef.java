package dev.bulwark.core.model;

import java.util.Locale;
import java.util.Objects;

/** A reference into a public taxonomy: a CWE, a CVE or GHSA id, an ATT&CK technique, a control. */
public record TaxonomyRef(Taxonomy taxonomy, String id) {

  /** The taxonomies Bulwark links findings to. */
  public enum Taxonomy {
    CWE("CWE", "https://cwe.mitre.org/data/definitions/%s.html"),
    CVE("CVE", "https://www.cve.org/CVERecord?id=%s"),
    GHSA("GHSA", "https://github.com/advisories/%s"),
    OSV("OSV", "https://osv.dev/vulnerability/%s"),
    ATTACK("MITRE ATT&CK", "https://attack.mitre.org/techniques/%s/"),
    CAPEC("CAPEC", "https://capec.mitre.org/data/definitions/%s.html"),
    OSCAL("OSCAL", null),
    OWASP("OWASP", null);

    private final String displayName;
    private final String urlTemplate;

    Taxonomy(String displayName, String urlTemplate) {
      this.displayName = displayName;
      this.urlTemplate = urlTemplate;
    }

    public String displayName() {
      return displayName;
    }
  }

  public TaxonomyRef {
    Objects.requireNonNull(taxonomy, "taxonomy");
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("taxonomy id must not be blank for " + taxonomy);
    }
  }

  public static TaxonomyRef cwe(int number) {
    return new TaxonomyRef(Taxonomy.CWE, Integer.toString(number));
  }

  public static TaxonomyRef attack(String technique) {
    return new TaxonomyRef(Taxonomy.ATTACK, technique.toUpperCase(Locale.ROOT));
  }

  /**
   * Parses forms such as {@code CWE-798}, {@code cwe:798}, {@code CVE-2021-44228}, {@code T1552}.
   */
  public static TaxonomyRef parse(String text) {
    String t = text.trim();
    String upper = t.toUpperCase(Locale.ROOT);
    if (upper.startsWith("CWE-") || upper.startsWith("CWE:")) {
      return new TaxonomyRef(Taxonomy.CWE, t.substring(4));
    }
    if (upper.startsWith("CVE-")) {
      return new TaxonomyRef(Taxonomy.CVE, upper);
    }
    if (upper.startsWith("GHSA-")) {
      return new TaxonomyRef(Taxonomy.GHSA, "GHSA-" + t.substring(5).toLowerCase(Locale.ROOT));
    }
    if (upper.startsWith("ATTACK.") || upper.startsWith("ATTACK:")) {
      return attack(t.substring(7));
    }
    if (upper.matches("T\\d{4}(\\.\\d{3})?")) {
      return attack(upper);
    }
    if (upper.startsWith("CAPEC-")) {
      return new TaxonomyRef(Taxonomy.CAPEC, t.substring(6));
    }
    throw new IllegalArgumentException("unrecognised taxonomy reference '" + text + "'");
  }

  /** The conventional written form: {@code CWE-798}, {@code T1552.001}, {@code CVE-…}. */
  public String display() {
    return switch (taxonomy) {
      case CWE -> "CWE-" + id;
      case CAPEC -> "CAPEC-" + id;
      default -> id;
    };
  }

  /** A link to the public description, where the taxonomy has one. */
  public String url() {
    if (taxonomy.urlTemplate == null) {
      return null;
    }
    String ref = taxonomy == Taxonomy.ATTACK ? id.replace('.', '/') : id;
    return String.format(Locale.ROOT, taxonomy.urlTemplate, ref);
  }
}
