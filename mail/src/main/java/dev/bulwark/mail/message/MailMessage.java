package dev.bulwark.mail.message;

import java.util.List;
import java.util.Locale;

/** One parsed message: what the checks look at, nothing executed or fetched. */
public record MailMessage(
    String source,
    int index,
    List<Header> headers,
    String textBody,
    String htmlBody,
    List<Link> links,
    List<Attachment> attachments,
    List<String> problems) {

  /** A header as received (unfolded). */
  public record Header(String name, String value) {}

  /** A hyperlink: the text shown and the target. */
  public record Link(String text, String href) {}

  /**
   * An attachment: declared name and type, what reading its bytes showed (size, hash, true type,
   * what it holds), and a text preview for HTML.
   */
  public record Attachment(
      String name, String mimeType, Inspection inspection, String textPreview) {
    public long size() {
      return inspection.size();
    }

    public byte[] head() {
      return inspection.head();
    }
  }

  /** The first value of a header, or null. */
  public String header(String name) {
    for (Header h : headers) {
      if (h.name().equalsIgnoreCase(name)) {
        return h.value();
      }
    }
    return null;
  }

  public List<String> all(String name) {
    return headers.stream()
        .filter(h -> h.name().equalsIgnoreCase(name))
        .map(Header::value)
        .toList();
  }

  /** The visible text: the plain body, else the HTML body without tags. */
  public String visibleText() {
    if (textBody != null && !textBody.isBlank()) {
      return textBody;
    }
    return htmlBody == null ? "" : Html.text(htmlBody);
  }

  /**
   * The text a reader sees: a client shows the HTML body when there is one, whatever the plain
   * alternative says (senders put a placeholder there to pass filters that read only it).
   */
  public String renderedText() {
    if (htmlBody != null && !htmlBody.isBlank()) {
      String html = Html.text(htmlBody);
      if (!html.isBlank()) {
        return html;
      }
    }
    return textBody == null ? "" : textBody;
  }

  /** Lower-case address domain of a header such as From ("Name &lt;a@b.c&gt;" → b.c), or null. */
  public String domainOf(String headerName) {
    String v = header(headerName);
    return v == null ? null : Addresses.domain(v);
  }

  static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}
