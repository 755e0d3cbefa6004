package dev.bulwark.server;

import java.nio.file.Path;
import java.util.List;

/**
 * How the server listens: address (127.0.0.1 unless configured otherwise), port (0 picks a free
 * one), body limits, whether session cookies carry the Secure flag (on; turn off only behind plain
 * HTTP on a host name browsers do not treat as secure), the Sigma rules whose ATT&CK coverage the
 * dashboard shows, the data directory (where the first-run credential is written, owner-only), the
 * host names clients may use in the {@code Host} header (loopback names by default, against DNS
 * rebinding), and the proxies whose {@code X-Forwarded-For} is believed.
 */
public record ServerConfig(
    String host,
    int port,
    long maxUploadBytes,
    long maxRequestBytes,
    boolean secureCookies,
    List<Path> sigmaRules,
    Path dataDir,
    List<String> publicNames,
    List<String> trustedProxies) {

  public ServerConfig {
    sigmaRules = List.copyOf(sigmaRules);
    publicNames = List.copyOf(publicNames);
    trustedProxies = List.copyOf(trustedProxies);
  }

  public ServerConfig(
      String host,
      int port,
      long maxUploadBytes,
      long maxRequestBytes,
      boolean secureCookies,
      List<Path> sigmaRules) {
    this(
        host,
        port,
        maxUploadBytes,
        maxRequestBytes,
        secureCookies,
        sigmaRules,
        null,
        List.of(),
        List.of());
  }

  public static ServerConfig defaults() {
    return new ServerConfig("127.0.0.1", 8555, 64L << 20, 1L << 20, true, List.of());
  }

  public ServerConfig withPort(int p) {
    return new ServerConfig(
        host,
        p,
        maxUploadBytes,
        maxRequestBytes,
        secureCookies,
        sigmaRules,
        dataDir,
        publicNames,
        trustedProxies);
  }

  public ServerConfig withHost(String h) {
    return new ServerConfig(
        h,
        port,
        maxUploadBytes,
        maxRequestBytes,
        secureCookies,
        sigmaRules,
        dataDir,
        publicNames,
        trustedProxies);
  }

  public ServerConfig withMaxUploadBytes(long b) {
    return new ServerConfig(
        host,
        port,
        b,
        maxRequestBytes,
        secureCookies,
        sigmaRules,
        dataDir,
        publicNames,
        trustedProxies);
  }

  /** Sigma rules (files or directories) besides Bulwark's own pack, for ATT&CK coverage. */
  public ServerConfig withSigmaRules(List<Path> rules) {
    return new ServerConfig(
        host,
        port,
        maxUploadBytes,
        maxRequestBytes,
        secureCookies,
        rules,
        dataDir,
        publicNames,
        trustedProxies);
  }

  /** Where the first-run admin credential is written (owner-only). */
  public ServerConfig withDataDir(Path dir) {
    return new ServerConfig(
        host,
        port,
        maxUploadBytes,
        maxRequestBytes,
        secureCookies,
        sigmaRules,
        dir,
        publicNames,
        trustedProxies);
  }

  /** Host names (without port) clients may send in {@code Host} besides the loopback names. */
  public ServerConfig withPublicNames(List<String> names) {
    return new ServerConfig(
        host,
        port,
        maxUploadBytes,
        maxRequestBytes,
        secureCookies,
        sigmaRules,
        dataDir,
        names,
        trustedProxies);
  }

  /** Peers (addresses) whose {@code X-Forwarded-For} names the client. */
  public ServerConfig withTrustedProxies(List<String> proxies) {
    return new ServerConfig(
        host,
        port,
        maxUploadBytes,
        maxRequestBytes,
        secureCookies,
        sigmaRules,
        dataDir,
        publicNames,
        proxies);
  }
}
