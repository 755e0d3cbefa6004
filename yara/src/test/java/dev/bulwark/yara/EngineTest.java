package dev.bulwark.yara;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.yara.engine.CompiledRules;
import dev.bulwark.yara.engine.RuleMatch;
import dev.bulwark.yara.engine.Scanner;
import dev.bulwark.yara.lang.YaraSyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The language, one feature at a time, on small inputs whose answer is known by hand. */
class EngineTest {

  static List<String> matches(String rules, byte[] data) throws YaraSyntaxException {
    return matches(rules, data, Map.of());
  }

  static List<String> matches(String rules, byte[] data, Map<String, Object> ext)
      throws YaraSyntaxException {
    CompiledRules c = CompiledRules.compileText("test.yar", rules, ext.keySet(), null);
    return new Scanner(c, ext).scan(ByteBuffer.wrap(data)).stream().map(RuleMatch::rule).toList();
  }

  static boolean hit(String condition, String strings, String data) throws YaraSyntaxException {
    String rule =
        "rule t { "
            + (strings.isEmpty() ? "" : "strings: " + strings)
            + " condition: ("
            + condition
            // every string must be referenced, as in YARA; this adds no match
            + (strings.isEmpty() ? ")" : ") or (false and any of them)")
            + " }";
    return !matches(rule, data.getBytes(StandardCharsets.ISO_8859_1)).isEmpty();
  }

  @Test
  void textStrings_modifiers() throws Exception {
    assertThat(hit("$a", "$a = \"Hello\"", "xxHelloxx")).isTrue();
    assertThat(hit("$a", "$a = \"Hello\"", "xxhelloxx")).isFalse();
    assertThat(hit("$a", "$a = \"Hello\" nocase", "xxhELLoxx")).isTrue();
    assertThat(hit("$a", "$a = \"Hi\" wide", "xH\0i\0x")).isTrue();
    assertThat(hit("$a", "$a = \"Hi\" wide", "xHix")).isFalse();
    assertThat(hit("$a", "$a = \"Hi\" wide ascii", "xHix")).isTrue();
    assertThat(hit("$a", "$a = \"word\" fullword", "a word.")).isTrue();
    assertThat(hit("$a", "$a = \"word\" fullword", "awords")).isFalse();
    assertThat(hit("$a", "$a = \"\\x41\\tB\"", "zA\tBz")).isTrue();
  }

  @Test
  void xor_findsEveryKeyInRange() throws Exception {
    byte[] text = "This program".getBytes(StandardCharsets.ISO_8859_1);
    byte[] enc = new byte[text.length + 2];
    for (int i = 0; i < text.length; i++) {
      enc[i + 1] = (byte) (text[i] ^ 0x5a);
    }
    String rule = "rule x { strings: $a = \"This program\" xor condition: $a }";
    assertThat(matches(rule, enc)).containsExactly("x");
    String narrow = "rule x { strings: $a = \"This program\" xor(1-16) condition: $a }";
    assertThat(matches(narrow, enc)).isEmpty();
    String exact = "rule x { strings: $a = \"This program\" xor(0x5a) condition: $a }";
    assertThat(matches(exact, enc)).containsExactly("x");
  }

  @Test
  void base64_findsTheTextAtEveryAlignment() throws Exception {
    for (String prefix : List.of("", "a", "ab")) {
      String enc =
          java.util.Base64.getEncoder()
              .encodeToString((prefix + "This program cannot").getBytes(StandardCharsets.US_ASCII));
      assertThat(hit("$a", "$a = \"This program\" base64", "x" + enc + "x")).as(prefix).isTrue();
    }
    assertThat(hit("$a", "$a = \"This program\" base64", "VGhpcyBwcm9ncmFt".toLowerCase()))
        .isFalse();
  }

  @Test
  void hexStrings_wildcardsJumpsAlternatives() throws Exception {
    assertThat(hit("$h", "$h = { 4D 5A ?? 00 }", "MZ\u0090\0")).isTrue();
    assertThat(hit("$h", "$h = { 4D 5A ?? 00 }", "MZ\u0090\1")).isFalse();
    assertThat(hit("$h", "$h = { 4D 5? }", "MZ")).isTrue();
    assertThat(hit("$h", "$h = { 41 [2-4] 42 }", "AxxxB")).isTrue();
    assertThat(hit("$h", "$h = { 41 [2-4] 42 }", "AxB")).isFalse();
    assertThat(hit("$h", "$h = { 41 [2-4] 42 }", "AxxxxxB")).isFalse();
    assertThat(hit("$h", "$h = { 41 ( 42 | 43 44 ) 45 }", "ACDE")).isTrue();
    assertThat(hit("$h", "$h = { 41 ( 42 | 43 44 ) 45 }", "ACE")).isFalse();
    assertThat(hit("$h", "$h = { 41 ~42 43 }", "AXC")).isTrue();
    assertThat(hit("$h", "$h = { 41 ~42 43 }", "ABC")).isFalse();
    assertThat(hit("$h", "$h = { 41 [-] 43 }", "A.........C")).isTrue();
  }

