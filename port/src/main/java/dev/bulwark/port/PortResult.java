package dev.bulwark.port;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The outcome of porting one C project: per-function results and the crate-level gates. */
public record PortResult(
    String crateName,
    Path crate,
    List<FunctionResult> functions,
    List<String> types,
    CrateGates gates,
    int proposals,
    long promptTokens,
    long completionTokens,
    Duration wallTime) {

  /** The finished crate: builds, no unsafe, Clippy clean, the interface complete, tests. */
  public record CrateGates(
      boolean built,
      boolean safe,
      boolean clippy,
      List<String> missingFromInterface,
      int testsPassed,
      int testsFailed,
      boolean testsRan,
      String log) {
    public CrateGates {
      missingFromInterface = List.copyOf(missingFromInterface);
    }

    /**
     * A task is solved when the crate builds, is safe, Clippy-clean, complete, and its tests pass.
     */
    public boolean solved() {
      return built
          && safe
          && clippy
          && missingFromInterface.isEmpty()
          && testsRan
          && testsFailed == 0
          && testsPassed > 0;
    }
  }

  public PortResult {
    functions = List.copyOf(functions);
    types = List.copyOf(types);
  }

  public long accepted() {
    return functions.stream().filter(FunctionResult::accepted).count();
  }
}
