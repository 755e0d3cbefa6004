package dev.bulwark.core.files;

import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The files of a scan, walked once and shared by every analyzer. The walk never descends into
 * version-control metadata, honours ignore files and include/exclude globs, follows symbolic links
 * only inside the roots, and reports loops and unreadable entries as diagnostics. Only regular
 * files are ever selected: a FIFO, device or socket named as a root is an input error, and one met
 * in the tree or behind a symbolic link is skipped with a diagnostic (reading a FIFO blocks, and
 * {@code /dev/zero} never ends).
 */
public final class SourceTree {
  private static final String SOURCE = "files";
  private static final Set<String> VCS_DIRS = Set.of(".git", ".hg", ".svn", ".bzr");
  private static final List<String> IGNORE_FILES = List.of(".gitignore", ".bulwarkignore");

  private final Path baseDir;
  private final List<Path> roots;
  private final List<SourceFile> files;
  private final long totalBytes;
  private final List<Path> unreadableRoots;

  private SourceTree(
      Path baseDir, List<Path> roots, List<SourceFile> files, List<Path> unreadableRoots) {
    this.baseDir = baseDir;
    this.roots = List.copyOf(roots);
    this.files = List.copyOf(files);
    this.totalBytes = files.stream().mapToLong(SourceFile::size).sum();
    this.unreadableRoots = List.copyOf(unreadableRoots);
  }

  /**
   * Roots that gave nothing to read: a link to a special file, a directory that cannot be listed.
   * Each was reported as a diagnostic.
   */
  public List<Path> unreadableRoots() {
    return unreadableRoots;
  }

  /** Directory that reported paths are relative to. */
  public Path baseDir() {
    return baseDir;
  }

  public List<Path> roots() {
    return roots;
  }

  public List<SourceFile> files() {
    return files;
  }

  public long totalBytes() {
    return totalBytes;
  }

  /** A tree made of given files, for analyzers run outside a scan (tests, eval suites). */
  public static SourceTree of(Path baseDir, List<SourceFile> files) {
    return new SourceTree(baseDir, List.of(baseDir), files, List.of());
  }

