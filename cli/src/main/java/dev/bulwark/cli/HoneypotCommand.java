package dev.bulwark.cli;

import dev.bulwark.cli.usecase.HoneypotService;
import dev.bulwark.deception.Honeypot;
import dev.bulwark.deception.config.HoneypotConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bulwark honeypot}: decoy hosts whose every log-in and command is an event. */
@Command(
    name = "honeypot",
    mixinStandardHelpOptions = true,
    description =
        "Run SSH, Telnet and HTTP honeypots that record attackers in Cowrie's event format.",
    subcommands = {HoneypotCommand.Run.class})
final class HoneypotCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Run the honeypots until interrupted (or for --for).",
        "An emulated Debian host answers log-ins and commands; nothing an attacker sends is ever",
        "executed, no real file outside the data directory is opened and no connection is made.",
        "Events go to FILE as JSON lines in Cowrie's schema; `bulwark logs hunt FILE` reads them.",
        "Flags override the configuration file; a port of 0 picks a free one, -1 turns a service off."
      })
  static final class Run implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Honeypot configuration (YAML).")
    Path config;

    @Option(
        names = "--data",
        paramLabel = "DIR",
        description =
            "Data directory: host keys, uploads, transcripts (default .bulwark/honeypot).")
    Path data;

    @Option(
        names = "--bind",
        paramLabel = "ADDRESS",
        description = "Address to listen on (default 127.0.0.1; 0.0.0.0 exposes the decoys).")
    String bind;

    @Option(names = "--ssh-port", paramLabel = "N", description = "SSH port (default 2222).")
    Integer sshPort;

    @Option(names = "--telnet-port", paramLabel = "N", description = "Telnet port (default 2323).")
    Integer telnetPort;

    @Option(
        names = "--http-port",
        paramLabel = "N",
        description = "HTTP decoy port (default 8080).")
    Integer httpPort;

    @Option(
        names = "--events",
        paramLabel = "FILE",
        description = "Event log (default DIR/events.json).")
    Path events;

    @Option(
        names = "--for",
        paramLabel = "SECONDS",
        description = "Stop after this many seconds instead of running until interrupted.")
    Long seconds;

    @Override
    public Integer call() throws Exception {
      HoneypotConfig c =
          HoneypotService.config(
              config,
              new HoneypotService.Overrides(data, bind, sshPort, telnetPort, httpPort, events));
      PrintWriter out = spec.commandLine().getOut();
      CountDownLatch stop = new CountDownLatch(1);
      try (Honeypot h = HoneypotService.start(c)) {
        if (h.sshPort() >= 0) {
          out.println("SSH honeypot (" + c.profile() + ") on " + c.bind() + ":" + h.sshPort());
        }
        if (h.telnetPort() >= 0) {
          out.println("Telnet honeypot on " + c.bind() + ":" + h.telnetPort());
        }
        if (h.httpPort() >= 0) {
          out.println("HTTP decoy (" + c.httpSite() + ") on " + c.bind() + ":" + h.httpPort());
        }
        out.println("events: " + c.events().toAbsolutePath());
        out.flush();
        Thread hook = new Thread(stop::countDown);
        Runtime.getRuntime().addShutdownHook(hook);
        if (seconds != null) {
          stop.await(
              Duration.ofSeconds(seconds).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } else {
          stop.await();
        }
        out.println(h.events().written() + " events written");
      }
      return 0;
    }
  }
}
