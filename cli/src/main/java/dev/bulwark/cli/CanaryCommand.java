package dev.bulwark.cli;

import dev.bulwark.cli.usecase.CanaryService;
import dev.bulwark.deception.canary.Canary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bulwark canary}: decoys to plant that reveal who touched them. */
@Command(
    name = "canary",
    mixinStandardHelpOptions = true,
    description = "Make canary tokens: decoy keys, URLs, documents and names that call home.",
    subcommands = {CanaryCommand.Create.class, CanaryCommand.ListTokens.class})
final class CanaryCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Make a canary token and add it to the registry.",
        "Kinds: aws-key, api-token, url, dns, docx, pdf, db-conn. Prints what to plant (documents",
        "are written to DIR/canaries/); each token carries a unique id that its call-back names."
      })
  static final class Create implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--kind", required = true, paramLabel = "KIND", description = "What to make.")
    String kind;

    // The team server records a call-back for any well-formed id (see the server's canary
    // endpoint), so a token needs no registration there: minting it against the server's URL is
    // enough, and a token made while the server is down still alerts once planted.
    @Option(
        names = {"--callback", "--url"},
        paramLabel = "URL",
        defaultValue = "http://127.0.0.1:8088",
        description =
            "The team server (`bulwark serve`) that receives call-backs at URL/c/ID"
                + " (default ${DEFAULT-VALUE}).")
    String url;

    @Option(
        names = "--domain",
        paramLabel = "ZONE",
        defaultValue = "canary.invalid",
        description = "DNS zone of the call-back responder (default ${DEFAULT-VALUE}).")
    String domain;

    @Option(names = "--memo", paramLabel = "TEXT", description = "Where the token is planted.")
    String memo;

    @Option(
        names = "--data",
        paramLabel = "DIR",
        defaultValue = ".bulwark/canary",
        description = "Registry directory (default ${DEFAULT-VALUE}).")
    Path data;

    @Override
    public Integer call() throws Exception {
      Canary c = CanaryService.create(data, kind, url, domain, memo);
      PrintWriter out = spec.commandLine().getOut();
      out.println("canary " + c.id() + " (" + c.kind().id() + "), call-back " + c.callback());
      out.print(c.planted().endsWith("\n") ? c.planted() : c.planted() + "\n");
      return 0;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List registered canary tokens.")
  static final class ListTokens implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--data",
        paramLabel = "DIR",
        defaultValue = ".bulwark/canary",
        description = "Registry directory.")
    Path data;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      for (Canary c : CanaryService.list(data)) {
        out.println(
            c.id()
                + "  "
                + c.kind().id()
                + "  "
                + c.created()
                + "  "
                + c.callback()
                + "  "
                + c.memo());
      }
      return 0;
    }
  }
}
