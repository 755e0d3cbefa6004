package dev.bulwark.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.net.zeek.NetOptions;
import dev.bulwark.net.zeek.ZeekCompare;
import dev.bulwark.net.zeek.ZeekLogWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every trace of the Zeek trace/baseline manifest in {@code ../shared/data/pcap} with the
 * manifest's Zeek arguments translated, and scores each log field by field against Zeek's own.
 */
class ZeekAgreementTest {
  @TempDir Path tmp;

  static Path data() {
    Path dir = Path.of("").toAbsolutePath();
    for (int i = 0; i < 5 && dir != null; i++, dir = dir.getParent()) {
      Path d = dir.resolve("../shared/data/pcap").normalize();
      if (Files.isRegularFile(d.resolve("manifest.csv"))) {
        return d;
      }
    }
    return null;
  }

  /** The manifest's Zeek command line as Bulwark options. */
  static NetOptions options(String zeekArgs) {
    List<String> args = List.of(zeekArgs.trim().split("\\s+"));
    boolean bare = args.contains("-b");
    boolean ignore = args.contains("-C");
    Set<String> only = null;
    if (bare) {
      only = new HashSet<>();
      for (String a : args) {
        if (a.startsWith("base/protocols/")) {
          only.add(a.substring("base/protocols/".length()));
        } else if (a.equals("base/frameworks/notice/weird")) {
          only.add("weird");
        } else if (a.equals("base/frameworks/tunnels")) {
          only.add("tunnel");
        }
      }
    }
    return new NetOptions(only, ignore, ZeekLogWriter.Format.TSV);
  }

  static List<String> csv(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean q = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (q) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          q = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        q = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  @Test
  void agreesWithZeekOnItsOwnTraces() throws Exception {
    Path data = data();
    assumeTrue(data != null, "../shared/data/pcap is absent: Zeek agreement not measured");
    List<String> lines = Files.readAllLines(data.resolve("manifest.csv"));
    Map<String, Path> runs = new LinkedHashMap<>();
    Map<String, ZeekCompare.Score> perLog = new TreeMap<>();
    StringBuilder worst = new StringBuilder();
    for (String line : lines.subList(1, lines.size())) {
      List<String> f = csv(line);
      String trace = f.get(0);
      String test = f.get(1);
      String log = f.get(2);
      String args = f.get(3);
      String zeekLog = f.get(6).isEmpty() ? log : f.get(6);
      String runKey = trace + "|" + args;
      Path out = runs.get(runKey);
      if (out == null) {
        out = tmp.resolve("run" + runs.size());
        ZeekRun.run(List.of(data.resolve("traces").resolve(trace)), out, options(args));
        runs.put(runKey, out);
      }
      String name = zeekLog.replace(".log", "");
      ZeekCompare.Score s =
          ZeekCompare.compare(
              ZeekCompare.read(data.resolve("expected").resolve(test).resolve(log)),
              ZeekCompare.read(out.resolve(zeekLog)));
      perLog.merge(name, s, ZeekCompare.Score::plus);
      if (s.f1() < 0.9
          && (name.equals("conn")
              || name.equals("dns")
              || name.equals("http")
              || name.equals("ssl"))) {
        worst.append(
            String.format(
                Locale.ROOT,
                "  %-5s %.3f %s %s exp=%d act=%d %s%n",
                name,
                s.f1(),
                trace,
                log,
                s.expected(),
                s.actual(),
                s.disagreements()));
      }
    }
    ZeekCompare.Score all = ZeekCompare.Score.zero();
    StringBuilder table =
        new StringBuilder("log           expected actual matched precision recall  F1\n");
    for (var e : perLog.entrySet()) {
      ZeekCompare.Score s = e.getValue();
      all = all.plus(s);
      table.append(
          String.format(
              Locale.ROOT,
              "%-13s %8d %6d %7d %9.3f %6.3f %5.3f  %s%n",
              e.getKey(),
              s.expected(),
              s.actual(),
              s.matched(),
              s.precision(),
              s.recall(),
              s.f1(),
              s.disagreements()));
    }
    table.append(
        String.format(
            Locale.ROOT,
            "%-13s %8d %6d %7d %9.3f %6.3f %5.3f%n",
            "ALL",
            all.expected(),
            all.actual(),
            all.matched(),
            all.precision(),
            all.recall(),
            all.f1()));
    System.out.println(table);
    System.out.println(worst);
    Files.writeString(Path.of("target/zeek-agreement.txt"), table + "\n" + worst);
    assertThat(all.matched()).isPositive();
    // floors at today's figures, so that a change that loses agreement with Zeek fails here
    assertThat(perLog.get("conn").f1()).as("conn F1").isGreaterThanOrEqualTo(0.95);
    assertThat(perLog.get("dns").f1()).as("dns F1").isGreaterThanOrEqualTo(0.95);
    assertThat(perLog.get("http").f1()).as("http F1").isGreaterThanOrEqualTo(0.96);
    assertThat(perLog.get("ssl").f1()).as("ssl F1").isGreaterThanOrEqualTo(0.99);
    assertThat(perLog.get("ssh").f1()).as("ssh F1").isGreaterThanOrEqualTo(0.97);
    assertThat(perLog.get("weird").f1()).as("weird F1").isGreaterThanOrEqualTo(0.95);
    assertThat(perLog.get("tunnel").f1()).as("tunnel F1").isGreaterThanOrEqualTo(0.74);
    assertThat(perLog.get("x509").f1()).as("x509 F1").isGreaterThanOrEqualTo(0.99);
    assertThat(perLog.get("modbus").f1()).as("modbus F1").isGreaterThanOrEqualTo(0.79);
    assertThat(perLog.get("redis").f1()).as("redis F1").isGreaterThanOrEqualTo(0.98);
    for (String log : List.of("ntp", "sip", "mysql", "smtp", "ftp", "syslog", "dhcp")) {
      assertThat(perLog.get(log).f1()).as(log + " F1").isGreaterThanOrEqualTo(0.99);
    }
    assertThat(all.f1()).as("all logs F1").isGreaterThanOrEqualTo(0.92);
  }
}
