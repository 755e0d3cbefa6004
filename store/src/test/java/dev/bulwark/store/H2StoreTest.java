package dev.bulwark.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded H2 file database, as a user runs it by default. */
class H2StoreTest extends StoreContract {
  @TempDir Path dir;

  @Override
  protected Store open() {
    return Store.openDefault(dir);
  }
}
