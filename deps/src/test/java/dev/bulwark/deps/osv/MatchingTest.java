package dev.bulwark.deps.osv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.deps.db.AdvisoryDb;
import dev.bulwark.deps.db.Importer;
import dev.bulwark.deps.match.Matcher;
import dev.bulwark.deps.match.VulnMatch;
import dev.bulwark.deps.model.Component;
import dev.bulwark.deps.model.Ecosystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Matching per ecosystem: the repository's own fixtures, and the shared OSV corpus when present.
 */
class MatchingTest {
  private static final Path SHARED = Path.of("../../shared/data/osv").toAbsolutePath().normalize();
  @TempDir Path dir;

  private AdvisoryDb dbWith(Path... paths) throws Exception {
    AdvisoryDb db = AdvisoryDb.open(dir.resolve("db"));
    Importer imp = new Importer(db, d -> {});
    for (Path p : paths) {
      imp.importPath(p);
    }
    return db;
  }

  private static Path fixtures() throws Exception {
    return Path.of(MatchingTest.class.getResource("/osv").toURI());
  }

  private static List<String> ids(List<VulnMatch> ms) {
    return ms.stream().map(VulnMatch::id).toList();
  }

  @Test
  void eachEcosystem_matchesByItsOwnVersionRules() throws Exception {
    try (AdvisoryDb db = dbWith(fixtures())) {
      Matcher m = new Matcher(db);
      // Go: introduced 0, fixed 1.6.0 (module versions with a v)
      assertThat(
              m.match(
                  Component.direct(
                      Ecosystem.GO, "github.com/gin-gonic/gin", "v1.5.9", "go.mod", "")))
          .isNotEmpty();
      assertThat(
              m.match(
                  Component.direct(
                      Ecosystem.GO, "github.com/gin-gonic/gin", "v1.6.0", "go.mod", "")))
          .isEmpty();
      // PyPI: explicit versions and ranges with a GIT range that must not match; names normalised
      assertThat(
              m.match(
                  Component.direct(Ecosystem.PYPI, "AccessControl", "4.2", "requirements.txt", "")))
          .isNotEmpty();
      assertThat(
              m.match(
                  Component.direct(Ecosystem.PYPI, "accesscontrol", "4.3", "requirements.txt", "")))
          .isEmpty();
      assertThat(
              m.match(
                  Component.direct(Ecosystem.PYPI, "ACCESSCONTROL", "5.1", "requirements.txt", "")))
          .isNotEmpty();
      // crates.io
      List<VulnMatch> rust =
          m.match(Component.direct(Ecosystem.CARGO, "openssl", "0.8.3", "Cargo.lock", ""));
      assertThat(rust).isNotEmpty();
      assertThat(m.match(Component.direct(Ecosystem.CARGO, "openssl", "0.9.0", "Cargo.lock", "")))
          .isEmpty();
      // Maven: a package listed by explicit versions only
      assertThat(
              m.match(
                  Component.direct(Ecosystem.MAVEN, "be.cylab:snakeyaml", "1.25.1", "pom.xml", "")))
          .isNotEmpty();
      assertThat(
              m.match(
                  Component.direct(Ecosystem.MAVEN, "be.cylab:snakeyaml", "1.25.2", "pom.xml", "")))
          .isEmpty();
      assertThat(
              m.match(
                  Component.direct(Ecosystem.MAVEN, "org.yaml:snakeyaml", "1.30", "pom.xml", "")))
          .extracting(VulnMatch::fixedIn)
          .containsExactly(Optional.of("1.31"));
      // npm: a withdrawn advisory never matches
      assertThat(
              m.match(
                  Component.direct(
                      Ecosystem.NPM, "jsonwebtoken", "8.5.1", "package-lock.json", "")))
          .isEmpty();
    }
  }

  @Test
  void aliases_makeOneVulnerability_andKevAndEpssAreAttached() throws Exception {
    Path seed = Path.of(MatchingTest.class.getResource("/dev/bulwark/deps/seed").toURI());
    Path epss = dir.resolve("epss.csv");
    Files.writeString(
        epss,
        "#model_version:v2025.03.14,score_date:2026-11-01T00:00:00Z\ncve,epss,percentile\nCVE-2021-44228,0.97,0.999\n");
    try (AdvisoryDb db = dbWith(seed, epss)) {
      List<VulnMatch> log4j =
          new Matcher(db)
              .match(
                  Component.direct(
                      Ecosystem.MAVEN,
                      "org.apache.logging.log4j:log4j-core",
                      "2.14.1",
                      "pom.xml",
                      "compile"));
      assertThat(ids(log4j))
          .containsExactlyInAnyOrder("CVE-2021-44228", "CVE-2021-45046", "CVE-2021-45105");
      VulnMatch shell =
          log4j.stream().filter(v -> v.id().equals("CVE-2021-44228")).findFirst().orElseThrow();
      assertThat(shell.aliases()).contains("GHSA-jfh8-c2jp-5v3q");
      assertThat(shell.kev()).isPresent();
      assertThat(shell.epss().orElseThrow().score()).isEqualTo(0.97);
      assertThat(shell.fixedIn()).contains("2.15.0");
      assertThat(shell.cvss().orElseThrow().score()).isEqualTo(10.0);
      assertThat(
              new Matcher(db)
                  .match(
                      Component.direct(
                          Ecosystem.MAVEN,
                          "org.apache.logging.log4j:log4j-core",
                          "2.17.1",
                          "pom.xml",
                          "compile")))
          .isEmpty();
    }
  }