  @Test
  void regex_dialect() throws Exception {
    assertThat(hit("$r", "$r = /ab+c/", "xxabbbcxx")).isTrue();
    assertThat(hit("$r", "$r = /ab{2,3}c/", "abbbbc")).isFalse();
    assertThat(hit("$r", "$r = /[0-9a-f]{4}-\\d+/", "id: beef-42")).isTrue();
    assertThat(hit("$r", "$r = /hello/i", "HeLLo")).isTrue();
    assertThat(hit("$r", "$r = /^MZ/", "MZ..")).isTrue();
    assertThat(hit("$r", "$r = /^MZ/", ".MZ.")).isFalse();
    assertThat(hit("$r", "$r = /\\bcat\\b/", "a cat!")).isTrue();
    assertThat(hit("$r", "$r = /\\bcat\\b/", "concatenate")).isFalse();
    assertThat(hit("$r", "$r = /a.c/", "a\nc")).isFalse();
    assertThat(hit("$r", "$r = /a.c/s", "a\nc")).isTrue();
    assertThat(hit("$r", "$r = /(foo|bar)baz/", "xbarbaz")).isTrue();
    assertThat(hit("!r[1] == 6", "$r = /ab+/", "abbbbb")).isTrue();
    assertThat(hit("!r[1] == 2", "$r = /ab+?/", "abbbbb")).isTrue();
  }

  @Test
  void regex_catastrophicPattern_runsInBoundedTime() throws Exception {
    // (a+)+b on a long run of a's is exponential for a backtracking matcher
    String data = "a".repeat(20_000);
    long t0 = System.nanoTime();
    assertThat(hit("$r", "$r = /(a+)+b/", data)).isFalse();
    assertThat(System.nanoTime() - t0).isLessThan(60_000_000_000L);
  }

  @Test
  void conditions_countsOffsetsLengthsAndSets() throws Exception {
    String s = "$a = \"ab\" $b = \"cd\" $c = \"zz\"";
    String d = "ab..ab..cd";
    assertThat(hit("#a == 2", s, d)).isTrue();
    assertThat(hit("@a[2] == 4 and @b == 8", s, d)).isTrue();
    assertThat(hit("!a[1] == 2", s, d)).isTrue();
    assertThat(hit("$a at 4", s, d)).isTrue();
    assertThat(hit("$a at 3", s, d)).isFalse();
    assertThat(hit("$b in (0..9)", s, d)).isTrue();
    assertThat(hit("$b in (0..7)", s, d)).isFalse();
    assertThat(hit("#a in (1..10) == 1", s, d)).isTrue();
    assertThat(hit("2 of them", s, d)).isTrue();
    assertThat(hit("all of them", s, d)).isFalse();
    assertThat(hit("any of ($a, $c)", s, d)).isTrue();
    assertThat(hit("none of ($c)", s, d)).isTrue();
    assertThat(hit("50% of them", s, d)).isTrue();
    assertThat(hit("for all of ($a, $b) : ( # >= 1 )", s, d)).isTrue();
    assertThat(hit("for any of ($a*) : ( $ at 0 )", s, d)).isTrue();
    assertThat(hit("for all i in (1..#a) : ( @a[i] % 4 == 0 )", s, d)).isTrue();
    assertThat(hit("for any i in (1, 2, 3) : ( i == 3 )", "", "")).isTrue();
    assertThat(hit("1 of ($a, $b) at 8", s, d)).isTrue();
    assertThat(hit("any of them in (5..20)", s, d)).isTrue();
  }

