package dev.bulwark.mail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.mail.message.Addresses;
import dev.bulwark.mail.message.Lookalikes;
import dev.bulwark.mail.message.MailMessage;
import dev.bulwark.mail.message.MailSettings;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a judged message gives a defender to block or hunt for: link targets, the hosts and IP
 * addresses they point at, the sender's and reply-to addresses, and attachment hashes. Hosts of the
 * organisation and of the much-phished brands are left out — phishing links to the real brand's
 * privacy page to look genuine, and blocking those would hurt only the defender.
 */
public record Indicators(
    String source,
    int index,
    String verdict,
    int score,
    List<String> urls,
    List<String> hosts,
    List<String> ips,
    List<String> emails,
    List<File> files) {

  /** An attachment by its hash. */
  public record File(String name, String sha256, long size, String kind) {}

  private static final int MAX_EACH = 200;
  private static final Pattern IP = Pattern.compile("^\\d{1,3}(?:\\.\\d{1,3}){3}$");
  private static final ObjectMapper JSON = new ObjectMapper();

  public static Indicators of(MailVerdict v, MailSettings settings) {
    MailMessage m = v.message();
    Set<String> urls = new LinkedHashSet<>();
    Set<String> hosts = new LinkedHashSet<>();
    Set<String> ips = new LinkedHashSet<>();
    for (MailMessage.Link l : m.links()) {
      String host = MailChecks.host(l.href());
      if (host == null || known(host, settings)) {
        continue;
      }
      if (urls.size() < MAX_EACH) {
        urls.add(l.href().strip());
      }
      if (IP.matcher(host).matches()) {
        ips.add(host);
      } else if (hosts.size() < MAX_EACH) {
        hosts.add(host);
      }
    }
    Set<String> emails = new LinkedHashSet<>();
    for (String h : List.of("From", "Reply-To", "Return-Path")) {
      String value = m.header(h);
      String address = value == null ? null : Addresses.address(value);
      if (address != null && !known(address.substring(address.indexOf('@') + 1), settings)) {
        emails.add(address);
      }
    }
    List<File> files = new ArrayList<>();
    for (MailMessage.Attachment a : m.attachments()) {
      files.add(
          new File(
              a.name() == null ? "(unnamed)" : a.name(),
              a.inspection().sha256(),
              a.size(),
              a.inspection().kind()));
    }
    return new Indicators(
        m.source(),
        m.index(),
        v.verdict().name().toLowerCase(Locale.ROOT),
        v.score(),
        List.copyOf(urls),
        List.copyOf(hosts),
        List.copyOf(ips),
        List.copyOf(emails),
        List.copyOf(files));
  }

  /** Whether a host belongs to the organisation or to one of the shipped brands. */
  private static boolean known(String host, MailSettings settings) {
    String reg = Addresses.registrable(host);
    return settings.internal(host) || Lookalikes.isBrand(reg);
  }

  public boolean none() {
    return urls.isEmpty()
        && hosts.isEmpty()
        && ips.isEmpty()
        && emails.isEmpty()
        && files.isEmpty();
  }

  /** Indicators of many messages as one JSON document ({@code bulwark-mail-indicators-1}). */
  public static ObjectNode json(List<Indicators> all) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", "bulwark-mail-indicators-1");
    root.set("messages", JSON.valueToTree(all));
    return root;
  }

  /**
   * Indicators of many messages as a STIX 2.1 bundle: one indicator per observable, typed
   * malicious-activity for malicious messages and anomalous-activity for suspicious ones, each
   * saying which message it came from, all created by a Bulwark identity.
   */
  public static ObjectNode stix(List<Indicators> all, Instant now) {
    String time = now.truncatedTo(ChronoUnit.MILLIS).toString();
    ObjectNode bundle = JSON.createObjectNode();
    bundle.put("type", "bundle");
    bundle.put("id", "bundle--" + UUID.randomUUID());
    ArrayNode objects = bundle.putArray("objects");
    String identity =
        "identity--"
            + UUID.nameUUIDFromBytes("bulwark".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    ObjectNode id = objects.addObject();
    id.put("type", "identity");
    id.put("spec_version", "2.1");
    id.put("id", identity);
    id.put("created", time);
    id.put("modified", time);
    id.put("name", "Bulwark");
    id.put("identity_class", "system");
    for (Indicators i : all) {
      String origin =
          i.source()
              + (i.index() > 0 ? " #" + i.index() : "")
              + " ("
              + i.verdict()
              + ", score "
              + i.score()
              + ")";
      List<String[]> patterns = new ArrayList<>();
      i.urls().forEach(u -> patterns.add(new String[] {"URL", "[url:value = '" + quote(u) + "']"}));
      i.hosts()
          .forEach(h ->
              patterns.add(new String[] {"domain", "[domain-name:value = '" + quote(h) + "']"}));
      i.ips()
          .forEach(
              a -> patterns.add(new String[] {"IP address", "[ipv4-addr:value = '" + a + "']"}));
      i.emails()
          .forEach(e ->
              patterns.add(new String[] {"sender", "[email-addr:value = '" + quote(e) + "']"}));
      i.files()
          .forEach(f ->
              patterns.add(
                  new String[] {
                    "attachment " + f.name(), "[file:hashes.'SHA-256' = '" + f.sha256() + "']"
                  }));
      for (String[] p : patterns) {
        ObjectNode o = objects.addObject();
        o.put("type", "indicator");
        o.put("spec_version", "2.1");
        o.put("id", "indicator--" + UUID.randomUUID());
        o.put("created_by_ref", identity);
        o.put("created", time);
        o.put("modified", time);
        o.put("name", "Phishing " + p[0]);
        o.put("description", "Seen in " + origin + ".");
        o.putArray("indicator_types")
            .add(i.verdict().equals("malicious") ? "malicious-activity" : "anomalous-activity");
        o.put("pattern", p[1]);
        o.put("pattern_type", "stix");
        o.put("valid_from", time);
        o.putArray("labels").add("phishing");
      }
    }
    return bundle;
  }

  /** A string literal inside a STIX pattern: backslashes and single quotes escaped. */
  static String quote(String s) {
    return s.replace("\\", "\\\\").replace("'", "\\'");
  }
}
