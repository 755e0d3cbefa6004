package dev.bulwark.eval;

import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A measurement of one capability: a labeled corpus in, a scorecard out. Suites are listed in
 * {@code eval.suites.Suites}; each one documents its corpus layout.
 */
public interface Suite {

  /** Options common to every suite: the corpus location and suite-specific parameters. */
  record Options(Path corpus, Map<String, String> params) {
    public Options {
      params = Map.copyOf(params);
    }
  }

  String name();

  String description();

  /** The corpus used when none is given, relative to Bulwark's home directory. */
  Path defaultCorpus();

  Scorecard run(Options options) throws InputException, IOException, InterruptedException;
}
