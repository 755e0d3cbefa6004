package dev.bulwark.hygiene.passwords;

import dev.bulwark.core.errors.InputException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A local copy of breached password hashes: one {@code SHA1HEX:COUNT} line per hash, sorted by hash
 * (the layout of the Pwned Passwords downloader's single-file output). A range is found by binary
 * search over byte offsets, so a file of any size answers without being loaded.
 */
public final class OfflineRanges implements BreachSource {
  public static final String FILE = "pwned-sha1.txt";

  private final Path file;

  public OfflineRanges(Path file) {
    this.file = file;
  }

  /**
   * Checks {@code source} line by line (format and order; errors name the line) and copies it to
   * {@code dataDir/checkup/pwned-sha1.txt}; returns the number of hashes.
   */
  public static long importFile(Path source, Path dataDir) throws InputException {
    Path dir = dataDir.resolve("checkup");
    Path target = dir.resolve(FILE);
    long n = 0;
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "pwned", ".tmp");
      try (BufferedReader r = Files.newBufferedReader(source, StandardCharsets.US_ASCII);
          BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII)) {
        String prev = "";
        int lineNo = 0;
        for (String line; (line = r.readLine()) != null; ) {
          lineNo++;
          String l = line.strip();
          if (l.isEmpty()) {
            continue;
          }
          if (!l.matches("[0-9A-Fa-f]{40}:[0-9]+")) {
            Files.deleteIfExists(tmp);
            throw new InputException(
                source
                    + ": line "
                    + lineNo
                    + ": expected SHA1HEX:COUNT (40 hex digits, a colon, a count)");
          }
          String hash = l.substring(0, 40).toUpperCase(Locale.ROOT);
          if (hash.compareTo(prev) < 0) {
            Files.deleteIfExists(tmp);
            throw new InputException(
                source
                    + ": line "
                    + lineNo
                    + ": hashes are not sorted (sort the file by hash first)");
          }
          prev = hash;
          w.write(hash);
          w.write(l, 40, l.length() - 40);
          w.write('\n');
          n++;
        }
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new InputException(source + ": cannot import: " + e.getMessage());
    }
    return n;
  }

  /** The imported file in {@code dataDir}, if there is one. */
  public static java.util.Optional<OfflineRanges> in(Path dataDir) {
    Path f = dataDir.resolve("checkup").resolve(FILE);
    return Files.isRegularFile(f)
        ? java.util.Optional.of(new OfflineRanges(f))
        : java.util.Optional.empty();
  }

  @Override
  public Map<String, Integer> range(String prefix) throws IOException {
    BreachSource.requirePrefix(prefix);
    Map<String, Integer> out = new HashMap<>();
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      // lo stays a line start at or before the first line with this prefix; hi only bounds the
      // search, and the last few kilobytes are read through line by line
      long lo = 0;
      long hi = raf.length();
      while (hi - lo > 4096) {
        long mid = (lo + hi) >>> 1;
        raf.seek(mid);
        raf.readLine();
        long start = raf.getFilePointer();
        String line = raf.readLine();
        if (line == null || line.compareTo(prefix) >= 0) {
          hi = mid;
        } else {
          lo = start;
        }
      }
      raf.seek(lo);
      for (String line; (line = raf.readLine()) != null; ) {
        if (line.length() < 41) {
          continue;
        }
        int cmp = line.substring(0, 5).compareTo(prefix);
        if (cmp < 0) {
          continue;
        }
        if (cmp > 0) {
          break;
        }
        try {
          out.put(line.substring(5, 40), Integer.parseInt(line.substring(41).strip()));
        } catch (NumberFormatException e) {
          // checked on import; a damaged line answers nothing
        }
      }
    }
    return out;
  }

  @Override
  public String describe() {
    return "offline range file " + file;
  }
}
