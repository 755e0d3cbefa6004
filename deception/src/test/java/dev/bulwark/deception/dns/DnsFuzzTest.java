package dev.bulwark.deception.dns;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for the canary responder's DNS message parser and answers; seed corpus in {@code
 * DnsFuzzTestInputs/} (queries for a token, the apex, names outside the zone, EDNS, a pointer loop,
 * a truncated question). Run as a regression test over the seeds in every build; with JAZZER_FUZZ=1
 * it explores further.
 */
class DnsFuzzTest {
  private static final CanaryZone ZONE = new CanaryZone("canary.example.org");

  /**
   * Whatever the bytes: no exception, a reply no larger than a plain UDP message, and a reported
   * token only for a question that is in the zone.
   */
  @FuzzTest(maxDuration = "30s")
  void answer_boundedAndNeverThrows(byte[] input) {
    DnsQuery.Parsed p = DnsQuery.parse(input, input.length);
    CanaryZone.Reply r = ZONE.answer(input, input.length);
    if (r.bytes() != null) {
      assertThat(r.bytes().length).isBetween(DnsQuery.HEADER, DnsQuery.MAX_MESSAGE);
      assertThat(r.bytes()[2] & 0x80).as("always a response").isNotZero();
    }
    if (r.token() != null) {
      assertThat(p).isInstanceOf(DnsQuery.Question.class);
      assertThat(((DnsQuery.Question) p).name()).endsWith(".canary.example.org");
      assertThat(r.token()).matches("[a-z2-7]{20}");
    }
    if (p instanceof DnsQuery.Question q) {
      assertThat(q.end()).isLessThanOrEqualTo(input.length);
      assertThat(q.name().length()).isLessThanOrEqualTo(4 * DnsQuery.MAX_NAME);
    }
  }
}
