package dev.bulwark.core.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TerminalTextTest {
  @Test
  void line_showsEveryControlAndBidiCharacter_asAVisibleEscape() {
    assertThat(TerminalText.line("a\u001b]52;c;ZXZpbA==\u0007b"))
        .isEqualTo("a\\x1b]52;c;ZXZpbA==\\x07b");
    assertThat(TerminalText.line("x\ny\rz\tw")).isEqualTo("x\\ny\\rz\\tw");
    assertThat(TerminalText.line("c1\u009b31m")).isEqualTo("c1\\u009b31m");
    assertThat(TerminalText.line("invoice\u202efdp.exe")).isEqualTo("invoice\\u202efdp.exe");
    assertThat(TerminalText.line("iso\u2066late\u2069")).isEqualTo("iso\\u2066late\\u2069");
    assertThat(TerminalText.line("zero\u200bwidth\ufeff")).isEqualTo("zero\\u200bwidth\\ufeff");
    assertThat(TerminalText.line("del\u007f")).isEqualTo("del\\x7f");
  }

  @Test
  void everythingElse_passesUnchanged() {
    String s = "Grüße, пароль, 密码, emoji 🔑, arrows → and … ellipsis";
    assertThat(TerminalText.line(s)).isEqualTo(s);
    assertThat(TerminalText.line("lone \ud800 surrogate")).isEqualTo("lone \\ud800 surrogate");
  }

  @Test
  void block_keepsLineFeedsAndTabs_dropsCrBeforeLf_andShowsTheRest() {
    assertThat(TerminalText.block("a\r\n\tb\rc\u001b[2K\n")).isEqualTo("a\n\tb\\rc\\x1b[2K\n");
  }

  @Test
  void writer_neutralisesEveryValue_butNotItsOwnFormat() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    TerminalWriter w = new TerminalWriter(new PrintStream(buf, true, StandardCharsets.UTF_8));
    w.printf("%-6s %,d %s%n", "host\u001b[8m", 12345, "x\ny");
    w.println("line 1\u001b[1A\nline 2");
    assertThat(buf.toString(StandardCharsets.UTF_8))
        .isEqualTo("host\\x1b[8m 12,345 x\\ny\nline 1\\x1b[1A\nline 2\n");
  }
}
