package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The deployment files in deploy/ are not run by the tests (no container runtime here), so they are
 * read instead: every server they start must parse as a real {@code bulwark serve} command line,
 * use PostgreSQL, and be probed at {@code /api/ready} and {@code /api/health} on the port it
 * listens on, with a Host header the server accepts. A renamed option or route fails here.
 */
class DeployFilesTest {
  static final Path DEPLOY = Path.of("..", "deploy");
  static final YAMLMapper YAML = new YAMLMapper();

  /** What a serve command line in a deployment file says. */
  record Serve(String host, int port, String dbUrl, List<String> publicNames) {}

  private static Serve parseServe(List<String> args, Map<String, String> env) {
    assertThat(args).as("a serve command").isNotEmpty().first().isEqualTo("serve");
    List<String> expanded = new ArrayList<>();
    for (String a : args) {
      String out = a;
      for (var e : env.entrySet()) {
        out = out.replace("$(" + e.getKey() + ")", e.getValue());
      }
      expanded.add(out);
    }
    CommandLine cl = BulwarkCommand.commandLine(expanded.toArray(String[]::new));
    // throws on an option the CLI does not have, or a value of the wrong type
    CommandLine.ParseResult parsed = cl.parseArgs(expanded.toArray(String[]::new));
    CommandLine.ParseResult serve = parsed.subcommand();
    assertThat(serve.commandSpec().name()).isEqualTo("serve");
    assertThat(serve.unmatched()).as("unknown arguments").isEmpty();
    return new Serve(
        serve.matchedOptionValue("--host", "127.0.0.1"),
        serve.matchedOptionValue("--port", 8555),
        serve.matchedOptionValue("--db-url", null),
        serve.matchedOptionValue("--public-name", List.of()));
  }

  private static void assertAcceptedHost(String host, Serve s) {
    assertThat(
            host.equals("localhost") || host.equals("127.0.0.1") || s.publicNames().contains(host))
        .as("the probe's Host %s is one the server answers to", host)
        .isTrue();
  }

  @Test
  void composeStartsServersOnPostgres_probedAtReady() throws Exception {
    JsonNode compose = YAML.readTree(DEPLOY.resolve("docker-compose.yml").toFile());
    List<String> servers = new ArrayList<>();
    for (var it = compose.path("services").properties().iterator(); it.hasNext(); ) {
      var svc = it.next();
      JsonNode command = svc.getValue().path("command");
      if (!command.isArray() || !command.get(0).asText().equals("serve")) {
        continue;
      }
      servers.add(svc.getKey());
      List<String> args = new ArrayList<>();
      command.forEach(a -> args.add(a.asText()));
      Serve s = parseServe(args, Map.of());
      assertThat(s.dbUrl()).as(svc.getKey()).startsWith("jdbc:postgresql://db:");
      JsonNode env = svc.getValue().path("environment");
      assertThat(env.has("BULWARK_DB_USER") && env.has("BULWARK_DB_PASSWORD"))
          .as(svc.getKey() + ": the database credentials the serve command reads")
          .isTrue();
      String check = svc.getValue().path("healthcheck").path("test").toString();
      assertThat(check).contains("/dev/tcp/127.0.0.1/" + s.port()).contains("GET /api/ready ");
      java.util.regex.Matcher host =
          java.util.regex.Pattern.compile("Host: ([A-Za-z0-9.-]+)").matcher(check);
      assertThat(host.find()).isTrue();
      assertAcceptedHost(host.group(1), s);
      for (JsonNode p : svc.getValue().path("ports")) {
        assertThat(p.asText())
            .as("published on the loopback address only")
            .startsWith("127.0.0.1:")
            .endsWith(":" + s.port());
      }
    }
    assertThat(servers).as("several servers on one database").hasSizeGreaterThanOrEqualTo(2);
    assertThat(compose.path("services").path("db").path("image").asText()).startsWith("postgres");
  }

  @Test
  void kubernetesDeploymentIsProbedAtReadyAndHealth_onItsPort() throws Exception {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it =
        YAML.readerFor(JsonNode.class)
            .readValues(Files.readString(DEPLOY.resolve("kubernetes/bulwark.yaml")))) {
      while (it.hasNext()) {
        docs.add(it.next());
      }
    }
    JsonNode config =
        docs.stream()
            .filter(d -> d.path("kind").asText().equals("ConfigMap"))
            .findFirst()
            .orElseThrow();
    JsonNode deployment =
        docs.stream()
            .filter(d -> d.path("kind").asText().equals("Deployment"))
            .findFirst()
            .orElseThrow();
    assertThat(deployment.path("spec").path("replicas").asInt()).isGreaterThanOrEqualTo(2);
    JsonNode container =
        deployment.path("spec").path("template").path("spec").path("containers").get(0);
    Map<String, String> env = new java.util.HashMap<>();
    List<String> envNames = new ArrayList<>();
    for (JsonNode e : container.path("env")) {
      envNames.add(e.path("name").asText());
      JsonNode ref = e.path("valueFrom").path("configMapKeyRef");
      if (!ref.isMissingNode()) {
        env.put(
            e.path("name").asText(), config.path("data").path(ref.path("key").asText()).asText());
      }
    }
    assertThat(envNames).contains("BULWARK_DB_USER", "BULWARK_DB_PASSWORD");
    List<String> args = new ArrayList<>();
    container.path("args").forEach(a -> args.add(a.asText()));
    Serve s = parseServe(args, env);
    assertThat(s.dbUrl()).startsWith("jdbc:postgresql://");
    assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(s.port());
    for (String probe : List.of("readinessProbe", "livenessProbe")) {
      JsonNode get = container.path(probe).path("httpGet");
      assertThat(get.path("path").asText())
          .as(probe)
          .isEqualTo(probe.equals("readinessProbe") ? "/api/ready" : "/api/health");
      assertThat(get.path("port").asInt()).as(probe).isEqualTo(s.port());
      String host = "";
      for (JsonNode h : get.path("httpHeaders")) {
        if (h.path("name").asText().equalsIgnoreCase("Host")) {
          host = h.path("value").asText();
        }
      }
      assertAcceptedHost(host, s);
    }
    JsonNode service =
        docs.stream()
            .filter(d -> d.path("kind").asText().equals("Service"))
            .findFirst()
            .orElseThrow();
    assertThat(service.path("spec").path("ports").get(0).path("targetPort").asInt())
        .isEqualTo(s.port());
  }

  @Test
  void theCredentialVariablesAreTheOnesServeReads() {
    Cli.Result help = Cli.run("serve", "--help");
    assertThat(help.out()).contains("BULWARK_DB_USER").contains("BULWARK_DB_PASSWORD");
    assertThat(help.out()).contains("--db-url").contains("--host").contains("--port");
  }
}
