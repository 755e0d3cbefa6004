package dev.bulwark.yara.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.yara.lang.YaraSyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled-rules cache: a rule set read back scans exactly as the compiled one does, and an
 * entry that is damaged, stale, of another format or for other files is never used.
 */
class RulesCacheTest {
  @TempDir Path tmp;

  /** Rules that use every kind of string, modifier, expression and module the codec stores. */
  static final String MAIN =
      """
      import "pe"
      import "math"
      import "hash"
      import "elf"
      include "inc/common.yar"

      global private rule is_small { condition: filesize < 50MB }

      rule texts : tag1 tag2 {
        meta:
          author = "Bulwark"
          score = -42
          weight = 3.5
          enabled = true
          disabled = false
          note = "naïve ünïcode ✓"
        strings:
          $a = "This program" nocase
          $b = "Hi" wide ascii fullword
          $c = "program" xor(1-255)
          $d = "cannot be run" base64
          $e = "DOS mode" base64wide
          $f = "text" base64("!@#$%^&*(){}[].,|ABCDEFGHIJ\\x09LMNOPQRSTUVWXYZabcdefghijklmnopqrstu")
          $p = "not reported" private
          $ = "anonymous"
        condition:
          any of them or #a > 1 or @a[1] == 0x4e or !a[1] == 12
      }

      rule hexes {
        strings:
          $h1 = { 4D 5A [2-64] 50 45 ( 00 00 | 01 02 ) ?? ?0 }
          $h2 = { 7F 45 4C 46 [-] 00 }
          $h3 = { E8 ?? ?? ?? ?? [4] (5? | 6?) }
        condition:
          $h1 at 0 or $h2 in (0..16) or for any i in (1..#h3) : (@h3[i] > 0)
      }

      rule regexes {
        strings:
          $r1 = /Th(is|at) pro[a-z]+/ nocase
          $r2 = /\\x00{4,}[\\x01-\\xff]/s
          $r3 = /^\\x7fELF/
          $r4 = /mode\\b/ wide ascii
          $r5 = /.{2,3}/
        condition:
          2 of ($r*) and not ($r5 and filesize == 0)
      }

      rule conditions {
        strings:
          $x = "PE"
        condition:
          (uint16(0) == 0x5a4d and uint32(uint32(0x3c)) == 0x00004550)
          or int8be(0) == 0x7f
          or (filesize > 10 and math.entropy(0, filesize) >= 0.0 and $x)
          or for all of ($x) : ( $ at @x[1] )
          or for 1 i in (0, 1, 2) : ( uint8(i) == 0x4d )
          or (entrypoint >= 0 and defined pe.number_of_sections)
          or hash.md5(0, 2) == "ac6e4c3f9d4fbd1ea2c3b6d2fb1e7b1c"
          or pe.imports("kernel32.dll", "ExitProcess")
          or 50% of them
          or (1 + 2 * 3 - 4 \\ 2 % 3 == 5 and ~1 & 0xff == 0xfe and (1 << 2 | 1 >> 1 ^ 3) != 0)
          or "abc" contains "b" and "abc" icontains "B" and "abc" startswith "a"
          or "Abc" iequals "abc" and "abc" matches /b/
          or elf.type == elf.ET_EXEC
          or $x in (0..filesize) and #x in (0..100) >= 0
          or none of them
      }

      rule refers { condition: texts or hexes or any of (reg*) }
      """;

  static final String COMMON =
      """
      rule included : inc {
        meta:
          where = "inc/common.yar"
        strings:
          $x = { 50 45 00 00 }
        condition:
          $x and ext_flag and ext_size > 0 and ext_name contains "a"
      }
      """;

  Path writeRules() throws Exception {
    Path dir = tmp.resolve("rules");
    Files.createDirectories(dir.resolve("inc"));
    Files.writeString(dir.resolve("main.yar"), MAIN);
    Files.writeString(dir.resolve("inc/common.yar"), COMMON);
    return dir.resolve("main.yar");
  }

