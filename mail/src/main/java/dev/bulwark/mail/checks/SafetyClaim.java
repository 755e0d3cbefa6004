package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message vouches for itself: "this message is from a trusted sender", "verified sender", "safe
 * to open". Mail systems put such banners outside the sender's text; a body that claims its own
 * safety is imitating one, so one such phrase is enough. Scanning footers honest gateways add
 * ("scanned for viruses") are not matched.
 */
final class SafetyClaim implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "safety-claim",
          3,
          Weight.PRIMARY,
          Part.TEXT,
          "The text vouches for itself: a trusted or verified sender, safe to open");
  private static final Pattern PHRASES =
      Pattern.compile(
          "(?iu)(?<![\\p{L}\\p{N}])("
              + "(?:from|by) a (?:trusted|verified|safe|secure) sender|(?:trusted|verified|safe) sender|"
              + "(?:this|the) (?:message|e-?mail|link|attachment|document) is (?:safe|secure|verified|legitimate|genuine|authentic)|"
              + "safe to (?:open|click|download)|(?:verified|secured) by (?:microsoft|google|norton|mcafee|avast|outlook)|"
              + "remetente confi[áa]vel|mensagem segura|remitente de confianza|exp[ée]diteur (?:de confiance|v[ée]rifi[ée])|"
              + "vertrauensw[üu]rdige[rn]? absender|verifizierte[rn]? absender|vertrouwde afzender"
              + ")(?![\\p{L}\\p{N}])");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    String subject = Locations.subject(m);
    String text = Locations.subjectAndText(m);
    Matcher u = PHRASES.matcher(text);
    if (u.find()) {
      out.add(
          "the text vouches for its own safety: \""
              + u.group().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ")
              + "\"",
          Locations.where(subject, text, u.start()));
    }
  }
}
