package dev.bulwark.core.files;

import java.util.List;

/**
 * What a walk selects: include and exclude globs (relative to the walk root), whether {@code
 * .gitignore} and {@code .bulwarkignore} files are honoured, and whether symbolic links are
 * followed (always only within the walk roots).
 */
public record WalkOptions(
    List<String> include, List<String> exclude, boolean honourIgnoreFiles, boolean followLinks) {

  public WalkOptions {
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
  }

  public static WalkOptions defaults() {
    return new WalkOptions(List.of(), List.of(), true, true);
  }
}
