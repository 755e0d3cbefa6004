package dev.bulwark.mail.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.mail.MailChecks;
import dev.bulwark.mail.MailParser;
import dev.bulwark.mail.message.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceivedChainTest {
  private static List<String> codes(String headers) throws IOException {
    String raw = headers.replace("\n", "\r\n") + "\r\nhello\r\n";
    return MailChecks.judge(
            MailParser.parse(
                "t.eml", 0, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))))
        .reasons()
        .stream()
        .map(Reason::code)
        .toList();
  }

  @Test
  void aRouteWhoseTimesRunBackwardsIsForged_andAFarDateIsNoted() throws IOException {
    String honest =
        "Received: from relay.example.net by mx.corp.example; Tue, 24 Nov 2026 10:00:05 +0000\n"
            + "Received: from [10.0.0.7] by relay.example.net; Tue, 24 Nov 2026 11:59:58 +0200"
            + " (CEST)\n"
            + "Date: Tue, 24 Nov 2026 09:59:50 +0000\nFrom: a@example.net\nSubject: hi\n";
    assertThat(codes(honest)).doesNotContain("received-out-of-order", "date-mismatch");
    String forged =
        "Received: from relay.example.net by mx.corp.example; Tue, 24 Nov 2026 10:00:05 +0000\n"
            + "Received: from trusted.bank.example by relay.bank.example; 27 Nov 2026 08:00:00"
            + " +0000\n"
            + "Date: Mon, 9 Nov 2026 08:00:00 GMT\nFrom: a@example.net\nSubject: hi\n";
    assertThat(codes(forged)).contains("received-out-of-order", "date-mismatch");
    assertThat(ReceivedChain.when(" Tue,  24 Nov 2026 10:00:05 -0700 (PDT)")).isNotNull();
    assertThat(ReceivedChain.when("not a date")).isNull();
    assertThat(ReceivedChain.when("28 Aug 02 09:33:16 +0100").getYear()).isEqualTo(2002);
    assertThat(ReceivedChain.when("28 Aug 98 09:33:16 +0100").getYear()).isEqualTo(1998);
    assertThat(ReceivedChain.when("10 Jun 0102 11:29:05 +0100").getYear()).isEqualTo(2002);
  }
}
