package dev.bulwark.net.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MimeTest {
  static String sniff(String body) {
    return Mime.sniff(body.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void javascriptIdiomsAsZeekSignaturesRankThem() {
    assertThat(sniff("document.write(\"<IFRAME SRC=x>\");")).isEqualTo("application/javascript");
    assertThat(sniff("\r\n  documentXwrite(1) and more text")).isEqualTo("text/plain");
    assertThat(sniff("\n<SCRIPT language='JavaScript'>var a=1;</SCRIPT>"))
        .isEqualTo("application/javascript");
    assertThat(sniff("<script>\n var x = 1;</script>")).isEqualTo("application/javascript");
    assertThat(sniff("for (;;);{\"a\":1}")).isEqualTo("application/javascript");
    assertThat(sniff("(function() {\n var a;})()")).isEqualTo("application/javascript");
    assertThat(sniff("#!/usr/bin/env node\nconsole.log(1)")).isEqualTo("application/javascript");
  }

  @Test
  void aCarriageReturnBeforeTheBraceIsPlainText() {
    // the signature allows blanks and newlines there, not CR
    assertThat(sniff("(function()\r\n{\r\nvar undef=1;")).isEqualTo("text/plain");
    assertThat(sniff("<script src=x></script>")).isEqualTo("text/html");
  }
}
