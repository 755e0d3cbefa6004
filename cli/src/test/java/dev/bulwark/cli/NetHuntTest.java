package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.net.capture.PcapWriter;
import dev.bulwark.net.decode.Frames;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bulwark logs hunt} on a folder holding an EVTX file and a pcap writes one timeline with
 * the host detections and the network ones; {@code bulwark net zeek} writes the logs.
 */
class NetHuntTest {
  @TempDir Path dir;

  /** A capture in which 192.0.2.66 tries 30 ports of 10.0.0.20 and is refused each time. */
  static void portScan(Path file) throws Exception {
    byte[] scanner = {(byte) 192, 0, 2, 66};
    byte[] target = {10, 0, 0, 20};
    try (PcapWriter w = new PcapWriter(Files.newOutputStream(file), 1)) {
      long t = 1_700_000_000_000_000_000L;
      for (int i = 0; i < 30; i++) {
        int port = 20 + i * 3;
        byte[] syn =
            Frames.tcp(scanner, 40000 + i, target, port, 1000 + i, 0, Frames.SYN, new byte[0]);
        w.write(t, syn, syn.length);
        t += 1_000_000;
        byte[] rst =
            Frames.tcp(
                target,
                port,
                scanner,
                40000 + i,
                0,
                1001 + i,
                Frames.RST | Frames.ACK,
                new byte[0]);
        w.write(t, rst, rst.length);
        t += 1_000_000;
      }
    }
  }

  static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = BulwarkCommand.commandLine(args);
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    cl.execute(args);
    return out + err.toString();
  }

  @Test
  void huntOnEvtxAndPcap_writesOneTimeline() throws Exception {
    Path evtx =
        Path.of(
                "../../shared/data/evtx/EVTX-ATTACK-SAMPLES/Defense Evasion/DE_104_system_log_cleared.evtx")
            .toAbsolutePath()
            .normalize();
    if (!Files.exists(evtx)) {
      evtx =
          Path.of(
              "../shared/data/evtx/EVTX-ATTACK-SAMPLES/Defense Evasion/DE_104_system_log_cleared.evtx");
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.exists(evtx), "../shared/data/evtx is absent: the joint timeline is not checked");
    Path evidence = Files.createDirectories(dir.resolve("evidence"));
    Files.copy(evtx, evidence.resolve("security.evtx"));
    portScan(evidence.resolve("scan.pcap"));
    Path timeline = dir.resolve("timeline.html");
    String out = run("logs", "hunt", evidence.toString(), "--timeline", timeline.toString());
    String html = Files.readString(timeline);
    assertThat(html).as(out).contains("Network Detection in a Packet Capture");
    assertThat(html).contains("192.0.2.66");
    assertThat(html).contains("Windows Event Log Cleared").contains("security.evtx");
  }

  @Test
  void huntOnPcap_namesTheCapturesLogs_notTheTemporaryFolder() throws Exception {
    Path evidence = Files.createDirectories(dir.resolve("evidence/dmz"));
    portScan(evidence.resolve("scan.pcap"));
    String json =
        run(
            "logs",
            "hunt",
            dir.resolve("evidence").toString(),
            "--no-progress",
            "--format",
            "json");
    assertThat(json).contains("dmz/scan.pcap!notice.log");
    assertThat(json).doesNotContain("bulwark-net-");
  }

  @Test
  void netZeek_writesConnLogAndNotices() throws Exception {
    Path pcap = dir.resolve("scan.pcap");
    portScan(pcap);
    Path logs = dir.resolve("logs");
    String out = run("net", "zeek", pcap.toString(), "--out", logs.toString());
    assertThat(out).contains("60 packets").contains("30 connections");
    assertThat(Files.readString(logs.resolve("conn.log")))
        .contains("#fields\tts\tuid")
        .contains("REJ");
    assertThat(Files.readString(logs.resolve("notice.log"))).contains("Bulwark::net-port-scan");
  }
}
