package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import java.util.regex.Pattern;

/**
 * The reader is greeted as nobody in particular ("Dear customer", "Dear friend"): bulk mail's
 * habit, honest newsletters' too, so supporting only.
 */
final class GenericGreeting extends LanguageCue {
  private static final Pattern PHRASES =
      Pattern.compile(
          "(?i)\\b(dear (?:valued )?(?:customer|user|client|member|friend|beneficiary|account holder|sir(?:/madam)?|madam|recipient|winner)|"
              + "hello (?:dear|user|customer)|attn:? (?:beneficiary|victim)|prezad[oa] cliente|caro cliente|estimado cliente)\\b");

  GenericGreeting() {
    super(
        new MailRule(
            "generic-greeting",
            1,
            Weight.SUPPORTING,
            Part.TEXT,
            "The reader is greeted as nobody in particular (\"Dear customer\")"),
        PHRASES,
        "the reader is greeted as nobody in particular");
  }
}
