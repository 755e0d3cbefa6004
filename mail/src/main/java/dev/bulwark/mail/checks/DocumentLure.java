package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import java.util.regex.Pattern;

/**
 * A business document waits to be opened — payment advice, proof of payment, a purchase order, a
 * secure message, an invoice to view or download — the lure of malware and log-in pages sent as
 * "paperwork". Up to three phrases quoted.
 */
final class DocumentLure extends LanguageCue {
  private static final Pattern PHRASES =
      Pattern.compile(
          "(?iu)(?<![\\p{L}\\p{N}])("
              + "(?:payment|remittance|transfer) (?:advice|confirmation slip|copy)|proof of payment|swift (?:copy|message|confirmation)|"
              + "purchase order|wire transfer (?:copy|confirmation|details)|"
              + "(?:invoice|statement|document|file|fax|contract|agreement|quotation)s? (?:is |are )?(?:attached|ready|available) (?:for you |to (?:view|download|review|sign))|"
              + "(?:view|download|review|open|access) (?:the |your )?(?:attached |secure |shared |encrypted )?(?:invoice|document|statement|file|pdf|message)s?|"
              + "(?:secure|encrypted|protected) (?:message|document|file)|you have (?:a |an )?(?:new )?(?:secure |encrypted )?(?:message|document|file) (?:waiting|pending|to view)|"
              + "(?:comprovante|boleto|nota fiscal|fatura) (?:de pagamento |em anexo|anexo|dispon[ií]vel|pendente)|segunda via|"
              + "comprobante de (?:pago|transferencia)|factura (?:adjunta|pendiente|disponible)|orden de compra|"
              + "preuve de paiement|bon de commande|facture (?:jointe|impayée|disponible)|"
              + "zahlungsbestätigung|rechnung (?:im anhang|anbei|verfügbar|offen)|bestellung (?:im anhang|anbei)|"
              + "prova di pagamento|fattura (?:allegata|disponibile)|ordine di acquisto|"
              + "betalingsbewijs|factuur (?:bijgevoegd|beschikbaar)"
              + ")(?![\\p{L}\\p{N}])");

  DocumentLure() {
    super(
        new MailRule(
            "document-lure",
            3,
            Weight.PRIMARY,
            Part.TEXT,
            "A payment advice, invoice or secure document waits to be opened"),
        PHRASES,
        "a document waits to be opened");
  }
}
