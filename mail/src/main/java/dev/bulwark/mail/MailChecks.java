package dev.bulwark.mail;

import java.net.IDN;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explainable checks on a parsed message, in the spirit of scored rules: each adds points with a
 * reason that names the header, link, attachment or sentence it saw. Text addressed to AI readers
 * is one more signal; it never changes how the other checks work.
 */
public final class MailChecks {
  /** Scores at or above which a message is suspicious or malicious. */
  public static final int SUSPICIOUS = 4;

  public static final int MALICIOUS = 8;

  private static final Set<String> BRANDS =
      Set.of(
          "paypal",
          "microsoft",
          "office365",
          "outlook",
          "apple",
          "icloud",
          "amazon",
          "netflix",
          "google",
          "gmail",
          "facebook",
          "instagram",
          "linkedin",
          "dhl",
          "fedex",
          "ups",
          "usps",
          "wells fargo",
          "chase",
          "bank of america",
          "citibank",
          "hsbc",
          "santander",
          "itau",
          "bradesco",
          "caixa",
          "nubank",
          "mercado",
          "docusign",
          "dropbox",
          "adobe",
          "binance",
          "coinbase",
          "metamask",
          "whatsapp",
          "americanas",
          "magalu",
          "correios",
          "serasa");
  private static final Set<String> SHORTENERS =
      Set.of(
          "bit.ly",
          "tinyurl.com",
          "t.co",
          "goo.gl",
          "ow.ly",
          "is.gd",
          "buff.ly",
          "rb.gy",
          "cutt.ly",
          "shorturl.at",
          "t.ly");
  private static final Set<String> RISKY_EXT =
      Set.of(
          "exe", "scr", "js", "jse", "vbs", "vbe", "wsf", "hta", "bat", "cmd", "com", "pif", "lnk",
          "iso", "img", "msi", "jar", "ps1", "cab", "vhd");
  private static final Set<String> MACRO_EXT = Set.of("docm", "xlsm", "pptm", "dotm", "xlam");

  /** Pressure to act now. */
  private static final Pattern URGENT =
      Pattern.compile(
          "(?i)\\b(urgent|immediately|within 24 hours|within 48 hours|account (?:will be |has been )?(?:suspended|locked|disabled|closed)|"
              + "unusual (?:sign-in |login )?activity|payment (?:failed|declined)|final notice|last warning|action required|"
              + "password (?:will )?expire|click (?:here|below) to|limited (?:access|time)|"
              + "bloquead[oa]|regulariz|pend[eê]ncia|suspendid[ao]|urgente)\\b");

  /** Requests to sign in, confirm or hand over credentials. */
  private static final Pattern CREDENTIALS =
      Pattern.compile(
          "(?i)\\b(verify your (?:account|identity|information|e-?mail)|confirm your (?:account|identity|password|details)|"
              + "(?:sign|log) ?in to (?:keep|restore|unlock|verify|confirm)|reset your password|update your (?:password|credentials)|"
              + "enter your (?:password|credentials|pin)|re-?activate your account|"
              + "sua conta|senha|atualiz[ae]|cuenta|contraseña|verifique)\\b");

  /** Changes to where money goes: the core of invoice and payroll fraud. */
  private static final Pattern PAYMENT_CHANGE =
      Pattern.compile(
          "(?i)\\b(bank (?:details|account) (?:have|has) changed|new bank (?:details|account)|change (?:of|to) (?:our )?bank|"
              + "updated? (?:our |my )?(?:banking|payment|remittance) (?:details|information|instructions)|"
              + "wire transfer|direct deposit (?:change|update)|update your (?:payment|billing)|overdue invoice|"
              + "(?:nova|novos) dados banc[aá]rios|nueva cuenta bancaria)\\b");

  /** Gift cards: untraceable payment asked for by someone posing as a boss or a vendor. */
  private static final Pattern GIFT_CARDS =
      Pattern.compile(
          "(?i)\\b(gift ?cards?|itunes cards?|google play cards?|steam cards?|scratch (?:off )?the back|"
              + "cart[aã]o[- ]presente|tarjetas? de regalo)\\b");

