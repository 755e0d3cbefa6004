package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import java.util.regex.Pattern;

/** The text presses the reader to act now: up to three distinct phrases quoted. */
final class PressureLanguage extends LanguageCue {
  private static final Pattern PHRASES =
      Pattern.compile(
          "(?i)\\b(urgent|immediately|within 24 hours|within 48 hours|account (?:will be |has been )?(?:suspended|locked|disabled|closed)|"
              + "unusual (?:sign-in |login )?activity|payment (?:failed|declined)|final notice|last warning|action required|"
              + "password (?:will )?expire|limited (?:access|time)|"
              + "within (?:12|24|48|72) (?:hours|hrs)|will be (?:permanently )?(?:deleted|terminated|deactivated|disabled)|"
              + "avoid (?:suspension|termination|deactivation|losing (?:access|your))|failure to (?:comply|verify|update|respond)|"
              + "expires? today|permanently (?:deleted|disabled|closed)|"
              + "immediatamente|sospes[oa]|scade oggi|onmiddellijk|geblokkeerd|"
              + "bloquead[oa]|regulariz|pend[eê]ncia|suspendid[ao]|urgente|"
              + "dringend|sofort|letzte (?:warnung|mahnung)|läuft (?:heute )?ab|gesperrt|"
              + "dernier avertissement|imm[ée]diatement|expire aujourd|suspendu|"
              + "[úu]ltimo aviso|inmediatamente|suspendida)\\b");

  PressureLanguage() {
    super(
        new MailRule(
            "pressure-language",
            3,
            Weight.PRIMARY,
            Part.TEXT,
            "The text presses the reader to act now"),
        PHRASES,
        "the text presses the reader");
  }
}
