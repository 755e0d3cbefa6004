package dev.bulwark.core.reach;

import dev.bulwark.core.files.SourceTree;
import java.util.Collection;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * What a project's own code refers to, so that a dependency analysis can tell whether a vulnerable
 * package is used at all. A capability that understands a language implements it (the Java code
 * analyzer does); others find it through {@link ServiceLoader}, without depending on that
 * capability.
 */
public interface CodeReferences {

  /** Whether the project has code in a language this index understands. */
  boolean hasCode();

  /**
   * Whether project code refers to any type in one of these packages ({@code
   * org.apache.logging.log4j}) or to one of these types or members ({@code
   * com.google.common.io.Files.createTempDir}). Empty when it cannot tell.
   */
  Optional<Boolean> references(Collection<String> packagesOrSymbols);

  /** Builds an index for a source tree. */
  interface Indexer {
    CodeReferences index(SourceTree tree) throws InterruptedException;
  }

  /** The first indexer on the class path, if any. */
  static Optional<Indexer> indexer() {
    return ServiceLoader.load(Indexer.class).findFirst();
  }
}