  private static final Pattern AI_ADDRESSED =
      Pattern.compile(
          "(?i)(ignore (?:all )?(?:previous|prior) instructions|you are an ai|as an ai (?:model|assistant)|system prompt|classify this (?:e-?mail|message) as)");
  private static final Pattern IP_HOST = Pattern.compile("^\\d{1,3}(?:\\.\\d{1,3}){3}$");

  private MailChecks() {}

  private static final Lookalikes BRAND_LOOKALIKES = new Lookalikes(MailSettings.NONE);

  public static MailVerdict judge(MailMessage m) {
    return judge(m, MailSettings.NONE);
  }

  /** Judges a message with what the organisation has configured about itself. */
  public static MailVerdict judge(MailMessage m, MailSettings settings) {
    Lookalikes lookalikes =
        settings.equals(MailSettings.NONE) ? BRAND_LOOKALIKES : new Lookalikes(settings);
    List<Reason> r = new ArrayList<>();
    headers(m, settings, lookalikes, r);
    ReceivedChain.check(m, r);
    links(m, lookalikes, r);
    attachments(m, r);
    language(m, r);
    int score = r.stream().mapToInt(Reason::points).sum();
    MailVerdict.Verdict v =
        score >= MALICIOUS
            ? MailVerdict.Verdict.MALICIOUS
            : score >= SUSPICIOUS ? MailVerdict.Verdict.SUSPICIOUS : MailVerdict.Verdict.CLEAN;
    return new MailVerdict(m, v, score, List.copyOf(r));
  }

  private static void headers(
      MailMessage m, MailSettings settings, Lookalikes lookalikes, List<Reason> r) {
    String auth = trustedAuthenticationResults(m, settings);
    if (auth != null) {
      String a = auth.toLowerCase(Locale.ROOT);
      for (String mech : List.of("spf", "dkim", "dmarc", "arc")) {
        Matcher x = Pattern.compile("\\b" + mech + "=(fail|softfail|permerror|none)").matcher(a);
        if (x.find() && !(mech.equals("arc") && x.group(1).equals("none"))) {
          int pts =
              x.group(1).equals("none") || mech.equals("arc") ? 1 : mech.equals("dmarc") ? 3 : 2;
          r.add(
              new Reason(
                  mech + "-" + x.group(1),
                  pts,
                  mech.toUpperCase(Locale.ROOT) + " " + x.group(1) + " for the sender",
                  "header:Authentication-Results"));
        }
      }
    }
    String from = m.domainOf("From");
    String fromReg = Addresses.registrable(from);
    String replyTo = Addresses.registrable(m.domainOf("Reply-To"));
    if (fromReg != null && replyTo != null && !fromReg.equals(replyTo)) {
      r.add(
          new Reason(
              "reply-to-mismatch",
              2,
              "replies go to " + replyTo + ", not the sender's " + fromReg,
              "header:Reply-To"));
    }
    String ret = Addresses.registrable(m.domainOf("Return-Path"));
    if (fromReg != null && ret != null && !fromReg.equals(ret)) {
      r.add(
          new Reason(
              "return-path-mismatch",
              1,
              "bounces go to " + ret + ", not the sender's " + fromReg,
              "header:Return-Path"));
    }
    String display =
        Addresses.displayName(m.header("From") == null ? "" : m.header("From"))
            .toLowerCase(Locale.ROOT);
    for (String brand : BRANDS) {
      // The brand's own domain is brand.tld (or brand.co.uk); "secure-paypal-billing.com" is not.
      if (display.contains(brand)
          && fromReg != null
          && !fromReg.startsWith(brand.replace(" ", "") + ".")) {
        r.add(
            new Reason(
                "brand-impersonation",
                3,
                "the sender calls itself \"" + brand + "\" but writes from " + fromReg,
                "header:From"));
        break;
      }
    }
    String signer = null;
    String signerHeader = null;
    Matcher passed =
        Pattern.compile("(?i)\\bdkim=pass\\b[^;]*?header\\.d=([a-z0-9.-]+)")
            .matcher(auth == null ? "" : auth);
    if (passed.find()) {
      signer = passed.group(1);
      signerHeader = "header:Authentication-Results";
    } else if (m.header("DKIM-Signature") != null) {
      Matcher d =
          Pattern.compile("(?i)(?:^|;)\\s*d=([a-z0-9.-]+)").matcher(m.header("DKIM-Signature"));
      if (d.find()) {
        signer = d.group(1);
        signerHeader = "header:DKIM-Signature";
      }
    }
    boolean dmarcPass = auth != null && auth.toLowerCase(Locale.ROOT).contains("dmarc=pass");
    String signerReg = Addresses.registrable(signer);
    if (fromReg != null && signerReg != null && !signerReg.equals(fromReg) && !dmarcPass) {
      r.add(
          new Reason(
              "dkim-domain-mismatch",
              1,
              "the message is signed by " + signerReg + ", not by the sender's " + fromReg,
              signerHeader));
    }
    String displayName = Addresses.displayName(m.header("From") == null ? "" : m.header("From"));
    if (!displayName.isEmpty()
        && settings.executives().contains(MailSettings.name(displayName))
        && !settings.internal(from)) {
      r.add(
          new Reason(
              "executive-impersonation",
              5,
              "the sender signs as "
                  + displayName
                  + ", an executive of the organisation, but writes from "
                  + (fromReg == null ? "an unknown domain" : fromReg),
              "header:From"));
    }
    if (fromReg != null) {
      lookalikes
          .imitates(fromReg)
          .ifPresent(x ->
              r.add(
                  new Reason(
                      "lookalike-domain",
                      4,
                      "the sender's domain "
                          + fromReg
                          + " imitates "
                          + x.imitated()
                          + ": "
                          + x.how(),
                      "header:From")));
    }
    if (from != null && from.startsWith("xn--") || (from != null && from.contains(".xn--"))) {
      r.add(
          new Reason(
              "punycode-sender",
              2,
              "the sender's domain is internationalised (" + from + ")",
              "header:From"));
    }
  }

