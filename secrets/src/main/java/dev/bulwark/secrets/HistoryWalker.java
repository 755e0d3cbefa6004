package dev.bulwark.secrets;

import dev.bulwark.core.analysis.AnalysisException;
import dev.bulwark.core.analysis.FindingSink;
import dev.bulwark.core.analysis.Progress;
import dev.bulwark.core.analysis.ScanContext;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Region;
import dev.bulwark.secrets.engine.Allowlist;
import dev.bulwark.secrets.engine.SecretEngine;
import dev.bulwark.secrets.engine.SecretMatch;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * Walks every commit reachable from any ref, oldest first, and scans the lines each commit added. A
 * secret is reported at the first commit that added it; later commits that touch it again are not
 * reported twice. Merge commits are skipped: what they bring was added by the merged commits.
 */
final class HistoryWalker {
  private static final String SOURCE = "secrets-history";
  private static final long MAX_BLOB = 50L << 20;

  private final Repository repo;
  private final ScanContext ctx;
  private final FindingSink sink;

  HistoryWalker(Repository repo, ScanContext ctx, FindingSink sink) {
    this.repo = repo;
    this.ctx = ctx;
    this.sink = sink;
  }

  void walk(Progress.Task task) throws IOException, AnalysisException {
    SecretsConfig config;
    SecretEngine engine;
    try {
      config = SecretsConfig.from(ctx.config());
      engine =
          SecretEngine.create(
              SecretsAnalyzer.activeRules(config),
              Allowlist.documentationExamples().merge(config.allowlist()));
    } catch (InputException e) {
      throw new AnalysisException(e.getMessage(), e);
    }
    Set<String> reported = new HashSet<>();
    ObjectId head = repo.resolve(Constants.HEAD);
    Map<String, byte[]> headBlobs = new HashMap<>();
    try (RevWalk walk = new RevWalk(repo);
        ObjectReader reader = repo.newObjectReader();
        DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
      diff.setRepository(repo);
      diff.setDetectRenames(false);
      walk.sort(RevSort.TOPO, true);
      walk.sort(RevSort.REVERSE, true);
      List<Ref> refs = repo.getRefDatabase().getRefs();
      boolean any = false;
      for (Ref ref : refs) {
        ObjectId id = ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId();
        if (id == null) {
          continue;
        }
        try {
          walk.markStart(walk.parseCommit(id));
          any = true;
        } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
          // a ref to a tree or blob: nothing to walk
        }
      }
      if (!any) {
        return;
      }
      for (RevCommit commit : walk) {
        ctx.checkCancelled();
        task.advance(1);
        if (commit.getParentCount() > 1) {
          continue;
        }
        List<DiffEntry> entries;
        if (commit.getParentCount() == 0) {
          CanonicalTreeParser tree = new CanonicalTreeParser(null, reader, commit.getTree());
          entries = diff.scan(new EmptyTreeIterator(), tree);
        } else {
          RevCommit parent = walk.parseCommit(commit.getParent(0));
          entries = diff.scan(parent.getTree(), commit.getTree());
        }
        for (DiffEntry entry : entries) {
          if (entry.getChangeType() == DiffEntry.ChangeType.DELETE) {
            continue;
          }
          scanEntry(entry, commit, diff, reader, engine, config, reported, head, headBlobs);
        }
      }
    }
  }

  private void scanEntry(
      DiffEntry entry,
      RevCommit commit,
      DiffFormatter diff,
      ObjectReader reader,
      SecretEngine engine,
      SecretsConfig config,
      Set<String> reported,
      ObjectId head,
      Map<String, byte[]> headBlobs)
      throws IOException {
    String path = entry.getNewPath();
    ObjectLoader loader = reader.open(entry.getNewId().toObjectId());
    if (loader.getSize() > MAX_BLOB) {
      ctx.diagnostics()
          .report(
              Diagnostic.note(
                  SOURCE, path + "@" + commit.abbreviate(12).name(), "blob over 50 MB skipped"));
      return;
    }
    byte[] content = loader.getBytes();
    if (RawText.isBinary(content)) {
      return;
    }
    List<int[]> added = new ArrayList<>();
    for (Edit e : diff.toFileHeader(entry).toEditList()) {
      if (e.getEndB() > e.getBeginB()) {
        added.add(new int[] {e.getBeginB() + 1, e.getEndB()});
      }
    }
    if (added.isEmpty()) {
      return;
    }
    boolean test = TestPaths.isTest(path);
    if (test && config.testPaths() == SecretsConfig.TestPathPolicy.IGNORE) {
      return;
    }
    engine.scan(
        path,
        new ByteArrayInputStream(content),
        (SecretMatch m) -> {
          if (!inAdded(added, m.startLine())) {
            return;
          }
          String key = m.rule().id() + '\0' + m.secret().sha256() + '\0' + path;
          if (!reported.add(key)) {
            return;
          }
          boolean present = stillPresent(path, m, head, reader, headBlobs);
          String commitId = commit.getName();
          String date = Instant.ofEpochSecond(commit.getCommitTime()).toString();
          Location location =
              new Location.GitBlob(
                  commitId,
                  path,
                  new Region(m.startLine(), m.startColumn(), m.endLine(), m.endColumn()),
                  m.snippet());
          sink.accept(
              SecretFindings.builder(
                      m,
                      path,
                      location,
                      test && config.testPaths() == SecretsConfig.TestPathPolicy.LOWER)
                  .message(
                      m.rule().name()
                          + " "
                          + m.secret().redacted()
                          + " was committed to "
                          + path
                          + " in "
                          + commit.abbreviate(12).name()
                          + " ("
                          + date.substring(0, 10)
                          + ")"
                          + (present
                              ? " and is still in HEAD."
                              : "; it is gone from HEAD but stays in history: rotate it."))
                  .identity("history")
                  .property("commit", commitId)
                  .property("commitDate", date)
                  .property("author", commit.getAuthorIdent().getName())
                  .property("stillPresent", Boolean.toString(present))
                  .build());
        });
  }

  private static boolean inAdded(List<int[]> ranges, int line) {
    for (int[] r : ranges) {
      if (line >= r[0] && line <= r[1]) {
        return true;
      }
    }
    return false;
  }

  private boolean stillPresent(
      String path, SecretMatch m, ObjectId head, ObjectReader reader, Map<String, byte[]> cache) {
    if (head == null) {
      return false;
    }
    byte[] blob =
        cache.computeIfAbsent(
            path,
            p -> {
              try (RevWalk rw = new RevWalk(reader);
                  TreeWalk tw = TreeWalk.forPath(reader, p, rw.parseCommit(head).getTree())) {
                if (tw == null) {
                  return new byte[0];
                }
                ObjectLoader l = reader.open(tw.getObjectId(0));
                return l.getSize() > MAX_BLOB ? new byte[0] : l.getBytes();
              } catch (IOException e) {
                return new byte[0];
              }
            });
    return new String(blob, StandardCharsets.UTF_8).contains(m.secret().reveal());
  }
}
