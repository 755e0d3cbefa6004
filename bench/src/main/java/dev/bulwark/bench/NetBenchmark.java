package dev.bulwark.bench;

import dev.bulwark.net.NetSummary;
import dev.bulwark.net.ZeekRun;
import dev.bulwark.net.capture.CaptureReader;
import dev.bulwark.net.capture.Captures;
import dev.bulwark.net.capture.PcapWriter;
import dev.bulwark.net.capture.RawPacket;
import dev.bulwark.net.zeek.NetOptions;
import dev.bulwark.net.zeek.ZeekLogWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Captures into conn, dns, http and ssl logs: the dev traces' Ethernet packets replicated (each
 * pass shifted in time and address) into one pcap of the target size, read by Bulwark and by {@code
 * tshark -q -z conv,tcp} in the same run.
 */
final class NetBenchmark {
  private final Path traces;
  private final long targetBytes;

  NetBenchmark(Path traces, long targetBytes) {
    this.traces = traces;
    this.targetBytes = targetBytes;
  }

  void run(PrintStream out) throws IOException, InterruptedException {
    List<RawPacket> packets = new ArrayList<>();
    long passBytes = 0;
    List<Path> files;
    try (Stream<Path> s = Files.walk(traces)) {
      files = s.filter(Files::isRegularFile).filter(ZeekRun::isCapture).sorted().toList();
    }
    for (Path f : files) {
      try (CaptureReader r = Captures.open(f)) {
        RawPacket p;
        while ((p = r.next()) != null) {
          if (p.linkType() == 1) {
            packets.add(p);
            passBytes += 16 + p.data().length;
          }
        }
      } catch (IOException unreadable) {
        // a damaged trace is left out of the input
      }
    }
    if (passBytes == 0) {
      throw new IOException("no Ethernet packets in " + traces);
    }
    Path work = Files.createTempDirectory("bulwark-bench-net-");
    Path pcap = work.resolve("replicated.pcap");
    long passes = Math.max(1, (targetBytes + passBytes - 1) / passBytes);
    try (PcapWriter w =
        new PcapWriter(new BufferedOutputStream(Files.newOutputStream(pcap), 1 << 20), 1)) {
      long shift = 0;
      for (long pass = 0; pass < passes; pass++) {
        for (RawPacket p : packets) {
          w.write(p.tsNanos() + shift, p.data(), p.wireLength());
        }
        shift += 3_600_000_000_000L; // an hour a pass, so replicated flows do not merge
      }
    }
    long size = Files.size(pcap);
    out.printf(
        Locale.ROOT,
        "input: %d packets of %d traces x %d passes = %.2f GB%n",
        (long) packets.size() * passes,
        files.size(),
        passes,
        size / 1e9);
    packets.clear();
    HeapMeter heap = new HeapMeter();
    heap.reset();
    long t0 = System.nanoTime();
    NetSummary s =
        ZeekRun.run(
            List.of(pcap),
            work.resolve("logs"),
            new NetOptions(Set.of("conn", "dns", "http", "ssl"), false, ZeekLogWriter.Format.TSV));
    double seconds = (System.nanoTime() - t0) / 1e9;
    double mbps = size / 1e6 / seconds;
    out.printf(
        Locale.ROOT,
        "bulwark: %.1f s, %.0f MB/s, %d connections, records %s, peak heap %.0f MB%n",
        seconds,
        mbps,
        s.connections(),
        s.records(),
        heap.peakBytes() / 1e6);
    Double tshark = tshark(pcap, out);
    if (tshark != null) {
      out.printf(
          Locale.ROOT,
          "tshark -q -z conv,tcp: %.1f s, %.0f MB/s; bulwark/tshark speed ratio %.2f%n",
          tshark,
          size / 1e6 / tshark,
          tshark / seconds);
    }
    out.println("zeek: not installed here; no reference figure");
    try (Stream<Path> w = Files.walk(work)) {
      w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static Double tshark(Path pcap, PrintStream out) throws InterruptedException {
    try {
      ProcessBuilder pb =
          new ProcessBuilder("tshark", "-r", pcap.toString(), "-q", "-z", "conv,tcp");
      pb.redirectErrorStream(true);
      pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
      long t0 = System.nanoTime();
      Process p = pb.start();
      if (!p.waitFor(2, TimeUnit.HOURS)) {
        p.destroyForcibly();
        out.println("tshark: timed out");
        return null;
      }
      return (System.nanoTime() - t0) / 1e9;
    } catch (IOException notInstalled) {
      out.println("tshark not installed (Debian: tshark); no reference figure");
      return null;
    }
  }
}
