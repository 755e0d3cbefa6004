package dev.bulwark.deps.osv;

import java.util.List;
import java.util.Objects;

/**
 * One OSV advisory, as much of it as matching, scoring and reporting need. See
 * https://ossf.github.io/osv-schema/.
 */
public record Advisory(
    String id,
    String modified,
    String published,
    String withdrawn,
    List<String> aliases,
    String summary,
    List<Severity> severity,
    List<Affected> affected,
    List<String> cwes,
    String databaseSeverity,
    List<String> references) {

  public Advisory {
    Objects.requireNonNull(id, "id");
    aliases = List.copyOf(aliases);
    severity = List.copyOf(severity);
    affected = List.copyOf(affected);
    cwes = List.copyOf(cwes);
    references = List.copyOf(references);
  }

  /** A score: type CVSS_V2, CVSS_V3, CVSS_V4 (vector strings) or Ubuntu/other labels. */
  public record Severity(String type, String score) {}

  /** Affected versions of one package. */
  public record Affected(
      String ecosystem,
      String name,
      List<Range> ranges,
      List<String> versions,
      List<String> functions) {
    public Affected {
      ranges = List.copyOf(ranges);
      versions = List.copyOf(versions);
      functions = List.copyOf(functions);
    }
  }

  /** A range: type SEMVER, ECOSYSTEM or GIT, and its events in order. */
  public record Range(String type, List<Event> events) {
    public Range {
      events = List.copyOf(events);
    }
  }

  /** introduced, fixed, last_affected or limit, with its version. */
  public record Event(String kind, String version) {}

  public boolean isWithdrawn() {
    return withdrawn != null && !withdrawn.isBlank();
  }

  /** The CVE among the id and aliases, if any. */
  public java.util.Optional<String> cve() {
    if (id.startsWith("CVE-")) {
      return java.util.Optional.of(id);
    }
    return aliases.stream().filter(a -> a.startsWith("CVE-")).findFirst();
  }
}
