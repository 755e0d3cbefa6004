package dev.bulwark.net.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SyslogTest {
  private static Syslog.Message parse(String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    return Syslog.parse(b, 0, b.length);
  }

  @Test
  void splitsThePriorityIntoFacilityAndSeverity() {
    assertThat(parse("<134>Apr  5 12:56:51 robin: Hello"))
        .isEqualTo(new Syslog.Message("LOCAL0", "INFO", "Apr  5 12:56:51 robin: Hello"));
    assertThat(parse("<0>x")).isEqualTo(new Syslog.Message("KERN", "EMERG", "x"));
  }

  @Test
  void withoutAValidPriorityTheWholeTextIsTheMessage() {
    assertThat(parse("X")).isEqualTo(new Syslog.Message("UNSPECIFIED", "UNSPECIFIED", "X"));
    assertThat(parse("<999>x").facility()).isEqualTo("UNSPECIFIED");
    assertThat(parse("<13 x").text()).isEqualTo("<13 x");
  }
}
