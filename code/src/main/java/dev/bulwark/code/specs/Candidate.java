package dev.bulwark.code.specs;

import java.util.List;

/**
 * A method that may be a source, sink, sanitizer or propagator, with what a reviewer (or a model)
 * needs to judge it: signature, documentation, an excerpt of its body, and the specs the heuristics
 * propose for it.
 *
 * @param signature the declaration as written ({@code public Object runScript(String s)})
 * @param doc its documentation comment, or empty
 * @param body an excerpt of its body (source lines, or a list of the calls its bytecode makes)
 * @param proposed what the deterministic heuristics say it is (may be empty: a model may label it)
 */
public record Candidate(
    String owner,
    String name,
    int arity,
    String signature,
    String doc,
    String body,
    String origin,
    List<Spec> proposed) {
  public Candidate {
    proposed = List.copyOf(proposed);
  }
}
