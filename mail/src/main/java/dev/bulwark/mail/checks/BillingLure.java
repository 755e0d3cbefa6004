package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import java.util.regex.Pattern;

/**
 * A subscription or membership stopped because a payment failed, or a bill overdue: the lure that
 * sends the reader to a card form. Up to three phrases quoted.
 */
final class BillingLure extends LanguageCue {
  private static final Pattern PHRASES =
      Pattern.compile(
          "(?iu)(?<![\\p{L}\\p{N}])("
              + "(?:subscription|membership|plan|account) (?:has )?(?:expired|is on hold|was put on hold|has been (?:suspended|cancell?ed|paused)|will (?:expire|be cancell?ed))|"
              + "(?:could not|couldn't|were unable to|was unable to) (?:process|renew|charge|verify) (?:your )?(?:payment|subscription|membership|card)|"
              + "(?:payment|billing) (?:method|details|information) (?:has )?(?:expired|failed|declined|is outdated|needs? (?:to be )?updat)|"
              + "(?:overdue|outstanding|unpaid) (?:invoice|payment|balance|bill)s?|"
              + "pagamento (?:recusado|não (?:aprovado|processado|identificado)|pendente)|assinatura (?:suspensa|expirada|cancelada|vencida)|"
              + "fatura (?:vencida|em atraso|em aberto)|d[ée]bito pendente|"
              + "pix (?:pendente|agendado|estornado|não (?:concluído|realizado))|"
              + "pago (?:rechazado|pendiente|no procesado)|suscripción (?:suspendida|vencida|cancelada)|factura vencida|"
              + "paiement (?:refusé|échoué|en attente)|abonnement (?:suspendu|expiré|annulé)|relance de paiement|"
              + "zahlung (?:fehlgeschlagen|abgelehnt)|abonnement (?:ausgesetzt|abgelaufen|gekündigt)|offene rechnung|zahlungserinnerung|"
              + "pagamento (?:rifiutato|non riuscito)|abbonamento (?:sospeso|scaduto)|"
              + "betaling (?:mislukt|geweigerd)|abonnement (?:opgeschort|verlopen)"
              + ")(?![\\p{L}\\p{N}])");

  BillingLure() {
    super(
        new MailRule(
            "billing-lure",
            3,
            Weight.PRIMARY,
            Part.TEXT,
            "A subscription stopped for a failed payment, or a bill overdue"),
        PHRASES,
        "the text says a payment failed or is overdue");
  }
}