  /**
   * GitHub's own ranges ("&gt;= 2.5.0, &lt; 2.5.16") against their OSV conversion, at every
   * boundary.
   */
  @Test
  void osvConversionFixtures_agreeWithTheirGithubRanges() throws Exception {
    Path data = SHARED.resolve("schema/ghsa-conversion-testdata");
    assumeTrue(Files.isDirectory(data), "shared OSV data not present: " + data);
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    int checked = 0;
    try (Stream<Path> s = Files.list(data)) {
      for (Path ghsa :
          s.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".osv.json"))
              .sorted()
              .toList()) {
        Advisory osv =
            OsvReader.read(
                ghsa.toString(),
                Files.readAllBytes(Path.of(ghsa.toString().replace(".json", ".osv.json"))));
        for (var node : json.readTree(ghsa.toFile()).path("vulnerabilities").path("nodes")) {
          String range = node.path("vulnerableVersionRange").asText();
          boolean patched = node.path("firstPatchedVersion").isObject();
          if (range.startsWith("<=") && !patched) {
            continue; // the conversion cannot express an unpatched upper bound
          }
          Ecosystem e = Ecosystem.fromOsv(osv.affected().get(0).ecosystem()).orElseThrow();
          String name = node.path("package").path("name").asText();
          List<String> samePackage = new ArrayList<>();
          for (var other : json.readTree(ghsa.toFile()).path("vulnerabilities").path("nodes")) {
            if (other.path("package").path("name").asText().equals(name)) {
              samePackage.add(other.path("vulnerableVersionRange").asText());
            }
          }
          for (String v : probes(range)) {
            // the conversion merges a package's ranges: any of them may cover the version
            boolean expected = samePackage.stream().anyMatch(r -> GithubRange.contains(r, v, e));
            boolean actual =
                osv.affected().stream()
                    .filter(a -> e.normalise(a.name()).equals(e.normalise(name)))
                    .anyMatch(a -> Affects.covers(a, e, v));
            assertThat(actual).as(ghsa.getFileName() + " " + range + " @ " + v).isEqualTo(expected);
            checked++;
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(30);
  }

  /** Versions at and around every bound of a GitHub range. */
  private static List<String> probes(String range) {
    List<String> out = new ArrayList<>();
    for (String part : range.split(",")) {
      String v = part.strip().replaceFirst("^(>=|<=|>|<|=)\\s*", "");
      out.add(v);
      String[] seg = v.split("\\.");
      if (seg[seg.length - 1].matches("\\d+")) {
        int last = Integer.parseInt(seg[seg.length - 1]);
        seg[seg.length - 1] = Integer.toString(last + 1);
        out.add(String.join(".", seg));
        if (last > 0) {
          seg[seg.length - 1] = Integer.toString(last - 1);
          out.add(String.join(".", seg));
        }
      }
    }
    out.add("0.0.1");
    out.add("99.0.0");
    return out;
  }

  /**
   * Across the whole shared corpus, per ecosystem: an introduced version is affected and a fixed
   * version is not (in advisories with one range per package, where nothing else can cover it).
   */
  @Test
  void sharedCorpus_boundariesHoldInEveryEcosystem() throws Exception {
    assumeTrue(Files.isDirectory(SHARED), "shared OSV data not present: " + SHARED);
    int[] checks = new int[Ecosystem.values().length];
    List<Path> files;
    try (Stream<Path> s = Files.walk(SHARED)) {
      files =
          s.filter(p ->
                  (p.toString().endsWith(".json") || p.toString().endsWith(".yaml"))
                      && !p.toString().contains("/schema/"))
              .sorted(Comparator.naturalOrder())
              .toList();
    }
    for (Path f : files) {
      Advisory a;
      try {
        a = OsvReader.read(f.toString(), Files.readAllBytes(f));
      } catch (dev.bulwark.core.errors.InputException e) {
        continue;
      }
      for (Advisory.Affected af : a.affected()) {
        Optional<Ecosystem> e = Ecosystem.fromOsv(af.ecosystem());
        List<Advisory.Range> ranges =
            af.ranges().stream().filter(r -> !r.type().equals("GIT")).toList();
        if (e.isEmpty() || ranges.size() != 1 || !af.versions().isEmpty()) {
          continue;
        }
        List<Advisory.Event> events = ranges.get(0).events();
        if (events.stream().filter(ev -> ev.kind().equals("introduced")).count() != 1
            || events.size() != 2) {
          continue;
        }
        String introduced = events.get(0).version();
        Advisory.Event end = events.get(1);
        if (!introduced.equals("0")) {
          assertThat(Affects.covers(af, e.get(), introduced))
              .as(a.id() + " introduced " + introduced)
              .isTrue();
          checks[e.get().ordinal()]++;
        }
        if (end.kind().equals("fixed")
            && !end.version().isEmpty()
            && !end.version().equals(introduced)) {
          assertThat(Affects.covers(af, e.get(), end.version()))
              .as(a.id() + " fixed " + end.version())
              .isFalse();
          checks[e.get().ordinal()]++;
        }
        if (end.kind().equals("last_affected")) {
          assertThat(Affects.covers(af, e.get(), end.version()))
              .as(a.id() + " last_affected " + end.version())
              .isTrue();
          checks[e.get().ordinal()]++;
        }
      }
    }
    for (Ecosystem e :
        List.of(Ecosystem.GO, Ecosystem.CARGO, Ecosystem.PYPI, Ecosystem.MAVEN, Ecosystem.NPM)) {
      assertThat(checks[e.ordinal()]).as(e.osvName() + " boundary checks").isGreaterThan(10);
    }
  }
}
