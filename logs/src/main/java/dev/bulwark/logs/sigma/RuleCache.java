package dev.bulwark.logs.sigma;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Parsed rule files kept in the data directory, keyed by a hash of the files' names and contents.
 * Reading YAML is most of the cost of loading thousands of Sigma rules; the same documents read
 * back from JSON take a fraction of it. A missing, stale or damaged cache is simply rebuilt.
 */
final class RuleCache {
  /** Changes whenever what is cached changes meaning, so old caches are never read. */
  private static final String FORMAT = "bulwark-sigma-parsed-1";

  private static final int KEEP = 4;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One file's documents as parsed, and the error that stopped parsing, if any. */
  record Parsed(List<JsonNode> documents, String error) {}

  private RuleCache() {}

  static String key(List<String> files, List<byte[]> contents) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(FORMAT.getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < files.size(); i++) {
        md.update(
            (files.get(i).toString() + "\0" + contents.get(i).length + "\0")
                .getBytes(StandardCharsets.UTF_8));
        md.update(contents.get(i));
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The cached documents of {@code files} files, or null when there is no usable cache. */
  static List<Parsed> read(Path dir, String key, int files) {
    Path f = dir.resolve(key + ".json");
    if (!Files.isRegularFile(f)) {
      return null;
    }
    List<Parsed> out = new ArrayList<>(files);
    try (InputStream in = Files.newInputStream(f);
        JsonParser p = JSON.createParser(in)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        return null;
      }
      while (p.nextToken() == JsonToken.START_OBJECT) {
        JsonNode n = p.readValueAsTree();
        List<JsonNode> docs = new ArrayList<>();
        n.path("d").forEach(docs::add);
        out.add(new Parsed(docs, n.hasNonNull("e") ? n.get("e").asText() : null));
      }
    } catch (IOException | RuntimeException e) {
      return null; // damaged: parse the YAML again and rewrite it
    }
    return out.size() == files ? out : null;
  }

  /** Writes the cache atomically; a cache that cannot be written only costs the next load time. */
  static void write(Path dir, String key, List<Parsed> parsed) {
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "parsed-", ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp);
          JsonGenerator g = JSON.createGenerator(out)) {
        g.writeStartArray();
        for (Parsed p : parsed) {
          g.writeStartObject();
          g.writeArrayFieldStart("d");
          for (JsonNode d : p.documents()) {
            g.writeTree(d);
          }
          g.writeEndArray();
          if (p.error() != null) {
            g.writeStringField("e", p.error());
          }
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      Path target = dir.resolve(key + ".json");
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      prune(dir);
    } catch (IOException e) {
      // not fatal: the rules are loaded already
    }
  }

  private static void prune(Path dir) throws IOException {
    List<Path> caches;
    try (Stream<Path> s = Files.list(dir)) {
      caches =
          s.filter(p -> p.getFileName().toString().endsWith(".json"))
              .sorted(Comparator.comparing(RuleCache::modified).reversed())
              .toList();
    }
    for (int i = KEEP; i < caches.size(); i++) {
      Files.deleteIfExists(caches.get(i));
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}
