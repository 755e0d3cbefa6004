package dev.bulwark.core.suppress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The fingerprints of findings already known, so that a scan can report only new ones. Reads a
 * Bulwark JSON report, a SARIF log written by Bulwark, or a text file with one fingerprint per
 * line.
 */
public record Baseline(Path source, Set<String> fingerprints) {
  public static final String SARIF_FINGERPRINT_KEY = "bulwarkFingerprint/v1";

  public Baseline {
    fingerprints = Set.copyOf(fingerprints);
  }

  public boolean contains(String fingerprint) {
    return fingerprints.contains(fingerprint);
  }

  public static Baseline load(Path file) throws InputException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException("baseline " + file + ": cannot read: " + e.getMessage(), e);
    }
    Set<String> fps = new HashSet<>();
    String trimmed = text.stripLeading();
    if (trimmed.startsWith("{")) {
      JsonNode root;
      try {
        root = new ObjectMapper().readTree(text);
      } catch (IOException e) {
        throw new InputException("baseline " + file + ": invalid JSON: " + e.getMessage(), e);
      }
      if (root.has("runs")) {
        for (JsonNode run : root.path("runs")) {
          for (JsonNode result : run.path("results")) {
            JsonNode fp = result.path("partialFingerprints").path(SARIF_FINGERPRINT_KEY);
            if (fp.isTextual()) {
              fps.add(fp.asText());
            }
          }
        }
      } else if (root.has("findings")) {
        for (JsonNode f : root.path("findings")) {
          fps.add(f.path("fingerprint").asText());
        }
        for (JsonNode s : root.path("suppressed")) {
          fps.add(s.path("finding").path("fingerprint").asText());
        }
      } else {
        throw new InputException(
            "baseline " + file + ": neither a Bulwark JSON report nor a SARIF log");
      }
    } else {
      for (String line : text.lines().toList()) {
        String l = line.strip();
        if (!l.isEmpty() && !l.startsWith("#")) {
          fps.add(l);
        }
      }
    }
    fps.remove("");
    return new Baseline(file, fps);
  }
}
