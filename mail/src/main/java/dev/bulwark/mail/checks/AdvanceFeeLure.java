package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import java.util.regex.Pattern;

/**
 * The advance-fee ("419") story: a stranger with a fortune to move — a diplomat with a consignment,
 * a barrister with a late client's estate, an official with a dormant account — who needs the
 * reader's help, discretion and details. Up to three phrases quoted.
 */
final class AdvanceFeeLure extends LanguageCue {
  private static final Pattern PHRASES =
      Pattern.compile(
          "(?iu)(?<![\\p{L}\\p{N}])("
              + "diplomatic (?:agent|courier|bag)|consignment|barrister|late (?:client|husband|father|wife)|"
              + "dormant (?:account|fund)|(?:transfer|release|move) (?:of )?(?:the |these |this )?(?:funds?|sum|money)|"
              + "(?:huge|lucrative|mutual|confidential) business|business (?:transaction|partner(?:ship)?)|"
              + "investment (?:opportunity )?in your country|foreign (?:partner|account)|"
              + "\\d{1,2} ?% of the (?:total )?(?:sum|funds?|amount)|strictly confidential|"
              + "(?:reconfirm|send me|provide) your (?:full )?(?:names?|home address|(?:cell )?phone(?: number)?|telephone)|"
              + "(?:my|this) private (?:e-?mail|email address)|united nations|world bank|imf|"
              + "certificate of (?:deposit|origin|claim)|unclaimed (?:deposit|estate|funds?)|"
              + "deceased|next of kin|can (?:you|u) do me a favou?r|i need your (?:help|assistance|cooperation)"
              + ")(?![\\p{L}\\p{N}])");

  AdvanceFeeLure() {
    super(
        new MailRule(
            "advance-fee-lure",
            3,
            Weight.PRIMARY,
            Part.TEXT,
            "The advance-fee story: a stranger with a fortune to move needs help, discretion and"
                + " details"),
        PHRASES,
        "the text tells the advance-fee story");
  }
}
