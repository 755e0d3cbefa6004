package dev.bulwark.mail.checks;

import dev.bulwark.mail.message.Addresses;
import dev.bulwark.mail.message.Lookalikes;
import dev.bulwark.mail.message.MailMessage;
import dev.bulwark.mail.message.MailSettings;
import java.util.List;
import java.util.Locale;

/** What the checks share about one message: the organisation's settings and derived values. */
public final class CheckContext {
  private final MailSettings settings;
  private final Lookalikes lookalikes;
  private final String authenticationResults;
  private final String fromDomain;
  private final String fromRegistrable;

  CheckContext(MailMessage m, MailSettings settings, Lookalikes lookalikes) {
    this.settings = settings;
    this.lookalikes = lookalikes;
    this.authenticationResults = trustedAuthenticationResults(m, settings);
    this.fromDomain = m.domainOf("From");
    this.fromRegistrable = Addresses.registrable(fromDomain);
  }

  public MailSettings settings() {
    return settings;
  }

  public Lookalikes lookalikes() {
    return lookalikes;
  }

  /** The Authentication-Results header to believe, or null. */
  public String authenticationResults() {
    return authenticationResults;
  }

  /** The sender's domain (lower case), or null. */
  public String fromDomain() {
    return fromDomain;
  }

  /** The registrable part of the sender's domain, or null. */
  public String fromRegistrable() {
    return fromRegistrable;
  }

  /**
   * The Authentication-Results header to believe: the topmost one written by one of the
   * organisation's receiving servers (anyone upstream, the sender included, can add such headers
   * below it), or simply the topmost one when none is configured.
   */
  static String trustedAuthenticationResults(MailMessage m, MailSettings settings) {
    List<String> all = m.all("Authentication-Results");
    if (settings.receivingDomains().isEmpty()) {
      return all.isEmpty() ? null : all.get(0);
    }
    for (String a : all) {
      String id = a.split(";", 2)[0].strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
      if (MailSettings.under(id, settings.receivingDomains())) {
        return a;
      }
    }
    return null;
  }
}
