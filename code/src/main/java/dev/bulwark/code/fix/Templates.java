package dev.bulwark.code.fix;

import dev.bulwark.code.fix.templates.CommandInjectionFix;
import dev.bulwark.code.fix.templates.CookieFlagsFix;
import dev.bulwark.code.fix.templates.CryptoFix;
import dev.bulwark.code.fix.templates.DeserializationFix;
import dev.bulwark.code.fix.templates.ExpressionInjectionFix;
import dev.bulwark.code.fix.templates.HardcodedCredentialFix;
import dev.bulwark.code.fix.templates.LdapInjectionFix;
import dev.bulwark.code.fix.templates.NewlineFix;
import dev.bulwark.code.fix.templates.OpenRedirectFix;
import dev.bulwark.code.fix.templates.PathTraversalFix;
import dev.bulwark.code.fix.templates.SqlInjectionFix;
import dev.bulwark.code.fix.templates.SsrfFix;
import dev.bulwark.code.fix.templates.TrustBoundaryFix;
import dev.bulwark.code.fix.templates.WeakRandomFix;
import dev.bulwark.code.fix.templates.XPathInjectionFix;
import dev.bulwark.code.fix.templates.XssFix;
import dev.bulwark.code.fix.templates.XxeFix;
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
