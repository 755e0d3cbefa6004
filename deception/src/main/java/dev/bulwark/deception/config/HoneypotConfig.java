package dev.bulwark.deception.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.deception.profile.ProfileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * What the honeypot listens on and how it behaves. A port of 0 asks the system for a free one; a
 * port of -1 switches that service off. Read from YAML ({@code honeypot run --config FILE}); every
 * key is checked, so a misspelt setting stops the command.
 *
 * <pre>
 * profile: debian-12
 * bind: 0.0.0.0          # default 127.0.0.1: exposing the decoys is a deliberate choice
 * data: /var/lib/bulwark/honeypot
 * ssh: {port: 2222}
 * telnet: {port: 2323}
 * http: {port: 8080, site: "Router admin"}
 * accept:
 *   - {user: root, password: "*", after: 3}
 *   - {user: admin, publickey: true}
 * limits: {max-connections: 1024, max-per-source: 16, max-duration: 15m}
 * </pre>
 */
public record HoneypotConfig(
    String profile,
    String bind,
    Path data,
    Path events,
    int sshPort,
    int telnetPort,
    int httpPort,
    String httpSite,
    List<AuthRule> accept,
    Limits limits) {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  public HoneypotConfig {
    accept = List.copyOf(accept);
    if (events == null) {
      events = data.resolve("events.json");
    }
  }

  public static List<AuthRule> defaultAccept() {
    return List.of(new AuthRule("root", "*", 3, false), new AuthRule("admin", "admin", 0, false));
  }

  public static HoneypotConfig defaults(Path data) {
    return new HoneypotConfig(
        "debian-12",
        "127.0.0.1",
        data,
        null,
        2222,
        2323,
        8080,
        "Router admin",
        defaultAccept(),
        Limits.defaults());
  }

  public HoneypotConfig withPorts(Integer ssh, Integer telnet, Integer http) {
    return new HoneypotConfig(
        profile,
        bind,
        data,
        events,
        ssh == null ? sshPort : ssh,
        telnet == null ? telnetPort : telnet,
        http == null ? httpPort : http,
        httpSite,
        accept,
        limits);
  }

  public HoneypotConfig withBind(String b) {
    return new HoneypotConfig(
        profile, b, data, events, sshPort, telnetPort, httpPort, httpSite, accept, limits);
  }

  public HoneypotConfig withEvents(Path e) {
    return new HoneypotConfig(
        profile, bind, data, e, sshPort, telnetPort, httpPort, httpSite, accept, limits);
  }

  public HoneypotConfig withLimits(Limits l) {
    return new HoneypotConfig(
        profile, bind, data, events, sshPort, telnetPort, httpPort, httpSite, accept, l);
  }

  public HoneypotConfig withAccept(List<AuthRule> a) {
    return new HoneypotConfig(
        profile, bind, data, events, sshPort, telnetPort, httpPort, httpSite, a, limits);
  }

  /** Reads a configuration file; relative paths in it are relative to the file's directory. */
  public static HoneypotConfig read(Path file, Path defaultData)
      throws IOException, ProfileException {
    JsonNode root;
    try (InputStream in = Files.newInputStream(file)) {
      root = YAML.readTree(in);
    }
    String where = file.toString();
    if (root == null || !root.isObject()) {
      throw new ProfileException(where + ": expected a mapping");
    }
    keys(
        root,
        where,
        "",
        Set.of("profile", "bind", "data", "events", "ssh", "telnet", "http", "accept", "limits"));
    Path base = file.toAbsolutePath().getParent();
    HoneypotConfig d = defaults(defaultData);
    Path data = root.has("data") ? base.resolve(root.get("data").asText()) : d.data();
    Path events = root.has("events") ? base.resolve(root.get("events").asText()) : null;
    int ssh = port(root, "ssh", d.sshPort(), where);
    int telnet = port(root, "telnet", d.telnetPort(), where);
    int http = port(root, "http", d.httpPort(), where);
    String site = root.path("http").path("site").asText(d.httpSite());
    List<AuthRule> accept = d.accept();
    if (root.has("accept")) {
      accept = new ArrayList<>();
      int i = 0;
      for (JsonNode r : root.get("accept")) {
        i++;
        keys(r, where, "accept[" + i + "].", Set.of("user", "password", "after", "publickey"));
        try {
          accept.add(
              new AuthRule(
                  r.path("user").asText("*"),
                  r.has("password") ? r.get("password").asText() : null,
                  r.path("after").asInt(0),
                  r.path("publickey").asBoolean(false)));
        } catch (IllegalArgumentException | NullPointerException e) {
          throw new ProfileException(where + ": accept[" + i + "]: " + e.getMessage());
        }
      }
    }
    Limits limits = d.limits();
    JsonNode l = root.get("limits");
    if (l != null) {
      keys(
          l,
          where,
          "limits.",
          Set.of(
              "max-connections",
              "max-per-source",
              "max-sessions-per-connection",
              "max-input-bytes",
              "max-duration",
              "idle-timeout",
              "max-upload-bytes",
              "max-fs-bytes",
              "max-line-length"));
      try {
        limits =
            new Limits(
                l.path("max-connections").asInt(limits.maxConnections()),
                l.path("max-per-source").asInt(limits.maxPerSource()),
                l.path("max-sessions-per-connection").asInt(limits.maxSessionsPerConnection()),
                l.path("max-input-bytes").asLong(limits.maxInputBytes()),
                l.has("max-duration")
                    ? duration(l.get("max-duration").asText(), where)
                    : limits.maxDuration(),
                l.has("idle-timeout")
                    ? duration(l.get("idle-timeout").asText(), where)
                    : limits.idleTimeout(),
                l.path("max-upload-bytes").asLong(limits.maxUploadBytes()),
                l.path("max-fs-bytes").asLong(limits.maxFsBytes()),
                l.path("max-line-length").asInt(limits.maxLineLength()));
      } catch (IllegalArgumentException e) {
        throw new ProfileException(where + ": limits: " + e.getMessage());
      }
    }
    return new HoneypotConfig(
        root.path("profile").asText(d.profile()),
        root.path("bind").asText(d.bind()),
        data,
        events,
        ssh,
        telnet,
        http,
        site,
        accept,
        limits);
  }

  private static int port(JsonNode root, String service, int fallback, String where)
      throws ProfileException {
    JsonNode s = root.get(service);
    if (s == null) {
      return fallback;
    }
    keys(s, where, service + ".", service.equals("http") ? Set.of("port", "site") : Set.of("port"));
    int p = s.path("port").asInt(fallback);
    if (p < -1 || p > 65535) {
      throw new ProfileException(where + ": " + service + ".port out of range: " + p);
    }
    return p;
  }

  private static Duration duration(String v, String where) throws ProfileException {
    try {
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      return switch (v.charAt(v.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> throw new NumberFormatException();
      };
    } catch (RuntimeException e) {
      throw new ProfileException(where + ": bad duration '" + v + "' (expected e.g. 30s, 15m, 1h)");
    }
  }

  private static void keys(JsonNode n, String where, String prefix, Set<String> allowed)
      throws ProfileException {
    if (!n.isObject()) {
      throw new ProfileException(where + ": '" + prefix + "' must be a mapping");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        throw new ProfileException(
            where
                + ": unknown key '"
                + prefix
                + k
                + "' (expected "
                + String.join(", ", new java.util.TreeSet<>(allowed))
                + ")");
      }
    }
  }
}
