package dev.bulwark.cli;

import dev.bulwark.cli.usecase.NetService;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.net.NetSummary;
import dev.bulwark.net.zeek.NetOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bulwark net}: packet captures into Zeek-compatible logs. */
@Command(
    name = "net",
    mixinStandardHelpOptions = true,
    description = "Network forensics: captures into Zeek-compatible logs and network detections.",
    subcommands = {NetCommand.Zeek.class})
final class NetCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "zeek",
      mixinStandardHelpOptions = true,
      description = {
        "Write Zeek-compatible logs (conn, dns, http, ssl, ssh, tunnel, weird) for captures.",
        "pcap and pcapng files (also gzip-compressed) or directories; parsed by Bulwark itself,",
        "streaming, in bounded memory. Damaged packets become weird.log entries and diagnostics."
      })
  static final class Zeek implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PCAP")
    List<Path> paths;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "DIR",
        description = "Folder for the logs.")
    Path out;

    @Option(
        names = "--log-format",
        paramLabel = "FORMAT",
        defaultValue = "tsv",
        description = "tsv (Zeek's ASCII writer, the default) or json (one object per line).")
    String logFormat;

    @Option(
        names = "--only",
        paramLabel = "NAMES",
        split = ",",
        description =
            "Run only these analyzers and write only these logs, as Zeek's bare mode"
                + " (e.g. conn,dns,http); conn.log is written only when conn is listed.")
    List<String> only = new ArrayList<>();

    @Option(
        names = {"-C", "--ignore-checksums"},
        description = "Analyse packets whose checksums do not verify (zeek -C).")
    boolean ignoreChecksums;

    @Override
    public Integer call() throws Exception {
      NetService service = new NetService();
      NetOptions options = service.options(only, logFormat, ignoreChecksums);
      long started = System.nanoTime();
      NetSummary s = service.zeek(paths, out, options);
      double seconds = (System.nanoTime() - started) / 1e9;
      PrintWriter o = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      for (Diagnostic d : s.diagnostics()) {
        err.println(d.display());
      }
      Map<String, Long> records = new TreeMap<>(s.records());
      o.printf(
          "%d packets (%.1f MB) in %.2f s: %d connections%n",
          s.packets(), s.bytes() / 1e6, seconds, s.connections());
      for (var e : records.entrySet()) {
        o.printf(
            "  %-8s %8d records  %s%n",
            e.getKey() + ".log", e.getValue(), out.resolve(e.getKey() + ".log"));
      }
      o.flush();
      err.flush();
      boolean anyError =
          s.diagnostics().stream().anyMatch(d -> d.level() == Diagnostic.Level.ERROR);
      return anyError && s.packets() == 0 ? ExitCodes.USAGE : 0;
    }
  }
}
