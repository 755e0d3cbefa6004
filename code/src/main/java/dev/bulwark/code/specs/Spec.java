package dev.bulwark.code.specs;

import dev.bulwark.code.rules.Category;
import dev.bulwark.core.model.Confidence;
import java.util.List;
import java.util.Set;

/**
 * One inferred specification: a method of the project or of a dependency that acts as a source, a
 * sink, a sanitizer or a propagator, with the check that supports it. A spec no check supports is
 * kept as {@link Verdict#UNVERIFIED} at low confidence; a reviewer may confirm it in the pack.
 *
 * @param owner the declaring class, dotted ({@code com.acme.Scripts}, nested {@code A.B})
 * @param name the method name, {@code <init>} for constructors
 * @param arity the number of parameters
 * @param args for a sink, the parameters that reach it; for a sanitizer or propagator, the one it
 *     reads; empty for a source
 * @param rule for a sink, the taint rule it adds a sink to; null otherwise
 * @param cwe the weakness the sink leads to or the source feeds; 0 when none applies
 * @param categories for a sanitizer what it cleanses, for a source what it is dangerous for (empty:
 *     everything)
 * @param origin where the method lives: a source path with its line, or a dependency's coordinates
 * @param evidence what the check found, or why none could
 * @param labelledBy who proposed it: {@code heuristics} or {@code llm:<provider>:<model>}
 */
public record Spec(
    Kind kind,
    String owner,
    String name,
    int arity,
    List<Integer> args,
    String rule,
    int cwe,
    Set<Category> categories,
    String origin,
    Verdict verdict,
    Confidence confidence,
    String evidence,
    String labelledBy) {

  public Spec {
    args = List.copyOf(args);
    categories = Set.copyOf(categories);
  }

  /** What a method does with untrusted data. */
  public enum Kind {
    SOURCE,
    SINK,
    SANITIZER,
    PROPAGATOR;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Whether a check supports the spec. */
  public enum Verdict {
    /** The body or bytecode does what the spec says (a known sink reached, a source returned …). */
    VERIFIED,
    /** The method's documentation says so; its code could not be checked. */
    DOCUMENTED,
    /** Nothing supports it: a guess from its name or a model's label, used at low confidence. */
    UNVERIFIED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** {@code owner#name/arity}, the form rule packs use. */
  public String method() {
    return owner + "#" + name + "/" + arity;
  }

  /** The same spec with another verdict and what supports it. */
  public Spec judged(Verdict v, Confidence c, String why) {
    return new Spec(
        kind, owner, name, arity, args, rule, cwe, categories, origin, v, c, why, labelledBy);
  }
}
