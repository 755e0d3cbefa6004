package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and pathological inputs, each generated here and given to the real CLI in a child JVM
 * with a 512 MB heap: every case must end in bounded time and memory with exit 0 or 1, a diagnostic
 * naming the file, no internal error or stack trace, and the canary beside it still found, so the
 * rest of the scan completed. The sizes here keep the suite to about a minute; {@code
 * -Dhostile.long=true} runs the full-size inputs (a 4 GiB jar bomb, a 500 MB lockfile …).
 */
class HostileInputsTest {
  private static final boolean LONG = Boolean.getBoolean("hostile.long");
  private static final int SCALE = LONG ? 16 : 1;
  private static final long MAX_RSS_KB = 1L << 20; // 1 GB
  private static final long TIME_LIMIT_S = LONG ? 300 : 90;
  private static final String CANARY =
      "AWS_ACCESS_KEY_ID=AKIA7CV5ZKIJU3OOW7GS\n"
          + "AWS_SECRET_ACCESS_KEY=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\n";
  private static final String WHOAMI =
      "{\"Channel\": \"Microsoft-Windows-Sysmon/Operational\", \"EventID\": 1, \"Computer\":"
          + " \"WS07.corp.example\", \"EventRecordID\": 502, \"TimeCreated_SystemTime\":"
          + " \"2024-06-01T11:02:00Z\", \"Image\": \"C:\\\\Windows\\\\System32\\\\whoami.exe\","
          + " \"OriginalFileName\": \"whoami.exe\", \"CommandLine\": \"whoami /priv\", \"User\":"
          + " \"CORP\\\\mallory\"}\n";

  @TempDir Path dir;

  /** How one run of the CLI ended. */
  record Outcome(int exit, long millis, long peakRssKb, String output) {}

  private Outcome run(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(RuntimeClasspath.command(args));
    cmd.addAll(1, List.of("-Xmx512m", "-Xss8m", "-XX:+UseSerialGC"));
    Path out = Files.createTempFile(dir, "out", ".txt");
    long t0 = System.nanoTime();
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    Path status = Path.of("/proc", Long.toString(p.pid()), "status");
    long peak = 0;
    long deadline = t0 + TimeUnit.SECONDS.toNanos(TIME_LIMIT_S);
    while (!p.waitFor(50, TimeUnit.MILLISECONDS)) {
      peak = Math.max(peak, highWaterMarkKb(status));
      if (System.nanoTime() > deadline) {
        p.destroyForcibly().waitFor();
        throw new AssertionError(
            String.join(" ", args) + " did not finish within " + TIME_LIMIT_S + " s");
      }
    }
    return new Outcome(
        p.exitValue(), (System.nanoTime() - t0) / 1_000_000, peak, Files.readString(out));
  }

