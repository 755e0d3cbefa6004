package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;
import java.util.List;

/**
 * The sender writes from a domain anyone can get for free on an app-hosting or cloud platform — a
 * {@code project.firebaseapp.com}, a tenant's {@code onmicrosoft.com} default, a serverless
 * endpoint — instead of a domain its organisation registered. Prototypes send such mail honestly,
 * so it weighs little alone.
 */
final class FreeHostingSender implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "free-hosting-sender",
          2,
          Weight.PRIMARY,
          Part.SENDER,
          "The sender writes from a free app-hosting or cloud platform domain, not one it"
              + " registered");

  /** Domain suffixes under which anyone gets a sending name without registering a domain. */
  static final List<String> SUFFIXES =
      List.of(
          ".firebaseapp.com",
          ".web.app",
          ".onmicrosoft.com",
          ".appspot.com",
          ".herokuapp.com",
          ".azurewebsites.net",
          ".cloudfunctions.net",
          ".run.app",
          ".pages.dev",
          ".workers.dev",
          ".netlify.app",
          ".vercel.app",
          ".github.io",
          ".glitch.me",
          ".repl.co",
          ".000webhostapp.com",
          ".wixsite.com",
          ".weebly.com",
          ".blogspot.com",
          ".ngrok.io",
          ".ngrok-free.app");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    String domain = c.fromDomain();
    if (domain == null) {
      return;
    }
    for (String suffix : SUFFIXES) {
      if (domain.endsWith(suffix)) {
        out.add(
            "the sender writes from "
                + domain
                + ", a free "
                + suffix.substring(1)
                + " name, not a domain of its own",
            "header:From");
        return;
      }
    }
  }
}