  private static void links(MailMessage m, Lookalikes lookalikes, List<Reason> r) {
    String fromReg = Addresses.registrable(m.domainOf("From"));
    int mismatches = 0;
    int reported = 0;
    java.util.Set<String> imitations = new java.util.HashSet<>();
    for (MailMessage.Link l : m.links()) {
      String host = host(l.href());
      if (host == null) {
        continue;
      }
      String reg = Addresses.registrable(host);
      String where = "url:" + clip(l.href());
      if (IP_HOST.matcher(host).matches()) {
        r.add(new Reason("ip-link", 3, "a link goes to a bare IP address " + host, where));
        reported++;
      } else if (SHORTENERS.contains(reg)) {
        r.add(new Reason("shortened-link", 2, "a link hides its target behind " + reg, where));
        reported++;
      } else if (host.contains("xn--")) {
        r.add(
            new Reason(
                "punycode-link",
                3,
                "a link goes to an internationalised look-alike host " + IDN.toUnicode(host),
                where));
        reported++;
      }
      if (reg != null && imitations.size() < 2 && !imitations.contains(reg)) {
        var x = lookalikes.imitates(reg);
        if (x.isPresent()) {
          imitations.add(reg);
          r.add(
              new Reason(
                  "lookalike-link",
                  4,
                  "a link goes to "
                      + reg
                      + ", which imitates "
                      + x.get().imitated()
                      + ": "
                      + x.get().how(),
                  where));
          reported++;
        }
      }
      String shown = l.text() == null ? "" : l.text().toLowerCase(Locale.ROOT);
      Matcher d = Pattern.compile("([a-z0-9-]+\\.)+[a-z]{2,}").matcher(shown);
      if (d.find() && !shown.contains("@")) {
        String shownReg = Addresses.registrable(d.group());
        if (reg != null && shownReg != null && !shownReg.equals(reg) && mismatches++ < 3) {
          r.add(
              new Reason(
                  "link-text-mismatch",
                  3,
                  "a link shows " + shownReg + " but goes to " + reg,
                  where));
          reported++;
        }
      }
      for (String brand : BRANDS) {
        String b = brand.replace(" ", "");
        if (host.contains(b)
            && reg != null
            && !reg.startsWith(b + ".")
            && !b.equals(reg)
            && reported < 6) {
          r.add(
              new Reason(
                  "brand-in-foreign-host",
                  2,
                  "a link uses \"" + brand + "\" in the host of " + reg,
                  where));
          reported++;
          break;
        }
      }
      if (reported >= 6) {
        break;
      }
    }
    if (fromReg != null && !m.links().isEmpty()) {
      long foreign =
          m.links().stream()
              .map(l -> Addresses.registrable(host(l.href())))
              .filter(x -> x != null && !x.equals(fromReg))
              .distinct()
              .count();
      long total = m.links().stream().map(l -> host(l.href())).filter(x -> x != null).count();
      if (total > 0
          && foreign
              == m.links().stream()
                  .map(l -> Addresses.registrable(host(l.href())))
                  .filter(x -> x != null)
                  .distinct()
                  .count()
          && foreign >= 1
          && m.header("List-Unsubscribe") == null) {
        r.add(
            new Reason(
                "no-link-to-sender",
                1,
                "no link points to the sender's own domain " + fromReg,
                "url:" + clip(m.links().get(0).href())));
      }
    }
    String html = m.htmlBody() == null ? "" : m.htmlBody().toLowerCase(Locale.ROOT);
    if (html.contains("<form")
        && (html.contains("type=\"password\"") || html.contains("type=password"))) {
      r.add(
          new Reason(
              "credential-form",
              4,
              "the message body holds a form asking for a password",
              "body:html form"));
    }
  }