  /** VmHWM, the peak resident set; 0 where /proc is not there. */
  private static long highWaterMarkKb(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process has just ended
    }
    return 0;
  }

  private static void assertHandled(Outcome o, String fileName, String message) {
    assertThat(o.output())
        .as("output")
        .doesNotContain("internal error")
        .doesNotContain("Exception in thread")
        .doesNotContain("OutOfMemoryError")
        .doesNotContainPattern("\\n\\s+at [a-z]+\\.");
    assertThat(o.exit()).as("exit code; output:\n%s", o.output()).isIn(0, 1);
    assertThat(o.output()).contains(fileName).contains(message);
    assertThat(o.peakRssKb()).as("peak RSS in KB").isLessThan(MAX_RSS_KB);
  }

  private Path canary(Path d) throws IOException {
    Files.createDirectories(d);
    Files.writeString(d.resolve("canary.env"), CANARY);
    return d;
  }

  // ---------------------------------------------------------------- EVTX

  @Test
  void evtxTemplatesNestedToRepeatALongString_stopAtTheTextBudget_andTheScanGoesOn()
      throws Exception {
    Path d = canary(dir.resolve("evtx"));
    Files.write(d.resolve("bomb.evtx"), evtxTextBomb(20, 20_000));
    Files.writeString(d.resolve("sysmon.jsonl"), WHOAMI);
    Outcome hunt = run("logs", "hunt", d.toString(), "--no-progress");
    assertHandled(hunt, "bomb.evtx", "renders more than");
    assertThat(hunt.output()).contains("whoami");
    Outcome scan = run("scan", d.toString(), "--no-progress");
    assertHandled(scan, "bomb.evtx", "renders more than");
    assertThat(scan.output()).contains("AKIA");
  }

  /**
   * A bomb given alone: a hunt that read no event from its only input has looked at nothing, so it
   * is exit 2 naming the file and the budget that stopped it — never "no detections". A scan of the
   * same file is exit 0 with the warning: its other analyzers did read the file.
   */
  @Test
  void evtxBombGivenAlone_huntIsExitTwoNamingFileAndBudget_scanWarnsAndGoesOn() throws Exception {
    Path d = dir.resolve("evtx-alone");
    Files.createDirectories(d);
    Path bomb = Files.write(d.resolve("bomb.evtx"), evtxTextBomb(20, 20_000));
    Outcome hunt = run("logs", "hunt", bomb.toString(), "--no-progress");
    assertThat(hunt.exit()).as(hunt.output()).isEqualTo(2);
    assertThat(hunt.output())
        .contains("nothing could be read from")
        .contains("bomb.evtx")
        .contains("renders more than")
        .doesNotContain("internal error")
        .doesNotContainPattern("\\n\\s+at [a-z]+\\.");
    // the same bomb gzipped: the same answer
    Path gz = d.resolve("bomb.evtx.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
      o.write(Files.readAllBytes(bomb));
    }
    Outcome gzHunt = run("logs", "hunt", gz.toString(), "--no-progress");
    assertThat(gzHunt.exit()).as(gzHunt.output()).isEqualTo(2);
    assertThat(gzHunt.output())
        .contains("nothing could be read from")
        .contains("renders more than");
    Outcome scan = run("scan", d.toString(), "--no-progress");
    assertHandled(scan, "bomb.evtx", "renders more than");
    assertThat(scan.output()).doesNotContain("analyzer failed");
  }

  @Test
  void evtxWithAValidHeaderAndRandomChunks_isReportedNotFatal() throws Exception {
    Path d = dir.resolve("evtx-random");
    Files.createDirectories(d);
    byte[] junk = new byte[(1 << 20) + 4096];
    new Random(7).nextBytes(junk);
    System.arraycopy(evtxTextBomb(1, 10), 0, junk, 0, 4096); // a valid file header
    Files.write(d.resolve("random.evtx"), junk);
    Files.writeString(d.resolve("sysmon.jsonl"), WHOAMI);
    assertHandled(run("logs", "hunt", d.toString(), "--no-progress"), "random.evtx", "chunk");
  }

  /**
   * A record whose size field is damaged hid every record after it in its chunk, and a file with
   * nothing else was exit 2 "nothing could be read": the reader now goes on at the next whole
   * record of the chunk.
   */
  @Test
  void evtxRecordWithADamagedSize_isSkippedToTheNextWholeRecord() throws Exception {
    byte[] first = evtxRecord(512, 1, 10);
    byte[] second = evtxRecord(512 + first.length, 1, 10);
    first[4] = (byte) 0xf0; // size -16
    first[5] = first[6] = first[7] = (byte) 0xff;
    byte[] both = new byte[first.length + second.length];
    System.arraycopy(first, 0, both, 0, first.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    Path d = dir.resolve("evtx-resync");
    Files.createDirectories(d);
    Path log = Files.write(d.resolve("damaged.evtx"), evtxFile(both));
    Outcome o = run("logs", "hunt", log.toString(), "--no-progress");
    assertHandled(
        o, "damaged.evtx", "skipped to the next whole record at offset " + (512 + first.length));
    assertThat(o.output()).contains("Read 1 events").doesNotContain("nothing could be read");
  }

  /**
   * A file cut inside its header, or after the header with none of the chunks it declares, held
   * events that are gone: before, "Read 0 events, Detections: 0" and exit 0 without a word.
   */
  @Test
  void evtxCutShort_isNamedWithWhatIsMissing_notAQuietEmptyLog() throws Exception {
    Path d = dir.resolve("evtx-cut");
    Files.createDirectories(d);
    byte[] whole = evtxTextBomb(1, 10);
    Path inHeader = Files.write(d.resolve("in-header.evtx"), Arrays.copyOf(whole, 2000));
    Outcome a = run("logs", "hunt", inHeader.toString(), "--no-progress");
    assertThat(a.exit()).as(a.output()).isEqualTo(2);
    assertThat(a.output())
        .contains("nothing could be read from")
        .contains("in-header.evtx: truncated in the file header (2000 of 4096 bytes)")
        .doesNotContain("in-header.evtx: in-header.evtx");
    Path headerOnly = Files.write(d.resolve("header-only.evtx"), Arrays.copyOf(whole, 4096));
    Outcome b = run("logs", "hunt", headerOnly.toString(), "--no-progress");
    assertThat(b.exit()).as(b.output()).isEqualTo(2);
    assertThat(b.output()).contains("the header declares 1 chunks but the file ends after 0");
    // beside a readable log, the same file is a warning and the hunt goes on
    Files.writeString(d.resolve("sysmon.jsonl"), WHOAMI);
    Outcome c = run("logs", "hunt", d.toString(), "--no-progress");
    assertHandled(c, "header-only.evtx", "the header declares 1 chunks");
    assertThat(c.output()).contains("whoami");
  }

  /**
   * One template of {@code k} BinXml-typed substitutions, instantiated four levels deep through its
   * own values; the innermost value is a string of {@code leaf} characters. Few nodes, each
   * repeating the string: k^4 copies of it when rendered.
   */
  static byte[] evtxTextBomb(int k, int leaf) {
    return evtxFile(evtxRecord(512, k, leaf));
  }

  /** An EVTX file of one chunk holding {@code record} (one or more records) at offset 512. */
  static byte[] evtxFile(byte[] record) {
    int chunkSize = 65536;
    byte[] chunk = new byte[chunkSize];
    System.arraycopy(record, 0, chunk, 512, record.length);
    int free = 512 + record.length;
    ByteBuffer c = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    c.put("ElfChnk\0".getBytes(StandardCharsets.US_ASCII));
    c.putLong(1).putLong(1).putLong(1).putLong(1).putInt(128).putInt(free - 100).putInt(free);
    c.putInt(crc(chunk, 512, free));
    CRC32 h = new CRC32();
    h.update(chunk, 0, 120);
    h.update(chunk, 128, 384);
    c.putInt(124, (int) h.getValue());
    byte[] header = new byte[4096];
    ByteBuffer f = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
    f.put("ElfFile\0".getBytes(StandardCharsets.US_ASCII));
    f.putLong(0).putLong(0).putLong(2).putInt(128).putShort((short) 1).putShort((short) 3);
    f.putShort((short) 4096).putShort((short) 1);
    f.putInt(124, crc(header, 0, 120));
    byte[] file = new byte[4096 + chunkSize];
    System.arraycopy(header, 0, file, 0, 4096);
    System.arraycopy(chunk, 0, file, 4096, chunkSize);
    return file;
  }

  private static byte[] evtxRecord(int recordAt, int k, int leafChars) {
    int fragAt = recordAt + 24;
    Bytes f = new Bytes().raw(0x0f, 0x01, 0x01, 0x00);
    int instAt = fragAt + f.size();
    f.raw(0x0c, 0x01).u32(0);
    int defOff = instAt + 10;
    f.u32(defOff);
    Bytes t = new Bytes().raw(0x0f, 0x01, 0x01, 0x00);
    int elementAt = defOff + 24 + t.size();
    int nameOff = elementAt + 1 + 2 + 4 + 4;
    t.raw(0x01).u16(0xffff).u32(0).u32(nameOff);
    t.u32(0).u16(0).u16(1).bytes("A".getBytes(StandardCharsets.UTF_16LE)).raw(0, 0);
    t.raw(0x02);
    for (int i = 0; i < k; i++) {
      t.raw(0x0d).u16(0).raw(0x21);
    }
    t.raw(0x04, 0x00);
    f.u32(0);
    for (int i = 0; i < 16; i++) {
      f.raw(0x11);
    }
    f.u32(t.size()).bytes(t.toByteArray());
    byte[] leaf = "A".repeat(leafChars).getBytes(StandardCharsets.UTF_16LE);
    byte[] v1 = nested(1, defOff, leaf);
    f.u32(1).u16(v1.length).raw(0x21, 0x00).bytes(v1).raw(0x00);
    int size = 24 + f.size() + 4;
    return new Bytes()
        .u32(0x2a2a)
        .u32(size)
        .u64(1)
        .u64(132000000000000000L)
        .bytes(f.toByteArray())
        .u32(size)
        .toByteArray();
  }

  private static byte[] nested(int level, int defOff, byte[] leaf) {
    Bytes v = new Bytes().raw(0x0f, 0x01, 0x01, 0x00, 0x0c, 0x01).u32(0).u32(defOff);
    if (level == 3) {
      v.u32(1).u16(leaf.length).raw(0x01, 0x00).bytes(leaf);
    } else {
      byte[] inner = nested(level + 1, defOff, leaf);
      v.u32(1).u16(inner.length).raw(0x21, 0x00).bytes(inner);
    }
    return v.raw(0x00).toByteArray();
  }

  private static int crc(byte[] b, int from, int to) {
    CRC32 c = new CRC32();
    c.update(b, from, to - from);
    return (int) c.getValue();
  }

  /** Little-endian byte building. */
  private static final class Bytes extends ByteArrayOutputStream {
    Bytes raw(int... values) {
      for (int v : values) {
        write(v);
      }
      return this;
    }

    Bytes u16(int v) {
      return raw(v & 0xff, (v >>> 8) & 0xff);
    }

    Bytes u32(int v) {
      return u16(v & 0xffff).u16(v >>> 16);
    }

    Bytes u64(long v) {
      return u32((int) v).u32((int) (v >>> 32));
    }

    Bytes bytes(byte[] b) {
      writeBytes(b);
      return this;
    }
  }

  // ---------------------------------------------------------------- secrets

  @Test
  void notebookWithBase64OfZeroBytes_isScannedInBoundedWork_andTheSecretBesideItFound()
      throws Exception {
    Path d = canary(dir.resolve("notebook"));
    StringBuilder nb = new StringBuilder("{\"cells\": [");
    for (int i = 0; i < 4 * SCALE; i++) {
      nb.append(i == 0 ? "" : ",")
          .append("{\"outputs\": [{\"data\": {\"image/png\": \"iVBORw0KGgo")
          .append("A".repeat(1 << 20))
          .append("\"}}]}");
    }
    Files.writeString(d.resolve("analysis.ipynb"), nb.append("]}\n"));
    Outcome o = run("scan", d.toString(), "--analyzer", "secrets", "--no-progress");
    assertHandled(o, "canary.env", "AKIA");
  }

  @Test
  void customRulePacks_backReferenceRefusedAtLoad_nestedQuantifierRunsLinearly() throws Exception {
    Path d = canary(dir.resolve("packs"));
    Files.createDirectories(d.resolve("rules"));
    Files.writeString(d.resolve("bulwark.yaml"), "secrets:\n  rules: [rules]\n");
    Files.writeString(d.resolve("data.txt"), ("a".repeat(200_000) + "\n").repeat(5 * SCALE));
    Files.writeString(d.resolve("rules/custom.yaml"), pack("(a+)+$"));
    Outcome linear = run("scan", d.toString(), "--analyzer", "secrets", "--no-progress");
    assertHandled(linear, "canary.env", "AKIA");
    Files.writeString(d.resolve("rules/custom.yaml"), pack("(a+)\\1"));
    Outcome refused = run("scan", d.toString(), "--analyzer", "secrets", "--no-progress");
    assertHandled(refused, "custom.yaml", "back-reference");
  }

  private static String pack(String pattern) {
    return """
    provider: custom
    category: generic
    rules:
      - id: custom-pattern
        name: Custom
        description: a team's own pattern over a common letter
        remediation: none
        keywords: [a]
        pattern: '%s'
    """
        .formatted(pattern);
  }

  // ---------------------------------------------------------------- Java

  /**
   * Twenty thousand nested parentheses exhaust the recursive Java parser's stack: the file is named
   * with why it was not analysed (before: "parser failed: java.lang.StackOverflowError"), and the
   * injection in the file beside it is still found.
   */
  @Test
  void javaNestedBeyondTheParsersStack_isNamedPlainly_andTheOtherFilesAnalysed() throws Exception {
    Path src = dir.resolve("parens/src/main/java/p");
    Files.createDirectories(src);
    String header = "package p;\nimport jakarta.servlet.http.*;\nimport java.sql.*;\n";
    Files.writeString(
        src.resolve("Parens.java"),
        header
            + "public class Parens {\n  int f(int x) { return "
            + "(".repeat(20_000)
            + "x"
            + ")".repeat(20_000)
            + "; }\n}\n");
    Files.writeString(
        src.resolve("Canary.java"),
        header
            + "public class Canary extends HttpServlet {\n"
            + "  protected void doGet(HttpServletRequest req, HttpServletResponse resp)"
            + " throws java.io.IOException {\n"
            + "    try { Connection c = DriverManager.getConnection(\"jdbc:h2:mem:x\");\n"
            + "      c.createStatement().executeQuery(\"select * from t where a = '\""
            + " + req.getParameter(\"q\") + \"'\");\n"
            + "    } catch (SQLException e) { throw new RuntimeException(e); }\n  }\n}\n");
    Outcome o = run("scan", dir.resolve("parens").toString(), "--no-progress");
    assertHandled(o, "Parens.java", "nested too deeply to parse");
    assertThat(o.output()).contains("java-sqli").doesNotContain("StackOverflowError");
  }

  // ---------------------------------------------------------------- Sigma

  /**
   * A hunt whose every named rule is refused (back-reference, look-around) or invalid looks for
   * nothing: before, "0 rules loaded … Detections: 0" and exit 0, which reads as a clean log. With
   * one usable rule beside them, the refused ones are warnings and the hunt runs.
   */
  @Test
  void sigmaRulesAllRefused_huntIsExitTwoNamingTheRule_oneUsableRuleRuns() throws Exception {
    Path d = dir.resolve("sigma-refused");
    Files.createDirectories(d.resolve("rules"));
    Path events = Files.writeString(d.resolve("events.jsonl"), WHOAMI);
    Files.writeString(d.resolve("rules/backref.yml"), sigmaRule("(a+)+\\1b"));
    Files.writeString(d.resolve("rules/lookahead.yml"), sigmaRule("(?=who)whoami"));
    String[] hunt = {
      "logs", "hunt", events.toString(), "--rules", d.resolve("rules").toString(), "--no-progress"
    };
    Outcome none = run(hunt);
    assertThat(none.exit()).as(none.output()).isEqualTo(2);
    assertThat(none.output())
        .contains("no rule could be loaded from")
        .contains("backref.yml")
        .contains("needs backtracking")
        .doesNotContain("Detections: 0");
    Files.writeString(d.resolve("rules/re2.yml"), sigmaRule("who(ami)? +/pri[v]"));
    Outcome one = run(hunt);
    assertHandled(one, "lookahead.yml", "needs backtracking");
    assertThat(one.output()).contains("1 rules loaded").contains("Detections: 1");
  }

  private static String sigmaRule(String regex) {
    return """
    title: command line pattern
    status: test
    logsource:
      product: windows
      category: process_creation
    detection:
      sel:
        CommandLine|re: '%s'
      condition: sel
    level: high
    """
        .formatted(regex);
  }

  // ---------------------------------------------------------------- archives

  /** A zip whose one entry inflates to {@code bytes} zeros, nested {@code levels} deep 16 wide. */
  private static byte[] zipBomb(long bytes, int levels, String nestedSuffix) throws IOException {
    ByteArrayOutputStream base = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(base)) {
      z.setLevel(Deflater.BEST_COMPRESSION);
      z.putNextEntry(new ZipEntry("blob.bin"));
      byte[] zeros = new byte[1 << 20];
      for (long n = 0; n < bytes; n += zeros.length) {
        z.write(zeros);
      }
      z.closeEntry();
    }
    byte[] level = base.toByteArray();
    for (int l = 0; l < levels; l++) {
      ByteArrayOutputStream next = new ByteArrayOutputStream();
      try (ZipOutputStream z = new ZipOutputStream(next)) {
        for (int i = 0; i < 16; i++) {
          z.putNextEntry(new ZipEntry("lib/l" + l + "-" + i + nestedSuffix));
          z.write(level);
          z.closeEntry();
        }
      }
      level = next.toByteArray();
    }
    return level;
  }

  @Test
  void jarBombInAProject_stopsAtTheInflationBudget_forDepsAndScan() throws Exception {
    Path d = canary(dir.resolve("jarbomb"));
    Files.write(d.resolve("app.jar"), zipBomb((64L << 20) * SCALE, 2, ".jar"));
    assertHandled(run("deps", "inventory", d.toString()), "app.jar", "decompression bomb");
    Outcome scan = run("scan", d.toString(), "--no-progress");
    assertHandled(scan, "app.jar", "bomb");
    assertThat(scan.output()).contains("AKIA");
  }

  @Test
  void nestedZipBombGivenToDbImport_stopsWithADiagnostic() throws Exception {
    Path bomb = dir.resolve("42.zip");
    Files.write(bomb, zipBomb((64L << 20) * SCALE, 3, ".zip"));
    Outcome o = run("db", "import", "--data-dir", dir.resolve("data").toString(), bomb.toString());
    assertHandled(o, "42.zip", "decompression bomb");
  }

  @Test
  void endlessGzipLog_stopsAtItsRatio_afterTheEventsBeforeIt() throws Exception {
    Path d = dir.resolve("gz");
    Files.createDirectories(d);
    Path inner = dir.resolve("inner.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(inner), 1 << 16)) {
      o.write(WHOAMI.getBytes(StandardCharsets.UTF_8));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 512 * SCALE; i++) {
        o.write(zeros);
      }
    }
    try (OutputStream o =
        new GZIPOutputStream(Files.newOutputStream(d.resolve("zeros.jsonl.gz")), 1 << 16)) {
      Files.copy(inner, o);
    }
    Outcome o = run("logs", "hunt", d.toString(), "--no-progress");
    assertHandled(o, "zeros.jsonl.gz", "decompression bomb");
    assertThat(o.output()).contains("whoami");
  }

  // ---------------------------------------------------------------- manifests

  @Test
  void hugeLockfile_isStreamed_andCutAtThePackageBudget() throws Exception {
    Path d = dir.resolve("biglock");
    Files.createDirectories(d);
    try (OutputStream o = Files.newOutputStream(d.resolve("package-lock.json"))) {
      o.write(
          "{\"name\":\"big\",\"lockfileVersion\":3,\"packages\":{\"\":{\"name\":\"big\"}"
              .getBytes(StandardCharsets.UTF_8));
      int n = LONG ? 1_900_000 : 60_000;
      for (int i = 0; i < n; i++) {
        o.write(
            (",\"node_modules/pkg" + i + "\":{\"version\":\"1.0." + (i % 100) + "\"}")
                .getBytes(StandardCharsets.UTF_8));
      }
      o.write("}}\n".getBytes(StandardCharsets.UTF_8));
    }
    assertHandled(run("deps", "inventory", d.toString()), "package-lock.json", "more than 50000");
  }

  @Test
  void billionLaughsAndDeeplyNestedManifests_areRefusedPerFile_andTheOthersRead() throws Exception {
    Path d = dir.resolve("manifests");
    Files.createDirectories(d.resolve("deep"));
    StringBuilder lol = new StringBuilder("<!ENTITY lol \"lol\">");
    for (int i = 1; i < 10; i++) {
      lol.append("<!ENTITY lol").append(i).append(" \"");
      lol.append(("&lol" + (i > 1 ? i - 1 : "") + ";").repeat(10)).append("\">");
    }
    Files.writeString(
        d.resolve("bom.xml"),
        "<?xml version=\"1.0\"?>\n<!DOCTYPE bom ["
            + lol
            + "]>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\"><components><component"
            + " type=\"library\"><name>&lol9;</name><version>1</version></component></components></bom>\n");
    Files.writeString(
        d.resolve("deep/package-lock.json"),
        "{\"lockfileVersion\":3,\"packages\":{\"node_modules/x\":{\"version\":\"1\",\"deps\":"
            + "[".repeat(100_000)
            + "]".repeat(100_000)
            + "}}}");
    Files.writeString(
        d.resolve("package-lock.json"),
        "{\"lockfileVersion\":3,\"packages\":{\"\":{},\"node_modules/lodash\":{\"version\":\"4.17.15\"}}}");
    Outcome o = run("deps", "inventory", d.toString());
    assertHandled(o, "deep/package-lock.json", "deps");
    assertThat(o.output()).contains("lodash").contains("bom.xml").contains("DOCTYPE");
  }

  @Test
  void aHugeCycloneDxXml_isStreamed_andCutAtThePackageBudget() throws Exception {
    Path d = dir.resolve("sbom-xml");
    Files.createDirectories(d);
    try (java.io.Writer w = Files.newBufferedWriter(d.resolve("bom.xml"))) {
      w.write("<?xml version=\"1.0\"?>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">");
      w.write("<components>\n");
      for (int i = 0; i < 60_000 * SCALE; i++) {
        w.write(
            "<component type=\"library\"><name>p"
                + i
                + "</name><description>"
                + "d".repeat(200)
                + "</description><purl>pkg:npm/p"
                + i
                + "@1.0.0</purl></component>\n");
      }
      w.write("</components></bom>\n");
    }
    Outcome o = run("deps", "inventory", d.toString());
    assertHandled(o, "bom.xml", "declares more than 50000 packages");
  }

  // ---------------------------------------------------------------- big lines

  @Test
  void aSingleLineOfTensOfMegabytes_isScannedInChunks_andItsSecretFound() throws Exception {
    Path d = dir.resolve("longline");
    Files.createDirectories(d);
    try (OutputStream o = Files.newOutputStream(d.resolve("one.properties"))) {
      byte[] x = "x".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
      o.write("a=".getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < 48 * SCALE; i++) {
        o.write(x);
      }
      o.write(" AKIA7CV5ZKIJU3OOW7GS\n".getBytes(StandardCharsets.US_ASCII));
    }
    Outcome o = run("scan", d.toString(), "--analyzer", "secrets", "--no-progress");
    assertHandled(o, "one.properties", "AKIA");
  }

  @Test
  void anMboxWithALineOfTensOfMegabytes_isStreamed_andTheMessagesAfterItRead() throws Exception {
    Path d = dir.resolve("mbox");
    Files.createDirectories(d);
    try (OutputStream o = Files.newOutputStream(d.resolve("inbox.mbox"))) {
      o.write(
          ("From a@example.org Mon Nov 23 10:00:00 2026\nFrom: a@example.org\nSubject: long\n\n")
              .getBytes(StandardCharsets.US_ASCII));
      byte[] x = "x".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 48 * SCALE; i++) {
        o.write(x);
      }
      o.write(
          ("\n\nFrom m@example.net Mon Nov 23 10:05:00 2026\n"
                  + "From: \"IT Helpdesk\" <helpdesk@corp-login.example.net>\nTo: jane@corp.example\n"
                  + "Subject: Your mailbox is suspended\nMIME-Version: 1.0\n"
                  + "Content-Type: text/html\n\n<p>Verify now: <a href=\"http://198.51.100.7/login\">"
                  + "https://corp.example/login</a></p>\n")
              .getBytes(StandardCharsets.US_ASCII));
    }
    Outcome o = run("mail", "check", d.toString());
    assertHandled(o, "inbox.mbox", "longer than 1 MiB");
    // the message after the long line was read and judged
    assertThat(o.output()).contains("inbox.mbox #1").contains("198.51.100.7");
  }

  // ---------------------------------------------------------------- per-file time budget

  /**
   * Text dense with credential-like assignments: every line holds several candidates the secrets
   * engine must decode, check and score, so the analyzer needs seconds per megabyte. No sleep and
   * no special hook: real work on a real file, stopped by the budget.
   */
  private static void writeDenseCandidates(Path file, int lines) throws IOException {
    Random r = new Random(1);
    try (java.io.Writer w = Files.newBufferedWriter(file)) {
      for (int i = 0; i < lines; i++) {
        w.write(
            String.format(
                "api_key_%d = \"sk_%016x%016x\" password=%016x token=ghp_%016x%016x%04x%n",
                i,
                r.nextLong(),
                r.nextLong(),
                r.nextLong(),
                r.nextLong(),
                r.nextLong(),
                r.nextInt(0x10000)));
      }
    }
  }

  @Test
  void fileThatKeepsAnAnalyzerBusyPastTheBudget_isAbandonedByName_andTheScanCompletes()
      throws Exception {
    Path d = canary(dir.resolve("slow"));
    writeDenseCandidates(d.resolve("dense.properties"), 120_000 * SCALE);
    Outcome o =
        run(
            "scan",
            d.toString(),
            "--analyzer",
            "secrets",
            "--file-time-budget",
            "1s",
            "--no-progress");
    assertHandled(o, "dense.properties", "analyzer secrets stopped on this file");
    assertThat(o.output()).contains("time budget of 1 s").contains("AKIA");
    // a budget that is not a duration is the user's to fix, before any work
    Outcome bad = run("scan", d.toString(), "--file-time-budget", "soon", "--no-progress");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.output()).contains("--file-time-budget").doesNotContain("internal error");
  }

  // ---------------------------------------------------------------- mail

  @Test
  void messageWithTensOfThousandsOfParts_isReadUpToThePartBudget() throws Exception {
    Path d = dir.resolve("mail");
    Files.createDirectories(d);
    try (OutputStream o = Files.newOutputStream(d.resolve("many.eml"))) {
      o.write(
          ("From: \"Bank\" <alerts@bank-secure.example>\r\nTo: jane@corp.example\r\n"
                  + "Subject: test\r\nMIME-Version: 1.0\r\n"
                  + "Content-Type: multipart/mixed; boundary=\"X\"\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < 12_000 * (LONG ? 10 : 1); i++) {
        o.write(
            ("--X\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment;"
                    + " filename=\"f"
                    + i
                    + ".exe\"\r\nContent-Transfer-Encoding: base64\r\n\r\nTVqQAAMAAAAEAAAA\r\n")
                .getBytes(StandardCharsets.US_ASCII));
      }
      o.write("--X--\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    Outcome o = run("mail", "check", d.toString());
    assertHandled(o, "many.eml", "more than 10000 MIME boundaries");
  }
}
