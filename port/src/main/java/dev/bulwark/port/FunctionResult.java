package dev.bulwark.port;

import dev.bulwark.port.c.Hazard;
import java.util.List;
import java.util.Set;

/**
 * What happened to one C function: accepted (by which pass, after how many repairs, by which rules)
 * with the evidence that let it in, or left unported with the reason.
 */
public record FunctionResult(
    String name,
    String file,
    int line,
    Set<Hazard> hazards,
    Status status,
    String pass,
    List<String> rules,
    int repairs,
    String reason,
    String signature,
    Evidence evidence) {

  public enum Status {
    ACCEPTED,
    UNPORTED
  }

  /** The gates a function passed: build, no unsafe, Clippy, differential test summary. */
  public record Evidence(boolean built, boolean safe, boolean clippy, String differential) {
    public static final Evidence NONE = new Evidence(false, false, false, "not run");
  }

  public FunctionResult {
    hazards = Set.copyOf(hazards);
    rules = List.copyOf(rules);
  }

  public boolean accepted() {
    return status == Status.ACCEPTED;
  }
}
