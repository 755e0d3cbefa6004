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
  void decode_isLenientWithMalformedUtf8() {
    byte[] latin1 = "password=caf\u00e9!".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(TextSniffer.decode(latin1, 0, latin1.length)).isEqualTo("password=caf\ufffd!");
  }
}
