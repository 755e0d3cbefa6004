package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import java.util.regex.Pattern;

/**
 * A parcel that could not be delivered or waits for a fee: the delivery lure sent in every
 * language. Carriers' real notices say a parcel is on its way or delivered, not that a fee must be
 * paid through a link, so only failures, holds and fees are matched. Up to three phrases quoted.
 */
final class DeliveryLure extends LanguageCue {
  private static final Pattern PHRASES =
      Pattern.compile(
          "(?iu)(?<![\\p{L}\\p{N}])("
              + "(?:delivery|shipment|package|parcel|order) (?:attempt )?(?:has )?(?:failed|was unsuccessful|is on hold|was put on hold|is pending|could not be delivered|is being held|was returned)|"
              + "(?:unable|failed) to deliver (?:your )?(?:package|parcel|shipment|order)|"
              + "(?:we |courier )?(?:could not|couldn't|were unable to|was unable to) deliver|"
              + "customs (?:fee|duty|duties|charges?|clearance fee)|(?:shipping|delivery|redelivery|handling) fee|"
              + "schedule (?:a |your )?redelivery|confirm your (?:delivery|shipping) (?:address|details|information)|"
              + "your (?:package|parcel|shipment) (?:is waiting|awaits|is held|has been held|is on hold)|"
              // Portuguese
              + "(?:sua|a) encomenda (?:está |foi )?(?:retida|pendente|taxada|bloqueada|devolvida|aguardando)|"
              + "taxa (?:de )?(?:entrega|alfândega|alfandegária|importação|envio)|"
              + "não (?:foi possível|conseguimos) entregar|tentativa de entrega|objeto (?:retido|aguardando pagamento)|"
              // Spanish
              + "(?:su|tu) paquete (?:está |fue |ha sido )?(?:retenido|pendiente|devuelto|bloqueado)|"
              + "no (?:pudimos|se pudo|hemos podido) entregar|(?:tasa|gastos|tarifa) de (?:aduana|envío|entrega)|intento de entrega|"
              // French
              + "(?:votre )?colis (?:est )?(?:en attente|bloqué|retenu|retourné)|frais de (?:livraison|douane|réexpédition)|"
              + "tentative de livraison|(?:nous )?n'avons pas pu livrer|"
              // German
              + "(?:ihr )?paket (?:konnte nicht zugestellt|wartet|wird zurückgehalten)|zustellversuch|zollgebühr(?:en)?|"
              // Italian
              + "(?:il tuo )?pacco (?:è )?(?:in giacenza|bloccato|trattenuto)|spese di (?:spedizione|sdoganamento|consegna)|tentativo di consegna|"
              // Dutch
              + "(?:uw )?pakket (?:kon niet (?:worden )?bezorgd|wordt vastgehouden)|bezorgpoging|douanekosten"
              + ")(?![\\p{L}\\p{N}])");

  DeliveryLure() {
    super(
        new MailRule(
            "delivery-lure",
            3,
            Weight.PRIMARY,
            Part.TEXT,
            "The text says a parcel could not be delivered or waits for a fee"),
        PHRASES,
        "the text says a parcel is held or owes a fee");
  }
}
