package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import java.util.regex.Pattern;

/**
 * A small fee or a wire transfer stands between the reader and a parcel, funds or a prize: customs
 * and redelivery fees, "confirm the payment of", money-transfer services. Up to three phrases
 * quoted.
 */
final class FeeToRelease extends LanguageCue {
  private static final Pattern PHRASES =
      Pattern.compile(
          "(?iu)(?<![\\p{L}\\p{N}])("
              + "customs (?:fees?|duty|duties|charges?|clearance)|(?:delivery|redelivery|shipping|clearance|release|processing|handling|transfer) (?:fee|charge)s?|"
              + "pay (?:a|the) (?:small|pending|outstanding|required|remaining) (?:fee|amount|charge|balance)|"
              + "confirm the payment of|(?:by|via|through) (?:wire transfer|western union|moneygram)|western union|moneygram|"
              + "taxas? (?:alfandeg[áa]rias?|de (?:entrega|importa[çc][ãa]o|libera[çc][ãa]o))|efetue o pagamento|"
              + "frais de (?:livraison|douane|d[ée]douanement)|zollgeb[üu]hren?|versandgeb[üu]hr|"
              + "tasas de (?:aduana|env[íi]o)|inklaringskosten|verzendkosten"
              + ")(?![\\p{L}\\p{N}])");

  FeeToRelease() {
    super(
        new MailRule(
            "fee-to-release",
            3,
            Weight.PRIMARY,
            Part.TEXT,
            "A small fee or a wire transfer stands between the reader and a parcel, funds or a"
                + " prize"),
        PHRASES,
        "the text asks for a fee to release something");
  }
}
