package dev.bulwark.logs.sigma;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
 * Parsed rule files kept in the data directory, keyed by a hash of Bulwark's version and the files'
 * names and contents. Reading YAML is most of the cost of loading thousands of Sigma rules; the
 * same documents read back from JSON take a fraction of it. A missing, stale or damaged cache is
 * simply rebuilt: each cache file ends with a CRC32C of what precedes it, checked before use.
 *
 * <p>Hashing the contents means reading every rule file (14 MB for SigmaHQ's rules), and SHA-256
 * runs interpreted for most of that in a fresh JVM: 0.2 to 0.3 CPU-seconds, as much as the rest of
 * the cache lookup. So a second, small index maps the files' metadata (path, size, modification and
 * change times, inode) to the content hash, the way git's index does; a file whose metadata is
 * younger than two seconds is never recorded, since a change within the same clock tick would not
 * show in it.
 */
final class RuleCache {
  /** Changes whenever what is cached changes meaning, so old caches are never read. */
  private static final String FORMAT =
      "bulwark-sigma-parsed-2/" + dev.bulwark.core.report.ToolInfo.current().version();

  /** How old a file's times must be before its metadata may stand for its contents. */
  private static final long SETTLED_NANOS = 2_000_000_000L;

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

  /**
   * A hash of the files' metadata, or null when some file changed too recently (or its metadata
   * cannot be read) for the metadata to vouch for its contents.
   */
  static String statKey(List<Path> files) {
    return statKey(files, System.currentTimeMillis() * 1_000_000L);
  }

  /** {@link #statKey(List)} at the given time (nanoseconds since the epoch). */
  static String statKey(List<Path> files, long nowNanos) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(FORMAT.getBytes(StandardCharsets.UTF_8));
      long settled = nowNanos - SETTLED_NANOS;
      StringBuilder b = new StringBuilder(256);
      for (Path f : files) {
        java.util.Map<String, Object> a =
            Files.readAttributes(f, "unix:size,lastModifiedTime,ctime,ino,dev");
        long modified = nanos(a.get("lastModifiedTime"));
        long changed = nanos(a.get("ctime"));
        if (modified > settled || changed > settled) {
          return null;
        }
        b.setLength(0);
        b.append(f)
            .append('\0')
            .append(a.get("size"))
            .append('\0')
            .append(modified)
            .append('\0')
            .append(changed)
            .append('\0')
            .append(a.get("ino"))
            .append('\0')
            .append(a.get("dev"))
            .append('\n');
        md.update(b.toString().getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null; // no unix attributes here: hash the contents every time
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long nanos(Object time) {
    return time instanceof java.nio.file.attribute.FileTime t
        ? t.to(java.util.concurrent.TimeUnit.NANOSECONDS)
        : Long.MAX_VALUE;
  }

  /** The content key recorded for this metadata key, or null. */
  static String contentKey(Path dir, String statKey) {
    try {
      String k = Files.readString(dir.resolve(statKey + ".stat"), StandardCharsets.UTF_8).strip();
      return k.matches("[0-9a-f]{64}") ? k : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Records which contents this metadata stood for; best effort, like the cache itself. */
  static void remember(Path dir, String statKey, String contentKey) {
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "stat-", ".tmp");
      Files.writeString(tmp, contentKey + "\n", StandardCharsets.UTF_8);
      moveInto(tmp, dir.resolve(statKey + ".stat"));
      prune(dir, ".stat");
    } catch (IOException e) {
      // not fatal: the next load hashes the contents again
    }
  }

  /** The cached documents of {@code files} files, or null when there is no usable cache. */
  static List<Parsed> read(Path dir, String key, int files) {
    Path f = dir.resolve(key + ".json");
    if (!Files.isRegularFile(f)) {
      return null;
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(f);
    } catch (IOException e) {
      return null;
    }
    // the last line is the CRC32C of everything before it: a torn or damaged file is not read
    int nl = bytes.length - 1;
    while (nl > 0 && bytes[nl - 1] != '\n') {
      nl--;
    }
    if (nl <= 0) {
      return null;
    }
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(bytes, 0, nl);
    String stored = new String(bytes, nl, bytes.length - nl, StandardCharsets.US_ASCII).strip();
    if (!stored.equals(Long.toHexString(crc.getValue()))) {
      return null;
    }
    List<Parsed> out = new ArrayList<>(files);
    try (JsonParser p = JSON.createParser(bytes, 0, nl)) {
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
      java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
      try (OutputStream file = Files.newOutputStream(tmp);
          OutputStream out = new java.util.zip.CheckedOutputStream(file, crc);
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
        g.writeRaw('\n');
        g.flush();
        file.write((Long.toHexString(crc.getValue()) + "\n").getBytes(StandardCharsets.US_ASCII));
      }
      moveInto(tmp, dir.resolve(key + ".json"));
      prune(dir, ".json");
    } catch (IOException e) {
      // not fatal: the rules are loaded already
    }
  }

  private static void moveInto(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void prune(Path dir, String suffix) throws IOException {
    List<Path> caches;
    try (Stream<Path> s = Files.list(dir)) {
      caches =
          s.filter(p -> p.getFileName().toString().endsWith(suffix))
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
