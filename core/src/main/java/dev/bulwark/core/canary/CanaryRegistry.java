package dev.bulwark.core.canary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The canary tokens Bulwark made, as other capabilities need to recognise them: the registry file
 * ({@code canaries.jsonl}, one JSON object per token with its {@code id}, {@code kind} and the
 * SHA-256 of each secret value it planted under {@code secrets}). The deception capability writes
 * it and the secrets scanner reads it, without either knowing the other. Only hashes are kept, so
 * the registry itself leaks no decoy value.
 */
public final class CanaryRegistry {
  /** A recognised token: its id and kind. */
  public record Mark(String id, String kind) {}

  /** Where {@code bulwark canary create} keeps its registry by default (relative to the CWD). */
  public static final Path DEFAULT = Path.of(".bulwark", "canary", "canaries.jsonl");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ID = Pattern.compile("(?<![a-z0-9])[a-z2-7]{20}(?![a-z0-9])");

  private final Map<String, Mark> byHash;
  private final Map<String, Mark> byId;

  private CanaryRegistry(Map<String, Mark> byHash, Map<String, Mark> byId) {
    this.byHash = Map.copyOf(byHash);
    this.byId = Map.copyOf(byId);
  }

  public static CanaryRegistry empty() {
    return new CanaryRegistry(Map.of(), Map.of());
  }

  /**
   * The registry scans consult: the file named by the {@code bulwark.canary.registry} system
   * property or the {@code BULWARK_CANARY_REGISTRY} variable, else {@link #DEFAULT}; none there is
   * an empty registry, an unreadable one an error.
   */
  public static CanaryRegistry forScans() throws IOException {
    String named = System.getProperty("bulwark.canary.registry");
    if (named == null || named.isBlank()) {
      named = System.getenv("BULWARK_CANARY_REGISTRY");
    }
    Path file = named == null || named.isBlank() ? DEFAULT : Path.of(named);
    return Files.isRegularFile(file) ? load(file) : empty();
  }

  /** Reads a registry; a line that is not a token record is an error naming file and line. */
  public static CanaryRegistry load(Path file) throws IOException {
    Map<String, Mark> byHash = new HashMap<>();
    Map<String, Mark> byId = new HashMap<>();
    int no = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      no++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode n;
      try {
        n = JSON.readTree(line);
      } catch (IOException e) {
        throw new IOException(file + ":" + no + ": not a canary record", e);
      }
      if (n == null || !n.path("id").isTextual() || !n.path("kind").isTextual()) {
        throw new IOException(file + ":" + no + ": not a canary record (id and kind expected)");
      }
      Mark m = new Mark(n.get("id").asText(), n.get("kind").asText());
      byId.put(m.id(), m);
      for (JsonNode h : n.path("secrets")) {
        byHash.put(h.asText(), m);
      }
    }
    return new CanaryRegistry(byHash, byId);
  }

  public boolean isEmpty() {
    return byId.isEmpty();
  }

  /**
   * The token a found value belongs to: the value is one of its secrets, or it carries the token's
   * id (a call-back URL, a canary host name).
   */
  public Optional<Mark> recognise(String value) {
    if (value == null || byId.isEmpty()) {
      return Optional.empty();
    }
    Mark m = byHash.get(sha256(value));
    if (m != null) {
      return Optional.of(m);
    }
    Matcher ids = ID.matcher(value);
    while (ids.find()) {
      Mark byName = byId.get(ids.group());
      if (byName != null) {
        return Optional.of(byName);
      }
    }
    return Optional.empty();
  }

  /** The hash a registry keeps of a planted secret value. */
  public static String sha256(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
