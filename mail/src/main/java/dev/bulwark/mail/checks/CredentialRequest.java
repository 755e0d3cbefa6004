package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import java.util.regex.Pattern;

/**
 * The text asks the reader to sign in, confirm or hand over credentials: up to three distinct
 * phrases quoted.
 */
final class CredentialRequest extends LanguageCue {
  private static final Pattern PHRASES =
      Pattern.compile(
          "(?iu)\\b(verify your (?:account|identity|information|e-?mail|details|mailbox)|confirm your (?:account|identity|password|details|information|e-?mail|mailbox)|"
              + "validate your (?:account|e-?mail|mailbox|details)|update your (?:payment|billing|account) (?:information|details|method)|"
              + "(?:sign|log) ?in to (?:keep|restore|unlock|verify|confirm)|reset your password|update your (?:password|credentials)|"
              + "enter your (?:password|credentials|pin)|re-?activate your account|"
              + "sua conta|senha|atualiz[ae]|cuenta|contraseña|verifique|"
              + "mot de passe|identifiants|kennwort|passwort|zugangsdaten|wachtwoord|inloggegevens|credenziali)\\b");

  CredentialRequest() {
    super(
        new MailRule(
            "credential-request",
            3,
            Weight.PRIMARY,
            Part.TEXT,
            "The text asks the reader to sign in, confirm or hand over credentials"),
        PHRASES,
        "the text asks for credentials");
  }
}
