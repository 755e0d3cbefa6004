package dev.bulwark.intel.feed;

/** The formats {@code bulwark intel import} recognises by their content, not their name. */
public enum FeedKind {
  /** A STIX 2.0/2.1 bundle: ATT&CK Enterprise, ICS, Mobile or the user's own. */
  STIX_BUNDLE,
  /** A MISP galaxy cluster file ({@code clusters/*.json}). */
  MISP_CLUSTER,
  /** The CISA Known Exploited Vulnerabilities catalogue (JSON). */
  CISA_KEV,
  /** A JSON file none of the above: reported and skipped. */
  UNKNOWN
}
