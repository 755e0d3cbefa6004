package dev.bulwark.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.intel.profile.OrgProfile;
import dev.bulwark.intel.render.NavigatorLayers;
import dev.bulwark.intel.stix.StixBundleReader;
import dev.bulwark.intel.stix.StixValidator;
import dev.bulwark.intel.vocab.Vocabulary;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ValidatorsAndVocabularyTest {
  static JsonNode json(String s) throws Exception {
    return StixBundleReader.mapper().readTree(s.replace('\'', '"'));
  }

  static final String VALID_BUNDLE =
      "{'type':'bundle','id':'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d','objects':["
          + "{'type':'identity','spec_version':'2.1','id':'identity--311b2d2d-f010-4473-83ec-1edf84858f4c',"
          + "'created':'2026-01-01T00:00:00.000Z','modified':'2026-01-01T00:00:00.000Z','name':'Org'},"
          + "{'type':'intrusion-set','spec_version':'2.1','id':'intrusion-set--bef4c620-0787-42a8-a96d-b7eb6e85917c',"
          + "'created':'2026-01-01T00:00:00.000Z','modified':'2026-01-01T00:00:00.000Z','name':'X'},"
          + "{'type':'relationship','spec_version':'2.1','id':'relationship--9b1c3f5f-7b5f-4f7e-9c62-2a7a2a0a6a51',"
          + "'created':'2026-01-01T00:00:00.000Z','modified':'2026-01-01T00:00:00.000Z','relationship_type':'targets',"
          + "'source_ref':'intrusion-set--bef4c620-0787-42a8-a96d-b7eb6e85917c',"
          + "'target_ref':'identity--311b2d2d-f010-4473-83ec-1edf84858f4c'}]}";

  @Test
  void stixValidator_acceptsAValidBundle() throws Exception {
    assertThat(StixValidator.validate(json(VALID_BUNDLE))).isEmpty();
  }

  @Test
  void stixValidator_namesMissingPropertiesDanglingRefsAndBadIds() throws Exception {
    String broken =
        VALID_BUNDLE
            .replace("'name':'X'", "'aliases':[]")
            .replace("'target_ref':'identity--311b2d2d", "'target_ref':'identity--411b2d2d")
            .replace(
                "identity--311b2d2d-f010-4473-83ec-1edf84858f4c','created'",
                "identity--nope','created'");
    assertThat(StixValidator.validate(json(broken)))
        .anyMatch(e -> e.contains("required property 'name' is missing"))
        .anyMatch(e -> e.contains("empty list"))
        .anyMatch(e -> e.contains("not in the bundle"))
        .anyMatch(e -> e.contains("id must be identity--<RFC 4122 UUID>"));
  }

  @Test
  void navigatorSchema_acceptsTheSpecExampleShape_andRejectsWhatTheSpecForbids() throws Exception {
    ObjectNode layer =
        (ObjectNode)
            json(
                "{'name':'l','versions':{'attack':'18','navigator':'5.2.0','layer':'4.5'},"
                    + "'domain':'enterprise-attack','techniques':[{'techniqueID':'T1110.001','score':100,"
                    + "'metadata':[{'name':'a','value':'b'},{'divider':true}]}],"
                    + "'gradient':{'colors':['#ff6666','#8ec843'],'minValue':0,'maxValue':100},"
                    + "'legendItems':[{'label':'x','color':'#FF00FF'}]}");
    assertThat(NavigatorLayers.validate(layer)).isEmpty();

    ObjectNode bad = layer.deepCopy();
    bad.put("domain", "mitre-enterprise");
    ((ObjectNode) bad.get("versions")).put("layer", "4.3");
    ((ObjectNode) bad.get("gradient")).put("maxValue", 0);
    ((ObjectNode) bad.withArray("techniques").get(0)).put("techniqueID", "1110");
    assertThat(String.join("\n", NavigatorLayers.validate(bad)))
        .contains("domain")
        .contains("layer")
        .contains("techniqueID")
        .contains("maxValue must be greater");
    ((ObjectNode) layer.get("versions")).put("navigator", "4.8.2");
    assertThat(NavigatorLayers.validate(layer)).anyMatch(e -> e.contains("at least 4.9.0"));
  }

  @Test
  void vocabulary_mapsTheGalaxysUnnormalisedNames() {
    Vocabulary v = Vocabulary.builtIn();
    assertThat(v.sector("Telecomms").orElseThrow().name()).isEqualTo("telecommunications");
    assertThat(v.sector("Government, Administration").orElseThrow().name()).isEqualTo("government");
    assertThat(v.sector("Military").orElseThrow().name()).isEqualTo("defence");
    assertThat(v.sector("Private sector").orElseThrow().broad()).isTrue();
    assertThat(v.country("United States")).contains("US");
    assertThat(v.country("South Korea")).contains("KR");
    assertThat(v.country("Czech Republic")).contains("CZ");
    assertThat(v.region("Middle East").orElseThrow()).contains("IL", "SA", "IR");
    assertThat(v.region("europe").orElseThrow()).contains("DE", "AT");
    assertThat(v.mentions("It has targeted hospitals in South Korea and the financial sector."))
        .extracting(Vocabulary.Mention::value)
        .contains("KR", "healthcare", "finance");
    // broad words in prose say too little
    assertThat(v.mentions("other services and business")).isEmpty();
  }

  @Test
  void profile_rejectsUnknownSectorsAndCountryCodes_namingTheFile() throws Exception {
    JsonNode bad = json("{'sectors':['hospitality','spaceflight'],'countries':['DE']}");
    assertThatThrownBy(() -> OrgProfile.fromSection(bad, Path.of("."), "x/bulwark.yaml"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("x/bulwark.yaml")
        .hasMessageContaining("'spaceflight'");
    JsonNode badCountry = json("{'sectors':['finance'],'countries':['Germany']}");
    assertThatThrownBy(() -> OrgProfile.fromSection(badCountry, Path.of("."), "y.yaml"))
        .hasMessageContaining("ISO 3166-1");
    OrgProfile ok =
        OrgProfile.fromSection(
            json(
                "{'sectors':['Hospital','banks'],'countries':['de'],'exposure':'internet-facing'}"),
            Path.of("."),
            "z.yaml");
    assertThat(ok.sectors()).containsExactly("healthcare", "finance");
    assertThat(ok.countries()).containsExactly("DE");
    assertThat(ok.exposure()).isEqualTo(OrgProfile.Exposure.INTERNET_FACING);
  }
}
