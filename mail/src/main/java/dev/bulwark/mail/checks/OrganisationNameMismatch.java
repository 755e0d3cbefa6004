package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.Addresses;
import dev.bulwark.mail.message.MailMessage;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The display name speaks for an organisation — a team, a service, a bank, a rewards desk — and
 * none of its own words is in the sender's domain ("TruGreen Lawn Service" writing from
 * zhishangmingzhan.com, "Cloud Infrastructure Team" from smedialy.com). Organisations send from
 * their own domains, or name the sending company in the display name; a name with nothing of the
 * domain in it speaks for someone else. The much-phished brands and free mailboxes have checks of
 * their own, and a display name made only of generic words ("Support Team", "System Administrator")
 * names no one in particular, so neither counts here.
 */
final class OrganisationNameMismatch implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "organisation-name-mismatch",
          1,
          Weight.SUPPORTING,
          Part.SENDER,
          "The display name speaks for an organisation none of whose words is in the sender's"
              + " domain");

  /** Words by which a display name speaks for an organisation, not a person. */
  private static final Pattern ORGANISATION =
      Pattern.compile(
          "\\b(team|support|services?|customer|billing|security|department|dept|center|centre|"
              + "group|rewards?|bank|official|notifications?|accounts?|helpdesk|wallet|pharmacy|"
              + "insurance|loans?|winners?|prizes?|delivery|shipping|logistics|courier|store|"
              + "equipe|suporte|servico|atendimento|banco|kundenservice|kundendienst|"
              + "klantenservice|servicio|soporte|banque|pramie|premie)\\b");

  /** Words that name no one in particular, compared with no domain. */
  private static final Set<String> GENERIC =
      Set.of(
          "the",
          "and",
          "for",
          "your",
          "you",
          "our",
          "from",
          "with",
          "von",
          "der",
          "die",
          "das",
          "und",
          "des",
          "les",
          "pour",
          "van",
          "het",
          "een",
          "del",
          "los",
          "las",
          "com",
          "net",
          "org",
          "info",
          "mail",
          "email",
          "news",
          "newsletter",
          "system",
          "admin",
          "administrator",
          "customer",
          "customers",
          "client",
          "clients",
          "online",
          "web",
          "internet",
          "service",
          "services",
          "support",
          "team",
          "center",
          "centre",
          "group",
          "department",
          "dept",
          "account",
          "accounts",
          "billing",
          "security",
          "official",
          "notification",
          "notifications",
          "helpdesk",
          "desk",
          "help",
          "care",
          "delivery",
          "shipping",
          "store",
          "shop",
          "reply",
          "noreply",
          "no",
          "do",
          "not",
          "new",
          "all");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    String domain = c.fromDomain();
    String fromReg = c.fromRegistrable();
    if (domain == null || fromReg == null || FreemailOrganisation.FREEMAIL.contains(fromReg)) {
      return;
    }
    String display = fold(Addresses.displayName(m.header("From")));
    if (display.isEmpty() || display.contains("@")) {
      return; // an address as the name is display-name-address's to judge
    }
    Matcher org = ORGANISATION.matcher(display);
    if (!org.find() || Brands.named(display) != null) {
      return;
    }
    String compact = display.replaceAll("[^a-z0-9]", "");
    String domainLetters = domain.replaceAll("[^a-z0-9]", "");
    String label = fromReg.split("\\.")[0].replace("-", "");
    if (label.length() >= 4 && compact.contains(label)) {
      return; // "Motley Fool" from motleyfool.com
    }
    List<String> distinctive = new ArrayList<>();
    for (String word : display.split("[^a-z0-9]+")) {
      if (word.length() < 3 || GENERIC.contains(word) || ORGANISATION.matcher(word).matches()) {
        continue;
      }
      // a long word's first five letters stand for it in shortened domains (Infrastructure,
      // infra-mail.example)
      if (domainLetters.contains(word)
          || (word.length() >= 5 && domainLetters.contains(word.substring(0, 5)))) {
        return; // the organisation's own word is in its domain
      }
      distinctive.add(word);
    }
    if (!distinctive.isEmpty()) {
      out.add(
          "the sender calls itself \""
              + Addresses.displayName(m.header("From"))
              + "\" but writes from "
              + domain
              + ", which has none of those words",
          "header:From");
    }
  }

  /** Lower case without accents, so "Équipe" and "equipe" are one word. */
  private static String fold(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFKD)
        .replaceAll("\\p{M}", "")
        .toLowerCase(Locale.ROOT);
  }
}
