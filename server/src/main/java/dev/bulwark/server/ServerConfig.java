package dev.bulwark.server;

/**
 * How the server listens: address (127.0.0.1 unless configured otherwise), port (0 picks a free
 * one), body limits, and whether session cookies carry the Secure flag (on; turn off only behind
 * plain HTTP on a host name browsers do not treat as secure).
 */
public record ServerConfig(
    String host, int port, long maxUploadBytes, long maxRequestBytes, boolean secureCookies) {

  public static ServerConfig defaults() {
    return new ServerConfig("127.0.0.1", 8555, 64L << 20, 1L << 20, true);
  }

  public ServerConfig withPort(int p) {
    return new ServerConfig(host, p, maxUploadBytes, maxRequestBytes, secureCookies);
  }

  public ServerConfig withHost(String h) {
    return new ServerConfig(h, port, maxUploadBytes, maxRequestBytes, secureCookies);
  }

  public ServerConfig withMaxUploadBytes(long b) {
    return new ServerConfig(host, port, b, maxRequestBytes, secureCookies);
  }
}
