package dev.bulwark.net;

import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.model.Finding;
import dev.bulwark.net.capture.CaptureReader;
import dev.bulwark.net.capture.Captures;
import dev.bulwark.net.capture.RawPacket;
import dev.bulwark.net.decode.Addr;
import dev.bulwark.net.decode.Decoder;
import dev.bulwark.net.decode.Tunnel;
import dev.bulwark.net.detect.NetDetections;
import dev.bulwark.net.flow.Conn;
import dev.bulwark.net.flow.FlowTable;
import dev.bulwark.net.flow.Protocol;
import dev.bulwark.net.proto.Protocols;
import dev.bulwark.net.zeek.LogSet;
import dev.bulwark.net.zeek.NetOptions;
import dev.bulwark.net.zeek.Schemas;
import dev.bulwark.net.zeek.ZeekLogWriter.Interval;
import dev.bulwark.net.zeek.ZeekLogWriter.Time;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads captures and writes Zeek-compatible logs into a folder: the {@code bulwark net zeek} use
 * case. Streaming: memory is bounded by the flow table, not by the capture size.
 */
public final class ZeekRun implements FlowTable.Listener {
  private static final String SOURCE = "net";

  private final NetOptions options;
  private final LogSet logs;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final java.util.Map<String, Long> weirdCounts = new java.util.HashMap<>();

  /** The analyzer Zeek names as a weird's source, from the weird's name. */
  static String weirdSource(String name) {
    String fixed =
        switch (name) {
          case "invalid_inner_IP_version",
              "truncated_inner_IP",
              "inner_IP_payload_length_mismatch" ->
              "IPTUNNEL";
          case "unknown_ip_version", "ip_hdr_len_zero" -> "IP";
          case "nflog_bad_tlv_len" -> "NFLOG";
          case "triple_tagged_vlan_unsupported" -> "VLAN";
          case "max_packet_analyzer_depth_exceeded" -> "ETHERNET";
          case "Teredo_bubble_with_payload" -> "TEREDO";
          default -> null;
        };
    if (fixed != null) {
      return fixed;
    }
    if (name.startsWith("HTTP_") || name.startsWith("http_") || name.endsWith("_URI")) {
      return "HTTP";
    }
    if (name.startsWith("icmp6_") || name.startsWith("ICMP")) {
      return "ICMP";
    }
    if (name.contains("TCP")) {
      return "TCP";
    }
    if (name.contains("UDP")) {
      return "UDP";
    }
    if (name.contains("ICMP")) {
      return "ICMP";
    }
    if (name.contains("GRE")) {
      return "GRE";
    }
    if (name.contains("VLAN")) {
      return "VLAN";
    }
    if (name.contains("MPLS")) {
      return "MPLS";
    }
    if (name.contains("PPPoE")) {
      return "PPPOE";
    }
    if (name.contains("IP") || name.contains("truncated_header")) {
      return "IP";
    }
    if (name.startsWith("geneve")) {
      return "GENEVE";
    }
    if (name.startsWith("GTP")) {
      return "GTPV1";
    }
    return null;
  }

  private long packets;
  private long bytes;
  private long connections;

  private ZeekRun(NetOptions options, LogSet logs) {
    this.options = options;
    this.logs = logs;
  }

  /**
   * The network detections of one capture, writing no logs; {@code source} names it in findings.
   */
  public static NetSummary detect(Path capture, String source) throws IOException {
    return run(List.of(capture), null, NetOptions.defaults(), source);
  }

  /** Every capture under {@code paths} (files, directories) into logs in {@code out}. */
  public static NetSummary run(List<Path> paths, Path out, NetOptions options) throws IOException {
    return run(paths, out, options, paths.size() == 1 ? paths.get(0).toString() : "captures");
  }

