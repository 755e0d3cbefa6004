package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One outcome of one mechanism (SPF, DKIM, DMARC, ARC) in the Authentication-Results header Bulwark
 * believes. A failure is primary; "none" — no policy or no signature — is only supporting, since
 * much honest mail is sent without them.
 */
final class AuthenticationResult implements MailCheck {
  private final MailRule rule;
  private final String mechanism;
  private final Pattern outcome;

  AuthenticationResult(String mechanism, String result, int points, Weight weight) {
    this.mechanism = mechanism;
    this.rule =
        new MailRule(
            mechanism + "-" + result,
            points,
            weight,
            Part.AUTHENTICATION,
            mechanism.toUpperCase(Locale.ROOT)
                + " "
                + result
                + " for the sender in the receiving server's Authentication-Results");
    // ARC has no "softfail"/"permerror" of its own worth telling apart: any failure is arc-fail
    String results = mechanism.equals("arc") ? "fail|softfail|permerror" : result;
    this.outcome = Pattern.compile("\\b" + mechanism + "=(" + results + ")\\b");
  }

  @Override
  public MailRule rule() {
    return rule;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    String auth = c.authenticationResults();
    if (auth == null) {
      return;
    }
    Matcher x = outcome.matcher(auth.toLowerCase(Locale.ROOT));
    if (x.find() && firstResult(auth.toLowerCase(Locale.ROOT)).equals(x.group(1))) {
      out.add(
          mechanism.toUpperCase(Locale.ROOT) + " " + x.group(1) + " for the sender",
          "header:Authentication-Results");
    }
  }

  /** The first result the header gives for this mechanism: only that one is reported. */
  private String firstResult(String auth) {
    Matcher any = Pattern.compile("\\b" + mechanism + "=([a-z]+)").matcher(auth);
    return any.find() ? any.group(1) : "";
  }
}
