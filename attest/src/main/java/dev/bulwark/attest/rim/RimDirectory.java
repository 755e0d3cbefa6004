package dev.bulwark.attest.rim;

import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Picks a VBIOS RIM from a folder of files named as NVIDIA publishes them, {@code
 * <project>_<projectSKU>_<chipSKU>_<version without dots>[_<kind>].swidtag}: the one whose name
 * carries the report's ids. A production RIM ({@code _PROD}) is preferred to any other kind, as
 * NVIDIA's RIM service serves those; two candidates of one kind are ambiguous.
 */
public final class RimDirectory {
  static final String VBIOS_PREFIX = "NV_GPU_VBIOS_";

  private RimDirectory() {}

  /** The file for {@code rimId} (e.g. {@code NV_GPU_VBIOS_1010_0200_882_96005E0001}), if any. */
  public static Optional<Path> vbios(Path dir, String rimId) throws IOException, InputException {
    if (!Files.isDirectory(dir)) {
      throw new InputException(dir + ": --rim-dir must be a directory");
    }
    if (!rimId.startsWith(VBIOS_PREFIX)) {
      throw new InputException("not a VBIOS RIM id: " + rimId);
    }
    String stem = rimId.substring(VBIOS_PREFIX.length()).toUpperCase(Locale.ROOT);
    List<Path> candidates;
    try (Stream<Path> files = Files.list(dir)) {
      candidates =
          files
              .filter(Files::isRegularFile)
              .filter(p -> {
                String n = p.getFileName().toString().toUpperCase(Locale.ROOT);
                return n.endsWith(".SWIDTAG")
                    && (n.equals(stem + ".SWIDTAG") || n.startsWith(stem + "_"));
              })
              .sorted()
              .toList();
    }
    List<Path> prod =
        candidates.stream()
            .filter(
                p -> p.getFileName().toString().toUpperCase(Locale.ROOT).endsWith("_PROD.SWIDTAG"))
            .toList();
    List<Path> pick = prod.isEmpty() ? candidates : prod;
    if (pick.size() > 1) {
      throw new InputException(
          dir
              + ": "
              + pick.size()
              + " RIMs for "
              + rimId
              + " ("
              + pick.stream().map(p -> p.getFileName().toString()).toList()
              + "); name one with --vbios-rim");
    }
    return pick.stream().findFirst();
  }
}
