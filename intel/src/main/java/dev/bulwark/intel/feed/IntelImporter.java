package dev.bulwark.intel.feed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.intel.stix.StixBundleReader;
import dev.bulwark.intel.store.IntelStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Feeds the store from files: a file is imported by what its content is (a STIX bundle, a MISP
 * galaxy cluster, the KEV catalogue); a folder is walked for {@code .json} files. A file that
 * cannot be read is reported and skipped; the import goes on.
 */
public final class IntelImporter {
  private final IntelStore store;
  private final Consumer<String> problems;

  public IntelImporter(IntelStore store, Consumer<String> problems) {
    this.store = store;
    this.problems = problems;
  }

  /** Imports a file or every {@code .json} file under a folder. */
  public List<ImportResult> importPath(Path path) throws InputException {
    if (!Files.exists(path)) {
      throw new InputException(path + ": no such file or directory");
    }
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(path)) {
      try (Stream<Path> s = Files.walk(path)) {
        s.filter(Files::isRegularFile)
            .filter(f -> f.getFileName().toString().endsWith(".json"))
            .sorted()
            .forEach(files::add);
      } catch (IOException e) {
        throw new InputException(path + ": cannot list folder: " + e.getMessage(), e);
      }
    } else {
      files.add(path);
    }
    List<ImportResult> out = new ArrayList<>();
    for (Path f : files) {
      try {
        ImportResult r = importFile(f);
        if (r.kind() == FeedKind.UNKNOWN) {
          problems.accept(f + ": not a STIX bundle, MISP galaxy cluster or KEV catalogue; skipped");
        }
        out.add(r);
      } catch (InputException e) {
        problems.accept(e.getMessage());
      }
    }
    store.flush();
    return out;
  }

  /** Imports one file by its kind. */
  public ImportResult importFile(Path f) throws InputException {
    long t0 = System.nanoTime();
    FeedKind kind = kindOf(f);
    long[] counts = new long[2];
    long olderBefore = store.skippedOlder();
    String source = f.getFileName().toString();
    switch (kind) {
      case STIX_BUNDLE ->
          StixBundleReader.read(
              f,
              o -> {
                counts[0]++;
                if (store.put(o, source)) {
                  counts[1]++;
                }
              });
      case MISP_CLUSTER -> {
        long[] c = new MispGalaxyFeed(store).importCluster(f);
        counts[0] = c[0];
        counts[1] = c[1];
      }
      case CISA_KEV -> {
        long[] c = new KevFeed(store).importCatalogue(f);
        counts[0] = c[0];
        counts[1] = c[1];
      }
      case UNKNOWN -> {
        // reported by the caller
      }
    }
    store.flush();
    long stored = counts[1] - (store.skippedOlder() - olderBefore);
    return new ImportResult(f, kind, counts[0], stored, (System.nanoTime() - t0) / 1_000_000);
  }

  /** Looks at the top-level keys only; values are skipped, so a large file costs one pass. */
  static FeedKind kindOf(Path f) throws InputException {
    Set<String> keys = new HashSet<>();
    String type = null;
    try (InputStream in = Files.newInputStream(f);
        JsonParser p = StixBundleReader.mapper().getFactory().createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return FeedKind.UNKNOWN;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String k = p.currentName();
        p.nextToken();
        keys.add(k);
        if (k.equals("type") && p.currentToken() == JsonToken.VALUE_STRING) {
          type = p.getText();
        }
        p.skipChildren();
        // the kind is known as soon as its tell-tale keys were seen
        if ("bundle".equals(type)) {
          return FeedKind.STIX_BUNDLE;
        }
      }
    } catch (IOException e) {
      throw new InputException(f + ": not valid JSON: " + e.getMessage(), e);
    }
    if (keys.contains("catalogVersion") && keys.contains("vulnerabilities")) {
      return FeedKind.CISA_KEV;
    }
    if (keys.contains("values") && keys.contains("uuid") && type != null) {
      return FeedKind.MISP_CLUSTER;
    }
    if (keys.contains("objects")) {
      return FeedKind.STIX_BUNDLE;
    }
    return FeedKind.UNKNOWN;
  }
}
