package dev.bulwark.net.proto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpContentRangeTest {
  @Test
  void theFirstByteOfAContentRange() {
    assertThat(Http.Session.rangeStart("bytes 0-99/1000")).isZero();
    assertThat(Http.Session.rangeStart("Bytes 0-999/*")).isZero(); // length unknown
    assertThat(Http.Session.rangeStart("bytes 500-999/1000")).isEqualTo(500);
    assertThat(Http.Session.rangeStart("bytes foo-bar/baz")).isEqualTo(-1);
    assertThat(Http.Session.rangeStart("items 0-1/2")).isEqualTo(-1);
    assertThat(Http.Session.rangeStart(null)).isEqualTo(-1);
  }
}
