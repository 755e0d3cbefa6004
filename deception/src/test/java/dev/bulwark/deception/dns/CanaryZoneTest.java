package dev.bulwark.deception.dns;

import static dev.bulwark.deception.dns.Queries.query;
import static dev.bulwark.deception.dns.Queries.rcode;
import static dev.bulwark.deception.dns.Queries.u16;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The canary zone answers its own names only, names the token looked up, and stays small. */
class CanaryZoneTest {
  private static final String TOKEN = "abcdefghijklmnopqrst";
  private final CanaryZone zone = new CanaryZone("Canary.Example.org.");

  /** Reads a name at {@code at}, following compression pointers (at most 20 of them). */
  private static String name(byte[] m, int at) {
    List<String> labels = new ArrayList<>();
    for (int hops = 0; hops < 20; ) {
      int len = m[at] & 0xFF;
      if (len == 0) {
        return String.join(".", labels);
      }
      if ((len & 0xC0) == 0xC0) {
        at = u16(m, at) & 0x3FFF;
        hops++;
        continue;
      }
      labels.add(new String(m, at + 1, len, java.nio.charset.StandardCharsets.US_ASCII));
      at += 1 + len;
    }
    throw new AssertionError("a pointer loop");
  }

  /** Where the name at {@code at} ends in the message (after its zero byte or its pointer). */
  private static int skip(byte[] m, int at) {
    while (true) {
      int len = m[at] & 0xFF;
      if (len == 0) {
        return at + 1;
      }
      if ((len & 0xC0) == 0xC0) {
        return at + 2;
      }
      at += 1 + len;
    }
  }

