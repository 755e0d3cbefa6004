package dev.bulwark.logs.sigma;

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
 * Rule files as loaded, kept in the data directory and keyed by a hash of Bulwark's version, the
 * compile options and the files' names and contents. Reading YAML, building JSON trees and
 * compiling every detection were most of the cost of loading thousands of Sigma rules, though a
 * hunt on one file needs the few hundred rules of the log sources its events reach. So the cache is
 * a compact binary record of what loading found for each document — its metadata, log source and
 * the outcome (a rule that compiles, or the problem it has) — with the document itself as JSON
 * bytes that are parsed and compiled only when an event first reaches the rule's log source. A
 * missing, stale or damaged cache is simply rebuilt: each cache file ends with a CRC32C of what
 * precedes it, checked before use.
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
      "bulwark-sigma-compiled-4/" + dev.bulwark.core.report.ToolInfo.current().version();

  private static final int MAGIC = 0x42575352; // "BWSR"

  /** Longest string or JSON document the reader accepts; a larger length means damage. */
  private static final int MAX_CHUNK = 64 << 20;

  /** How old a file's times must be before its metadata may stand for its contents. */
  private static final long SETTLED_NANOS = 2_000_000_000L;

  private static final int KEEP = 4;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One file's documents as parsed, and the error that stopped parsing, if any. */
  record Parsed(List<JsonNode> documents, String error) {}

  /** What loading one document found; the cache stores these instead of compiled conditions. */
  sealed interface Outcome {
    /** A detection rule that compiled (it is compiled again, lazily, when first needed). */
    record Rule(Meta meta, Logsource logsource, byte[] json, RuleIndex.Atom atom)
        implements Outcome {}

    /** A document that did not load, and why. */
    record Problem(Meta meta, boolean detection, RuleSet.ProblemKind kind, String message)
        implements Outcome {}

    /** Anything else (filters, correlations, rules left out by status): loaded from the JSON. */
    record Document(Meta meta, boolean detection, byte[] json) implements Outcome {}
  }

  /** A document's metadata as written in it (status and level as text, parsed when used). */
  record Meta(
      String id,
      String name,
      String title,
      String description,
      String status,
      String level,
      String author,
      String date,
      List<String> tags,
      List<String> references,
      List<String> falsepositives) {}

  /** One file's outcomes, and the error that stopped parsing it, if any. */
  record Loaded(List<Outcome> outcomes, String error) {}

  private RuleCache() {}

  /**
   * The key of these contents loaded with these compile options ({@code options} describes them:
   * placeholder values and the regex engine decide which rules compile).
   */
  static String key(List<String> files, List<byte[]> contents, String options) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update((FORMAT + "\0" + options + "\0").getBytes(StandardCharsets.UTF_8));
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
  static String statKey(List<Path> files, String options) {
    return statKey(files, options, System.currentTimeMillis() * 1_000_000L);
  }

  /** {@link #statKey(List, String)} without compile options, at the given time. */
  static String statKey(List<Path> files, long nowNanos) {
    return statKey(files, "", nowNanos);
  }

  /** {@link #statKey(List, String)} at the given time (nanoseconds since the epoch). */
  static String statKey(List<Path> files, String options, long nowNanos) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update((FORMAT + "\0" + options + "\0").getBytes(StandardCharsets.UTF_8));
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

  /** The files an installed release held when it was first loaded, and their content key. */
  record Listing(String contentKey, List<String> names) {}

  /** The key of a listing: the release's directory and identity, and the compile options. */
  static String listingKey(String dir, String identity, String options) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(
          (FORMAT + "\0" + options + "\0release\0" + dir + "\0" + identity)
              .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The listing recorded under this key, or null when there is none or it is damaged: its last line
   * is the CRC32C of the lines before it, the first names the contents, the rest the files.
   */
  static Listing listing(Path dir, String key) {
    try {
      byte[] bytes = Files.readAllBytes(dir.resolve(key + ".release"));
      String text = new String(bytes, StandardCharsets.UTF_8);
      int last = text.lastIndexOf('\n', text.length() - 2);
      if (last < 0 || !text.endsWith("\n")) {
        return null;
      }
      String body = text.substring(0, last + 1);
      java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
      crc.update(body.getBytes(StandardCharsets.UTF_8));
      if (!text.substring(last + 1, text.length() - 1).equals(Long.toHexString(crc.getValue()))) {
        return null;
      }
      List<String> lines = List.of(body.split("\n", -1));
      String content = lines.get(0);
      if (!content.matches("[0-9a-f]{64}")) {
        return null;
      }
      return new Listing(content, lines.subList(1, lines.size() - 1));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Records a release's listing; best effort (without it the next load walks the files). */
  static void rememberListing(Path dir, String key, String contentKey, List<String> names) {
    for (String n : names) {
      if (n.indexOf('\n') >= 0 || n.indexOf('\r') >= 0) {
        return; // a name a line cannot hold: this release is walked every time
      }
    }
    try {
      Files.createDirectories(dir);
      StringBuilder b = new StringBuilder(contentKey).append('\n');
      for (String n : names) {
        b.append(n).append('\n');
      }
      java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
      crc.update(b.toString().getBytes(StandardCharsets.UTF_8));
      b.append(Long.toHexString(crc.getValue())).append('\n');
      Path tmp = Files.createTempFile(dir, "release-", ".tmp");
      Files.writeString(tmp, b, StandardCharsets.UTF_8);
      moveInto(tmp, dir.resolve(key + ".release"));
      prune(dir, ".release");
    } catch (IOException e) {
      // not fatal: the next load walks the release again
    }
  }

  /** The JSON bytes of a document, for the cache. */
  static byte[] json(JsonNode doc) {
    try {
      return JSON.writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A document back from its JSON bytes. */
  static JsonNode document(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The cached outcomes of {@code files} files, or null when there is no usable cache. */
  static List<Loaded> read(Path dir, String key, int files) {
    Path f = dir.resolve(key + ".rules");
    if (!Files.isRegularFile(f)) {
      return null;
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(f);
    } catch (IOException e) {
      return null;
    }
    // the last eight bytes are the CRC32C of everything before them: a torn file is not read
    if (bytes.length < 16) {
      return null;
    }
    int n = bytes.length - 8;
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(bytes, 0, n);
    if (java.nio.ByteBuffer.wrap(bytes, n, 8).getLong() != crc.getValue()) {
      return null;
    }
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes, 0, n);
    try {
      if (in.getInt() != MAGIC || in.getInt() != files) {
        return null;
      }
      List<Loaded> out = new ArrayList<>(files);
      for (int i = 0; i < files; i++) {
        String error = string(in);
        int count = in.getInt();
        if (count < 0 || count > in.remaining()) {
          return null;
        }
        List<Outcome> outcomes = new ArrayList<>(count);
        for (int d = 0; d < count; d++) {
          outcomes.add(outcome(in));
        }
        out.add(new Loaded(outcomes, error));
      }
      return in.hasRemaining() ? null : out;
    } catch (RuntimeException e) {
      return null; // damaged in a way the checksum missed: load the YAML again and rewrite it
    }
  }

  private static Outcome outcome(java.nio.ByteBuffer in) {
    byte kind = in.get();
    Meta meta = meta(in);
    return switch (kind) {
      case 1 ->
          new Outcome.Rule(
              meta, new Logsource(string(in), string(in), string(in)), bytes(in), atom(in));
      case 2 ->
          new Outcome.Problem(
              meta,
              in.get() != 0,
              RuleSet.ProblemKind.values()[in.get()],
              java.util.Objects.requireNonNull(string(in)));
      case 3 -> new Outcome.Document(meta, in.get() != 0, bytes(in));
      default -> throw new IllegalStateException("unknown outcome " + kind);
    };
  }

  /** A rule's necessary condition: a count of alternatives (0: none), each a field and needles. */
  private static RuleIndex.Atom atom(java.nio.ByteBuffer in) {
    int n = in.getInt();
    if (n < 0 || n > in.remaining()) {
      throw new IllegalStateException("bad alternative count " + n);
    }
    if (n == 0) {
      return null;
    }
    List<RuleIndex.Alt> alts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String field = java.util.Objects.requireNonNull(string(in));
      List<String> needles = strings(in);
      if (needles.isEmpty()) {
        throw new IllegalStateException("an alternative without needles");
      }
      alts.add(new RuleIndex.Alt(field, needles));
    }
    return new RuleIndex.Atom(List.copyOf(alts));
  }

  private static void atom(java.io.DataOutputStream out, RuleIndex.Atom atom) throws IOException {
    if (atom == null) {
      out.writeInt(0);
      return;
    }
    out.writeInt(atom.alternatives().size());
    for (RuleIndex.Alt a : atom.alternatives()) {
      string(out, a.field());
      out.writeInt(a.needles().size());
      for (String needle : a.needles()) {
        string(out, needle);
      }
    }
  }

  private static Meta meta(java.nio.ByteBuffer in) {
    return new Meta(
        string(in),
        string(in),
        string(in),
        string(in),
        string(in),
        string(in),
        string(in),
        string(in),
        strings(in),
        strings(in),
        strings(in));
  }

  private static List<String> strings(java.nio.ByteBuffer in) {
    int n = in.getInt();
    if (n < 0 || n > in.remaining()) {
      throw new IllegalStateException("bad list length " + n);
    }
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = java.util.Objects.requireNonNull(string(in));
    }
    return List.of(out);
  }

  /** A length-prefixed UTF-8 string; length -1 is null. */
  private static String string(java.nio.ByteBuffer in) {
    int n = in.getInt();
    if (n == -1) {
      return null;
    }
    if (n < 0 || n > MAX_CHUNK || n > in.remaining()) {
      throw new IllegalStateException("bad length " + n);
    }
    // decoded straight from the cache's bytes: tens of thousands of strings per release, and a
    // copy of each first was a measurable part of a one-file hunt
    String s = new String(in.array(), in.arrayOffset() + in.position(), n, StandardCharsets.UTF_8);
    in.position(in.position() + n);
    return s;
  }

  private static byte[] bytes(java.nio.ByteBuffer in) {
    int n = in.getInt();
    if (n < 0 || n > MAX_CHUNK || n > in.remaining()) {
      throw new IllegalStateException("bad length " + n);
    }
    byte[] b = new byte[n];
    in.get(b);
    return b;
  }

  /** Writes the cache atomically; a cache that cannot be written only costs the next load time. */
  static void write(Path dir, String key, List<Loaded> loaded) {
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "rules-", ".tmp");
      java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
      try (OutputStream file = Files.newOutputStream(tmp);
          java.io.DataOutputStream out =
              new java.io.DataOutputStream(
                  new java.util.zip.CheckedOutputStream(
                      new java.io.BufferedOutputStream(file, 1 << 16), crc))) {
        out.writeInt(MAGIC);
        out.writeInt(loaded.size());
        for (Loaded l : loaded) {
          string(out, l.error());
          out.writeInt(l.outcomes().size());
          for (Outcome o : l.outcomes()) {
            switch (o) {
              case Outcome.Rule r -> {
                out.writeByte(1);
                meta(out, r.meta());
                string(out, r.logsource().product());
                string(out, r.logsource().category());
                string(out, r.logsource().service());
                bytes(out, r.json());
                atom(out, r.atom());
              }
              case Outcome.Problem p -> {
                out.writeByte(2);
                meta(out, p.meta());
                out.writeByte(p.detection() ? 1 : 0);
                out.writeByte(p.kind().ordinal());
                string(out, p.message());
              }
              case Outcome.Document d -> {
                out.writeByte(3);
                meta(out, d.meta());
                out.writeByte(d.detection() ? 1 : 0);
                bytes(out, d.json());
              }
            }
          }
        }
        out.flush();
        // the checksum goes after everything it covers, outside the checked stream
        out.writeLong(crc.getValue());
      }
      moveInto(tmp, dir.resolve(key + ".rules"));
      prune(dir, ".rules");
    } catch (IOException e) {
      // not fatal: the rules are loaded already
    }
  }

  private static void meta(java.io.DataOutputStream out, Meta m) throws IOException {
    for (String s :
        new String[] {
          m.id(), m.name(), m.title(), m.description(), m.status(), m.level(), m.author(), m.date()
        }) {
      string(out, s);
    }
    for (List<String> l : List.of(m.tags(), m.references(), m.falsepositives())) {
      out.writeInt(l.size());
      for (String s : l) {
        string(out, s);
      }
    }
  }

  private static void string(java.io.DataOutputStream out, String s) throws IOException {
    bytes(out, s == null ? null : s.getBytes(StandardCharsets.UTF_8));
  }

  private static void bytes(java.io.DataOutputStream out, byte[] b) throws IOException {
    if (b == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(b.length);
      out.write(b);
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
