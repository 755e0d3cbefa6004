package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text asks the reader to scan a QR code that the message carries as a picture: the link is
 * then in no text a filter reads, and it is opened on a phone outside the organisation's
 * protection.
 */
final class QrCodeLure implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "qr-code-lure",
          3,
          Weight.PRIMARY,
          Part.TEXT,
          "The text asks the reader to scan a QR code the message carries as a picture");
  private static final Pattern SCAN =
      Pattern.compile(
          "(?iu)(?<![\\p{L}\\p{N}])("
              + "scan (?:the |this |below |attached )?(?:qr|barcode)|qr[- ]?code (?:below|attached|above)|"
              + "use your (?:phone|mobile|camera) to scan|"
              + "(?:escaneie|leia|escanei?a|aponte a câmera para) (?:o |el )?(?:código )?qr|"
              + "scannez (?:le )?(?:code )?qr|qr-code (?:scannen|einscannen)|scannen sie den qr|"
              + "scansiona (?:il )?(?:codice )?qr|scan de qr"
              + ")(?![\\p{L}\\p{N}])");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    String subject = Locations.subject(m);
    String text = Locations.subjectAndText(m);
    Matcher s = SCAN.matcher(text);
    if (s.find() && carriesPicture(m)) {
      out.add(
          "the text asks the reader to scan a QR code: \""
              + s.group().toLowerCase(Locale.ROOT)
              + "\"",
          Locations.where(subject, text, s.start()));
    }
  }

  /** An image part, or an HTML body showing an image (inline or a data: URI). */
  static boolean carriesPicture(MailMessage m) {
    for (MailMessage.Attachment a : m.attachments()) {
      String type = a.mimeType() == null ? "" : a.mimeType().toLowerCase(Locale.ROOT);
      String ext = Locations.extension(a.name());
      if (type.startsWith("image/") || ext.matches("png|jpe?g|gif|bmp|webp|svg")) {
        return true;
      }
    }
    return m.htmlBody() != null && m.htmlBody().toLowerCase(Locale.ROOT).contains("<img");
  }
}
