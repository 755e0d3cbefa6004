package dev.bulwark.code.rules;

import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.RuleDescriptor;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.model.TaxonomyRef;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One code rule and the sinks that trigger it. {@link Kind#TAINT} rules fire when untrusted data
 * not cleansed for their {@link Category} reaches a sink argument; the other kinds look at constant
 * arguments, at a call itself, at the flags an object collected, or at declarations.
 */
public record JavaRule(
    String id,
    String name,
    int cwe,
    Severity severity,
    Kind kind,
    Category category,
    String message,
    String remediation,
    String help,
    List<Sink> sinks,
    String pack,
    Severity outsideSecurityContext,
    DenyList denyList) {

  /** How a rule decides. */
  public enum Kind {
    /** Untrusted data reaches a sink argument (or receiver). */
    TAINT,
    /** A sink argument is a constant that matches a pattern (e.g. "MD5"). */
    CONSTANT_ARG,
    /** Calling the sink at all is the problem (e.g. java.util.Random). */
    CALL,
    /** The object passed to the sink lacks a flag set elsewhere (e.g. Cookie.setSecure(true)). */
    OBJECT_FLAG,
    /** A declaration has a dangerous shape (e.g. a trust manager that trusts everything). */
    STRUCTURAL,
    /**
     * A security check tests class names against a list of known-bad ones (a deny-list): classes
     * not on the list pass, so it stops only the gadgets known when it was written.
     */
    DENY_LIST
  }

  /**
   * What a {@link Kind#DENY_LIST} rule looks for. {@code denyNames} and {@code allowNames} match
   * the names of lists, of the classes holding a check and of check methods ({@code
   * DEFAULT_NO_DESER_CLASS_NAMES}, {@code BlacklistedTypesConverter}, {@code isWhitelisted});
   * {@code checks} the calls that test a value against a list ({@code contains}, {@code
   * binarySearch}); {@code classContext} the method and parameter names that show class names are
   * what is checked; {@code gadgets} known dangerous classes and packages, so a list naming them is
   * a deny-list whatever it is called.
   */
  public record DenyList(
      Pattern denyNames,
      Pattern allowNames,
      Pattern checks,
      Pattern classContext,
      List<String> gadgets) {
    public DenyList {
      Objects.requireNonNull(denyNames, "deny-names");
      Objects.requireNonNull(allowNames, "allow-names");
      Objects.requireNonNull(checks, "checks");
      Objects.requireNonNull(classContext, "class-context");
      gadgets = List.copyOf(gadgets);
    }
  }

  /**
   * A sink: a method, which arguments matter ({@code -1} is the receiver), and for the non-taint
   * kinds the pattern, flag or minimum the arguments are checked against. {@code receiverTag}
   * requires the receiver to carry a tag (a response writer, not any PrintWriter). {@code
   * confidence} caps the confidence of findings at this sink: null for the built-in rules, the
   * specification's own for a sink from a rule pack of inferred specifications.
   */
  public record Sink(
      MethodSpec method,
      List<Integer> args,
      Pattern matches,
      String receiverTag,
      String flag,
      Long below,
      String receiverFlag,
      Confidence confidence) {
    public Sink {
      Objects.requireNonNull(method, "method");
      args = List.copyOf(args);
    }

    public Sink(
        MethodSpec method,
        List<Integer> args,
        Pattern matches,
        String receiverTag,
        String flag,
        Long below,
        String receiverFlag) {
      this(method, args, matches, receiverTag, flag, below, receiverFlag, null);
    }
  }

  /** This rule with more sinks (from a rule pack of inferred specifications). */
  public JavaRule withSinks(List<Sink> more) {
    List<Sink> all = new java.util.ArrayList<>(sinks);
    all.addAll(more);
    return new JavaRule(
        id,
        name,
        cwe,
        severity,
        kind,
        category,
        message,
        remediation,
        help,
        all,
        pack,
        outsideSecurityContext,
        denyList);
  }

  public JavaRule {
    sinks = List.copyOf(sinks);
  }

  public RuleDescriptor descriptor() {
    return new RuleDescriptor(
        id,
        name,
        name + " (CWE-" + cwe + ")",
        help,
        severity,
        List.of(TaxonomyRef.cwe(cwe)),
        List.of("code", "java", kind.name().toLowerCase(java.util.Locale.ROOT)));
  }
}
