package dev.bulwark.deps.versions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.deps.model.Ecosystem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionsTest {
  private static void assertOrdered(Ecosystem e, String... versions) {
    List<String> shuffled = new ArrayList<>(List.of(versions));
    Collections.reverse(shuffled);
    shuffled.sort(Versions.order(e));
    assertThat(shuffled).as(e.name()).containsExactly(versions);
  }

  @Test
  void maven_usesComparableVersionRules() {
    assertOrdered(
        Ecosystem.MAVEN,
        "1.0-alpha-1",
        "1.0-beta",
        "1.0-rc1",
        "1.0",
        "1.0-sp1",
        "1.0.1",
        "1.4.14-jdk7",
        "2.5-BETA1",
        "2.5",
        "9.4.51.v20230217",
        "12.0.0alpha0",
        "12.0.0");
    assertThat(Versions.order(Ecosystem.MAVEN).compare("5.2.20.RELEASE", "5.2.20")).isZero();
  }

  @Test
  void npmAndCargo_useSemverWithPrereleases() {
    assertOrdered(
        Ecosystem.NPM,
        "1.0.0-alpha",
        "1.0.0-alpha.1",
        "1.0.0-alpha.beta",
        "1.0.0-beta.2",
        "1.0.0-beta.11",
        "1.0.0-rc.1",
        "1.0.0",
        "1.0.1",
        "1.10.0",
        "2.1.1-0");
    assertThat(Versions.order(Ecosystem.CARGO).compare("1.0.0+build.5", "1.0.0")).isZero();
  }

  @Test
  void go_handlesTheVPrefixAndPseudoVersions() {
    assertOrdered(
        Ecosystem.GO,
        "v0.0.0-20191109021931-daa7c04131f5",
        "v0.1.0",
        "v1.2.3-pre",
        "v1.2.3",
        "v1.10.0");
  }

  @Test
  void pypi_followsPep440() {
    assertOrdered(
        Ecosystem.PYPI,
        "1.0.dev1",
        "1.0a1",
        "1.0a2.dev1",
        "1.0a2",
        "1.0b1",
        "1.0rc1",
        "1.0",
        "1.0.post1",
        "1.0.1",
        "1.1",
        "2!0.5");
    assertThat(Versions.order(Ecosystem.PYPI).compare("1.0.0", "1.0")).isZero();
    assertThat(Versions.order(Ecosystem.PYPI).compare("1.0-alpha-1", "1.0a1")).isZero();
  }

  @Test
  void rubygems_sortsPrereleasesBeforeReleases() {
    assertOrdered(
        Ecosystem.RUBYGEMS, "1.0.a", "1.0.b1", "1.0", "1.0.1", "2.0.0.rc1", "2.0.0", "10.0");
  }

  @Test
  void composer_ordersStabilities() {
    assertOrdered(
        Ecosystem.PACKAGIST,
        "1.0.0-dev",
        "1.0.0-alpha1",
        "1.0.0-beta2",
        "1.0.0-RC1",
        "1.0.0",
        "v1.0.1",
        "1.2.0");
  }
}
