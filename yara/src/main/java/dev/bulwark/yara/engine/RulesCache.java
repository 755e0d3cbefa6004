package dev.bulwark.yara.engine;

import dev.bulwark.core.report.ToolInfo;
import dev.bulwark.yara.lang.Parser;
import dev.bulwark.yara.lang.YaraSyntaxException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Compiled rule sets kept on disk, so a large rule set is parsed and compiled once per change
 * instead of on every run.
 *
 * <p>An entry is named by a key over the cache format, Bulwark's version and build, the external
 * variable names and the rule files as given; inside it records every file compiling read (includes
 * too) with the SHA-256 of its bytes. An entry is used only when all of that still holds — the same
 * build, the same names, and every file read with the same content — so editing any rule file,
 * included ones too, or upgrading Bulwark compiles the rules again and replaces the entry.
 *
 * <p>File layout: the magic {@code BWYC}, the format number (32-bit little-endian), a header
 * (build, externals, files as given, files read with their SHA-256, rule and string counts), the
 * body's length and the body ({@link RulesCodec}), then a CRC32C of everything before it. A file
 * that is short, foreign, of another format, fails its CRC or does not decode is damaged; one whose
 * header no longer fits is stale. Either way the rules are compiled and the entry written again.
 * Entries are written to a temporary file and moved into place, so a reader never sees half of one;
 * the newest {@link #KEEP} entries are kept.
 */
public final class RulesCache {
  /** Changes whenever the encoding changes, so entries written by other formats are never read. */
  static final int FORMAT = 1;

  private static final byte[] MAGIC = {'B', 'W', 'Y', 'C'};
  private static final String SUFFIX = ".bwyc";

  /** How many entries the cache folder keeps (one per rule set in use, the newest first). */
  static final int KEEP = 8;

  /** Larger files are not read (a rule set of this size would not compile in memory either). */
  private static final long MAX_ENTRY = 1L << 30;

  /** What happened when a rule set was asked for. */
  public enum Status {
    /** No cache: compiled. */
    OFF,
    /** Read from the cache, not compiled. */
    LOADED,
    /** No entry yet: compiled and written. */
    CREATED,
    /** The entry was for other contents or another build: compiled and rewritten. */
    REBUILT_STALE,
    /** The entry was damaged: compiled and rewritten. */
    REBUILT_DAMAGED
  }

  /**
   * A rule set and how it was obtained: the entry's file and size (0 when none was written) and,
   * for a rebuild or a failed write, why.
   */
  public record Load(CompiledRules rules, Status status, Path file, long bytes, String reason) {}

  private final Path dir;

  private RulesCache(Path dir) {
    this.dir = dir;
  }

  /** A cache in {@code dir} (created when the first entry is written). */
  public static RulesCache in(Path dir) {
    return new RulesCache(dir.toAbsolutePath().normalize());
  }

  /** Where compiled rule sets are kept inside Bulwark's data directory. */
  public static Path folderIn(Path dataDir) {
    return dataDir.resolve("cache").resolve("yara");
  }

  /** Compiles without a cache (status {@link Status#OFF}). */
  public static Load uncached(List<Path> files, Set<String> externals)
      throws YaraSyntaxException, IOException {
    return new Load(CompiledRules.compile(files, externals), Status.OFF, null, 0, "");
  }

  public Path dir() {
    return dir;
  }

  /**
   * The rule set of {@code files} with {@code externals} declared: read from the cache when a
   * current entry is there, else compiled and written. Rules that do not compile throw as compiling
   * does and leave no entry. A cache that cannot be written costs only the next run a compile: the
   * rules are returned and the reason is in {@link Load#reason()}.
   */
  public Load load(List<Path> files, Set<String> externals)
      throws YaraSyntaxException, IOException {
    Header want = header(files, externals);
    Path file = dir.resolve("yara-" + want.name() + SUFFIX);
    Read read = read(file, want);
    if (read.rules() != null) {
      touch(file);
      return new Load(read.rules(), Status.LOADED, file, read.bytes(), "");
    }
    List<Parser.Source> sources = new ArrayList<>();
    CompiledRules rules = CompiledRules.compile(files, externals, sources);
    String failed = "";
    long written = 0;
    try {
      written = write(file, want.withSources(sources, rules), rules);
      prune();
    } catch (IOException | RuntimeException e) {
      failed = "not written: " + e.getMessage();
    }
    Status status = read.status();
    String reason = read.reason() + (read.reason().isEmpty() || failed.isEmpty() ? "" : "; ");
    return new Load(rules, status, written > 0 ? file : null, written, reason + failed);
  }

  // ---------------------------------------------------------------- header

  /** What an entry must agree with, and (once compiled) the files it was compiled from. */
  record Header(
      String build,
      List<String> externals,
      List<String> given,
      List<Parser.Source> sources,
      int rules,
      int strings) {
    Header withSources(List<Parser.Source> s, CompiledRules r) {
      return new Header(build, externals, given, List.copyOf(s), r.ruleCount(), r.stringCount());
    }

    /** The entry's file name: a digest of everything known before compiling. */
    String name() {
      MessageDigest md = sha256();
      md.update(("bwyc" + FORMAT + "\u0000" + build).getBytes(StandardCharsets.UTF_8));
      for (String e : externals) {
        md.update(("\u0000d:" + e).getBytes(StandardCharsets.UTF_8));
      }
      for (String g : given) {
        md.update(("\u0000f:" + g).getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(md.digest(), 0, 16);
    }

    /** Whether a stored header was written for the same build, externals and files. */
    boolean sameKey(Header stored) {
      return build.equals(stored.build)
          && externals.equals(stored.externals)
          && given.equals(stored.given);
    }
  }

  static Header header(List<Path> files, Set<String> externals) {
    List<String> given = new ArrayList<>();
    for (Path f : files) {
      // as given (rules name their file that way in reports) and where it is
      given.add(f.toString());
      given.add(f.toAbsolutePath().normalize().toString());
    }
    return new Header(build(), List.copyOf(new TreeSet<>(externals)), given, List.of(), 0, 0);
  }

  /**
   * Bulwark's version and, for the build running, the size and time of the archive (or class file)
   * the engine was loaded from: a development build keeps its version number while its code
   * changes, and an entry compiled by other code must not be read.
   */
  static String build() {
    StringBuilder sb = new StringBuilder(ToolInfo.current().version());
    try {
      var src = CompiledRules.class.getProtectionDomain().getCodeSource();
      if (src != null) {
        Path p = Path.of(src.getLocation().toURI());
        if (Files.isDirectory(p)) {
          p = p.resolve(CompiledRules.class.getName().replace('.', '/') + ".class");
        }
        sb.append('/').append(Files.size(p)).append('/');
        sb.append(Files.getLastModifiedTime(p).toMillis());
      }
    } catch (IOException | RuntimeException | java.net.URISyntaxException e) {
      // an engine not loaded from a file (a custom class loader): the version alone
    }
    return sb.toString();
  }

  private static void writeHeader(DataOutputStream out, Header h) throws IOException {
    out.writeUTF(h.build());
    writeStrings(out, h.externals());
    writeStrings(out, h.given());
    out.writeInt(h.sources().size());
    for (Parser.Source s : h.sources()) {
      out.writeUTF(s.path());
      out.writeUTF(s.sha256());
    }
    out.writeInt(h.rules());
    out.writeInt(h.strings());
  }

  private static void writeStrings(DataOutputStream out, List<String> list) throws IOException {
    out.writeInt(list.size());
    for (String s : list) {
      out.writeUTF(s);
    }
  }

  private static Header readHeader(DataInputStream in, int limit) throws IOException {
    String build = in.readUTF();
    List<String> externals = readStrings(in, limit);
    List<String> given = readStrings(in, limit);
    int n = count(in.readInt(), limit);
    List<Parser.Source> sources = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      sources.add(new Parser.Source(in.readUTF(), in.readUTF()));
    }
    return new Header(build, externals, given, sources, in.readInt(), in.readInt());
  }

  private static List<String> readStrings(DataInputStream in, int limit) throws IOException {
    int n = count(in.readInt(), limit);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(in.readUTF());
    }
    return out;
  }

  private static int count(int n, int limit) throws IOException {
    if (n < 0 || n > limit) {
      throw new IOException("count out of range");
    }
    return n;
  }

  // ---------------------------------------------------------------- reading

  /** A cached rule set, or why there is none. */
  record Read(CompiledRules rules, long bytes, Status status, String reason) {
    static Read missing() {
      return new Read(null, 0, Status.CREATED, "");
    }

    static Read stale(String why) {
      return new Read(null, 0, Status.REBUILT_STALE, why);
    }

    static Read damaged(String why) {
      return new Read(null, 0, Status.REBUILT_DAMAGED, why);
    }
  }

  static Read read(Path file, Header want) {
    byte[] all;
    try {
      if (!Files.isRegularFile(file)) {
        return Read.missing();
      }
      if (Files.size(file) > MAX_ENTRY) {
        return Read.damaged("entry larger than " + MAX_ENTRY + " bytes");
      }
      all = Files.readAllBytes(file);
    } catch (IOException e) {
      return Read.damaged("cannot read " + file + ": " + e.getMessage());
    }
    int n = all.length;
    if (n < 12 || !java.util.Arrays.equals(all, 0, 4, MAGIC, 0, 4)) {
      return Read.damaged("not a compiled-rules file");
    }
    ByteBuffer le = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    if (le.getInt(4) != FORMAT) {
      return Read.stale("written in format " + le.getInt(4) + ", this build reads " + FORMAT);
    }
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(all, 0, n - 4);
    if ((int) crc.getValue() != le.getInt(n - 4)) {
      return Read.damaged("checksum mismatch");
    }
    Header stored;
    int bodyStart;
    int bodyLength;
    try {
      var bytes = new ByteArrayInputStream(all, 8, n - 12);
      DataInputStream in = new DataInputStream(bytes);
      stored = readHeader(in, n);
      bodyLength = in.readInt();
      bodyStart = n - 4 - bytes.available();
      if (bodyLength != bytes.available()) {
        return Read.damaged("body length does not match the file");
      }
    } catch (IOException | RuntimeException e) {
      return Read.damaged("header unreadable: " + e.getMessage());
    }
    if (!want.sameKey(stored)) {
      return Read.stale("written by another build or for other files");
    }
    for (Parser.Source s : stored.sources()) {
      try {
        byte[] content = Files.readAllBytes(Path.of(s.path()));
        if (!Parser.sha256(content).equals(s.sha256())) {
          return Read.stale(s.path() + " changed");
        }
      } catch (IOException | RuntimeException e) {
        return Read.stale(s.path() + " is gone");
      }
    }
    CompiledRules rules;
    try {
      rules = RulesCodec.decode(all, bodyStart, bodyLength);
    } catch (RuntimeException e) {
      return Read.damaged("does not decode: " + e.getMessage());
    }
    if (rules.ruleCount() != stored.rules() || rules.stringCount() != stored.strings()) {
      return Read.damaged("rule or string count differs from the header");
    }
    return new Read(rules, n, Status.LOADED, "");
  }

  // ---------------------------------------------------------------- writing

  /** Writes an entry beside its final name, then moves it into place; returns its size. */
  static long write(Path file, Header header, CompiledRules rules) throws IOException {
    byte[] body = RulesCodec.encode(rules);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + 4096);
    bytes.write(MAGIC);
    bytes.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(FORMAT).array());
    DataOutputStream out = new DataOutputStream(bytes);
    writeHeader(out, header);
    out.writeInt(body.length);
    out.write(body);
    out.flush();
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    byte[] head = bytes.toByteArray();
    crc.update(head);
    byte[] sum =
        ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue()).array();
    Path dir = file.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".yara-", ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer b = ByteBuffer.wrap(head);
        while (b.hasRemaining()) {
          ch.write(b);
        }
        ch.write(ByteBuffer.wrap(sum));
        // on disk before it is renamed: a crash leaves the old entry or the new one, never half
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    return head.length + 4L;
  }

  private static void touch(Path file) {
    try {
      Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
    } catch (IOException e) {
      // a read-only cache still serves; it only ages out sooner
    }
  }

  /** Keeps the newest {@link #KEEP} entries; drops temporary files a crashed run left. */
  private void prune() throws IOException {
    List<Path> entries = new ArrayList<>();
    Instant hourAgo = Instant.now().minusSeconds(3600);
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith("yara-") && name.endsWith(SUFFIX)) {
          entries.add(p);
        } else if (name.startsWith(".yara-")
            && name.endsWith(".tmp")
            && Files.getLastModifiedTime(p).toInstant().isBefore(hourAgo)) {
          Files.deleteIfExists(p);
        }
      }
    }
    if (entries.size() <= KEEP) {
      return;
    }
    entries.sort(Comparator.comparing(RulesCache::modified).reversed());
    for (Path p : entries.subList(KEEP, entries.size())) {
      Files.deleteIfExists(p);
    }
  }

  private static FileTime modified(Path p) {
    try {
      return Files.getLastModifiedTime(p);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
