package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import java.util.regex.Pattern;

/**
 * The text is an account or mailbox notice of the kind log-in pages are sent with: a full mailbox,
 * held messages, a deactivation, a voicemail or shared document waiting, a suspicious sign-in, an
 * account limited — in English, Portuguese, Spanish, French, German, Italian and Dutch. Up to three
 * distinct phrases quoted.
 */
final class AccountLure extends LanguageCue {
  private static final Pattern PHRASES =
      Pattern.compile(
          "(?iu)(?<![\\p{L}\\p{N}])("
              // mailbox and storage
              + "(?:mailbox|inbox|e-?mail storage|storage|quota) (?:is |has )?(?:almost |nearly )?(?:full|exceeded|over (?:its |the )?limit)|"
              + "(?:pending|undelivered|held|blocked|suspended|incoming) (?:incoming )?(?:e-?mails|messages) (?:are |were )?(?:pending|held|on hold|blocked|waiting)|"
              + "(?:pending|undelivered|held) (?:incoming )?(?:e-?mails|messages)|"
              + "(?:e-?mail|mailbox|account) (?:deactivation|termination|closure)|"
              + "(?:deactivate|terminate|delete|close) your (?:e-?mail|mailbox|account)|"
              + "upgrade your (?:mailbox|e-?mail|storage)|"
              // voicemail, fax, shared documents
              + "(?:new |unread )?(?:voice ?mail|voice message|fax message)s? (?:received|waiting|for you)|"
              + "(?:shared|sent) (?:a |an |the )?(?:document|file|folder|pdf|invoice) with you|"
              + "view (?:the )?shared (?:document|file)|"
              // sign-in and account state
              + "(?:suspicious|unusual|unauthori[sz]ed) (?:sign-?in|log-?in|activity|access|transaction)s?|"
              + "(?:new |recent )?sign-?in attempt|"
              + "your account (?:has been |was |is |will be )(?:limited|restricted|on hold|suspended|locked|blocked|closed|compromised|disabled|deactivated)|"
              + "restore (?:full )?access|secure your account|keep (?:using )?(?:the |your )?same password|"
              + "quarantined? (?:e-?mails|messages)|(?:e-?mails|messages) (?:in|held in) quarantine|"
              + "your (?:photos|files|data|videos) (?:will be|are about to be) (?:deleted|removed|lost)|"
              // Portuguese
              + "caixa de (?:entrada|correio) (?:está )?(?:cheia|lotada)|"
              + "(?:sua|seu) (?:conta|cadastro|acesso) (?:foi|será|está|encontra-se) (?:bloquead|suspens|desativad|limitad|expirad|cancelad)[oa]|"
              + "atividade (?:suspeita|incomum)|acesso (?:bloqueado|suspenso|não autorizado)|"
              + "(?:validar|atualizar|confirmar|regularizar) (?:seus dados|sua conta|seu cadastro|suas informações)|"
              // Spanish
              + "su cuenta (?:ha sido |será |está )(?:bloquead|suspendid|limitad|desactivad|cancelad)a|"
              + "actividad (?:sospechosa|inusual)|buzón (?:de correo )?(?:está )?lleno|"
              + "(?:verifique|actualice|confirme) (?:su identidad|sus datos|su cuenta)|"
              // French
              + "votre compte (?:a été |sera |est )(?:suspendu|bloqué|limité|désactivé|fermé)|"
              + "activité (?:suspecte|inhabituelle)|boîte (?:de réception|aux lettres|mail) (?:est )?pleine|"
              + "(?:vérifiez|confirmez|mettez à jour) (?:votre identité|vos informations|votre compte)|"
              // German
              + "ihr konto (?:wurde|wird|ist) (?:vorübergehend )?(?:gesperrt|eingeschränkt|deaktiviert|gekündigt)|"
              + "verdächtige aktivität(?:en)?|postfach (?:ist )?(?:fast )?voll|"
              + "(?:bestätigen|verifizieren|aktualisieren) sie ihre? (?:konto|identität|daten|angaben)|"
              // Italian
              + "il tuo (?:account|conto) (?:è stato |sarà )(?:sospeso|bloccato|limitato|disattivato)|"
              + "attività sospetta|casella (?:di posta )?(?:è )?piena|"
              + "(?:verifica|conferma|aggiorna) (?:la tua identità|i tuoi dati|il tuo account)|"
              // Dutch
              + "uw (?:account|rekening) (?:is|wordt) (?:geblokkeerd|opgeschort|beperkt|gedeactiveerd)|"
              + "verdachte activiteit|mailbox is (?:bijna )?vol|"
              + "(?:bevestig|verifieer|controleer) uw (?:account|identiteit|gegevens)"
              + ")(?![\\p{L}\\p{N}])");

  AccountLure() {
    super(
        new MailRule(
            "account-lure",
            3,
            Weight.PRIMARY,
            Part.TEXT,
            "The text is an account or mailbox notice of the kind log-in pages are sent with"),
        PHRASES,
        "the text is an account or mailbox notice");
  }
}
