package dev.bulwark.mail;

import dev.bulwark.ai.embed.Embeddings;
import dev.bulwark.mail.message.Addresses;
import dev.bulwark.mail.message.MailMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the learned mail model sees: the explainable checks (which fired, the score), the message's
 * shape (links, link domains, attachments, HTML) and the meaning of its subject and text as an
 * offline sentence embedding.
 */
public final class MailFeatures {
  /** Check codes, in the checks' fixed order; an unknown code is simply not a feature. */
  static final List<String> CODES =
      dev.bulwark.mail.checks.BuiltInChecks.rules().stream()
          .map(dev.bulwark.mail.checks.MailRule::id)
          .toList();

  /**
   * Headers a message keeps when era artefacts are stripped: old and new mail then differ only in
   * what their senders wrote, not in what their servers added.
   */
  static final Set<String> KEPT_WHEN_STRIPPED =
      Set.of(
          "from",
          "to",
          "cc",
          "reply-to",
          "subject",
          "content-type",
          "content-transfer-encoding",
          "mime-version");

  private MailFeatures() {}

  /** The message without the headers receiving servers add (dates, routes, authentication). */
  public static MailMessage stripEraHeaders(MailMessage m) {
    List<MailMessage.Header> kept = new ArrayList<>();
    for (MailMessage.Header h : m.headers()) {
      if (KEPT_WHEN_STRIPPED.contains(h.name().toLowerCase(Locale.ROOT))) {
        kept.add(h);
      }
    }
    return new MailMessage(
        m.source(),
        m.index(),
        kept,
        m.textBody(),
        m.htmlBody(),
        m.links(),
        m.attachments(),
        m.problems(),
        m.structure());
  }

  /** The text embedded for a message. */
  public static String text(MailMessage m) {
    String subject = m.header("Subject") == null ? "" : m.header("Subject");
    String body = m.visibleText().replaceAll("\\s+", " ").strip();
    return subject + "\n" + (body.length() > 1500 ? body.substring(0, 1500) : body);
  }

  /** Structural features and the embedding, in one row. */
  public static double[] row(MailVerdict v, float[] embedding) {
    MailMessage m = v.message();
    double[] row = new double[CODES.size() + 12 + SENDER_AND_STYLE + embedding.length];
    int k = 0;
    for (String code : CODES) {
      row[k++] = v.reasons().stream().filter(r -> r.code().equals(code)).count();
    }
    row[k++] = v.score();
    row[k++] = Math.log1p(m.links().size());
    row[k++] =
        m.links().stream()
            .map(l -> Addresses.registrable(MailChecks.host(l.href())))
            .filter(x -> x != null)
            .distinct()
            .count();
    row[k++] = m.attachments().size();
    row[k++] = m.htmlBody() != null && !m.htmlBody().isBlank() ? 1 : 0;
    row[k++] = Math.log1p(m.visibleText().length());
    String text = m.visibleText();
    String subject = m.header("Subject") == null ? "" : m.header("Subject");
    row[k++] = ratio(text, Character::isUpperCase);
    row[k++] = Math.log1p(count(text + subject, '!'));
    row[k++] = Math.log1p(count(text, '$'));
    row[k++] =
        m.links().isEmpty()
            ? 0
            : (double) m.links().stream().filter(l -> l.href().startsWith("https")).count()
                / m.links().size();
    row[k++] =
        m.htmlBody() != null && m.htmlBody().toLowerCase(java.util.Locale.ROOT).contains("<img")
            ? 1
            : 0;
    row[k++] = Math.log1p(m.htmlBody() == null ? 0 : m.htmlBody().length());
    k = senderAndStyle(m, subject + " " + text, row, k);
    for (float f : embedding) {
      row[k++] = f;
    }
    return row;
  }

  private static final int SENDER_AND_STYLE = 7;