  private static void attachments(MailMessage m, List<Reason> r) {
    for (MailMessage.Attachment a : m.attachments()) {
      String name = a.name() == null ? "" : a.name().toLowerCase(Locale.ROOT);
      String where =
          "attachment:" + (a.name() == null ? "(unnamed " + a.mimeType() + ")" : a.name());
      String ext = extension(name);
      if (name.matches(".*\\.(pdf|doc|docx|xls|xlsx|jpg|png|txt)\\.[a-z0-9]{2,4}$")
          && RISKY_EXT.contains(ext)) {
        r.add(
            new Reason(
                "double-extension",
                5,
                "the attachment hides an executable type behind a document name: " + a.name(),
                where));
      } else if (RISKY_EXT.contains(ext)) {
        r.add(
            new Reason(
                "executable-attachment",
                5,
                "the attachment is an executable or disk image (." + ext + ")",
                where));
      }
      Inspection seen = a.inspection();
      if (seen.macros()) {
        r.add(
            new Reason(
                "macro-document",
                4,
                "the attachment carries VBA macros ("
                    + (seen.kind().equals("zip")
                        ? "vbaProject.bin in the package"
                        : "a VBA project")
                    + ")",
                where));
      } else if (MACRO_EXT.contains(ext)) {
        r.add(
            new Reason(
                "macro-document", 4, "the attachment is a macro-enabled Office document", where));
      }
      byte[] h = a.head();
      String disguised =
          switch (seen.kind()) {
            case "windows-executable" -> ext.equals("exe") ? null : "a Windows executable";
            case "elf-executable" -> "a Linux executable";
            case "windows-shortcut" -> ext.equals("lnk") ? null : "a Windows shortcut";
            case "disk-image" -> ext.equals("iso") || ext.equals("img") ? null : "a disk image";
            default -> null;
          };
      if (disguised != null) {
        r.add(
            new Reason(
                "disguised-executable",
                6,
                "the attachment is " + disguised + " whatever its name says",
                where));
      }
      List<String> inside =
          seen.entries().stream().filter(e -> RISKY_EXT.contains(extension(e))).limit(3).toList();
      if (!inside.isEmpty()) {
        r.add(
            new Reason(
                "archive-holds-executable",
                5,
                "the archive holds " + String.join(", ", inside),
                where));
      }
      if (seen.encryptedEntries()) {
        r.add(
            new Reason(
                "encrypted-archive",
                3,
                "the archive is password-protected, so no scanner on the way could look inside",
                where));
      }
      if (ext.equals("html")
          || ext.equals("htm")
          || ext.equals("shtml")
          || a.mimeType().contains("html")) {
        String p =
            a.textPreview() == null
                ? new String(h, java.nio.charset.StandardCharsets.ISO_8859_1)
                : a.textPreview();
        String l = p.toLowerCase(Locale.ROOT);
        if (l.contains("atob(")
            || l.contains("msSaveOrOpenBlob".toLowerCase(Locale.ROOT))
            || l.contains("new blob(")) {
          r.add(
              new Reason(
                  "html-smuggling",
                  5,
                  "the HTML attachment builds a file in the browser (HTML smuggling)",
                  where));
        } else if (l.contains("<form") || l.contains("password")) {
          r.add(
              new Reason("html-credential-page", 4, "the HTML attachment is a log-in page", where));
        } else {
          r.add(
              new Reason(
                  "html-attachment",
                  2,
                  "an HTML attachment opens locally, outside the mail client's protections",
                  where));
        }
      }
      if ((ext.equals("zip") || ext.equals("rar") || ext.equals("7z")) && a.size() < 2_000_000) {
        r.add(
            new Reason(
                "archive-attachment",
                1,
                "a small archive is attached (a common wrapper for malware)",
                where));
      }
    }
  }

