package dev.bulwark.cli;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.server.BulwarkServer;
import dev.bulwark.server.ServerConfig;
import dev.bulwark.store.Store;
import dev.bulwark.store.StoreException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the team server: the HTTP API and the web console.",
      "The API is under /api (OpenAPI at /api/openapi.json), the console at /.",
      "The store is an H2 database in the data directory, or PostgreSQL with --db-url.",
      "On first run an admin is created; its one-time token is written to a file only you can",
      "read in the data directory (the path is printed, the token never is)."
    },
    subcommands = {ServeCommand.Tokens.class})
final class ServeCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--public-name",
      paramLabel = "HOST",
      description =
          "A host name clients use to reach the server (repeatable); other Host headers are"
              + " refused, against DNS rebinding. Loopback names are always accepted.")
  java.util.List<String> publicNames = new java.util.ArrayList<>();

  @Option(
      names = "--trusted-proxy",
      paramLabel = "ADDRESS",
      description =
          "A reverse proxy's address (repeatable) whose X-Forwarded-For names the client, for"
              + " sign-in throttling and the audit log.")
  java.util.List<String> trustedProxies = new java.util.ArrayList<>();

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description = "Address to listen on (default ${DEFAULT-VALUE}; anything else exposes it).")
  String host = "127.0.0.1";

  @Option(names = "--port", paramLabel = "N", description = "Port (default ${DEFAULT-VALUE}).")
  int port = 8555;

  @picocli.CommandLine.Mixin CommonOptions.DataDirectory dataDir;

  @Option(
      names = "--db-url",
      paramLabel = "JDBC-URL",
      description =
          "A PostgreSQL store, e.g. jdbc:postgresql://127.0.0.1/bulwark; user and password from"
              + " BULWARK_DB_USER and BULWARK_DB_PASSWORD.")
  String dbUrl;

  @Option(
      names = "--max-upload-mb",
      paramLabel = "MB",
      description = "Largest report an upload may send (default ${DEFAULT-VALUE}).")
  int maxUploadMb = 64;

  @Option(
      names = "--sigma-rules",
      paramLabel = "PATH",
      description =
          "Sigma rule files or directories in force besides Bulwark's own (repeatable), for the"
              + " dashboard's ATT&CK coverage.")
  java.util.List<Path> sigmaRules = new java.util.ArrayList<>();

  @Option(
      names = "--dns-zone",
      paramLabel = "ZONE",
      description =
          "Also answer DNS for ZONE, a zone you own and delegate here, so a lookup of a canary"
              + " name (canary create --kind dns --domain ZONE) is an alert; off unless given.")
  String dnsZone;

  @Option(
      names = "--dns-host",
      paramLabel = "ADDRESS",
      description =
          "Address the DNS responder listens on (default ${DEFAULT-VALUE}; anything else exposes"
              + " it).")
  String dnsHost = "127.0.0.1";

  @Option(
      names = "--dns-port",
      paramLabel = "N",
      description = "UDP port of the DNS responder (default ${DEFAULT-VALUE}).")
  int dnsPort = 53;

  @Option(
      names = "--insecure-cookies",
      description =
          "Leave the Secure flag off session cookies: only for plain HTTP on a host name that"
              + " browsers do not treat as secure (localhost and 127.0.0.1 do not need it).")
  boolean insecureCookies;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new InputException("--port must be 0 to 65535");
    }
    if (dnsPort < 0 || dnsPort > 65535) {
      throw new InputException("--dns-port must be 0 to 65535");
    }
    dev.bulwark.deception.dns.CanaryZone zone = null;
    if (dnsZone != null) {
      try {
        zone = new dev.bulwark.deception.dns.CanaryZone(dnsZone);
      } catch (IllegalArgumentException e) {
        throw new InputException("--dns-zone: " + e.getMessage(), e);
      }
    }
    Path data = dataDir.dir();
    java.io.PrintWriter err = spec.commandLine().getErr();
    for (String w : dev.bulwark.store.OwnerOnly.secure(data)) {
      err.println("bulwark serve: warning: " + w);
    }
    Store store;
    try {
      store =
          dbUrl != null
              ? Store.open(
                  dbUrl, System.getenv("BULWARK_DB_USER"), System.getenv("BULWARK_DB_PASSWORD"))
              : Store.openDefault(dataDir.dir());
    } catch (StoreException e) {
      throw new InputException(e.getMessage(), e);
    }
    for (String note : store.notes()) {
      err.println("bulwark serve: warning: " + note);
    }
    ServerConfig cfg =
        new ServerConfig(
            host,
            port,
            (long) maxUploadMb << 20,
            1L << 20,
            !insecureCookies,
            sigmaRules,
            data,
            publicNames,
            trustedProxies);
    BulwarkServer server = new BulwarkServer(store, cfg, System.err).start();
    dev.bulwark.deception.dns.DnsResponder dns = null;
    if (zone != null) {
      try {
        dns = startDns(server, zone, dnsHost, dnsPort, err);
      } catch (java.io.IOException e) {
        server.close();
        store.close();
        throw new InputException(
            e.getMessage()
                + (dnsPort < 1024 ? " (ports below 1024 need privileges; try --dns-port)" : ""),
            e);
      }
      err.println(
          "bulwark serve: canary DNS for "
              + zone.zone()
              + " on "
              + dnsHost
              + " UDP port "
              + dns.address().getPort()
              + (dns.address().getAddress().isLoopbackAddress()
                  ? ""
                  : ": reachable from other machines, as an authoritative server must be"));
    }
    dev.bulwark.deception.dns.DnsResponder dnsToStop = dns;
    if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("::1")) {
      spec.commandLine()
          .getErr()
          .println(
              "bulwark serve: listening on "
                  + host
                  + ": reachable from other machines; put TLS in front");
    }
    spec.commandLine()
        .getErr()
        .println(
            "bulwark serve: console and API on http://"
                + (host.contains(":") ? "[" + host + "]" : host)
                + ":"
                + server.port()
                + "/ (store: "
                + (dbUrl != null ? "PostgreSQL" : dataDir.dir().resolve("store"))
                + "); Ctrl-C stops it");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (dnsToStop != null) {
                    dnsToStop.close();
                  }
                  server.close();
                  store.close();
                  stopped.countDown();
                },
                "bulwark-serve-stop"));
    stopped.await();
    return ExitCodes.OK;
  }

  /**
   * The canary DNS responder of a running server: lookups of canary names in {@code zone} are
   * recorded by the server as call-backs from the resolver's address.
   */
  static dev.bulwark.deception.dns.DnsResponder startDns(
      BulwarkServer server,
      dev.bulwark.deception.dns.CanaryZone zone,
      String host,
      int port,
      java.io.PrintWriter err)
      throws java.io.IOException {
    return dev.bulwark.deception.dns.DnsResponder.start(
        zone,
        host,
        port,
        (token, resolver, name, type) -> server.canaryLookup(token, resolver),
        line -> err.println("bulwark serve: " + line));
  }

  @Command(
      name = "tokens",
      mixinStandardHelpOptions = true,
      description = {
        "List or revoke API tokens in the store.",
        "On H2 stop the server first (it holds the file); while it runs, use",
        "DELETE /api/tokens/{id}. PostgreSQL stores: any time."
      },
      subcommands = {Tokens.ListTokens.class, Tokens.Revoke.class})
  static final class Tokens implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "Every token, never its value.")
    static final class ListTokens extends StoreCommand.Where implements Callable<Integer> {
      @Override
      public Integer call() throws InputException {
        try (Store s = open()) {
          for (var t : new dev.bulwark.store.Accounts(s).tokens(null)) {
            out()
                .printf(
                    "%6d  %-12s %-20s expires %s  last used %s%s%n",
                    t.id(),
                    t.user(),
                    t.name(),
                    t.expiresAt() == null ? "never" : t.expiresAt(),
                    t.lastUsedAt() == null ? "never" : t.lastUsedAt(),
                    t.revoked() ? "  REVOKED" : "");
          }
        }
        return ExitCodes.OK;
      }
    }

    @Command(
        name = "revoke",
        mixinStandardHelpOptions = true,
        description = "Revoke a token by its id.")
    static final class Revoke extends StoreCommand.Where implements Callable<Integer> {
      @picocli.CommandLine.Parameters(
          paramLabel = "ID",
          description = "The token's id (see `serve tokens list`).")
      long id;

      @Override
      public Integer call() throws InputException {
        try (Store s = open()) {
          var accounts = new dev.bulwark.store.Accounts(s);
          var admin =
              accounts.accounts().stream()
                  .filter(a -> a.role() == dev.bulwark.store.Accounts.Role.ADMIN)
                  .findFirst()
                  .map(a -> new dev.bulwark.store.Accounts.User(a.id(), a.name(), a.role()))
                  .orElse(null);
          if (admin == null) {
            throw new InputException("the store has no admin");
          }
          if (!accounts.revokeToken(id, admin)) {
            throw new InputException("no token " + id);
          }
          out().println("token " + id + " revoked");
        }
        return ExitCodes.OK;
      }
    }
  }
}