  /** HTML that hides text from the reader while filters still read it. */
  private static final Pattern HIDDEN =
      Pattern.compile(
          "display\\s*:\\s*none|font-size\\s*:\\s*[01]px|opacity\\s*:\\s*0[;\"']"
              + "|visibility\\s*:\\s*hidden|max-height\\s*:\\s*0|mso-hide",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern UNSUBSCRIBE =
      Pattern.compile("unsubscribe|opt.?out|remove", Pattern.CASE_INSENSITIVE);
  private static final Pattern SENDER = Pattern.compile("<?([^<>\\s\"]+)@([^<>\\s\"]+)>?\\s*$");

  /**
   * Pictographs in the text, hidden HTML, an unsubscribe line, and how the sender's address looks:
   * a malformed domain ("example,com"), a local part in mixed case or full of digits — throwaway
   * addresses that no person typed.
   */
  private static int senderAndStyle(MailMessage m, String text, double[] row, int k) {
    long pictographs =
        text.codePoints().filter(c -> c >= 0x1F000 || (c >= 0x2600 && c <= 0x27BF)).count();
    row[k++] = pictographs > 0 ? 1 : 0;
    row[k++] = Math.log1p(pictographs);
    Matcher hidden = HIDDEN.matcher(m.htmlBody() == null ? "" : m.htmlBody());
    int n = 0;
    while (hidden.find()) {
      n++;
    }
    row[k++] = Math.log1p(n);
    row[k++] = UNSUBSCRIBE.matcher(text).find() ? 1 : 0;
    Matcher sender = SENDER.matcher(m.header("From") == null ? "" : m.header("From").strip());
    boolean found = sender.find();
    String local = found ? sender.group(1) : "";
    String domain = found ? sender.group(2) : "";
    row[k++] = domain.contains(",") ? 1 : 0;
    long upper = local.chars().filter(Character::isUpperCase).count();
    long lower = local.chars().filter(Character::isLowerCase).count();
    row[k++] = upper >= 2 && lower >= 2 ? 1 : 0;
    row[k++] =
        local.isEmpty()
            ? 0
            : (double) local.chars().filter(Character::isDigit).count() / local.length();
    return k;
  }

  /** What the dense columns of {@link #row} mean, in words, for explanations. */
  static final List<String> SHAPE =
      List.of(
          "the checks' score",
          "many links",
          "links to many domains",
          "attachments",
          "an HTML body",
          "a long text",
          "capital letters",
          "exclamation marks",
          "currency signs",
          "https links",
          "images",
          "a long HTML body",
          "pictographs",
          "many pictographs",
          "text hidden by CSS",
          "an unsubscribe line",
          "a malformed sender domain",
          "a sender address in mixed case",
          "digits in the sender address");

  /** The name of dense column {@code j}; every embedding column is "the meaning of the text". */
  static String column(int j) {
    if (j < CODES.size()) {
      return "the " + CODES.get(j) + " check";
    }
    j -= CODES.size();
    return j < SHAPE.size() ? SHAPE.get(j) : "the meaning of the text";
  }

  /** What the text model reads: sender, subject, visible text and link targets. */
  public static String document(MailMessage m) {
    StringBuilder d = new StringBuilder(m.header("From") == null ? "" : m.header("From"));
    d.append('\n').append(text(m)).append('\n');
    for (MailMessage.Link l : m.links()) {
      d.append(l.href()).append(' ');
    }
    return d.toString();
  }

  private static double ratio(String s, java.util.function.IntPredicate p) {
    if (s.isEmpty()) {
      return 0;
    }
    long letters = s.chars().filter(Character::isLetter).count();
    return letters == 0 ? 0 : (double) s.chars().filter(p).count() / letters;
  }

  private static int count(String s, char c) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }

  /** Rows for many verdicts, embedding their texts in batches. */
  public static double[][] rows(List<MailVerdict> verdicts, Embeddings embeddings) {
    List<float[]> e = embeddings.embedAll(verdicts.stream().map(v -> text(v.message())).toList());
    double[][] out = new double[verdicts.size()][];
    for (int i = 0; i < verdicts.size(); i++) {
      out[i] = row(verdicts.get(i), e.get(i));
    }
    return out;
  }
}
