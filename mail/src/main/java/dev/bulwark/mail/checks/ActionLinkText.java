package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A link or button whose words are an account action — verify, sign in, confirm, unlock, restore,
 * update payment, open a document or voicemail, release messages, claim — that goes to a domain
 * other than the sender's. Newsletters' buttons read "read more" or "shop now"; a button asking for
 * a log-in elsewhere is the hook of a credential-harvesting message.
 */
final class ActionLinkText extends LinkCheck {
  private static final MailRule RULE =
      new MailRule(
          "action-link-text",
          3,
          Weight.PRIMARY,
          Part.LINKS,
          "A button asks for a log-in, a verification or a document on another domain");

  private static final Pattern ACTION =
      Pattern.compile(
          "(?iu)^\\W*(?:click here to |please |tap to )?("
              + "verify|verify (?:now|account|your \\w+|e-?mail|identity)|validate(?: now| account| e-?mail)?|"
              + "confirm (?:now|account|identity|e-?mail|your \\w+|password)|"
              + "(?:sign|log) ?in(?: now| here| to \\w+(?: \\w+)?)?|login now|"
              + "unlock(?: account| now)?|restore(?: access| account| now)?|reactivate(?: account| now)?|"
              + "update (?:now|account|payment|billing|details|information|your \\w+)|"
              + "keep (?:my |the )?(?:same )?password|(?:reset|change) password|"
              + "(?:view|open|access|download|review) (?:the )?(?:shared |secure |attached )?(?:document|file|pdf|invoice|message|voicemail|voice message|fax|statement)s?|"
              + "(?:release|retrieve|recover|deliver) (?:pending |held )?(?:messages|e-?mails)|"
              + "claim(?: now| (?:your|my) \\w+)?|"
              + "verificar|validar|confirmar(?: dados| conta)?|acessar(?: conta| agora)?|entrar|atualizar(?: dados| agora)?|"
              + "desbloquear|regularizar|resgatar|"
              + "vérifier|confirmer|se connecter|valider|débloquer|"
              + "bestätigen|verifizieren|anmelden|jetzt anmelden|entsperren|"
              + "verifica|conferma|accedi|sblocca|"
              + "verifiëren|bevestigen|inloggen"
              + ")\\W*$");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  int limit() {
    return 1;
  }

  @Override
  String judge(MailMessage.Link l, String host, String reg, CheckContext c) {
    String text = l.text() == null ? "" : l.text().strip().replaceAll("\\s+", " ");
    if (text.isEmpty() || text.length() > 40 || reg.equals(c.fromRegistrable())) {
      return null;
    }
    if (ACTION.matcher(text).matches()) {
      return "a button reads \"" + text.toLowerCase(Locale.ROOT) + "\" and goes to " + reg;
    }
    return null;
  }
}
