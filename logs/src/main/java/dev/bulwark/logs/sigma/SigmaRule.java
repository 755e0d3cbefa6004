package dev.bulwark.logs.sigma;

import dev.bulwark.logs.event.Event;
import java.util.List;

/**
 * A loaded detection rule: its metadata as written (the DRL asks that alerts keep the author) and
 * its compiled condition.
 */
public final class SigmaRule {
  private final Meta meta;
  private final Logsource logsource;
  private volatile Expr expr;

  /** Compiles the condition when it is first needed; null once compiled. */
  private java.util.function.Supplier<Expr> compile;

  /** Meta filters that arrived before the condition was compiled. */
  private List<Expr> restrictions;

  private boolean emits = true;

  /**
   * What every match of the condition needs, found when the rule was first compiled and kept in the
   * cache, so that the index can pass over a rule without compiling it; null when not known.
   */
  private final RuleIndex.Atom atom;

  /** Whether {@link #atom} was given (a null atom then means the rule needs no literal). */
  private final boolean atomKnown;

  /** What a rule says about itself. */
  public record Meta(
      String id,
      String name,
      String title,
      String description,
      Status status,
      Level level,
      String author,
      String date,
      List<String> tags,
      List<String> references,
      List<String> falsepositives,
      String path) {

    /** The severity of the rule's alerts: its level, medium when it gives none. */
    public dev.bulwark.core.model.Severity severity() {
      return level == null ? dev.bulwark.core.model.Severity.MEDIUM : level.severity();
    }

    /** The reference correlations and filters may use: the name when set, else the id. */
    public boolean answersTo(String ref) {
      return ref.equals(id) || ref.equals(name);
    }
  }

  SigmaRule(Meta meta, Logsource logsource, Expr expr) {
    this.meta = meta;
    this.logsource = logsource;
    this.expr = expr;
    this.atom = null;
    this.atomKnown = false;
  }

  /**
   * A rule known to compile, whose condition is compiled only when an event first reaches it: a
   * hunt touches the rules of a few log sources out of hundreds.
   */
  SigmaRule(
      Meta meta,
      Logsource logsource,
      java.util.function.Supplier<Expr> compile,
      RuleIndex.Atom atom) {
    this.meta = meta;
    this.logsource = logsource;
    this.compile = compile;
    this.restrictions = new java.util.ArrayList<>();
    this.atom = atom;
    this.atomKnown = true;
  }

  /**
   * A condition every match needs, or null when there is none. Filters only add conditions, so what
   * the rule's own condition needs stays necessary once they restrict it.
   */
  RuleIndex.Atom necessary() {
    return atomKnown ? atom : RuleIndex.necessary(expr());
  }

  public Meta meta() {
    return meta;
  }

  public Logsource logsource() {
    return logsource;
  }

  public boolean matches(Event e) {
    Expr x = expr;
    return (x != null ? x : expr()).eval(e);
  }

  /** Whether a match is reported on its own (false when only a correlation uses it). */
  public boolean emits() {
    return emits;
  }

  void emits(boolean value) {
    this.emits = value;
  }

  Expr expr() {
    Expr x = expr;
    if (x != null) {
      return x;
    }
    synchronized (this) {
      if (expr == null) {
        Expr e = compile.get();
        for (Expr f : restrictions) {
          e = new Expr.And(List.of(e, f));
        }
        expr = e;
        compile = null;
        restrictions = null;
      }
      return expr;
    }
  }

  /** Whether the condition has been compiled (a cached rule compiles when first used). */
  boolean compiled() {
    return expr != null;
  }

  /** A meta filter: its condition (usually "not selection") is added to this rule's. */
  synchronized void restrict(Expr filter) {
    if (expr == null) {
      restrictions.add(filter);
    } else {
      expr = new Expr.And(List.of(expr, filter));
    }
  }

  @Override
  public String toString() {
    return meta.title() + " (" + meta.id() + ")";
  }
}