  /**
   * Walks the roots. A root may be a file. Paths are reported relative to the single directory
   * root, or to the current directory when there are several roots or the root is a file.
   *
   * @throws InputException when a root does not exist or is itself a FIFO, device or socket, or
   *     when no root gives anything to read
   */
  public static SourceTree walk(List<Path> roots, WalkOptions options, DiagnosticSink diagnostics)
      throws IOException, InputException {
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("nothing to walk: no root given");
    }
    List<Path> absRoots = new ArrayList<>();
    for (Path root : roots) {
      Path abs = root.toAbsolutePath().normalize();
      if (!Files.exists(abs)) {
        throw new NoSuchFileException(root.toString(), null, "no such file or directory");
      }
      InputPaths.requireReadableKind(root);
      absRoots.add(abs);
    }
    Path base = baseDirFor(absRoots);
    List<Path> realRoots = new ArrayList<>();
    for (Path r : absRoots) {
      realRoots.add(r.toRealPath());
    }
    Walker walker = new Walker(base, realRoots, options, diagnostics);
    List<Path> unreadable = new ArrayList<>();
    for (Path root : absRoots) {
      if (!walker.walkRoot(root)) {
        unreadable.add(root);
      }
    }
    if (unreadable.size() == absRoots.size()) {
      throw new InputException(
          "nothing to read: "
              + String.join("; ", walker.rootProblems)
              + " (Bulwark reads only regular files and directories)");
    }
    return new SourceTree(base, absRoots, walker.out, unreadable);
  }

  /** The directory reported paths are relative to, for the given (absolute) roots. */
  public static Path baseDirFor(List<Path> roots) {
    Path first = roots.get(0).toAbsolutePath().normalize();
    return roots.size() == 1 && Files.isDirectory(first) ? first : Path.of("").toAbsolutePath();
  }

  private static final class Walker {
    private final Path base;
    private final List<Path> realRoots;
    private final Roots confined;
    private final WalkOptions options;
    private final DiagnosticSink diagnostics;
    private final List<Glob> include;
    private final List<Glob> exclude;
    private final List<SourceFile> out = new ArrayList<>();
    private final Set<Path> seenFiles = new HashSet<>();
    private final List<String> rootProblems = new ArrayList<>();

    Walker(Path base, List<Path> realRoots, WalkOptions options, DiagnosticSink diagnostics) {
      this.base = base;
      this.realRoots = realRoots;
      this.confined = Roots.of(realRoots);
      this.options = options;
      this.diagnostics = diagnostics;
      this.include = options.include().stream().map(Glob::compile).toList();
      this.exclude = options.exclude().stream().map(Glob::compile).toList();
    }

    private String rel(Path p) {
      String r = p.startsWith(base) ? base.relativize(p).toString() : p.toString();
      return r.replace('\\', '/');
    }

    /** Walks one root; false when it gave nothing to read (and a diagnostic said why). */
    boolean walkRoot(Path root) throws IOException {
      FileKind rootKind = FileKind.ofTarget(root);
      if (rootKind.special() || rootKind == FileKind.MISSING || rootKind == FileKind.INACCESSIBLE) {
        // the root is a link: to a special file, or to nothing
        String why =
            "is a symbolic link to "
                + (rootKind == FileKind.MISSING ? "nothing" : rootKind.description())
                + linkTarget(root)
                + "; skipped";
        rootProblems.add(root + ": " + why);
        diagnostics.report(Diagnostic.warning(SOURCE, root.toString(), why));
        return false;
      }
      BasicFileAttributes attrs = Files.readAttributes(root, BasicFileAttributes.class);
      if (!attrs.isDirectory()) {
        addFile(root, attrs.size());
        return true;
      }
      int before = out.size();
      boolean listed = true;
      record Dir(Path path, List<IgnoreFile> ignores, Set<Path> ancestors) {}
      Deque<Dir> stack = new ArrayDeque<>();
      Set<Path> rootAncestors = new HashSet<>();
      rootAncestors.add(root.toRealPath());
      stack.push(new Dir(root, parentIgnores(root), rootAncestors));
      while (!stack.isEmpty()) {
        Dir dir = stack.pop();
        List<IgnoreFile> ignores = new ArrayList<>(dir.ignores());
        if (options.honourIgnoreFiles()) {
          for (String name : IGNORE_FILES) {
            Path f = dir.path().resolve(name);
            if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
              continue;
            }
            // an ignore file is read only when it is a regular file inside the roots
            java.util.Optional<String> refused = confined.refusal(f);
            if (refused.isPresent()) {
              diagnostics.report(
                  Diagnostic.warning(
                      SOURCE, rel(f), "ignore file " + refused.get() + "; not read"));
            } else {
              try {
                ignores.add(IgnoreFile.read(f, rel(dir.path())));
              } catch (IOException | RuntimeException e) {
                diagnostics.report(
                    Diagnostic.warning(
                        SOURCE, rel(f), "cannot read ignore file: " + e.getMessage()));
              }
            }
          }
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.path())) {
          ds.forEach(entries::add);
        } catch (AccessDeniedException e) {
          diagnostics.report(
              Diagnostic.error(SOURCE, rel(dir.path()), "directory not readable (access denied)"));
          if (dir.path().equals(root)) {
            listed = false;
            rootProblems.add(root + ": directory not readable (access denied)");
          }
          continue;
        } catch (IOException e) {
          diagnostics.report(
              Diagnostic.error(SOURCE, rel(dir.path()), "directory not readable: " + e));
          if (dir.path().equals(root)) {
            listed = false;
            rootProblems.add(root + ": directory not readable: " + e.getMessage());
          }
          continue;
        }
        entries.sort(null);
        List<Dir> subdirs = new ArrayList<>();
        for (Path entry : entries) {
          String name = entry.getFileName().toString();
          BasicFileAttributes a;
          try {
            a = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          } catch (IOException e) {
            diagnostics.report(Diagnostic.error(SOURCE, rel(entry), "cannot stat: " + e));
            continue;
          }
          Path target = entry;
          if (a.isSymbolicLink()) {
            if (!options.followLinks()) {
              continue;
            }
            try {
              target = entry.toRealPath();
              a = Files.readAttributes(target, BasicFileAttributes.class);
            } catch (IOException e) {
              diagnostics.report(
                  Diagnostic.warning(SOURCE, rel(entry), "broken symbolic link skipped"));
              continue;
            }
            FileKind kind = FileKind.of(target);
            if (kind.special()) {
              diagnostics.report(
                  Diagnostic.warning(
                      SOURCE,
                      rel(entry),
                      "symbolic link to "
                          + kind.description()
                          + linkTarget(entry)
                          + "; skipped (only regular files are read)"));
              continue;
            }
            if (realRoots.stream().noneMatch(target::startsWith)) {
              diagnostics.report(
                  Diagnostic.note(
                      SOURCE, rel(entry), "symbolic link leads outside the scan root; skipped"));
              continue;
            }
          }
          String relPath = rel(entry);
          if (a.isDirectory()) {
            if (VCS_DIRS.contains(name) || isIgnored(relPath, true, ignores)) {
              continue;
            }
            Path real;
            try {
              real = target.toRealPath();
            } catch (IOException e) {
              diagnostics.report(Diagnostic.error(SOURCE, relPath, "cannot resolve: " + e));
              continue;
            }
            if (dir.ancestors().contains(real)) {
              diagnostics.report(
                  Diagnostic.warning(
                      SOURCE, relPath, "symbolic link loop detected; directory not re-entered"));
              continue;
            }
            Set<Path> anc = new HashSet<>(dir.ancestors());
            anc.add(real);
            subdirs.add(new Dir(entry, ignores, anc));
          } else if (a.isRegularFile()) {
            if (isIgnored(relPath, false, ignores) || !included(relPath)) {
              continue;
            }
            if (a.isSymbolicLink() || !target.equals(entry)) {
              // The same file reached twice through links is scanned once.
              if (!seenFiles.add(target)) {
                continue;
              }
            }
            addFile(entry, a.size());
          } else if (!isIgnored(relPath, false, ignores) && included(relPath)) {
            diagnostics.report(
                Diagnostic.warning(
                    SOURCE,
                    relPath,
                    "is "
                        + FileKind.of(target).description()
                        + "; skipped (only regular files are read)"));
          }
        }
        for (int i = subdirs.size() - 1; i >= 0; i--) {
          stack.push(subdirs.get(i));
        }
      }
      return listed || out.size() > before;
    }

    private static String linkTarget(Path link) {
      try {
        return " (" + Files.readSymbolicLink(link) + ")";
      } catch (IOException | UnsupportedOperationException e) {
        return "";
      }
    }

    /** Ignore files of the enclosing repository above the root, so that sub-trees scan alike. */
    private List<IgnoreFile> parentIgnores(Path root) {
      if (!options.honourIgnoreFiles()) {
        return List.of();
      }
      List<IgnoreFile> result = new ArrayList<>();
      Path info = root.resolve(".git").resolve("info").resolve("exclude");
      if (Files.isRegularFile(info)) {
        try {
          result.add(IgnoreFile.read(info, rel(root)));
        } catch (IOException e) {
          diagnostics.report(Diagnostic.warning(SOURCE, rel(info), "cannot read: " + e));
        }
      }
      return result;
    }

    private boolean isIgnored(String relPath, boolean isDir, List<IgnoreFile> ignores) {
      for (Glob g : exclude) {
        if (g.matches(relPath, isDir)) {
          return true;
        }
      }
      Boolean verdict = null;
      for (IgnoreFile f : ignores) {
        Boolean v = f.verdict(relPath, isDir);
        if (v != null) {
          verdict = v;
        }
      }
      return Boolean.TRUE.equals(verdict);
    }

    private boolean included(String relPath) {
      if (include.isEmpty()) {
        return true;
      }
      for (Glob g : include) {
        if (g.matches(relPath, false)) {
          return true;
        }
      }
      return false;
    }

    private void addFile(Path file, long size) {
      String relPath = file.equals(base) ? file.getFileName().toString() : rel(file);
      out.add(new SourceFile(file, relPath, size));
    }
  }
}
