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
          "(?i)\\b(verify your (?:account|identity|information|e-?mail)|confirm your (?:account|identity|password|details)|"
              + "(?:sign|log) ?in to (?:keep|restore|unlock|verify|confirm)|reset your password|update your (?:password|credentials)|"
              + "enter your (?:password|credentials|pin)|re-?activate your account|"
              + "sua conta|senha|atualiz[ae]|cuenta|contraseña|verifique)\\b");

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
