package dev.bulwark.yara;

import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.files.ArchiveLimits;
import dev.bulwark.core.files.ArchiveReader;
import dev.bulwark.yara.engine.CompiledRules;
import dev.bulwark.yara.engine.RuleMatch;
import dev.bulwark.yara.engine.Scanner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs a compiled rule set over files, folders and the entries of archives. Files are mapped into
 * memory rather than read, so a large file costs address space, not heap; files beyond the size
 * limit are reported and skipped. One unreadable file never stops the scan.
 */
public final class YaraScan {
  /** Files larger than this are skipped (a mapped buffer is indexed by int). */
  public static final long MAX_FILE = Integer.MAX_VALUE - 8;

  /** Archive entries are read into memory up to this size. */
  public static final long MAX_ENTRY = 256L * 1024 * 1024;

  /** A rule that matched one scanned file (or archive entry, written {@code a.zip!/inner}). */
  public record FileMatch(String path, RuleMatch match) {}

  public record Result(List<FileMatch> matches, int files, long bytes) {}

  private YaraScan() {}

  public static Result run(
      List<Path> targets,
      CompiledRules rules,
      Map<String, Object> externals,
      DiagnosticSink diagnostics) {
    return run(targets, rules, externals, diagnostics, 1);
  }

  /**
   * Scans with {@code threads} scanners sharing the compiled rules; matches come out in the order
   * of the files, whatever the thread count.
   */
  public static Result run(
      List<Path> targets,
      CompiledRules rules,
      Map<String, Object> externals,
      DiagnosticSink diagnostics,
      int threads) {
    List<Path> all = new ArrayList<>();
    for (Path t : targets) {
      List<Path> list;
      if (Files.isDirectory(t)) {
        try (Stream<Path> s = Files.walk(t, new FileVisitOption[0])) {
          list = s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
          diagnostics.report(
              Diagnostic.error("yara", t.toString(), "cannot list: " + e.getMessage()));
          continue;
        }
      } else {
        list = List.of(t);
      }
      all.addAll(list);
    }
    int n = Math.max(1, Math.min(threads, all.size()));
    List<List<FileMatch>> perFile =
        new ArrayList<>(java.util.Collections.nCopies(all.size(), (List<FileMatch>) null));
    int[][] files = new int[n][1];
    long[][] bytes = new long[n][1];
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    List<Thread> pool = new ArrayList<>();
    for (int w = 0; w < n; w++) {
      int id = w;
      Runnable r =
          () -> {
            Scanner scanner = new Scanner(rules, externals);
            for (int i = next.getAndIncrement(); i < all.size(); i = next.getAndIncrement()) {
              List<FileMatch> out = new ArrayList<>();
              scanFile(all.get(i), scanner, out, diagnostics, files[id], bytes[id]);
              perFile.set(i, out);
            }
          };
      if (n == 1) {
        r.run();
      } else {
        pool.add(Thread.ofPlatform().name("yara-scan-" + w).start(r));
      }
    }
    for (Thread t : pool) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        pool.forEach(Thread::interrupt);
        break;
      }
    }
    List<FileMatch> out = new ArrayList<>();
    int fileCount = 0;
    long byteCount = 0;
    for (List<FileMatch> l : perFile) {
      if (l != null) {
        out.addAll(l);
      }
    }
    for (int w = 0; w < n; w++) {
      fileCount += files[w][0];
      byteCount += bytes[w][0];
    }
    return new Result(out, fileCount, byteCount);
  }

  private static void scanFile(
      Path f,
      Scanner scanner,
      List<FileMatch> out,
      DiagnosticSink diagnostics,
      int[] files,
      long[] bytes) {
    String name = f.toString();
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size > MAX_FILE) {
        diagnostics.report(Diagnostic.warning("yara", name, "skipped: larger than 2 GiB"));
        return;
      }
      ByteBuffer buf =
          size == 0 ? ByteBuffer.allocate(0) : ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
      files[0]++;
      bytes[0] += size;
      for (RuleMatch m : scanner.scan(buf)) {
        out.add(new FileMatch(name, m));
      }
      if (ArchiveReader.isArchiveName(f.getFileName().toString())) {
        scanArchive(f, name, scanner, out, diagnostics, files, bytes);
      }
    } catch (IOException | RuntimeException e) {
      diagnostics.report(Diagnostic.error("yara", name, "cannot scan: " + e.getMessage()));
    }
  }

  private static void scanArchive(
      Path f,
      String name,
      Scanner scanner,
      List<FileMatch> out,
      DiagnosticSink diagnostics,
      int[] files,
      long[] bytes)
      throws IOException {
    try (InputStream in = Files.newInputStream(f)) {
      new ArchiveReader(ArchiveLimits.defaults(), diagnostics, "yara")
          .read(
              name,
              in,
              (entry, content, declared) -> {
                byte[] data = content.readNBytes((int) MAX_ENTRY);
                files[0]++;
                bytes[0] += data.length;
                for (RuleMatch m : scanner.scan(ByteBuffer.wrap(data))) {
                  out.add(new FileMatch(entry, m));
                }
              });
    }
  }
}
