package dev.bulwark.core.analysis;

import dev.bulwark.core.model.Finding;

/** Receives findings as an analyzer produces them; implementations are thread-safe. */
@FunctionalInterface
public interface FindingSink {
  void accept(Finding finding);
}
