package dev.bulwark.deps;

import dev.bulwark.core.model.PropertyKey;
import java.util.List;

/** The properties the dependency analyzer writes on its findings (docs/report-format.md). */
public final class DepsProperties {
  private DepsProperties() {}

  public static final PropertyKey<String> PURL =
      PropertyKey.text("purl", "the vulnerable package's package URL");
  public static final PropertyKey<String> VULNERABILITY =
      PropertyKey.text("vulnerability", "the advisory id (OSV, GHSA, CVE)");
  public static final PropertyKey<String> ALIASES =
      PropertyKey.text("aliases", "the advisory's other ids, comma-separated");
  public static final PropertyKey<Boolean> DIRECT =
      PropertyKey.flag("direct", "whether the project declares the package itself");
  public static final PropertyKey<String> SCOPE =
      PropertyKey.text("scope", "the dependency's scope (compile, runtime, test, dev …)");
  public static final PropertyKey<String> REACHABILITY =
      PropertyKey.text("reachability", "reachable, unreachable or unknown");
  public static final PropertyKey<String> REACHABILITY_REASON =
      PropertyKey.text("reachabilityReason", "why reachability was decided so");
  public static final PropertyKey<String> FIXED_IN =
      PropertyKey.text("fixedIn", "the smallest version that fixes every advisory");
  public static final PropertyKey<String> CVSS = PropertyKey.text("cvss", "the CVSS vector");
  public static final PropertyKey<Double> CVSS_SCORE =
      PropertyKey.decimal("cvssScore", "the CVSS base score");
  public static final PropertyKey<Boolean> KEV =
      PropertyKey.flag("kev", "true when CISA lists the vulnerability as known exploited");
  public static final PropertyKey<String> KEV_DUE_DATE =
      PropertyKey.text("kevDueDate", "CISA's due date for known exploited vulnerabilities");
  public static final PropertyKey<Double> EPSS =
      PropertyKey.decimal("epss", "EPSS probability of exploitation in 30 days");
  public static final PropertyKey<Double> EPSS_PERCENTILE =
      PropertyKey.decimal("epssPercentile", "EPSS percentile");

  public static final List<PropertyKey<?>> ALL =
      List.of(
          PURL,
          VULNERABILITY,
          ALIASES,
          DIRECT,
          SCOPE,
          REACHABILITY,
          REACHABILITY_REASON,
          FIXED_IN,
          CVSS,
          CVSS_SCORE,
          KEV,
          KEV_DUE_DATE,
          EPSS,
          EPSS_PERCENTILE);
}
