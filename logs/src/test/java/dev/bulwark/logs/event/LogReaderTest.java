package dev.bulwark.logs.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.logs.sigma.Logsource;
import dev.bulwark.logs.sigma.Logsources;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each format read from a real file, routed to the Sigma log source its rules are written for. */
class LogReaderTest {
  @TempDir Path tmp;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private LogReader reader;
  private final Logsources logsources = Logsources.builtIn();

  @BeforeEach
  void setUp() {
    reader =
        new LogReader(
            new LogReader.Options(2024, LogReader.Options.defaults().archiveLimits()),
            diagnostics::add);
  }

  private Path fixture(String name) throws IOException {
    Path p = tmp.resolve(Path.of(name).getFileName().toString());
    try (InputStream in = getClass().getResourceAsStream(name)) {
      Files.write(p, in.readAllBytes());
    }
    return p;
  }

  private List<Event> read(Path p) {
    List<Event> out = new ArrayList<>();
    reader.read(p, out::add);
    return out;
  }

  @Test
  void evtxFlattensSystemAndEventData() throws IOException {
    List<Event> events = read(fixture("../evtx/sysmon-process-creation.evtx"));
    assertThat(events).hasSize(1);
    Event e = events.get(0);
    assertThat(e.get("EventID")).isEqualTo("1");
    assertThat(e.get("Channel")).isEqualTo("Microsoft-Windows-Sysmon/Operational");
    assertThat(e.get("Provider_Name")).isEqualTo("Microsoft-Windows-Sysmon");
    assertThat(e.get("CommandLine")).startsWith("\"C:\\WINDOWS\\system32\\reg.exe\" add");
    assertThat(e.get("commandline")).isEqualTo(e.get("CommandLine"));
    assertThat(e.time()).isNotNull();
    assertThat(logsources.route(e)).contains(new Logsource("windows", "process_creation", null));
  }

  @Test
  void evtxAndItsJsonRenderingGiveTheSameFields() throws IOException {
    Event fromEvtx = read(fixture("../evtx/security-task-deleted.evtx")).get(0);
    Event fromJson = read(fixture("../evtx/security-task-deleted.json")).get(0);
    for (String f :
        List.of("EventID", "Channel", "Computer", "Provider_Name", "TaskName", "SubjectUserName")) {
      assertThat(fromJson.get(f)).as(f).isEqualTo(fromEvtx.get(f));
    }
    // the JSON rendering keeps microseconds, the record has 100 ns ticks
    assertThat(fromJson.time())
        .isEqualTo(fromEvtx.time().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
  }

  @Test
  void otrfAndSysmonForLinuxJsonLines() throws IOException {
    List<Event> otrf = read(fixture("otrf-sysmon.jsonl"));
    assertThat(otrf).hasSize(2);
    assertThat(logsources.route(otrf.get(0)))
        .contains(new Logsource("windows", "process_creation", null));
    assertThat(otrf.get(0).get("Computer")).isEqualTo("WORKSTATION5.theshire.local");
    assertThat(otrf.get(0).time()).isEqualTo(Instant.parse("2020-09-21T18:51:07.120Z"));
    assertThat(logsources.route(otrf.get(1)))
        .contains(new Logsource("windows", "network_connection", null));
    Event linux = read(fixture("sysmon-linux.jsonl")).get(0);
    assertThat(logsources.route(linux)).contains(new Logsource("linux", "process_creation", null));
    assertThat(linux.time()).isEqualTo(Instant.parse("2023-05-02T14:03:11.418Z"));
  }

  @Test
  void ecsWinlogbeatIsMappedToWindowsNames() throws IOException {
    Event e = read(fixture("ecs-winlogbeat.jsonl")).get(0);
    List<Logsource> routes = logsources.route(e);
    assertThat(e.get("Channel")).isEqualTo("Security");
    assertThat(e.get("EventID")).isEqualTo("4688");
    assertThat(e.get("Image")).isEqualTo("C:\\Windows\\System32\\vssadmin.exe");
    assertThat(e.get("User")).isEqualTo("svc_backup");
    assertThat(routes)
        .contains(
            new Logsource("windows", "process_creation", null),
            new Logsource("windows", null, "security"));
  }

  @Test
  void zeekSuricataAndCloudTrail() throws IOException {
    List<Event> zeek = read(fixture("conn.log"));
    assertThat(zeek).hasSize(2);
    assertThat(zeek.get(0).get("id.resp_p")).isEqualTo("53");
    assertThat(zeek.get(0).time()).isEqualTo(Instant.parse("2020-06-05T14:39:59.305988Z"));
    assertThat(logsources.route(zeek.get(0))).contains(new Logsource("zeek", null, "conn"));

    List<Event> eve = read(fixture("eve.json"));
    assertThat(eve.get(0).get("dns.rrname")).isEqualTo("evil.example.net");
    assertThat(eve.get(0).time()).isEqualTo(Instant.parse("2017-02-07T14:27:26.484027Z"));
    assertThat(logsources.route(eve.get(0))).contains(new Logsource(null, "dns", null));

    List<Event> trail = read(fixture("cloudtrail.json"));
    assertThat(trail).hasSize(2);
    assertThat(trail.get(0).get("eventName")).isEqualTo("StopLogging");
    assertThat(trail.get(0).get("userIdentity.arn")).endsWith("user/mallory");
    assertThat(logsources.route(trail.get(0))).contains(new Logsource("aws", null, "cloudtrail"));
  }

  @Test
  void bsdAndRfc5424Syslog() throws IOException {
    List<Event> auth = read(fixture("auth.log"));
    assertThat(auth).hasSize(4);
    Event first = auth.get(0);
    assertThat(first.get("host")).isEqualTo("web01");
    assertThat(first.get("program")).isEqualTo("sshd");
    assertThat(first.get("pid")).isEqualTo("1234");
    assertThat(first.get("message")).startsWith("Failed password for invalid user admin");
    assertThat(first.time()).isEqualTo(Instant.parse("2024-03-03T10:15:01Z"));
    assertThat(logsources.route(first)).contains(new Logsource("linux", null, "sshd"));
    assertThat(logsources.route(auth.get(3))).contains(new Logsource("linux", null, "sudo"));

    List<Event> rfc = read(fixture("rfc5424.log"));
    assertThat(rfc).hasSize(2);
    assertThat(rfc.get(0).get("facility")).isEqualTo("auth");
    assertThat(rfc.get(0).get("severity")).isEqualTo("crit");
    assertThat(rfc.get(0).get("exampleSDID@32473.eventSource")).isEqualTo("Application");
    assertThat(rfc.get(0).get("message")).isEqualTo("'su root' failed for lonvick on /dev/pts/8");
    assertThat(rfc.get(1).time()).isEqualTo(Instant.parse("2003-08-24T12:14:15.000003Z"));
    assertThat(rfc.get(1).get("msgid")).isNull();
  }

  @Test
  void csvWithQuotedCommasQuotesAndLineBreaks() throws IOException {
    List<Event> rows = read(fixture("events.csv"));
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("CommandLine")).isEqualTo("cmd.exe /c \"echo, hi\"");
    assertThat(rows.get(1).get("CommandLine"))
        .isEqualTo("powershell.exe -c \"line one\nline two\"");
    assertThat(rows.get(1).recordId()).isEqualTo("3");
    assertThat(rows.get(0).time()).isEqualTo(Instant.parse("2024-05-01T08:00:00Z"));
  }

