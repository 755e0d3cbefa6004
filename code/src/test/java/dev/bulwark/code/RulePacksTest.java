package dev.bulwark.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.code.rules.JavaRule;
import dev.bulwark.code.rules.RulePacks;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RulePacksTest {
  private static final Set<Integer> REQUIRED_CWES =
      Set.of(
          22, 78, 79, 89, 90, 94, 917, 113, 117, 295, 326, 327, 328, 330, 501, 502, 601, 611, 614,
          643, 798, 918, 1004);

  @Test
  void builtInPacks_coverTheRequiredCwes() throws Exception {
    Set<Integer> covered = new TreeSet<>();
    RulePacks.builtIn().rules().forEach(r -> covered.add(r.cwe()));
    assertThat(covered).containsAll(REQUIRED_CWES);
  }

  @Test
  void everyRule_hasItsDocumentationPageAsHelp() throws Exception {
    for (JavaRule r : RulePacks.builtIn().rules()) {
      assertThat(r.help())
          .as(r.id())
          .startsWith("# " + r.id() + ": ")
          .contains("## Vulnerable", "## Fixed", "CWE-" + r.cwe());
      assertThat(r.descriptor().help()).as(r.id()).isEqualTo(r.help());
    }
  }

  @Test
  void everyTaintRule_hasACategory_andEveryRuleAMessageAndRemediation() throws Exception {
    List<JavaRule> rules = RulePacks.builtIn().rules();
    assertThat(rules).hasSizeGreaterThanOrEqualTo(23);
    for (JavaRule r : rules) {
      assertThat(r.message()).as(r.id()).isNotBlank();
      assertThat(r.remediation()).as(r.id()).isNotBlank();
      if (r.kind() == JavaRule.Kind.TAINT) {
        assertThat(r.category()).as(r.id()).isNotNull();
      }
    }
  }

  @Test
  void methodSpecs_expandBracesIntoBothNamespaces() {
    var specs =
        dev.bulwark.code.rules.MethodSpec.parse(
            "{javax,jakarta}.servlet.ServletRequest#getParameter,getHeader/1");
    assertThat(specs)
        .extracting(dev.bulwark.code.rules.MethodSpec::owner)
        .containsExactly("javax.servlet.ServletRequest", "jakarta.servlet.ServletRequest");
    assertThat(specs.get(0).matchesName("getHeader", 1)).isTrue();
    assertThat(specs.get(0).matchesName("getHeader", 2)).isFalse();
  }

  @Test
  void denyListRule_carriesItsNamesAndGadgets() throws Exception {
    JavaRule rule = RulePacks.builtIn().rule("java-deserialization-deny-list");
    assertThat(rule.kind()).isEqualTo(JavaRule.Kind.DENY_LIST);
    JavaRule.DenyList d = rule.denyList();
    for (String name :
        List.of("DEFAULT_NO_DESER_CLASS_NAMES", "denyHashCodes", "BlacklistedTypesConverter")) {
      assertThat(d.denyNames().matcher(name).find()).as(name).isTrue();
    }
    for (String name : List.of("ALLOWED", "isWhitelisted", "acceptHashCodes")) {
      assertThat(d.allowNames().matcher(name).find()).as(name).isTrue();
      assertThat(d.denyNames().matcher(name).find()).as(name).isFalse();
    }
    assertThat(d.gadgets()).contains("com.sun.rowset.JdbcRowSetImpl");
  }

  @Test
  void libraryModel_namesWebRequestTypesAndAttributeStores() throws Exception {
    var lib = RulePacks.builtIn().library();
    assertThat(lib.requestTypes())
        .contains(
            "javax.servlet.http.HttpServletRequest",
            "jakarta.servlet.http.HttpServletRequest",
            "org.kohsuke.stapler.StaplerRequest",
            "io.vertx.ext.web.RoutingContext",
            "io.undertow.server.HttpServerExchange");
    assertThat(lib.attributeStores())
        .anyMatch(s ->
            s.type().equals("javax.servlet.http.HttpSession")
                && s.put().contains("setAttribute")
                && s.get().contains("getAttribute"));
    assertThat(lib.isParameterSource("org.kohsuke.stapler.QueryParameter")).isTrue();
  }
}
