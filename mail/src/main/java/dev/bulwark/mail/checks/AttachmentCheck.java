package dev.bulwark.mail.checks;

import dev.bulwark.mail.message.MailMessage;
import java.util.Set;

/** A check that looks at each attachment's name and bytes; nothing is opened or run. */
abstract class AttachmentCheck implements MailCheck {
  static final Set<String> RISKY_EXT =
      Set.of(
          "exe", "scr", "js", "jse", "vbs", "vbe", "wsf", "hta", "bat", "cmd", "com", "pif", "lnk",
          "iso", "img", "msi", "jar", "ps1", "cab", "vhd", "vhdx", "one", "xll", "chm", "iqy",
          "appx", "msix", "url");
  static final Set<String> MACRO_EXT = Set.of("docm", "xlsm", "pptm", "dotm", "xlam");

  /** The reason for one attachment, or null. */
  abstract String judge(MailMessage.Attachment a, String lowerName, String ext);

  @Override
  public final void check(MailMessage m, CheckContext c, Reasons out) {
    for (MailMessage.Attachment a : m.attachments()) {
      String name = a.name() == null ? "" : a.name().toLowerCase(java.util.Locale.ROOT);
      String why = judge(a, name, Locations.extension(name));
      if (why != null) {
        out.add(
            why, "attachment:" + (a.name() == null ? "(unnamed " + a.mimeType() + ")" : a.name()));
      }
    }
  }

  static boolean isHtml(MailMessage.Attachment a, String ext) {
    return ext.equals("html")
        || ext.equals("htm")
        || ext.equals("shtml")
        || a.mimeType().contains("html");
  }

  static String preview(MailMessage.Attachment a) {
    String p =
        a.textPreview() == null
            ? new String(a.head(), java.nio.charset.StandardCharsets.ISO_8859_1)
            : a.textPreview();
    return p.toLowerCase(java.util.Locale.ROOT);
  }
}
