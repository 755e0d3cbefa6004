package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import java.util.regex.Pattern;

/**
 * The sender claims to have broken into the reader's device or recorded them and wants payment in
 * cryptocurrency: the extortion mail sent by the million, with no link or attachment to catch. Up
 * to three phrases quoted.
 */
final class ExtortionLure extends LanguageCue {
  private static final Pattern PHRASES =
      Pattern.compile(
          "(?iu)(?<![\\p{L}\\p{N}])("
              + "i (?:have )?hacked (?:your|into)|(?:your|the) (?:device|computer|phone|account|system) (?:was|has been|is) (?:hacked|infected|compromised)|"
              + "i (?:have )?(?:recorded|installed|gained (?:full )?access)|(?:malware|trojan|spyware|rat) on your|"
              + "(?:compromising|intimate|explicit) (?:video|photos?|material|footage)|(?:send|share|forward) (?:it|the video|them) to (?:all )?your contacts|"
              + "(?:pay|send|transfer) (?:me )?(?:\\S+ ){0,4}(?:in |via )?(?:bitcoin|btc|usdt|monero)|(?:bitcoin|btc|crypto) (?:wallet|address)|"
              + "(?:eu )?hackeei|seu (?:dispositivo|computador) foi (?:hackeado|invadido)|v[íi]deo (?:íntimo|comprometedor)|"
              + "he hackeado|tu (?:dispositivo|ordenador) (?:ha sido|fue) (?:hackeado|infectado)|"
              + "j'ai piraté|ich habe (?:ihr|dein) (?:gerät|konto) gehackt"
              + ")(?![\\p{L}\\p{N}])");

  ExtortionLure() {
    super(
        new MailRule(
            "extortion-lure",
            3,
            Weight.PRIMARY,
            Part.TEXT,
            "The sender claims to have hacked or filmed the reader and wants cryptocurrency"),
        PHRASES,
        "the text threatens the reader for payment");
  }
}