  @Test
  void conditions_arithmeticAndReads() throws Exception {
    String d = "MZ\u0090\0\u0004\0\0\0";
    assertThat(hit("uint16(0) == 0x5A4D", "", d)).isTrue();
    assertThat(hit("uint16be(0) == 0x4D5A", "", d)).isTrue();
    assertThat(hit("uint32(4) == 4 and int8(2) == -112", "", d)).isTrue();
    assertThat(hit("filesize == 8 and filesize < 1KB", "", d)).isTrue();
    assertThat(hit("(1 + 2) * 3 == 9 and 7 \\ 2 == 3 and 7 % 2 == 1", "", d)).isTrue();
    assertThat(hit("(0xF0 & 0x3C) == 0x30 and (1 << 4) == 16 and (5 ^ 1) == 4 and ~0 == -1", "", d))
        .isTrue();
    assertThat(hit("1.5 * 2 == 3.0 and 2 > 1.5", "", d)).isTrue();
    assertThat(hit("uint32(100) == 0", "", d)).isFalse();
    assertThat(hit("not (uint32(100) == 0)", "", d)).isFalse();
    assertThat(hit("\"abcdef\" contains \"cd\" and \"abc\" startswith \"ab\"", "", d)).isTrue();
    assertThat(hit("\"ABC\" iequals \"abc\" and \"xAbC\" icontains \"abc\"", "", d)).isTrue();
    assertThat(hit("\"abc\" endswith \"bc\" and \"ABC\" iendswith \"bc\"", "", d)).isTrue();
    assertThat(hit("\"hello123\" matches /o[0-9]+$/", "", d)).isTrue();
  }

  @Test
  void rules_privateGlobalReferencesAndTags() throws Exception {
    String rules =
        "private rule p { condition: filesize > 2 }\n"
            + "rule a : tag1 tag2 { meta: author = \"x\" score = 70 condition: p }\n"
            + "rule b { condition: not p }\n"
            + "rule c { condition: any of (a, b) }\n"
            + "rule d { condition: all of (a*) }";
    assertThat(matches(rules, "abcd".getBytes())).containsExactly("a", "c", "d");
    String global = "global rule g { condition: filesize > 100 } rule a { condition: true }";
    assertThat(matches(global, "abcd".getBytes())).isEmpty();
  }

  @Test
  void externals_stringIntegerBoolean() throws Exception {
    String r =
        "rule a { condition: name == \"x.exe\" and size > 3 and flag and name matches /\\.exe$/ }";
    Map<String, Object> ext =
        Map.of("name", "x.exe".getBytes(StandardCharsets.UTF_8), "size", 4L, "flag", true);
    assertThat(matches(r, new byte[0], ext)).containsExactly("a");
  }

  @Test
  void modules_mathAndHash() throws Exception {
    byte[] data = "abc".getBytes(StandardCharsets.US_ASCII);
    String r =
        "import \"hash\" import \"math\" rule a { condition:"
            + " hash.md5(0, filesize) == \"900150983cd24fb0d6963f7d28e17f72\""
            + " and hash.sha256(0, 3) =="
            + " \"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\""
            + " and hash.crc32(0, 3) == 0x352441c2 and math.entropy(0, filesize) > 1.58"
            + " and math.mean(0, 3) == 98.0 }";
    assertThat(matches(r, data)).containsExactly("a");
  }

  @Test
  void errors_nameFileLineAndColumn() {
    assertThatThrownBy(() -> matches("rule a {\n condition: $x }", new byte[0]))
        .isInstanceOf(YaraSyntaxException.class)
        .hasMessageContaining("test.yar:2:")
        .hasMessageContaining("undefined string identifier");
    assertThatThrownBy(() -> matches("rule a { strings: $x = \"a\" condition: true }", new byte[0]))
        .hasMessageContaining("unreferenced string");
    assertThatThrownBy(
            () -> matches("import \"androguard\" rule a { condition: true }", new byte[0]))
        .hasMessageContaining("unknown module");
    assertThatThrownBy(
            () -> matches("import \"pe\" rule a { condition: pe.nonsense }", new byte[0]))
        .hasMessageContaining("unsupported member");
    assertThatThrownBy(() -> matches("rule a { condition: b }", new byte[0]))
        .hasMessageContaining("undefined identifier \"b\"");
    assertThatThrownBy(() -> matches("rule a { strings: $h = { 4G } condition: $h }", new byte[0]))
        .hasMessageContaining("invalid hex string");
    assertThatThrownBy(() -> matches("rule a { strings: $r = /a(b/ condition: $r }", new byte[0]))
        .hasMessageContaining("invalid regular expression");
    assertThatThrownBy(
            () -> matches("rule a { condition: true } rule a { condition: true }", new byte[0]))
        .hasMessageContaining("duplicated identifier");
  }

  @Test
  void compile_setIsReusableAcrossScans() throws Exception {
    CompiledRules c =
        CompiledRules.compileText(
            "t.yar", "rule a { strings: $a = \"x\" condition: $a }", Set.of(), null);
    Scanner s = new Scanner(c, Map.of());
    assertThat(s.scan(ByteBuffer.wrap("x".getBytes()))).hasSize(1);
    assertThat(s.scan(ByteBuffer.wrap("y".getBytes()))).isEmpty();
  }
}
