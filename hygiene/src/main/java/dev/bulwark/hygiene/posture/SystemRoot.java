package dev.bulwark.hygiene.posture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The file system a check-up reads: {@code /} for this machine, or any folder laid out like one (a
 * mounted disk, a container's root, a test tree). Paths inside it are resolved without following
 * absolute symbolic links out of it, and every file is read with a size limit.
 *
 * @param live true when the root is this running system's {@code /}: only then may probes read the
 *     process environment or run a read-only command such as {@code apt-get -s upgrade}
 */
public record SystemRoot(Path dir, boolean live) {
  /** The most any probe reads from one file. */
  public static final int MAX_FILE_BYTES = 16 << 20;

  public SystemRoot {
    dir = dir.toAbsolutePath().normalize();
  }

  /** The root at {@code dir}; live when it is the machine's own {@code /}. */
  public static SystemRoot of(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    return new SystemRoot(abs, abs.getParent() == null);
  }

  /** {@code /etc/passwd} → {@code DIR/etc/passwd}. */
  public Path path(String absolute) {
    String rel = absolute.startsWith("/") ? absolute.substring(1) : absolute;
    return rel.isEmpty() ? dir : dir.resolve(rel);
  }

  /** The path as the system itself would name it: {@code DIR/etc/x} → {@code /etc/x}. */
  public String display(Path p) {
    Path rel = dir.relativize(p.toAbsolutePath().normalize());
    return "/" + rel.toString().replace('\\', '/');
  }

  /** The file's text (UTF-8, malformed bytes replaced), or empty when absent or unreadable. */
  public Optional<String> read(String absolute) {
    return read(path(absolute));
  }

  public Optional<String> read(Path p) {
    return bytes(p).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  /** The file's bytes (at most {@link #MAX_FILE_BYTES}), or empty when absent or unreadable. */
  public Optional<byte[]> bytes(Path p) {
    if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(p)) {
      return Optional.of(in.readNBytes(MAX_FILE_BYTES));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The entries of a folder, sorted; empty when it is absent or unreadable. */
  public List<Path> list(Path folder) {
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.sorted().limit(10_000).toList();
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  public List<Path> list(String absolute) {
    return list(path(absolute));
  }

  /**
   * The home folders of people (and root) from {@code /etc/passwd}: uid 0 or 1000 and above, with a
   * real shell; plus every folder under {@code /home}, and under {@code /Users} on a macOS disk.
   */
  public List<Path> homes() {
    Set<Path> out = new LinkedHashSet<>();
    for (String line : read("/etc/passwd").orElse("").split("\n")) {
      String[] f = line.split(":", -1);
      if (f.length < 7) {
        continue;
      }
      int uid;
      try {
        uid = Integer.parseInt(f[2]);
      } catch (NumberFormatException e) {
        continue;
      }
      boolean person = uid == 0 || (uid >= 1000 && uid < 65534);
      boolean shell = !f[6].endsWith("nologin") && !f[6].endsWith("false");
      if (person && shell && f[5].startsWith("/")) {
        Path h = path(f[5]);
        if (Files.isDirectory(h)) {
          out.add(h);
        }
      }
    }
    for (Path h : list("/home")) {
      if (Files.isDirectory(h, LinkOption.NOFOLLOW_LINKS)) {
        out.add(h);
      }
    }
    for (Path h : list("/Users")) {
      // "Shared" is macOS's common folder, not a person's home
      if (Files.isDirectory(h, LinkOption.NOFOLLOW_LINKS)
          && !h.getFileName().toString().equals("Shared")) {
        out.add(h);
      }
    }
    return new ArrayList<>(out);
  }
}
