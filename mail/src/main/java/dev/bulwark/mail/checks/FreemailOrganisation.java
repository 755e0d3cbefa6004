package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.Addresses;
import dev.bulwark.mail.message.MailMessage;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The display name speaks for an organisation — a bank, a support desk, an account team, a
 * government office — while the address is a free personal mailbox no such organisation writes
 * from.
 */
final class FreemailOrganisation implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "freemail-organisation",
          3,
          Weight.PRIMARY,
          Part.SENDER,
          "The display name speaks for an organisation but the address is a free personal mailbox");
  static final Set<String> FREEMAIL =
      Set.of(
          "gmail.com",
          "googlemail.com",
          "hotmail.com",
          "outlook.com",
          "live.com",
          "msn.com",
          "yahoo.com",
          "ymail.com",
          "icloud.com",
          "me.com",
          "aol.com",
          "gmx.com",
          "gmx.net",
          "mail.com",
          "mail.ru",
          "yandex.com",
          "yandex.ru",
          "proton.me",
          "protonmail.com",
          "zoho.com",
          "uol.com.br",
          "bol.com.br",
          "terra.com.br",
          "hotmail.co.uk",
          "yahoo.co.uk",
          "outlook.fr",
          "hotmail.fr",
          "yahoo.fr",
          "libero.it",
          "web.de",
          "qq.com",
          "163.com",
          "126.com",
          "naver.com",
          "rediffmail.com",
          "inbox.ru",
          "bk.ru",
          "list.ru",
          "tutanota.com");
  private static final Pattern ORGANISATION =
      Pattern.compile(
          "(?i)\\b(bank|banco|support|suporte|service|servi[cç]o|security|seguran[cç]a|team|equipe|"
              + "admin|administrator|helpdesk|help desk|billing|account|conta|department|departamento|"
              + "customer care|notification|no-?reply|official|wallet|exchange|delivery|shipping|"
              + "logistics|tax|irs|receita|government|police|fbi|court|united nations|"
              + "\\.com|\\.org|\\.net)\\b");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    String fromReg = c.fromRegistrable();
    if (fromReg == null || !FREEMAIL.contains(fromReg)) {
      return;
    }
    String display = Addresses.displayName(m.header("From"));
    String lower = display.toLowerCase(Locale.ROOT);
    Matcher org = ORGANISATION.matcher(display);
    String brand = Brands.named(lower);
    if (brand != null || org.find()) {
      out.add(
          "the sender calls itself \""
              + display
              + "\" but writes from a free "
              + fromReg
              + " mailbox",
          "header:From");
    }
  }
}
