package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark yara compile|scan} and {@code bulwark scan} with the compiled-rules cache: the
 * first run writes it, later runs read it, an edited or damaged entry is rewritten, the findings
 * are the same read or compiled, and the cache can be turned off.
 */
class YaraCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private Path rules;
  private Path included;
  private Path target;
  private Path data;

  private void setUp() throws Exception {
    Path r = dir.resolve("rules");
    Files.createDirectories(r.resolve("inc"));
    included = r.resolve("inc/strings.yar");
    Files.writeString(
        included,
        """
        rule marker : demo {
          meta:
            description = "a planted marker"
          strings:
            $m = "BULWARK-MARKER" nocase
            $w = "wide marker" wide
          condition:
            any of them
        }
        """);
    rules = r.resolve("main.yar");
    Files.writeString(
        rules,
        """
        include "inc/strings.yar"
        rule hex_marker {
          strings:
            $h = { 42 55 4C [1-4] 41 52 4B }
          condition:
            $h and marker
        }
        """);
    target = Files.createDirectories(dir.resolve("target"));
    Files.writeString(target.resolve("a.txt"), "xx bulwark-marker xx BUL!!WARK");
    Files.write(
        target.resolve("b.bin"), "w\0i\0d\0e\0 \0m\0a\0r\0k\0e\0r\0".getBytes("ISO-8859-1"));
    Files.writeString(target.resolve("c.txt"), "nothing here");
    data = dir.resolve("data");
  }

  private Cli.Result compile(String... extra) {
    return Cli.run(
        Stream.concat(Stream.of("yara", "compile", "--data-dir", data.toString()), Stream.of(extra))
            .toArray(String[]::new));
  }

  private JsonNode scanFindings(String... extra) throws Exception {
    Cli.Result r =
        Cli.run(
            Stream.concat(
                    Stream.of(
                        "yara",
                        "scan",
                        "--data-dir",
                        data.toString(),
                        "--rules",
                        rules.toString(),
                        "--format",
                        "json"),
                    Stream.concat(Stream.of(extra), Stream.of(target.toString())))
                .toArray(String[]::new));
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    return JSON.readTree(r.out()).path("findings");
  }

  private List<Path> entries() throws Exception {
    Path cache = data.resolve("cache/yara");
    if (!Files.isDirectory(cache)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(cache)) {
      return s.filter(p -> p.toString().endsWith(".bwyc")).toList();
    }
  }

  @Test
  void compile_writesTheCache_thenReadsIt_andRewritesItWhenARuleFileChanges() throws Exception {
    setUp();
    Cli.Result first = compile(rules.toString());
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("compiled 2 rules with 3 strings").contains("cache: written");
    assertThat(entries()).hasSize(1);

    Cli.Result second = compile(rules.toString());
    assertThat(second.out()).contains("loaded 2 rules with 3 strings").contains("cache: read");

    Files.writeString(included, Files.readString(included).replace("any of them", "all of them"));
    Cli.Result edited = compile(rules.toString());
    assertThat(edited.out()).contains("cache: out of date, rewritten").contains("strings.yar");

    Path entry = entries().get(0);
    byte[] b = Files.readAllBytes(entry);
    b[b.length / 2] ^= 1;
    Files.write(entry, b);
    assertThat(compile(rules.toString()).out()).contains("cache: damaged, rewritten");
    assertThat(compile(rules.toString()).out()).contains("cache: read");

    Cli.Result off = compile("--no-cache", rules.toString());
    assertThat(off.out()).contains("compiled 2 rules").contains("cache: off");
  }

  @Test
  void scan_findsTheSameWithTheCache_asWithout() throws Exception {
    setUp();
    JsonNode uncached = scanFindings("--no-cache");
    assertThat(entries()).isEmpty();
    JsonNode writing = scanFindings();
    assertThat(entries()).hasSize(1);
    JsonNode reading = scanFindings();
    assertThat(compile(rules.toString()).out()).contains("cache: read");

    assertThat(uncached.size()).isEqualTo(3); // marker twice (a.txt, b.bin), hex_marker once
    assertThat(uncached.findValuesAsText("ruleId")).contains("yara.marker", "yara.hex_marker");
    assertThat(writing).isEqualTo(uncached);
    assertThat(reading).isEqualTo(uncached);
  }

  @Test
  void bulwarkScan_usesTheCacheInTheDataDirectory_unlessTurnedOff() throws Exception {
    setUp();
    Path project = Files.createDirectories(dir.resolve("project"));
    Files.writeString(project.resolve("a.txt"), "BULWARK-MARKER");
    Files.writeString(
        project.resolve("bulwark.yaml"),
        "yara:\n  rules: [" + rules.toAbsolutePath() + "]\n  cache: false\n");
    // bulwark scan keeps its cache in the data directory it runs with: this test's own
    String before = System.getProperty("bulwark.data.dir");
    System.setProperty("bulwark.data.dir", data.toString());
    try {
      scanWithCache(project);
    } finally {
      if (before == null) {
        System.clearProperty("bulwark.data.dir");
      } else {
        System.setProperty("bulwark.data.dir", before);
      }
    }
  }

  private void scanWithCache(Path project) throws Exception {
    Cli.Result off = Cli.run("scan", project.toString(), "--analyzer", "yara", "--format", "json");
    // findings are high, below scan's default --fail-on
    assertThat(off.exit()).as(off.err()).isZero();
    assertThat(JSON.readTree(off.out()).path("findings").findValuesAsText("ruleId"))
        .containsExactlyInAnyOrder("yara.marker", "yara.hex_marker");
    assertThat(compile(rules.toString()).out()).contains("cache: written");

    // a comment: the rules mean the same, but the file's content is not what was compiled
    Files.writeString(included, Files.readString(included) + "// reviewed\n");
    Files.writeString(
        project.resolve("bulwark.yaml"), "yara:\n  rules: [" + rules.toAbsolutePath() + "]\n");
    Cli.Result on = Cli.run("scan", project.toString(), "--analyzer", "yara", "--format", "json");
    assertThat(on.exit()).as(on.err()).isZero();
    assertThat(JSON.readTree(on.out()).path("findings"))
        .isEqualTo(JSON.readTree(off.out()).path("findings"));
    // the scan rewrote the entry for the edited rules, so compiling now only reads it
    assertThat(compile(rules.toString()).out()).contains("cache: read");

    Files.writeString(
        project.resolve("bulwark.yaml"),
        "yara:\n  rules: [" + rules.toAbsolutePath() + "]\n  cache: maybe\n");
    Cli.Result bad = Cli.run("scan", project.toString(), "--analyzer", "yara");
    assertThat(bad.out() + bad.err()).contains("yara.cache must be true or false");
  }
}
