package dev.bulwark.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.mail.message.Inspection;
import dev.bulwark.mail.message.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** What reading an attachment's bytes shows, and the reasons it gives. */
class AttachmentInspectionTest {

  private static byte[] zip(String... names) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (String n : names) {
        z.putNextEntry(new ZipEntry(n));
        z.write(("content of " + n).getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  /** Sets the "encrypted" flag on every central-directory and local record. */
  private static byte[] encrypted(byte[] zip) {
    byte[] b = zip.clone();
    for (int i = 0; i + 8 < b.length; i++) {
      if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 1 && b[i + 3] == 2) {
        b[i + 8] |= 1;
      } else if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 3 && b[i + 3] == 4) {
        b[i + 6] |= 1;
      }
    }
    return b;
  }

  private static MailVerdict judge(String name, byte[] content) throws IOException {
    String raw =
        "From: Accounts <ap@vendor.example>\r\nSubject: Documents\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
            + "Content-Type: text/plain\r\n\r\nPlease see attached.\r\n--b\r\n"
            + "Content-Type: application/octet-stream; name=\""
            + name
            + "\"\r\nContent-Disposition: attachment; filename=\""
            + name
            + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(content)
            + "\r\n--b--\r\n";
    return MailChecks.judge(
        MailParser.parse(
            "t.eml", 0, new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII))));
  }

  private static List<String> codes(MailVerdict v) {
    return v.reasons().stream().map(Reason::code).toList();
  }

  @Test
  void archivesAreListedFromTheirDirectory_executablesInsideAndPasswordsAreReasons()
      throws Exception {
    byte[] z = zip("readme.txt", "invoice.pdf.exe");
    MailVerdict v = judge("invoice.zip", z);
    Inspection seen = v.message().attachments().get(0).inspection();
    assertThat(seen.kind()).isEqualTo("zip");
    assertThat(seen.entries()).containsExactly("readme.txt", "invoice.pdf.exe");
    assertThat(seen.sha256())
        .isEqualTo(
            HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(z)));
    assertThat(codes(v)).contains("archive-holds-executable").doesNotContain("encrypted-archive");
    assertThat(codes(judge("invoice.zip", encrypted(zip("invoice.js")))))
        .contains("archive-holds-executable", "encrypted-archive");
  }

  @Test
  void macrosAreFoundInsideOoxmlPackagesAndOleFiles_whateverTheName() throws IOException {
    MailVerdict docx = judge("report.docx", zip("[Content_Types].xml", "word/vbaProject.bin"));
    assertThat(docx.reasons())
        .filteredOn(r -> r.code().equals("macro-document"))
        .singleElement()
        .satisfies(r -> assertThat(r.description()).contains("vbaProject.bin"));
    byte[] ole = new byte[2048];
    byte[] magic = HexFormat.of().parseHex("D0CF11E0A1B11AE1");
    System.arraycopy(magic, 0, ole, 0, magic.length);
    byte[] name = "_VBA_PROJECT".getBytes(StandardCharsets.UTF_16LE);
    System.arraycopy(name, 0, ole, 1024, name.length);
    assertThat(codes(judge("budget.xls", ole))).contains("macro-document");
    assertThat(codes(judge("plain.docx", zip("[Content_Types].xml", "word/document.xml"))))
        .doesNotContain("macro-document");
  }

  @Test
  void diskImagesAndShortcutsAreKnownByTheirBytes() throws IOException {
    byte[] iso = new byte[0x8010];
    System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, iso, 0x8001, 5);
    MailVerdict v = judge("scan.pdf", iso);
    assertThat(v.reasons())
        .filteredOn(r -> r.code().equals("disguised-executable"))
        .singleElement()
        .satisfies(r -> assertThat(r.description()).contains("disk image"));
    byte[] lnk = HexFormat.of().parseHex("4C0000000114020000000000C000000000000046");
    assertThat(codes(judge("photo.jpg", lnk))).contains("disguised-executable");
  }
}
