package dev.bulwark.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.mail.message.MailMessage;
import dev.bulwark.mail.message.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outlook .msg files, written here as OLE2 compound files with MAPI property streams. */
class OutlookMsgTest {
  @TempDir Path dir;

  private static ByteArrayInputStream utf16(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_16LE));
  }

  private Path msg(boolean transportHeaders) throws IOException {
    Path f = dir.resolve(transportHeaders ? "forwarded.msg" : "saved.msg");
    try (POIFSFileSystem fs = new POIFSFileSystem();
        OutputStream out = Files.newOutputStream(f)) {
      DirectoryEntry root = fs.getRoot();
      if (transportHeaders) {
        root.createDocument(
            "__substg1.0_007D001F",
            utf16(
                "Authentication-Results: mx.corp.example; spf=fail; dmarc=fail\r\n"
                    + "From: \"Microsoft 365\" <no-reply@rnicrosoft-365.example>\r\n"
                    + "Subject: Password expires today\r\n"
                    + "Content-Type: multipart/alternative; boundary=x\r\n"));
      } else {
        root.createDocument("__substg1.0_0C1A001F", utf16("Microsoft 365"));
        root.createDocument("__substg1.0_5D01001F", utf16("no-reply@rnicrosoft-365.example"));
        root.createDocument("__substg1.0_0037001F", utf16("Password expires today"));
      }
      root.createDocument(
          "__substg1.0_1000001F", utf16("Your password expires today. Keep it here."));
      root.createDocument(
          "__substg1.0_10130102",
          new ByteArrayInputStream(
              "<p><a href=\"http://203.0.113.9/owa\">https://outlook.office.com/</a></p>"
                  .getBytes(StandardCharsets.UTF_8)));
      DirectoryEntry att = root.createDirectory("__attach_version1.0_#00000000");
      att.createDocument("__substg1.0_3707001F", utf16("Invoice.pdf.exe"));
      att.createDocument(
          "__substg1.0_37010102",
          new ByteArrayInputStream(
              "MZ\u0090\u0000 not really a program".getBytes(StandardCharsets.ISO_8859_1)));
      fs.writeFilesystem(out);
    }
    return f;
  }

  private static List<MailVerdict> judge(Path f, List<String> problems) throws IOException {
    List<MailVerdict> out = new ArrayList<>();
    Mailboxes.read(
        f,
        f.getFileName().toString(),
        new Mailboxes.Visitor() {
          @Override
          public void message(MailMessage m) {
            out.add(MailChecks.judge(m));
          }

          @Override
          public void problem(String source, int index, String problem) {
            problems.add(problem);
          }
        });
    return out;
  }

  @Test
  void aMsgIsJudgedLikeTheSameMessageAsEml() throws IOException {
    for (boolean transport : new boolean[] {true, false}) {
      List<String> problems = new ArrayList<>();
      List<MailVerdict> v = judge(msg(transport), problems);
      assertThat(problems).isEmpty();
      assertThat(v).hasSize(1);
      MailVerdict verdict = v.get(0);
      assertThat(verdict.verdict()).isEqualTo(MailVerdict.Verdict.MALICIOUS);
      assertThat(verdict.message().header("Subject")).isEqualTo("Password expires today");
      assertThat(verdict.reasons().stream().map(Reason::code))
          .contains("ip-link", "link-text-mismatch", "double-extension");
      // an executable named .exe is not disguised; the true type is still read from its bytes
      assertThat(verdict.message().attachments().get(0).inspection().kind())
          .isEqualTo("windows-executable");
      if (transport) {
        assertThat(verdict.reasons().stream().map(Reason::code)).contains("spf-fail", "dmarc-fail");
      }
    }
  }

  @Test
  void aFileThatIsNoMsgIsReportedNotThrown() throws IOException {
    Path f = dir.resolve("broken.msg");
    Files.writeString(f, "From: not an OLE file\r\n");
    List<String> problems = new ArrayList<>();
    assertThat(judge(f, problems)).isEmpty();
    assertThat(problems).singleElement().asString().contains("not an Outlook message");
  }
}