  private static NetSummary run(List<Path> paths, Path out, NetOptions options, String source)
      throws IOException {
    Set<String> enabledLogs = null;
    if (options.only() != null) {
      enabledLogs = new LinkedHashSet<>(options.only());
      if (options.runs("ssl")) {
        enabledLogs.add("x509");
      }
      // Zeek's QUIC scripts load the TLS ones, whose ssl.log then holds QUIC's handshakes
      if (options.runs("quic")) {
        enabledLogs.add("ssl");
      }
      // Zeek's protocol scripts load its weird framework, so weird.log is written in bare mode
      // as soon as any protocol analyzer runs
      for (String name : options.only()) {
        if (!name.equals("conn") && !name.equals("tunnel") && !name.equals("tunnels")) {
          enabledLogs.add("weird");
          break;
        }
      }
    }
    if (out == null) {
      enabledLogs = Set.of(); // detections only
    }
    try (LogSet logs = new LogSet(out, options.format(), enabledLogs)) {
      ZeekRun r = new ZeekRun(options, logs);
      NetDetections detections = new NetDetections(NetDetections.builtIn(), source);
      logs.listen(detections::record);
      List<Protocol> protocols = Protocols.enabled(options, logs);
      FlowTable flows = new FlowTable(r, protocols, 0x5eed);
      Decoder decoder = new Decoder(flows, !options.ignoreChecksums());
      for (Path file : captures(paths, r.diagnostics)) {
        r.read(file, decoder);
      }
      flows.flush();
      logs.listen(null);
      List<Finding> findings = detections.finish();
      for (Finding f : findings) {
        r.notice(f);
      }
      return new NetSummary(
          r.packets, r.bytes, r.connections, logs.counts(), r.diagnostics, findings);
    }
  }