  static final Set<String> EXT = Set.of("ext_flag", "ext_size", "ext_name");
  static final Map<String, Object> EXT_VALUES =
      Map.of("ext_flag", true, "ext_size", 7L, "ext_name", "banana".getBytes());

  /** The bundled samples, plus buffers that hit the text rules. */
  static List<byte[]> samples() throws Exception {
    List<byte[]> out = new ArrayList<>();
    Path dir = Path.of(RulesCacheTest.class.getResource("/dev/bulwark/yara/samples").toURI());
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) {
        out.add(Files.readAllBytes(p));
      }
    }
    out.add(
        "This program cannot be run in DOS mode. this PROGRAM, H\0i\0 anonymous"
            .getBytes(StandardCharsets.ISO_8859_1));
    out.add(new byte[0]);
    return out;
  }

  /** Every match as text: rule, tags, metadata, and each string's id, offset, length and bytes. */
  static List<String> render(CompiledRules rules, List<byte[]> samples, Map<String, Object> ext) {
    List<String> out = new ArrayList<>();
    Scanner scanner = new Scanner(rules, ext);
    for (int i = 0; i < samples.size(); i++) {
      for (RuleMatch m : scanner.scan(ByteBuffer.wrap(samples.get(i)))) {
        StringBuilder sb = new StringBuilder();
        sb.append(i).append(' ').append(m.rule()).append(' ').append(m.tags());
        sb.append(' ').append(new java.util.TreeMap<>(m.meta()));
        for (RuleMatch.StringMatch s : m.strings()) {
          sb.append(' ').append(s.id()).append('@').append(s.offset()).append('+');
          sb.append(s.length()).append('=').append(HexFormat.of().formatHex(s.data()));
        }
        out.add(sb.toString());
      }
    }
    return out;
  }

  @Test
  void loadedRules_scanExactlyAsCompiledOnes() throws Exception {
    Path main = writeRules();
    RulesCache cache = RulesCache.in(tmp.resolve("cache"));
    RulesCache.Load first = cache.load(List.of(main), EXT);
    assertThat(first.status()).isEqualTo(RulesCache.Status.CREATED);
    assertThat(first.file()).exists();
    assertThat(first.bytes()).isEqualTo(Files.size(first.file()));
    RulesCache.Load second = cache.load(List.of(main), EXT);
    assertThat(second.status()).isEqualTo(RulesCache.Status.LOADED);

    CompiledRules compiled = CompiledRules.compile(List.of(main), EXT);
    List<byte[]> samples = samples();
    List<String> expected = render(compiled, samples, EXT_VALUES);
    // the rules must really match something, or equality would prove nothing
    assertThat(expected)
        .anyMatch(s -> s.contains(" texts "))
        .anyMatch(s -> s.contains(" hexes "))
        .anyMatch(s -> s.contains(" regexes "))
        .anyMatch(s -> s.contains(" conditions "))
        .anyMatch(s -> s.contains(" included "))
        .anyMatch(s -> s.contains("naïve ünïcode ✓"));
    assertThat(render(second.rules(), samples, EXT_VALUES)).isEqualTo(expected);
    assertThat(second.rules().ruleNames()).isEqualTo(compiled.ruleNames());
    // stored again, a loaded set gives the very same bytes: nothing was lost on the way
    assertThat(RulesCodec.encode(second.rules())).isEqualTo(RulesCodec.encode(compiled));
  }

  @Test
  void damagedEntries_areRebuiltNeverUsed() throws Exception {
    Path main = writeRules();
    RulesCache cache = RulesCache.in(tmp.resolve("cache"));
    Path file = cache.load(List.of(main), EXT).file();
    byte[] good = Files.readAllBytes(file);
    List<String> expected =
        render(CompiledRules.compile(List.of(main), EXT), samples(), EXT_VALUES);

    // a flipped byte in the body, the header, the checksum; a cut file; an empty one; garbage
    List<byte[]> damaged = new ArrayList<>();
    for (int at : new int[] {good.length / 2, 20, good.length - 1}) {
      byte[] b = good.clone();
      b[at] ^= 0x40;
      damaged.add(b);
    }
    damaged.add(java.util.Arrays.copyOf(good, good.length / 3));
    damaged.add(new byte[0]);
    damaged.add("not a cache at all".getBytes(StandardCharsets.US_ASCII));
    for (byte[] d : damaged) {
      Files.write(file, d);
      RulesCache.Load l = cache.load(List.of(main), EXT);
      assertThat(l.status()).isEqualTo(RulesCache.Status.REBUILT_DAMAGED);
      assertThat(render(l.rules(), samples(), EXT_VALUES)).isEqualTo(expected);
      // the rebuilt entry is whole again and is what the next run reads
      assertThat(Files.readAllBytes(file)).isEqualTo(good);
      assertThat(cache.load(List.of(main), EXT).status()).isEqualTo(RulesCache.Status.LOADED);
    }
  }

  @Test
  void damageBehindAValidChecksum_isRefusedOrHarmless() throws Exception {
    // the checksum catches accidents; a body rewritten with a matching checksum must still never
    // make loading throw, hang or allocate without bound
    Path main = writeRules();
    RulesCache cache = RulesCache.in(tmp.resolve("cache"));
    Path file = cache.load(List.of(main), EXT).file();
    byte[] good = Files.readAllBytes(file);
    Random random = new Random(20);
    int refused = 0;
    for (int round = 0; round < 150; round++) {
      byte[] b = good.clone();
      int flips = 1 + random.nextInt(4);
      for (int k = 0; k < flips; k++) {
        b[8 + random.nextInt(b.length - 12)] = (byte) random.nextInt(256);
      }
      resum(b);
      Files.write(file, b);
      RulesCache.Load l = cache.load(List.of(main), EXT);
      assertThat(l.status())
          .isIn(
              RulesCache.Status.LOADED,
              RulesCache.Status.REBUILT_DAMAGED,
              RulesCache.Status.REBUILT_STALE);
      if (l.status() != RulesCache.Status.LOADED) {
        refused++;
      }
    }
    assertThat(refused).isGreaterThan(0);
  }

  /** Rewrites the trailing CRC32C so it fits the bytes before it. */
  static void resum(byte[] b) {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(b, 0, b.length - 4);
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length - 4, (int) crc.getValue());
  }

  @Test
  void editedRuleFiles_makeTheEntryStale() throws Exception {
    Path main = writeRules();
    RulesCache cache = RulesCache.in(tmp.resolve("cache"));
    cache.load(List.of(main), EXT);
    Path included = main.resolveSibling("inc/common.yar");

    // an included file changes: the included rule now asks for another name
    Files.writeString(included, COMMON.replace("contains \"a\"", "contains \"z\""));
    RulesCache.Load l = cache.load(List.of(main), EXT);
    assertThat(l.status()).isEqualTo(RulesCache.Status.REBUILT_STALE);
    assertThat(l.reason()).contains("common.yar");
    assertThat(render(l.rules(), samples(), EXT_VALUES)).noneMatch(s -> s.contains(" included "));
    assertThat(cache.load(List.of(main), EXT).status()).isEqualTo(RulesCache.Status.LOADED);

    // the file given changes
    Files.writeString(main, MAIN.replace("rule refers", "rule refers_renamed"));
    l = cache.load(List.of(main), EXT);
    assertThat(l.status()).isEqualTo(RulesCache.Status.REBUILT_STALE);
    assertThat(l.rules().ruleNames()).contains("refers_renamed").doesNotContain("refers");

    // an included file is gone: the entry is stale and compiling says why
    Files.delete(included);
    assertThatThrownBy(() -> cache.load(List.of(main), EXT))
        .isInstanceOf(YaraSyntaxException.class)
        .hasMessageContaining("inc/common.yar");
  }

  @Test
  void anotherBuildOrFormat_isStale_andOtherExternalsAreAnotherEntry() throws Exception {
    Path main = writeRules();
    RulesCache cache = RulesCache.in(tmp.resolve("cache"));
    Path file = cache.load(List.of(main), EXT).file();

    RulesCache.Header want = RulesCache.header(List.of(main), EXT);
    assertThat(RulesCache.read(file, want).status()).isEqualTo(RulesCache.Status.LOADED);
    RulesCache.Header otherBuild =
        new RulesCache.Header(
            want.build() + "-next", want.externals(), want.given(), List.of(), 0, 0);
    assertThat(RulesCache.read(file, otherBuild).status())
        .isEqualTo(RulesCache.Status.REBUILT_STALE);

    byte[] b = Files.readAllBytes(file);
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(4, RulesCache.FORMAT + 1);
    resum(b);
    Files.write(file, b);
    RulesCache.Load l = cache.load(List.of(main), EXT);
    assertThat(l.status()).isEqualTo(RulesCache.Status.REBUILT_STALE);
    assertThat(l.reason()).contains("format");

    Set<String> more = new java.util.HashSet<>(EXT);
    more.add("ext_other");
    RulesCache.Load other = cache.load(List.of(main), more);
    assertThat(other.status()).isEqualTo(RulesCache.Status.CREATED);
    assertThat(other.file()).isNotEqualTo(file);
    assertThat(cache.load(List.of(main), EXT).status()).isEqualTo(RulesCache.Status.LOADED);
  }

  @Test
  void writing_leavesNoPartialFiles_andAnUnwritableCacheStillCompiles() throws Exception {
    Path main = writeRules();
    Path dir = tmp.resolve("cache");
    RulesCache.in(dir).load(List.of(main), EXT);
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()).toList())
          .singleElement()
          .matches(n -> n.startsWith("yara-") && n.endsWith(".bwyc"));
    }
    Path notADir = tmp.resolve("file");
    Files.writeString(notADir, "x");
    RulesCache.Load l = RulesCache.in(notADir.resolve("cache")).load(List.of(main), EXT);
    assertThat(l.rules().ruleCount()).isEqualTo(7);
    assertThat(l.file()).isNull();
    assertThat(l.reason()).startsWith("not written");
  }

  @Test
  void theCacheKeepsOnlyTheNewestEntries() throws Exception {
    Path dir = tmp.resolve("cache");
    RulesCache cache = RulesCache.in(dir);
    for (int i = 0; i < RulesCache.KEEP + 3; i++) {
      Path f = tmp.resolve("r" + i + ".yar");
      Files.writeString(f, "rule r" + i + " { condition: true }");
      cache.load(List.of(f), Set.of());
    }
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.count()).isEqualTo(RulesCache.KEEP);
    }
  }

  @Test
  @Tag("corpus")
  void sharedRuleIndex_scansTheSameLoadedAsCompiled() throws Exception {
    Path shared = null;
    Path dir = Path.of("").toAbsolutePath();
    for (int i = 0; i < 4 && dir != null && shared == null; i++) {
      Path p = dir.resolve("../shared/data/yara").normalize();
      shared = Files.isDirectory(p.resolve("rules")) ? p : null;
      dir = dir.getParent();
    }
    assumeTrue(shared != null, "../shared/data/yara is absent: the full-index check is skipped");
    Path index = shared.resolve("rules/index.yar");
    RulesCache cache = RulesCache.in(tmp.resolve("cache"));
    RulesCache.Load created = cache.load(List.of(index), Set.of());
    RulesCache.Load loaded = cache.load(List.of(index), Set.of());
    assertThat(loaded.status()).isEqualTo(RulesCache.Status.LOADED);
    List<byte[]> samples = new ArrayList<>();
    for (String sub : List.of("yara-tests-data", "benign")) {
      try (Stream<Path> s = Files.list(shared.resolve(sub))) {
        for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
          samples.add(Files.readAllBytes(p));
        }
      }
    }
    List<String> expected = render(created.rules(), samples, Map.of());
    assertThat(expected).hasSizeGreaterThan(50);
    assertThat(render(loaded.rules(), samples, Map.of())).isEqualTo(expected);
  }
}
