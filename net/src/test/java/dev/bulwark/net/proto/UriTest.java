package dev.bulwark.net.proto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UriTest {
  @Test
  void namesEscapesCutByTheEndAsZeekDoes() {
    assertThat(Uri.escapeProblem("/%")).isEqualTo("illegal_%_at_end_of_URI");
    assertThat(Uri.escapeProblem("/%5")).isEqualTo("partial_escape_at_end_of_URI");
    assertThat(Uri.escapeProblem("/%41")).isNull();
    assertThat(Uri.escapeProblem("/a%zz")).isNull();
    assertThat(Uri.escapeProblem("")).isNull();
  }

  @Test
  void decodesOnlyWholeEscapes() {
    assertThat(Uri.decodeForLog("/a%41%5")).isEqualTo("/aA%5");
  }
}
