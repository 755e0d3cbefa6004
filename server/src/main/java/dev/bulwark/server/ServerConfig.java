package dev.bulwark.server;

/**
 * How the server listens: address (127.0.0.1 unless configured otherwise), port (0 picks a free
 * one), body limits, whether session cookies carry the Secure flag (on; turn off only behind plain
 * HTTP on a host name browsers do not treat as secure), and the Sigma rules whose ATT&CK coverage
 * the dashboard shows.
 */
public record ServerConfig(
    String host,
    int port,
    long maxUploadBytes,
    long maxRequestBytes,
    boolean secureCookies,
    java.util.List<java.nio.file.Path> sigmaRules) {

  public ServerConfig {
    sigmaRules = java.util.List.copyOf(sigmaRules);
  }

  public static ServerConfig defaults() {
    return new ServerConfig("127.0.0.1", 8555, 64L << 20, 1L << 20, true, java.util.List.of());
  }

  public ServerConfig withPort(int p) {
    return new ServerConfig(host, p, maxUploadBytes, maxRequestBytes, secureCookies, sigmaRules);
  }

  public ServerConfig withHost(String h) {
    return new ServerConfig(h, port, maxUploadBytes, maxRequestBytes, secureCookies, sigmaRules);
  }

  public ServerConfig withMaxUploadBytes(long b) {
    return new ServerConfig(host, port, b, maxRequestBytes, secureCookies, sigmaRules);
  }

  /** Sigma rules (files or directories) besides Bulwark's own pack, for ATT&CK coverage. */
  public ServerConfig withSigmaRules(java.util.List<java.nio.file.Path> rules) {
    return new ServerConfig(host, port, maxUploadBytes, maxRequestBytes, secureCookies, rules);
  }
}
