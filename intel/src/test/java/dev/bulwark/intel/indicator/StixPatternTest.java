package dev.bulwark.intel.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StixPatternTest {
  private static boolean holds(String pattern, Observable... values) throws Exception {
    StixPattern p = StixPattern.parse(pattern);
    StixPattern.Single s = (StixPattern.Single) p.root();
    return new Evaluator().holds(s.comparison(), Set.of(values));
  }

  private static Observable ip(String v) {
    return new Observable(Observable.Kind.IPV4, v);
  }

  private static Observable dom(String v) {
    return new Observable(Observable.Kind.DOMAIN, v);
  }

  @Test
  void equalityInSetsLikeAndMatches() throws Exception {
    assertThat(holds("[ipv4-addr:value = '198.51.100.7']", ip("198.51.100.7"))).isTrue();
    assertThat(holds("[ipv4-addr:value = '198.51.100.7']", ip("198.51.100.8"))).isFalse();
    assertThat(holds("[ipv4-addr:value != '198.51.100.7']", ip("198.51.100.8"))).isTrue();
    assertThat(holds("[ipv4-addr:value NOT = '198.51.100.7']", ip("198.51.100.7"))).isFalse();
    assertThat(holds("[ipv4-addr:value IN ('1.2.3.4', '198.51.100.7')]", ip("198.51.100.7")))
        .isTrue();
    assertThat(holds("[ipv4-addr:value ISSUBSET '198.51.100.0/24']", ip("198.51.100.200")))
        .isTrue();
    assertThat(holds("[ipv4-addr:value ISSUBSET '198.51.100.0/24']", ip("198.51.101.1"))).isFalse();
    assertThat(holds("[domain-name:value LIKE '%.evil.example']", dom("cdn.EVIL.example")))
        .isTrue();
    assertThat(holds("[domain-name:value LIKE '%.evil.example']", dom("evil.example"))).isFalse();
    assertThat(
            holds(
                "[domain-name:value MATCHES '^[a-z0-9]{20,}\\\\.top$']",
                dom("abcdefghij0123456789xyz.top")))
        .isTrue();
    assertThat(
            holds(
                "[file:hashes.'SHA-256' = 'AB" + "0".repeat(62) + "']",
                new Observable(Observable.Kind.SHA256, "ab" + "0".repeat(62))))
        .isTrue();
    assertThat(
            holds(
                "[url:value = 'http://x.test/a\\'b']",
                new Observable(Observable.Kind.URL, "http://x.test/a'b")))
        .isTrue();
  }

  @Test
  void comparisonsInOneObservationMustHoldForTheSameRecord() throws Exception {
    String p = "[ipv4-addr:value = '198.51.100.7' AND domain-name:value = 'evil.example']";
    assertThat(holds(p, ip("198.51.100.7"), dom("evil.example"))).isTrue();
    assertThat(holds(p, ip("198.51.100.7"))).isFalse();
    String q =
        "[(ipv4-addr:value = '1.1.1.1' OR ipv4-addr:value = '2.2.2.2') AND url:value LIKE 'http://%']";
    assertThat(holds(q, ip("2.2.2.2"), new Observable(Observable.Kind.URL, "http://a.test/")))
        .isTrue();
    assertThat(holds(q, ip("2.2.2.2"))).isFalse();
  }

  @Test
  void ipv6IsComparedInCanonicalForm() throws Exception {
    assertThat(
            holds(
                "[ipv6-addr:value = '2001:DB8::1']",
                new Observable(Observable.Kind.IPV6, "2001:0db8:0:0:0:0:0:1")))
        .isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "[ipv4-addr:value = '1.2.3.4'] FOLLOWEDBY [ipv4-addr:value = '5.6.7.8']|FOLLOWEDBY is not"
            + " supported",
        "[ipv4-addr:value = '1.2.3.4'] WITHIN 300 SECONDS|qualifier WITHIN is not supported",
        "[ipv4-addr:value = '1.2.3.4'] REPEATS 5 TIMES|qualifier REPEATS",
        "[process:name = 'cmd.exe']|object path process:name is not supported",
        "[file:name = 'a.exe']|object path file:name is not supported",
        "[network-traffic:dst_port > 1024]|object path network-traffic:dst_port",
        "[ipv4-addr:value > '1.2.3.4']|ordering comparisons",
        "[EXISTS ipv4-addr:value]|EXISTS is not supported",
        "[file:hashes.MD5 = h'00ff']|hex, binary and timestamp literals",
        "[domain-name:value ISSUBSET 'a.test']|ISSUBSET is supported for IPv4 addresses only",
        "[ipv4-addr:value = '1.2.3.4'|expected ']'",
        "ipv4-addr:value = '1.2.3.4'|expected '[' or '('",
        "[ipv4-addr:value = '1.2.3.4|unterminated string",
        "[ipv4-addr:value = '1.2.3.4'] garbage|unexpected text",
        "[domain-name:value MATCHES '(']|is not a regular expression"
      })
  void refusesWhatItDoesNotCompareWithAReason(String pattern, String reason) {
    assertThatThrownBy(() -> StixPattern.parse(pattern))
        .isInstanceOf(StixPattern.Unsupported.class)
        .hasMessageContaining(reason);
  }

  @Test
  void hostileNestingIsRefusedNotAStackOverflow() {
    String deep = "(".repeat(5000) + "[ipv4-addr:value = '1.2.3.4']" + ")".repeat(5000);
    assertThatThrownBy(() -> StixPattern.parse(deep))
        .isInstanceOf(StixPattern.Unsupported.class)
        .hasMessageContaining("nesting deeper than");
  }

  @Test
  void catastrophicRegexStopsAtItsBudget() throws Exception {
    String value = "a".repeat(40) + "!";
    assertThat(holds("[domain-name:value MATCHES '^(a+)+$']", dom(value))).isFalse();
  }

  @Test
  void extractorFindsEachKindInALogLine() {
    Set<Observable> v =
        Extractor.forMatching()
            .extract(
                "GET http://login.evil.example:8080/x?y=1 from 198.51.100.7 by bob@mail.evil.example"
                    + " [2001:db8::7] file d41d8cd98f00b204e9800998ecf8427e.");
    assertThat(v)
        .contains(
            new Observable(Observable.Kind.URL, "http://login.evil.example:8080/x?y=1"),
            dom("login.evil.example"),
            ip("198.51.100.7"),
            new Observable(Observable.Kind.EMAIL, "bob@mail.evil.example"),
            dom("mail.evil.example"),
            new Observable(Observable.Kind.IPV6, "2001:db8::7"),
            new Observable(Observable.Kind.MD5, "d41d8cd98f00b204e9800998ecf8427e"));
    assertThat(Extractor.forMatching().extract("version 1.2.3.4.5 and 300.1.1.1"))
        .noneMatch(o -> o.kind() == Observable.Kind.IPV4);
    assertThat(Extractor.hostsOnly().extract("ran powershell.exe")).isEmpty();
  }
}
