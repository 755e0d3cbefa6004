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
    // endpoint), so a token made offline still alerts once planted; registering it there (with
    // --server) adds what it is and where it was planted to its alerts and findings.
    @Option(
        names = {"--callback", "--url"},
        paramLabel = "URL",
        description =
            "Where call-backs go (URL/c/ID): the team server's address as the planted decoy will"
                + " reach it (default: --server, else http://127.0.0.1:8555).")
    String url;

    @Option(
        names = "--server",
        paramLabel = "URL",
        description =
            "Register the token in the team server's registry (bulwark serve), as well as in the"
                + " local one; the API token comes from BULWARK_TOKEN or --token-file.")
    java.net.URI server;

    @Option(
        names = "--token-file",
        paramLabel = "FILE",
        description = "A file holding the API token for --server.")
    Path tokenFile;

    @Option(
        names = "--project",
        paramLabel = "NAME",
        description =
            "The server project the token's alerts are filed under as findings (default"
                + " canaries).")
    String project;

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
      String callback =
          url != null ? url : server != null ? server.toString() : "http://127.0.0.1:8555";
      Canary c;
      if (server != null) {
        String token = Upload.token(tokenFile, "--server");
        c =
            CanaryService.create(
                data,
                kind,
                callback,
                domain,
                memo,
                m ->
                    Upload.postApi(
                        server,
                        "/api/canary-tokens",
                        token,
                        CanaryService.registration(m, project),
                        "registering the canary token failed: "));
      } else {
        c = CanaryService.create(data, kind, callback, domain, memo, m -> {});
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          "canary "
              + c.id()
              + " ("
              + c.kind().id()
              + "), call-back "
              + c.callback()
              + (server != null ? ", registered on " + server : ""));
      out.print(c.planted().endsWith("\n") ? c.planted() : c.planted() + "\n");
      return 0;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {
        "List registered canary tokens.",
        "The local registry, or with --server the team server's (every page of it)."
      })
  static final class ListTokens implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--server",
        paramLabel = "URL",
        description =
            "List the team server's registry instead; the API token comes from BULWARK_TOKEN or"
                + " --token-file.")
    java.net.URI server;

    @Option(
        names = "--token-file",
        paramLabel = "FILE",
        description = "A file holding the API token for --server.")
    Path tokenFile;

    @Option(
        names = "--data",
        paramLabel = "DIR",
        defaultValue = ".bulwark/canary",
        description = "Registry directory.")
    Path data;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      if (server != null) {
        String token = Upload.token(tokenFile, "--server");
        Integer offset = 0;
        while (offset != null) {
          com.fasterxml.jackson.databind.JsonNode page =
              Upload.getApi(
                  server,
                  "/api/canary-tokens?limit=500&offset=" + offset,
                  token,
                  "reading the server's canary tokens failed: ");
          for (com.fasterxml.jackson.databind.JsonNode t : page.path("items")) {
            out.println(
                String.join(
                    "  ",
                    t.path("id").asText(),
                    t.path("kind").asText(),
                    t.path("created").asText(),
                    t.path("callback").asText(),
                    t.path("project").asText(),
                    t.path("memo").asText()));
          }
          offset = page.path("nextOffset").isInt() ? page.path("nextOffset").asInt() : null;
        }
        return 0;
      }
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
