package dev.bulwark.mail.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigLoader;
import dev.bulwark.core.config.ConfigShape;
import dev.bulwark.core.errors.InputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The {@code mail:} section of {@code bulwark.yaml}: what Bulwark knows about the organisation
 * whose mail it judges.
 *
 * <pre>{@code
 * mail:
 *   receiving-domains: [mx.corp.example]   # authserv-ids of your own mail servers: only their
 *                                          # Authentication-Results are believed
 *   internal-domains: [corp.example]       # your organisation's domains
 *   executives: ["Jane Doe", "Ravi Patel"] # names attackers sign as
 *   protected-domains: [corp-pay.example]  # look-alikes of these (and of internal domains and
 *                                          # much-phished brands) are flagged
 * }</pre>
 */
public record MailSettings(
    List<String> receivingDomains,
    List<String> internalDomains,
    List<String> executives,
    List<String> protectedDomains) {

  /** The keys the {@code mail:} section may hold. */
  public static final ConfigShape KEYS =
      ConfigShape.keys("receiving-domains", "internal-domains", "executives", "protected-domains");

  public static final MailSettings NONE =
      new MailSettings(List.of(), List.of(), List.of(), List.of());

  public MailSettings {
    receivingDomains = lower(receivingDomains);
    internalDomains = lower(internalDomains);
    executives = executives.stream().map(MailSettings::name).toList();
    protectedDomains = lower(protectedDomains);
  }

  public static MailSettings from(BulwarkConfig config) throws InputException {
    JsonNode s = config.section("mail");
    Path file = config.sourceFile().orElse(Path.of(ConfigLoader.FILE_NAME));
    return new MailSettings(
        ConfigLoader.strings(s.path("receiving-domains"), file, "mail.receiving-domains"),
        ConfigLoader.strings(s.path("internal-domains"), file, "mail.internal-domains"),
        ConfigLoader.strings(s.path("executives"), file, "mail.executives"),
        ConfigLoader.strings(s.path("protected-domains"), file, "mail.protected-domains"));
  }

  /** Whether a domain is one of the organisation's own, or under one. */
  public boolean internal(String domain) {
    return domain != null && under(domain, internalDomains);
  }

  public static boolean under(String domain, List<String> parents) {
    String d = domain.toLowerCase(Locale.ROOT);
    return parents.stream().anyMatch(p -> d.equals(p) || d.endsWith("." + p));
  }

  /** A person's name as compared: lower case, single spaces, no quotes or punctuation. */
  public static String name(String n) {
    return n.toLowerCase(Locale.ROOT).replaceAll("[\"'.,]", " ").replaceAll("\\s+", " ").strip();
  }

  private static List<String> lower(List<String> l) {
    return l.stream()
        .map(x -> x.toLowerCase(Locale.ROOT).strip())
        .filter(x -> !x.isEmpty())
        .toList();
  }
}
