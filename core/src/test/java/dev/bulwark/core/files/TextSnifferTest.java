package dev.bulwark.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextSnifferTest {
  @Test
  void sniff_tellsTextBinaryZipAndUtf16Apart() {
    byte[] text = "hello\nworld".getBytes(StandardCharsets.UTF_8);
    assertThat(TextSniffer.sniff(text, text.length)).isEqualTo(TextSniffer.Kind.TEXT_UTF8);
    byte[] bin = {0x7f, 'E', 'L', 'F', 0, 0, 1};
    assertThat(TextSniffer.sniff(bin, bin.length)).isEqualTo(TextSniffer.Kind.BINARY);
    byte[] zip = {'P', 'K', 3, 4, 20, 0};
    assertThat(TextSniffer.sniff(zip, zip.length)).isEqualTo(TextSniffer.Kind.ZIP);
    byte[] utf16 = {(byte) 0xFF, (byte) 0xFE, 'a', 0, 'b', 0};
    assertThat(TextSniffer.sniff(utf16, utf16.length)).isEqualTo(TextSniffer.Kind.TEXT_UTF16LE);
  }

  @Test
  void sniff_aLeadingNulOrZeroPadding_doesNotHideTheTextAfterIt() {
    byte[] nul = "\0AWS_SECRET_ACCESS_KEY=x\npassword=y\n".getBytes(StandardCharsets.UTF_8);
    assertThat(TextSniffer.sniff(nul, nul.length)).isEqualTo(TextSniffer.Kind.TEXT_UTF8);
    byte[] padded = new byte[4096];
    byte[] tail = "token = abc\n".getBytes(StandardCharsets.UTF_8);
    System.arraycopy(tail, 0, padded, padded.length - tail.length, tail.length);
    assertThat(TextSniffer.sniff(padded, padded.length)).isEqualTo(TextSniffer.Kind.TEXT_UTF8);
    byte[] zeros = new byte[8192];
    assertThat(TextSniffer.sniff(zeros, zeros.length)).isEqualTo(TextSniffer.Kind.TEXT_UTF8);
  }

  @Test
  void sniff_compressedOrRandomBytes_areBinary_whileLatin1AndUtf8TextAreNot() {
    byte[] random = new byte[8192];
    new java.util.Random(7).nextBytes(random);
    assertThat(TextSniffer.sniff(random, random.length)).isEqualTo(TextSniffer.Kind.BINARY);
    byte[] latin1 =
        "Passwort f\u00fcr die Datenbank: Gr\u00fc\u00dfe aus K\u00f6ln\n"
            .repeat(50)
            .getBytes(StandardCharsets.ISO_8859_1);
    assertThat(TextSniffer.sniff(latin1, latin1.length)).isEqualTo(TextSniffer.Kind.TEXT_UTF8);
    byte[] utf8 = "пароль = секрет; 密码 = 秘密\n".repeat(50).getBytes(StandardCharsets.UTF_8);
    assertThat(TextSniffer.sniff(utf8, utf8.length)).isEqualTo(TextSniffer.Kind.TEXT_UTF8);
  }

  @Test
  void decode_isLenientWithMalformedUtf8() {
    byte[] latin1 = "password=caf\u00e9!".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(TextSniffer.decode(latin1, 0, latin1.length)).isEqualTo("password=caf\ufffd!");
  }
}
