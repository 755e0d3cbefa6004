package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import java.util.regex.Pattern;

/**
 * A tax refund waiting, a fine to pay, an identity number in trouble: the state's authority
 * borrowed to get a form filled in or a fee paid. Up to three phrases quoted.
 */
final class GovernmentLure extends LanguageCue {
  private static final Pattern PHRASES =
      Pattern.compile(
          "(?iu)(?<![\\p{L}\\p{N}])("
              + "tax refund|(?:eligible|entitled) (?:for|to) (?:a )?(?:tax )?refund|refund (?:is )?(?:pending|waiting|approved)|"
              + "(?:unpaid|outstanding) (?:toll|fine|penalty|traffic (?:fine|ticket))|(?:traffic|parking|speeding) (?:fine|ticket|violation)|"
              + "restitui[çc][ãa]o|imposto de renda|(?:cpf|cnpj) (?:irregular|bloqueado|cancelado|suspenso|pendente)|nome (?:negativado|sujo)|"
              + "multa (?:de trânsito|pendente|vencida)|(?:ipva|licenciamento) (?:atrasado|pendente|vencido)|"
              + "saque (?:do |de )?fgts|fgts (?:liberado|disponível)|valores a receber|auxílio (?:emergencial|liberado|aprovado)|"
              + "devolución de impuestos|reembolso de impuestos|multa (?:de tráfico|pendiente)|"
              + "remboursement d'impôt|amende (?:impayée|de stationnement)|"
              + "steuerrückerstattung|bußgeld|"
              + "rimborso (?:fiscale|delle tasse)|multa non pagata"
              + ")(?![\\p{L}\\p{N}])");

  GovernmentLure() {
    super(
        new MailRule(
            "government-lure",
            3,
            Weight.PRIMARY,
            Part.TEXT,
            "A tax refund, a fine or an identity number in trouble, in the state's name"),
        PHRASES,
        "the text speaks in the state's name");
  }
}
