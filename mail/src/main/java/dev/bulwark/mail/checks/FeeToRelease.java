package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import java.util.regex.Pattern;

/**
 * A small fee or a wire transfer stands between the reader and funds, a prize or an account:
 * release and processing fees, "confirm the payment of", money-transfer services. Parcel fees are
 * {@link DeliveryLure}'s. Up to three phrases quoted.
 */
final class FeeToRelease extends LanguageCue {
  private static final Pattern PHRASES =
      Pattern.compile(
          "(?iu)(?<![\\p{L}\\p{N}])("
              + "(?:release|processing|transfer|clearance|activation|unlock) (?:fee|charge)s?|"
              + "pay (?:a|the) (?:small|pending|outstanding|required|remaining) (?:fee|amount|charge|balance)|"
              + "confirm the payment of|(?:by|via|through) (?:a )?wire transfer|western union|moneygram|"
              + "efetue o pagamento|taxa de libera[çc][ãa]o|frais de (?:d[ée]blocage|traitement)|"
              + "freischaltgeb[üu]hr|bearbeitungsgeb[üu]hr|tarifa de liberaci[óo]n|vrijgavekosten"
              + ")(?![\\p{L}\\p{N}])");

  FeeToRelease() {
    super(
        new MailRule(
            "fee-to-release",
            3,
            Weight.PRIMARY,
            Part.TEXT,
            "A small fee or a wire transfer stands between the reader and funds, a prize or an"
                + " account"),
        PHRASES,
        "the text asks for a fee to release something");
  }
}