  /** The capture files a list of paths names: files as given, directories walked for captures. */
  public static List<Path> captures(List<Path> paths, List<Diagnostic> diagnostics)
      throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(Files::isRegularFile).filter(ZeekRun::isCapture).sorted().forEach(files::add);
        }
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      } else {
        diagnostics.add(Diagnostic.error(SOURCE, p.toString(), "no such file or directory"));
      }
    }
    return files;
  }

  /** Whether a file starts like a pcap or pcapng (or is a gzip named like one). */
  public static boolean isCapture(Path p) {
    String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (n.endsWith(".pcap.gz") || n.endsWith(".pcapng.gz") || n.endsWith(".cap.gz")) {
      return true;
    }
    try (var in = Files.newInputStream(p)) {
      byte[] head = in.readNBytes(4);
      return Captures.looksLikeCapture(head, head.length);
    } catch (IOException e) {
      return false;
    }
  }

  private void read(Path file, Decoder decoder) {
    try (CaptureReader reader = Captures.open(file)) {
      RawPacket p;
      while ((p = reader.next()) != null) {
        packets++;
        bytes += p.data().length;
        try {
          decoder.decode(p);
        } catch (RuntimeException bug) {
          // one packet that trips the analysis must not cost the rest of the capture
          diagnostics.add(
              Diagnostic.warning(SOURCE, file.toString(), "frame " + p.number() + ": " + bug));
        }
      }
      for (String problem : reader.problems()) {
        diagnostics.add(Diagnostic.warning(SOURCE, file.toString(), problem));
      }
    } catch (IOException e) {
      diagnostics.add(Diagnostic.error(SOURCE, file.toString(), e.getMessage()));
    }
  }

  @Override
  public void connection(Conn c) {
    connections++;
    long[] pk = FlowTable.packets(c);
    String state = FlowTable.connState(c);
    boolean tcp = c.proto == 6;
    boolean udpOrTcp = tcp || c.proto == 17;
    boolean icmp = c.proto == 1 || c.proto == 58;
    String history = c.history();
    // Zeek sets duration and sizes only for connections that lasted some time
    boolean timed = c.duration() > 0;
    logs.write(
        "conn",
        Schemas.CONN,
        new Time(c.start),
        c.uid,
        c.origH.toString(),
        c.origP,
        c.respH.toString(),
        c.respP,
        c.transport(),
        c.services().isEmpty() ? null : String.join(",", c.services()),
        timed ? new Interval(c.duration()) : null,
        timed && (udpOrTcp || icmp) ? (Object) FlowTable.origBytes(c) : null,
        timed && (udpOrTcp || icmp) ? (Object) FlowTable.respBytes(c) : null,
        state,
        c.origH.privateRange(),
        c.respH.privateRange(),
        FlowTable.missedBytes(c),
        history.isEmpty() ? null : history,
        pk[0],
        pk[1],
        pk[2],
        pk[3],
        FlowTable.tunnelParents(c).isEmpty() ? null : FlowTable.tunnelParents(c),
        c.proto);
    closeTunnels(c);
  }

  /** How long Zeek's weird script ignores a repeat of one weird for one connection or flow. */
  private static final long WEIRD_IGNORE_NANOS = 10L * 60 * 1_000_000_000L;

  /** Weird keys remembered at most; beyond it the oldest are forgotten, as their expiry would. */
  private static final int WEIRD_KEYS_MAX = 100_000;

  private final java.util.LinkedHashMap<String, Long> weirdSeen = new java.util.LinkedHashMap<>();

  @Override
  public void weird(
      long ts, Conn c, Addr src, int sport, Addr dst, int dport, String name, String addl) {
    // Zeek counts a weird per connection, per address pair (flow weirds) or per name (the rest):
    // the first 25, then every 1000th; its weird script then logs one weird once per connection
    // or flow (or once per name) and ignores repeats for ten minutes
    String scope = c != null ? "c" + c.uid : src != null ? "f" + src + ">" + dst : "n";
    String key = scope + "|" + name;
    long n = weirdCounts.merge(key, 1L, Long::sum);
    if (n > 25 && n % 1000 != 0) {
      return;
    }
    Long seen = weirdSeen.get(key);
    if (seen != null && ts - seen < WEIRD_IGNORE_NANOS) {
      return;
    }
    weirdSeen.put(key, ts);
    if (weirdSeen.size() > WEIRD_KEYS_MAX) {
      weirdSeen.remove(weirdSeen.keySet().iterator().next());
    }
    if (weirdCounts.size() > WEIRD_KEYS_MAX) {
      weirdCounts.clear();
    }
    String source = weirdSource(name);
    logs.write(
        "weird",
        Schemas.WEIRD,
        new Time(ts),
        c == null ? null : c.uid,
        c != null ? c.origH.toString() : src == null ? null : src.toString(),
        c != null ? (Object) c.origP : src == null ? null : sport,
        c != null ? c.respH.toString() : dst == null ? null : dst.toString(),
        c != null ? (Object) c.respP : dst == null ? null : dport,
        name,
        addl,
        false,
        "zeek",
        source);
  }

  /** A detection as a Zeek notice.log record, so that log tools see it beside the flows. */
  private void notice(Finding f) {
    var loc = (dev.bulwark.core.model.Location.LogEvent) f.primaryLocation();
    String flow = f.properties().getOrDefault("net-flow", "");
    String[] ends = flow.split(" -> ");
    String[] o = ends.length == 2 ? hostPort(ends[0]) : new String[] {null, null};
    String[] rp =
        ends.length == 2
            ? hostPort(ends[1].replaceAll("/[a-z_]+$", ""))
            : new String[] {null, null};
    logs.write(
        "notice",
        Schemas.NOTICE,
        loc.timestamp() == null
            ? null
            : new Time(
                loc.timestamp().getEpochSecond() * 1_000_000_000L + loc.timestamp().getNano()),
        f.properties().get("net-uid"),
        o[0],
        o[1] == null ? null : Integer.valueOf(o[1]),
        rp[0],
        rp[1] == null ? null : Integer.valueOf(rp[1]),
        "Bulwark::" + f.ruleId(),
        f.message(),
        f.severity().name().toLowerCase(java.util.Locale.ROOT),
        o[0],
        rp[0]);
  }

  private static String[] hostPort(String s) {
    int c = s.lastIndexOf(':');
    if (c < 0 || !s.substring(c + 1).matches("\\d+")) {
      return new String[] {s, null};
    }
    return new String[] {s.substring(0, c), s.substring(c + 1)};
  }

  /**
   * UDP tunnels by the uid of the connection that carries them: Zeek closes such a tunnel
   * (Tunnel::CLOSE) when that connection goes; IP and GRE tunnels only expire, after hours.
   */
  private final java.util.Map<String, List<Tunnel>> udpTunnels = new java.util.HashMap<>();

  /** UDP tunnels remembered at most, so that a capture of many tunnels stays bounded. */
  private static final int MAX_TUNNELS = 100_000;

  private void closeTunnels(Conn c) {
    List<Tunnel> carried = udpTunnels.remove(c.uid);
    if (carried == null) {
      return;
    }
    for (Tunnel t : carried) {
      logs.write(
          "tunnel",
          Schemas.TUNNEL,
          new Time(c.lastTs()),
          c.uid,
          t.src().toString(),
          t.srcPort(),
          t.dst().toString(),
          t.dstPort(),
          t.kind(),
          "Tunnel::CLOSE");
    }
  }

  @Override
  public void tunnel(long ts, Tunnel t, String uid) {
    if (!options.runs("tunnel") && options.only() != null) {
      return;
    }
    if (t.udp() && udpTunnels.size() < MAX_TUNNELS) {
      udpTunnels.computeIfAbsent(uid, k -> new ArrayList<>()).add(t);
    }
    logs.write(
        "tunnel",
        Schemas.TUNNEL,
        new Time(ts),
        uid,
        t.src().toString(),
        t.srcPort(),
        t.dst().toString(),
        t.dstPort(),
        t.kind(),
        "Tunnel::DISCOVER");
  }
}