  /** The owner name and type of each record after the question. */
  private static List<String> records(byte[] reply) {
    int at = skip(reply, 12) + 4;
    int n = u16(reply, 6) + u16(reply, 8) + u16(reply, 10);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String owner = name(reply, at);
      at = skip(reply, at);
      int type = u16(reply, at);
      int rdlength = u16(reply, at + 8);
      String rdata = type == 6 || type == 2 ? " " + name(reply, at + 10) : "";
      out.add(owner + " " + type + rdata);
      at += 10 + rdlength;
    }
    assertThat(at).as("the records fill the reply exactly").isEqualTo(reply.length);
    return out;
  }

  @Test
  void aTokenName_isNxdomainWithTheSoa_andNamesTheToken_whateverTheCaseOrDepth() {
    for (String name :
        List.of(
            TOKEN + ".canary.example.org",
            "AbCdEfGhIjKlMnOpQrSt.CANARY.example.ORG",
            "db." + TOKEN + ".canary.example.org")) {
      byte[] q = Queries.withEdns(query(0x1234, name, CanaryZone.TYPE_A));
      CanaryZone.Reply r = zone.answer(q, q.length);
      assertThat(r.token()).as(name).isEqualTo(TOKEN);
      assertThat(r.type()).isEqualTo(CanaryZone.TYPE_A);
      byte[] a = r.bytes();
      assertThat(u16(a, 0)).isEqualTo(0x1234);
      assertThat(a[2] & 0x80).as("a response").isNotZero();
      assertThat(Queries.authoritative(a)).isTrue();
      assertThat(a[2] & 0x01).as("recursion desired echoed").isNotZero();
      assertThat(rcode(a)).isEqualTo(CanaryZone.NXDOMAIN);
      assertThat(name(a, 12)).isEqualToIgnoringCase(name);
      // the records point at the zone's labels in the question, so they carry its case
      assertThat(records(a))
          .hasSize(1)
          .allSatisfy(rec ->
              assertThat(rec).isEqualToIgnoringCase("canary.example.org 6 ns.canary.example.org"));
    }
  }

  @Test
  void theApex_hasItsSoaAndNs_andOtherNamesInTheZoneAreNotTokens() {
    byte[] soa = query(1, "canary.example.org", CanaryZone.TYPE_SOA);
    CanaryZone.Reply r = zone.answer(soa, soa.length);
    assertThat(r.token()).isNull();
    assertThat(rcode(r.bytes())).isEqualTo(CanaryZone.NOERROR);
    assertThat(u16(r.bytes(), 6)).as("one answer").isEqualTo(1);
    assertThat(records(r.bytes())).containsExactly("canary.example.org 6 ns.canary.example.org");

    byte[] any = query(2, "canary.example.org", CanaryZone.TYPE_ANY);
    assertThat(records(zone.answer(any, any.length).bytes()))
        .containsExactly(
            "canary.example.org 6 ns.canary.example.org",
            "canary.example.org 2 ns.canary.example.org");

    byte[] a = query(3, "canary.example.org", CanaryZone.TYPE_A);
    byte[] noData = zone.answer(a, a.length).bytes();
    assertThat(rcode(noData)).isEqualTo(CanaryZone.NOERROR);
    assertThat(u16(noData, 6)).isZero();
    assertThat(u16(noData, 8)).as("the SOA as authority").isEqualTo(1);

    // a label that is not a token id (too short, a digit base-32 does not use)
    for (String other : List.of("www", "abcdefghijklmnopqrs1", "abcdefghijklmnopqrs")) {
      byte[] q = query(4, other + ".canary.example.org", CanaryZone.TYPE_A);
      CanaryZone.Reply o = zone.answer(q, q.length);
      assertThat(o.token()).as(other).isNull();
      assertThat(rcode(o.bytes())).isEqualTo(CanaryZone.NXDOMAIN);
    }
  }

  @Test
  void namesOutsideTheZone_areRefused_notResolved() {
    for (String name :
        List.of(
            "example.org",
            "www.example.com",
            TOKEN + ".evilcanary.example.org",
            "canary.example.org.attacker.net")) {
      byte[] q = query(9, name, CanaryZone.TYPE_A);
      CanaryZone.Reply r = zone.answer(q, q.length);
      assertThat(r.token()).as(name).isNull();
      assertThat(rcode(r.bytes())).as(name).isEqualTo(CanaryZone.REFUSED);
      assertThat(Queries.authoritative(r.bytes())).isFalse();
      assertThat(u16(r.bytes(), 6) + u16(r.bytes(), 8) + u16(r.bytes(), 10)).isZero();
    }
    // class CHAOS (version.bind and the like) is not the zone's either
    byte[] chaos = query(10, "canary.example.org", CanaryZone.TYPE_SOA);
    chaos[chaos.length - 1] = 3;
    assertThat(rcode(zone.answer(chaos, chaos.length).bytes())).isEqualTo(CanaryZone.REFUSED);
  }

  @Test
  void malformedMessages_getFormerrOrNotimpWhenTheHeaderIsReadable_andNothingOtherwise() {
    byte[] q = query(0x4242, TOKEN + ".canary.example.org", CanaryZone.TYPE_A);

    byte[] pointer = java.util.Arrays.copyOf(q, 14);
    pointer[12] = (byte) 0xC0;
    pointer[13] = 12; // a pointer to itself: refused, never followed
    CanaryZone.Reply r = zone.answer(pointer, pointer.length);
    assertThat(r.token()).isNull();
    assertThat(rcode(r.bytes())).isEqualTo(CanaryZone.FORMERR);
    assertThat(u16(r.bytes(), 0)).isEqualTo(0x4242);
    assertThat(r.bytes()).hasSize(12);

    byte[] two = q.clone();
    two[5] = 2;
    assertThat(rcode(zone.answer(two, two.length).bytes())).isEqualTo(CanaryZone.FORMERR);

    byte[] cut = java.util.Arrays.copyOf(q, q.length - 3);
    assertThat(rcode(zone.answer(cut, cut.length).bytes())).isEqualTo(CanaryZone.FORMERR);

    byte[] status = q.clone();
    status[2] = 0x10; // opcode 2, STATUS
    assertThat(rcode(zone.answer(status, status.length).bytes())).isEqualTo(CanaryZone.NOTIMP);

    byte[] response = q.clone();
    response[2] |= (byte) 0x80;
    assertThat(zone.answer(response, response.length).bytes())
        .as("never answer an answer")
        .isNull();
    assertThat(zone.answer(q, 11).bytes()).isNull();
    byte[] big = java.util.Arrays.copyOf(q, DnsQuery.MAX_MESSAGE + 1);
    assertThat(zone.answer(big, big.length).bytes()).isNull();

    // a label longer than 63 bytes is not a label
    byte[] longLabel = query(7, "a".repeat(64) + ".canary.example.org", CanaryZone.TYPE_A);
    assertThat(rcode(zone.answer(longLabel, longLabel.length).bytes()))
        .isEqualTo(CanaryZone.FORMERR);
  }

  @Test
  void theLargestQuestionInTheLargestZone_getsAReplyWithinFiveHundredTwelveBytes() {
    String label = "z".repeat(63);
    String big = label + "." + label + "." + label.substring(0, 62) + "." + "y".repeat(9);
    assertThat(big.length()).isEqualTo(200);
    CanaryZone wide = new CanaryZone(big);
    // 255 bytes on the wire: the token label, then filler labels, then the zone
    String name = TOKEN + "." + "x".repeat(31) + "." + big;
    assertThat(name.length() + 2).isEqualTo(255);
    for (int type : new int[] {CanaryZone.TYPE_A, CanaryZone.TYPE_ANY}) {
      byte[] q = query(5, type == CanaryZone.TYPE_A ? name : big, type);
      CanaryZone.Reply r = wide.answer(q, q.length);
      assertThat(r.bytes().length).isLessThanOrEqualTo(DnsQuery.MAX_MESSAGE);
      assertThat(records(r.bytes())).allSatisfy(rec -> assertThat(rec).startsWith(big + " "));
    }
    byte[] tooLong = query(6, "x" + name, CanaryZone.TYPE_A);
    assertThat(rcode(wide.answer(tooLong, tooLong.length).bytes())).isEqualTo(CanaryZone.FORMERR);
  }

  @Test
  void aZoneMustBeADnsName() {
    for (String bad : new String[] {"", ".", "a..b", "-a.org", "a b.org", "x".repeat(201)}) {
      assertThatThrownBy(() -> new CanaryZone(bad)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(new CanaryZone("Canary.Example.ORG.").zone()).isEqualTo("canary.example.org");
  }
}
