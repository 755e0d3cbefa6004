package dev.bulwark.net.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RedisTest {
  private static Redis.Value one(String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    return Redis.resp(b, new int[] {0}, b.length, 0);
  }

  @Test
  void readsRespValuesAsZeekShowsThem() {
    assertThat(one("+OK\r\n").text()).isEqualTo("OK");
    assertThat(one("-ERR wrong\r\n").error()).isTrue();
    assertThat(one(":42\r\n").text()).isEqualTo("42");
    assertThat(one("$5\r\nhello\r\n").text()).isEqualTo("hello");
    assertThat(one("$-1\r\n").text()).isNull();
    assertThat(one("*2\r\n*2\r\n+a\r\n:1\r\n$1\r\nb\r\n").text()).isEqualTo("[[a, 1], b]");
    assertThat(one("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n").parts())
        .containsExactly("SET", "k", "v");
  }

  @Test
  void waitsForWholeValues() {
    assertThat(one("$5\r\nhel")).isNull();
    assertThat(one("*2\r\n+a\r\n")).isNull();
    assertThat(one("+OK")).isNull();
  }

  @Test
  void splitsInlineCommandsKeepingQuotedWords() {
    assertThat(Redis.inline("SET key \"my value\"  'x y'"))
        .containsExactly("SET", "key", "\"my value\"", "'x y'");
    assertThat(Redis.inline("SET bad \"unclosed quote"))
        .containsExactly("SET", "bad", "\"unclosed quote");
  }
}
