package dev.bulwark.secrets;

import dev.bulwark.core.model.CommonProperties;
import dev.bulwark.core.model.PropertyKey;
import java.util.List;

/** The properties the secrets analyzers write on their findings (docs/report-format.md). */
public final class SecretProperties {
  private SecretProperties() {}

  public static final PropertyKey<String> CATEGORY =
      PropertyKey.text("category", "the rule's category (cloud, vcs-ci, generic …)");
  public static final PropertyKey<String> PROVIDER =
      PropertyKey.text("provider", "who issued the credential, when the rule knows");
  public static final PropertyKey<String> SECRET_HASH =
      PropertyKey.text("secretHash", "first 8 hex digits of the secret's SHA-256");
  public static final PropertyKey<String> KEY = CommonProperties.KEY;
  public static final PropertyKey<Double> ENTROPY = CommonProperties.ENTROPY;
  public static final PropertyKey<String> CONTEXT = CommonProperties.CONTEXT;

  /** Findings from git history only. */
  public static final PropertyKey<String> COMMIT =
      PropertyKey.text("commit", "the commit that introduced the secret (history scans)");

  public static final PropertyKey<String> COMMIT_DATE =
      PropertyKey.text("commitDate", "that commit's date, ISO 8601 (history scans)");
  public static final PropertyKey<String> AUTHOR =
      PropertyKey.text("author", "that commit's author (history scans)");
  public static final PropertyKey<Boolean> STILL_PRESENT =
      PropertyKey.flag("stillPresent", "whether the secret is still in HEAD (history scans)");

  /** Findings that are one of Bulwark's own canary tokens. */
  public static final PropertyKey<String> CANARY =
      PropertyKey.text(
          "canary", "the canary token's id, when the value is one of Bulwark's canaries");

  public static final List<PropertyKey<?>> ALL =
      List.of(
          CATEGORY,
          PROVIDER,
          SECRET_HASH,
          KEY,
          ENTROPY,
          CONTEXT,
          COMMIT,
          COMMIT_DATE,
          AUTHOR,
          STILL_PRESENT,
          CANARY);
}
