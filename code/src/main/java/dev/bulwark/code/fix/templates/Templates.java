package dev.bulwark.code.fix.templates;

import dev.bulwark.code.fix.spi.FixTemplate;
import java.util.ArrayList;
import java.util.List;

/** Every fix template that ships with Bulwark, listed here and nowhere else. */
public final class Templates {
  private Templates() {}

  public static List<FixTemplate> all() {
    return List.of(
        new SqlInjectionFix(),
        new CommandInjectionFix(),
        new PathTraversalFix(),
        new XssFix(),
        new LdapInjectionFix(),
        new XPathInjectionFix(),
        new CryptoFix(),
        new WeakRandomFix(),
        new CookieFlagsFix(),
        new XxeFix(),
        new OpenRedirectFix(),
        new DeserializationFix(),
        new TrustBoundaryFix(),
        new NewlineFix(),
        new HardcodedCredentialFix(),
        new SsrfFix(),
        new ExpressionInjectionFix());
  }

  public static List<FixTemplate> forRule(String ruleId) {
    List<FixTemplate> out = new ArrayList<>();
    for (FixTemplate t : all()) {
      if (t.rules().contains(ruleId)) {
        out.add(t);
      }
    }
    return out;
  }
}
