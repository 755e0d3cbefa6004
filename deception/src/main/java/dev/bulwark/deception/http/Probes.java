package dev.bulwark.deception.http;

import com.sun.net.httpserver.Headers;
import java.net.URLDecoder;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Typical exploit probes that scanners and botnets send to any web server, named by what they try.
 * Matched on the request line and body, lower-cased and percent-decoded once (so {@code ..%2f} is
 * {@code ../}); header values only for the probes that live in headers (Log4Shell, Shellshock). A
 * probe is recorded, never answered differently: the decoy's reply gives no sign it understood.
 */
final class Probes {
  private record Probe(String name, List<String> needles) {}

  private static final List<Probe> IN_REQUEST =
      List.of(
          new Probe("log4shell", List.of("${jndi:")),
          new Probe("path-traversal", List.of("../", "..\\", "/etc/passwd", "win.ini")),
          new Probe("dotenv", List.of("/.env")),
          new Probe("git-exposure", List.of("/.git/")),
          new Probe(
              "php-code-injection",
              List.of(
                  "allow_url_include", "php://input", "eval-stdin.php", "<?php", "base64_decode(")),
          new Probe(
              "router-rce",
              List.of("/boaform/", "/hnap1", "/gponform/", "setup.cgi", "/goform/", "/shell?")),
          new Probe(
              "command-injection",
              List.of(
                  ";wget ", "|wget ", ";curl ", "|curl ", "$(wget", "$(curl", "`wget", "/bin/sh",
                  "busybox")),
          new Probe("cgi-bin", List.of("/cgi-bin/")),
          new Probe(
              "sql-injection",
              List.of("union select", "' or '1'='1", "or 1=1", "sleep(", "information_schema")),
          new Probe("spring-actuator", List.of("/actuator/")),
          new Probe("wordpress-scan", List.of("/xmlrpc.php", "/wp-content/plugins/", "/wp-json/")));

  private Probes() {}

  /** The name of the first probe the request matches. */
  static Optional<String> match(String method, String url, String body, Headers headers) {
    String text = (decode(url) + "\n" + decode(body)).toLowerCase(Locale.ROOT);
    for (Probe p : IN_REQUEST) {
      for (String n : p.needles()) {
        if (text.contains(n)) {
          return Optional.of(p.name());
        }
      }
    }
    for (List<String> values : headers.values()) {
      for (String v : values) {
        String lv = v.toLowerCase(Locale.ROOT);
        if (lv.contains("${jndi:")) {
          return Optional.of("log4shell");
        }
        if (v.startsWith("() {")) {
          return Optional.of("shellshock");
        }
      }
    }
    if (method.equals("PUT") || method.equals("PROPFIND")) {
      return Optional.of("webdav-upload");
    }
    return Optional.empty();
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // a malformed escape is itself typical of a probe; match on the raw text
      return s;
    }
  }
}