  @Test
  void gzipZipAndDirectoriesAreOpened() throws Exception {
    Path auth = fixture("auth.log");
    Path gz = tmp.resolve("auth.log.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(Files.readAllBytes(auth));
    }
    assertThat(read(gz)).hasSize(4).allSatisfy(e -> assertThat(e.source()).endsWith("auth.log"));

    Path zip = tmp.resolve("logs.zip");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
      z.putNextEntry(new ZipEntry("host1/Security.evtx"));
      try (InputStream in = getClass().getResourceAsStream("../evtx/security-task-deleted.evtx")) {
        in.transferTo(z);
      }
      z.putNextEntry(new ZipEntry("host1/auth.log"));
      z.write(Files.readAllBytes(auth));
    }
    List<Event> zipped = read(zip);
    assertThat(zipped).hasSize(5);
    assertThat(zipped.get(0).source()).contains("logs.zip").contains("host1/Security.evtx");

    Path dir = Files.createDirectories(tmp.resolve("dir/sub"));
    Files.copy(auth, dir.resolve("auth.log"));
    assertThat(LogReader.expand(List.of(tmp.resolve("dir")), d -> {}))
        .containsExactly(dir.resolve("auth.log"));
  }

  @Test
  void badInputIsReportedAndTheRestIsRead() throws IOException {
    Path p = tmp.resolve("mixed.jsonl");
    Files.writeString(p, "{\"a\":1}\n{\"a\": broken\n[1,2]\n{\"a\":3}\n");
    List<Event> events = read(p);
    assertThat(events).extracting(e -> e.get("a")).containsExactly("1", "3");
    assertThat(diagnostics)
        .anySatisfy(d ->
            assertThat(d.display())
                .contains("mixed.jsonl")
                .contains("line 2")
                .contains("malformed JSON"))
        .anySatisfy(d -> assertThat(d.display()).contains("line 3").contains("not a JSON object"));

    Path garbage = tmp.resolve("garbage.bin");
    Files.write(garbage, new byte[] {0, 1, 2, 3, (byte) 0xff});
    assertThat(read(garbage)).isEmpty();
    assertThat(diagnostics)
        .anySatisfy(d ->
            assertThat(d.display())
                .contains("garbage.bin")
                .contains("not a recognised log format"));

    Path missing = tmp.resolve("missing.evtx");
    assertThat(read(missing)).isEmpty();
    assertThat(diagnostics)
        .anySatisfy(d -> assertThat(d.level()).isEqualTo(Diagnostic.Level.ERROR));
  }

  @Test
  void overlongLinesAreCutNotHeld() throws IOException {
    Path p = tmp.resolve("long.jsonl");
    Files.writeString(p, "{\"a\":\"" + "x".repeat(2 << 20) + "\"}\n{\"a\":2}\n");
    assertThat(read(p)).extracting(e -> e.get("a")).containsExactly("2");
    assertThat(diagnostics).anySatisfy(d -> assertThat(d.display()).contains("longer than 1 MiB"));
  }
}