  private static void language(MailMessage m, List<Reason> r) {
    String subject = m.header("Subject") == null ? "" : m.header("Subject");
    String text = subject + "\n" + m.visibleText();
    if (text.length() > 200_000) {
      text = text.substring(0, 200_000);
    }
    cue(URGENT, "pressure-language", "the text presses the reader", 3, subject, text, r);
    cue(CREDENTIALS, "credential-request", "the text asks for credentials", 3, subject, text, r);
    cue(PAYMENT_CHANGE, "payment-change", "the text changes where money goes", 3, subject, text, r);
    cue(GIFT_CARDS, "gift-card-request", "the text asks for gift cards", 3, subject, text, r);
    Matcher ai = AI_ADDRESSED.matcher(text);
    if (ai.find()) {
      r.add(
          new Reason(
              "addresses-ai-reader",
              3,
              "the text speaks to an AI reader (\"" + ai.group() + "\")",
              where(subject, text, ai.start())));
    }
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

  /**
   * One language cue: up to three distinct phrases quoted, a point each plus one, at most {@code
   * max}; located in the Subject when the first phrase is there.
   */
  private static void cue(
      Pattern p, String code, String what, int max, String subject, String text, List<Reason> r) {
    Matcher u = p.matcher(text);
    List<String> seen = new ArrayList<>();
    int first = -1;
    while (u.find() && seen.size() < 3) {
      String phrase = u.group().toLowerCase(Locale.ROOT);
      if (!seen.contains(phrase)) {
        seen.add(phrase);
        first = first < 0 ? u.start() : first;
      }
    }
    if (!seen.isEmpty()) {
      r.add(
          new Reason(
              code,
              Math.min(max, seen.size() + 1),
              what + ": \"" + String.join("\", \"", seen) + "\"",
              where(subject, text, first)));
    }
  }

  /**
   * Where in the message a phrase at {@code at} of "subject \n text" is: the Subject header, or the
   * sentence of the text around it ({@code body:sentence:…}).
   */
  private static String where(String subject, String text, int at) {
    if (at < subject.length()) {
      return "header:Subject";
    }
    int start = at;
    while (start > subject.length() + 1
        && at - start < 200
        && ".!?\n".indexOf(text.charAt(start - 1)) < 0) {
      start--;
    }
    int end = at;
    while (end < text.length() && end - at < 200 && ".!?\n".indexOf(text.charAt(end)) < 0) {
      end++;
    }
    String sentence =
        text.substring(start, Math.min(text.length(), end + 1)).replaceAll("\\s+", " ").strip();
    return "body:sentence:" + clip(sentence);
  }

  static String host(String href) {
    if (href == null) {
      return null;
    }
    String h = href.strip();
    if (!h.regionMatches(true, 0, "http", 0, 4)) {
      return null;
    }
    try {
      String host = URI.create(h.replace(" ", "%20").replace("|", "%7C")).getHost();
      return host == null ? null : host.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      Matcher x = Pattern.compile("(?i)^https?://([^/:?#]+)").matcher(h);
      return x.find() ? x.group(1).toLowerCase(Locale.ROOT) : null;
    }
  }

  private static String extension(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    int dot = n.lastIndexOf('.');
    return dot < 0 || n.endsWith("/") ? "" : n.substring(dot + 1);
  }

  private static String clip(String s) {
    return s.length() <= 120 ? s : s.substring(0, 119) + "…";
  }
}
