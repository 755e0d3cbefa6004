package dev.bulwark.net.proto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmtpTest {
  @Test
  void takesTheEnvelopeAddressOutOfItsBrackets() {
    assertThat(Smtp.address("<robin@icir.org>")).isEqualTo("robin@icir.org");
    assertThat(Smtp.address(" <a@b.example> SIZE=123")).isEqualTo("a@b.example");
    assertThat(Smtp.address("plain@host.example BODY=8BITMIME")).isEqualTo("plain@host.example");
    assertThat(Smtp.address("<>")).isEmpty();
  }
}
