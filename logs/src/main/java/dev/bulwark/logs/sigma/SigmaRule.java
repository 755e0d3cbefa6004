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
  private Expr expr;
  private boolean emits = true;

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
  }

  public Meta meta() {
    return meta;
  }

  public Logsource logsource() {
    return logsource;
  }

  public boolean matches(Event e) {
    return expr.eval(e);
  }

  /** Whether a match is reported on its own (false when only a correlation uses it). */
  public boolean emits() {
    return emits;
  }

  void emits(boolean value) {
    this.emits = value;
  }

  Expr expr() {
    return expr;
  }

  /** A meta filter: its condition (usually "not selection") is added to this rule's. */
  void restrict(Expr filter) {
    expr = new Expr.And(List.of(expr, filter));
  }

  @Override
  public String toString() {
    return meta.title() + " (" + meta.id() + ")";
  }
}
