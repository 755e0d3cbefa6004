package dev.bulwark.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.compliance.oscal.Catalog;
import dev.bulwark.compliance.oscal.Control;
import dev.bulwark.compliance.oscal.Profile;
import dev.bulwark.compliance.oscal.ProfileResolver;
import dev.bulwark.core.errors.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Resolves NIST's SP 800-53 rev5 baseline profiles and compares the result with the resolved
 * catalogs NIST publishes. The full catalog is not in the shared data, so the HIGH resolved catalog
 * (a superset of LOW and MODERATE) stands in for it.
 */
class ProfileResolverTest {
  private static Path oscal;

  @BeforeAll
  static void data() {
    oscal = SharedData.dir("oscal").orElse(null);
  }

  private static Path file(String name) {
    assumeTrue(oscal != null, "../shared/data/oscal is absent; skipping the NIST profile tests");
    return oscal.resolve(name);
  }

  @ParameterizedTest
  @CsvSource({"LOW,149", "MODERATE,287", "HIGH,370"})
  void nistBaseline_resolvesToThePublishedControls(String baseline, int expected) throws Exception {
    Path high = file("NIST_SP-800-53_rev5_HIGH-baseline-resolved-profile_catalog-min.json");
    Catalog resolved =
        ProfileResolver.resolve(
            Profile.read(file("NIST_SP-800-53_rev5_" + baseline + "-baseline_profile.json")), high);
    Catalog published =
        Catalog.read(
            file(
                "NIST_SP-800-53_rev5_" + baseline + "-baseline-resolved-profile_catalog-min.json"));
    List<String> ids = resolved.controls().stream().map(Control::id).toList();
    assertThat(ids).hasSize(expected);
    assertThat(ids)
        .containsExactlyInAnyOrderElementsOf(
            published.controls().stream().map(Control::id).toList());
  }

  @Test
  void moderate_containsTheControlsBulwarkMaps() throws Exception {
    Catalog resolved =
        ProfileResolver.resolve(
            Profile.read(file("NIST_SP-800-53_rev5_MODERATE-baseline_profile.json")),
            file("NIST_SP-800-53_rev5_HIGH-baseline-resolved-profile_catalog-min.json"));
    assertThat(resolved.control("ra-5")).isPresent();
    assertThat(resolved.control("ra-5").get().label()).isEqualTo("RA-5");
    assertThat(resolved.control("ac-6.9").get().label()).isEqualTo("AC-6(9)");
    assertThat(resolved.control("ac-6.9").get().parentId()).isEqualTo("ac-6");
  }

  @Test
  void profileWithoutLocalCatalog_nameWhatIsMissing() {
    Path profile = file("NIST_SP-800-53_rev5_MODERATE-baseline_profile.json");
    assertThatThrownBy(() -> ProfileResolver.resolve(Profile.read(profile), null))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("--catalog");
  }

  @Test
  void profile_includeAllMinusExcludeAndParameters(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("cat.json"),
        """
        {"catalog": {"uuid": "x", "metadata": {"title": "mini"}, "groups": [
          {"id": "ac", "title": "Access Control", "controls": [
            {"id": "ac-1", "title": "Policy", "params": [{"id": "ac-1_prm_1"}]},
            {"id": "ac-2", "title": "Accounts", "controls": [{"id": "ac-2.1", "title": "Automated"}]}
          ]}]}}
        """);
    Files.writeString(
        dir.resolve("profile.json"),
        """
        {"profile": {"uuid": "y", "metadata": {"title": "tailored"},
          "imports": [{"href": "cat.json", "include-all": {},
                       "exclude-controls": [{"with-ids": ["ac-2.1"]}]}],
          "modify": {"set-parameters": [{"param-id": "ac-1_prm_1", "values": ["the CISO"]}]}}}
        """);
    Catalog c = ProfileResolver.resolve(Profile.read(dir.resolve("profile.json")), null);
    assertThat(c.controls()).extracting(Control::id).containsExactly("ac-1", "ac-2");
    assertThat(c.control("ac-1").get().parameters()).containsEntry("ac-1_prm_1", "the CISO");
  }

  @Test
  void xmlProfileAndCatalog_resolveLikeJson(@TempDir Path dir) throws Exception {
    String ns = "xmlns=\"http://csrc.nist.gov/ns/oscal/1.0\"";
    Files.writeString(
        dir.resolve("cat.xml"),
        "<catalog "
            + ns
            + " uuid=\"x\"><metadata><title>mini</title></metadata>"
            + "<group id=\"ac\"><title>Access Control</title>"
            + "<control id=\"ac-1\"><title>Policy</title></control>"
            + "<control id=\"ac-2\"><title>Accounts</title>"
            + "<control id=\"ac-2.1\"><title>Automated</title></control></control>"
            + "</group></catalog>");
    Files.writeString(
        dir.resolve("profile.xml"),
        "<profile "
            + ns
            + " uuid=\"y\"><metadata><title>tailored</title></metadata>"
            + "<import href=\"#r\"><include-controls><with-id>ac-2.1</with-id></include-controls></import>"
            + "<modify><set-parameter param-id=\"ac-2.1_prm_1\"><value>24 hours</value></set-parameter></modify>"
            + "<back-matter><resource uuid=\"r\"><rlink href=\"cat.xml\"/></resource></back-matter>"
            + "</profile>");
    Catalog c = ProfileResolver.resolve(Profile.read(dir.resolve("profile.xml")), null);
    // the enhancement brings its parent, as the JSON form does
    assertThat(c.controls()).extracting(Control::id).containsExactly("ac-2", "ac-2.1");
    assertThat(c.control("ac-2.1").get().parameters()).containsEntry("ac-2.1_prm_1", "24 hours");
  }

  @Test
  void xmlWithDoctype_isRefused(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("evil.xml");
    Files.writeString(
        f,
        "<?xml version=\"1.0\"?>\n<!DOCTYPE catalog [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
            + "<catalog xmlns=\"http://csrc.nist.gov/ns/oscal/1.0\">&x;</catalog>");
    assertThatThrownBy(() -> Catalog.read(f))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("evil.xml:2");
  }

  @Test
  void brokenJson_namesFileAndLine(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, "{\"profile\": {\n  \"imports\": [\n}");
    assertThatThrownBy(() -> Profile.read(f))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("bad.json:3");
  }
}
