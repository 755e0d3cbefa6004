package dev.bulwark.core.verify;

import java.io.IOException;
import java.util.Optional;

/**
 * A deterministic check a proposal must pass: the same proposal always gets the same answer, and no
 * model takes part in giving it.
 */
public interface Check {
  /** Short name shown with a rejection, e.g. "compiles". */
  String name();

  /** Empty when the proposal passes, else why it does not. */
  Optional<String> failure(Proposal proposal) throws IOException, InterruptedException;

  /** The body of a check. */
  @FunctionalInterface
  interface Body {
    Optional<String> failure(Proposal proposal) throws IOException, InterruptedException;
  }

  static Check of(String name, Body body) {
    return new Check() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Optional<String> failure(Proposal proposal) throws IOException, InterruptedException {
        return body.failure(proposal);
      }
    };
  }
}
