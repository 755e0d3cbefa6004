package dev.bulwark.mail;

import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.RuleDescriptor;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.model.TaxonomyRef;
import dev.bulwark.mail.message.MailMessage;
import dev.bulwark.mail.message.Reason;
import java.util.List;
import java.util.Optional;

/** A malicious or suspicious verdict as a finding; a clean message gives none. */
public final class MailFindings {
  public static final String ANALYZER = "mail";
  public static final String RULE = "suspicious-mail";

  private MailFindings() {}

  public static List<RuleDescriptor> rules() {
    return List.of(
        new RuleDescriptor(
            RULE,
            "Suspicious mail",
            "A message that looks like phishing or malware delivery",
            "Bulwark scored the message's headers, links, attachments and wording. Each reason names"
                + " where in the message it was seen; read them before opening any link or attachment.",
            Severity.HIGH,
            List.of(new TaxonomyRef(TaxonomyRef.Taxonomy.ATTACK, "T1566")),
            List.of("mail", "phishing")));
  }

  public static Optional<Finding> of(MailVerdict v) {
    if (v.verdict() == MailVerdict.Verdict.CLEAN) {
      return Optional.empty();
    }
    MailMessage m = v.message();
    String subject = m.header("Subject") == null ? "(no subject)" : m.header("Subject");
    StringBuilder why = new StringBuilder();
    for (Reason r : v.reasons()) {
      why.append(why.isEmpty() ? "" : "; ")
          .append(r.description())
          .append(" [")
          .append(r.location())
          .append(']');
    }
    Finding.Builder b =
        Finding.builder(ANALYZER, RULE)
            .title(
                (v.verdict() == MailVerdict.Verdict.MALICIOUS ? "Malicious" : "Suspicious")
                    + " mail: "
                    + subject)
            .message(why.toString())
            .severity(
                v.verdict() == MailVerdict.Verdict.MALICIOUS ? Severity.HIGH : Severity.MEDIUM)
            .confidence(
                v.verdict() == MailVerdict.Verdict.MALICIOUS ? Confidence.HIGH : Confidence.MEDIUM)
            .location(new Location.MailPart(m.source(), m.index(), "message", subject))
            .taxon(new TaxonomyRef(TaxonomyRef.Taxonomy.ATTACK, "T1566"))
            .property(MailProperties.SCORE, v.score())
            .property(MailProperties.VERDICT, v.verdict().name().toLowerCase(java.util.Locale.ROOT))
            .property(MailProperties.FROM, m.header("From"))
            // labels keep properties: a verdict on this finding can find its message again
            .property(MailProperties.MESSAGE_INDEX, m.index())
            .identity(m.source())
            .identity(Integer.toString(m.index()));
    for (Reason r : v.reasons()) {
      b.location(new Location.MailPart(m.source(), m.index(), r.location(), r.description()));
    }
    return Optional.of(b.build());
  }
}
