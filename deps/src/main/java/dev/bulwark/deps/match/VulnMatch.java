package dev.bulwark.deps.match;

import dev.bulwark.deps.db.AdvisoryDb;
import dev.bulwark.deps.model.Component;
import dev.bulwark.deps.osv.Advisory;
import dev.bulwark.deps.score.Cvss;
import java.util.List;
import java.util.Optional;

/**
 * One vulnerability in one package: the advisories that describe it (merged by their aliases), the
 * version that fixes it, its scores and its exploitation signals.
 */
public record VulnMatch(
    Component component,
    String id,
    List<String> aliases,
    List<Advisory> advisories,
    Optional<String> fixedIn,
    Optional<Cvss> cvss,
    Optional<AdvisoryDb.Kev> kev,
    Optional<AdvisoryDb.Epss> epss,
    String summary,
    List<String> cwes,
    List<String> functions) {

  public VulnMatch {
    aliases = List.copyOf(aliases);
    advisories = List.copyOf(advisories);
    cwes = List.copyOf(cwes);
    functions = List.copyOf(functions);
  }

  public Optional<String> cve() {
    return id.startsWith("CVE-")
        ? Optional.of(id)
        : aliases.stream().filter(a -> a.startsWith("CVE-")).findFirst();
  }
}
