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
    List<String> problems,
    Structure structure) {

  /**
   * How the message is built where its shape can hide content from a reader that stops early: the
   * deepest level of its MIME parts (the message itself is level 0) and how many parts lie deeper
   * than {@link #DEEP} levels — all of them were read — and the header fields that were over the
   * bounds: cut to their first kilobytes (the first few named with their sizes) or skipped.
   */
  public record Structure(
      int deepest,
      int partsTooDeep,
      List<CutHeader> cutHeaders,
      int cutCount,
      int skippedHeaders,
      int mostHeaders) {
    /** Levels of nesting mail needs at most: forwards of forwards stay well within it. */
    public static final int DEEP = 12;

    /** Bytes of one header field that are read; a longer field is cut there. */
    public static final int MAX_FIELD = 64 << 10;

    /** Header fields of one section that are read; real mail has a few dozen. */
    public static final int MAX_FIELDS = 1_000;

    public static final Structure PLAIN = new Structure(0, 0, List.of(), 0, 0, 0);

    public Structure {
      cutHeaders = List.copyOf(cutHeaders);
    }
  }

  /** A header field cut to its first kilobytes: its name and its whole size in bytes. */
  public record CutHeader(String name, long bytes) {}

  /** A message read without structure notes (built by hand or from another reader). */
  public MailMessage(
      String source,
      int index,
      List<Header> headers,
      String textBody,
      String htmlBody,
      List<Link> links,
      List<Attachment> attachments,
      List<String> problems) {
    this(source, index, headers, textBody, htmlBody, links, attachments, problems, Structure.PLAIN);
  }

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
