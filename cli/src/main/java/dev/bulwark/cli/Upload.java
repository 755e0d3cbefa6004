package dev.bulwark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Sends a JSON report to a Bulwark server. The upload key is the report's SHA-256, so a retry after
 * a dropped connection is recognised and changes nothing. The token comes from BULWARK_TOKEN or a
 * file, never from the command line, where other users could read it.
 */
final class Upload {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ATTEMPTS = 3;

  private Upload() {}

  static String token(Path tokenFile) throws InputException {
    return token(tokenFile, "--upload");
  }

  /** The API token for {@code option} (named in the error when none is set). */
  static String token(Path tokenFile, String option) throws InputException {
    if (tokenFile != null) {
      try {
        return Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new InputException(tokenFile + ": cannot read the token: " + e.getMessage(), e);
      }
    }
    String env = System.getenv("BULWARK_TOKEN");
    if (env == null || env.isBlank()) {
      throw new InputException(
          option + " needs an API token: set BULWARK_TOKEN or give --token-file FILE");
    }
    return env.strip();
  }

  /** Uploads and returns the server's answer (scan id, new, fixed, reopened …). */
  static JsonNode send(URI server, String project, String token, byte[] report)
      throws InputException, InterruptedException {
    return post(server, project, "uploads", token, report);
  }

  /**
   * Sends the verified patches of a {@code bulwark fix} report; returns the server's answer
   * (stored, matched, skipped).
   */
  static JsonNode sendFixes(URI server, String project, String token, byte[] report)
      throws InputException, InterruptedException {
    return post(server, project, "fixes", token, report);
  }

  /** Sends a member's check-up results (statuses only); returns the server's answer. */
  static JsonNode sendCheckup(URI server, String project, String token, byte[] results)
      throws InputException, InterruptedException {
    return post(server, project, "checkups", token, results);
  }

  /** Stores a patch plan ({@code deps plan --format json}) as the project's latest. */
  static JsonNode sendPlan(URI server, String project, String token, byte[] plan)
      throws InputException, InterruptedException {
    return request("PUT", server, project, "patch-plan", token, plan);
  }

  private static JsonNode post(URI server, String project, String what, String token, byte[] report)
      throws InputException, InterruptedException {
    return request("POST", server, project, what, token, report);
  }

  private static JsonNode request(
      String method, URI server, String project, String what, String token, byte[] report)
      throws InputException, InterruptedException {
    URI target =
        server.resolve(
            "/api/projects/"
                + URLEncoder.encode(project, StandardCharsets.UTF_8).replace("+", "%20")
                + "/"
                + what);
    return exchange(method, target, token, report, "upload failed: ");
  }

  /**
   * Posts a JSON body to an API path of the server ({@code /api/...}) with the token; returns the
   * answer, or fails with {@code failure} and the server's reason.
   */
  static JsonNode postApi(URI server, String path, String token, byte[] body, String failure)
      throws InputException, InterruptedException {
    return exchange("POST", server.resolve(path), token, body, failure);
  }

  /** Reads an API path of the server ({@code /api/...}, with its query) with the token. */
  static JsonNode getApi(URI server, String path, String token, String failure)
      throws InputException, InterruptedException {
    return exchange("GET", server.resolve(path), token, new byte[0], failure);
  }

  private static JsonNode exchange(
      String method, URI target, String token, byte[] report, String failure)
      throws InputException, InterruptedException {
    String key = sha256(report);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest req =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofMinutes(5))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .method(
                method,
                method.equals("GET")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(report))
            .build();
    String last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 || r.statusCode() == 201) {
          return JSON.readTree(r.body());
        }
        String error = r.body();
        try {
          error = JSON.readTree(r.body()).path("error").asText(r.body());
        } catch (IOException ignored) {
          // not JSON: keep the raw text
        }
        last = target + ": HTTP " + r.statusCode() + ": " + error;
        if (r.statusCode() < 500) {
          break; // the server will say the same again
        }
      } catch (IOException e) {
        last = target + ": " + e.getMessage();
      }
      Thread.sleep(500L * attempt);
    }
    throw new InputException(failure + last);
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
