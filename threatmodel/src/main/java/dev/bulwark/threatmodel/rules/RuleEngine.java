package dev.bulwark.threatmodel.rules;

import dev.bulwark.threatmodel.model.CommunicationLink;
import dev.bulwark.threatmodel.model.Confidentiality;
import dev.bulwark.threatmodel.model.Criticality;
import dev.bulwark.threatmodel.model.DataAsset;
import dev.bulwark.threatmodel.model.RiskTracking;
import dev.bulwark.threatmodel.model.SharedRuntime;
import dev.bulwark.threatmodel.model.TechnicalAsset;
import dev.bulwark.threatmodel.model.ThreatModel;
import dev.bulwark.threatmodel.model.TrustBoundary;
import dev.bulwark.threatmodel.tree.ModelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs rules over a model: one risk per rule and element whose condition holds. */
public final class RuleEngine {
  private final Technologies technologies;

  public RuleEngine(Technologies technologies) {
    this.technologies = technologies;
  }

  public static RuleEngine builtIn() {
    return new RuleEngine(Technologies.builtIn());
  }

  /**
   * The risks of {@code model}, tracking applied (the first tracking entry covering a risk's id
   * sets its status). A rule that reads a property its elements lack is an error naming the rule.
   */
  public List<Risk> assess(ThreatModel model, List<Rule> rules) throws ModelException {
    ModelView view = new ModelView(model, technologies);
    List<Risk> out = new ArrayList<>();
    for (Rule rule : rules) {
      for (Object element : view.elements(rule.match())) {
        try {
          if (!holds(view, rule.when(), element)) {
            continue;
          }
          String impact = choose(view, rule.impact(), element);
          String likelihood = choose(view, rule.likelihood(), element);
          String id = syntheticId(rule, element);
          Optional<RiskTracking> t =
              model.riskTracking().stream().filter(r -> r.covers(id)).findFirst();
          out.add(
              new Risk(
                  rule,
                  id,
                  rule.match(),
                  elementId(element),
                  title(element),
                  impact,
                  likelihood,
                  t.map(RiskTracking::status).orElse(RiskTracking.Status.UNCHECKED),
                  t,
                  List.of()));
        } catch (IllegalArgumentException e) {
          throw new ModelException(rule.file(), 1, "when", e.getMessage());
        }
      }
    }
    return out;
  }

  private static String choose(ModelView view, List<Rule.Rating> ratings, Object element) {
    for (Rule.Rating r : ratings) {
      if (holds(view, r.when(), element)) {
        return r.level();
      }
    }
    return ratings.get(ratings.size() - 1).level();
  }

  static String syntheticId(Rule rule, Object element) {
    if (element instanceof CommunicationLink l) {
      return rule.id() + "@" + l.sourceId() + "@" + l.targetId() + "@" + l.id();
    }
    return rule.id() + "@" + elementId(element);
  }

  static String elementId(Object element) {
    return switch (element) {
      case TechnicalAsset a -> a.id();
      case CommunicationLink l -> l.id();
      case DataAsset d -> d.id();
      case TrustBoundary b -> b.id();
      case SharedRuntime r -> r.id();
      default -> throw new IllegalArgumentException("not a model element: " + element);
    };
  }

  static String title(Object element) {
    return switch (element) {
      case TechnicalAsset a -> a.title();
      case CommunicationLink l -> l.title();
      case DataAsset d -> d.title();
      case TrustBoundary b -> b.title();
      case SharedRuntime r -> r.title();
      default -> "";
    };
  }

  static boolean holds(ModelView view, Condition c, Object element) {
    return switch (c) {
      case Condition.Always a -> true;
      case Condition.All a -> a.parts().stream().allMatch(p -> holds(view, p, element));
      case Condition.Any a -> a.parts().stream().anyMatch(p -> holds(view, p, element));
      case Condition.Not n -> !holds(view, n.part(), element);
      case Condition.Quantified q -> {
        Object v = view.get(element, q.collection());
        if (!(v instanceof List<?> list)) {
          throw new IllegalArgumentException(
              "'" + q.collection() + "' is not a collection of " + kindOf(element));
        }
        yield switch (q.quantifier()) {
          case SOME -> list.stream().anyMatch(x -> holds(view, q.where(), x));
          case NONE -> list.stream().noneMatch(x -> holds(view, q.where(), x));
          case EVERY -> list.stream().allMatch(x -> holds(view, q.where(), x));
        };
      }
      case Condition.Test t -> test(view, t, element);
    };
  }

  private static String kindOf(Object element) {
    return element == null ? "nothing" : element.getClass().getSimpleName();
  }

  private static boolean test(ModelView view, Condition.Test t, Object element) {
    Object v = view.get(element, t.path());
    if (v == ModelView.Missing.INSTANCE) {
      throw new IllegalArgumentException(
          "unknown property '" + t.path() + "' of " + kindOf(element));
    }
    if (v == null) {
      return false;
    }
    return switch (t.op()) {
      case IS -> text(v).equals(t.value());
      case IN -> {
        List<?> want = (List<?>) t.value();
        if (v instanceof List<?> have) {
          yield have.stream().anyMatch(x -> want.contains(text(x)));
        }
        yield want.contains(text(v));
      }
      case AT_LEAST -> compare(v, (String) t.value(), t.path()) >= 0;
      case BELOW -> compare(v, (String) t.value(), t.path()) < 0;
      case CONTAINS ->
          v instanceof List<?> l && l.stream().anyMatch(x -> text(x).equals(t.value()));
      case EMPTY -> {
        boolean empty = v instanceof List<?> l ? l.isEmpty() : text(v).isEmpty();
        yield empty == Boolean.parseBoolean((String) t.value());
      }
    };
  }

  private static int compare(Object v, String level, String path) {
    if (v instanceof Confidentiality c) {
      return c.compareTo(
          Confidentiality.parse(level)
              .orElseThrow(
                  () -> new IllegalArgumentException("'" + level + "' is not a confidentiality")));
    }
    if (v instanceof Criticality c) {
      return c.compareTo(
          Criticality.parse(level)
              .orElseThrow(
                  () -> new IllegalArgumentException("'" + level + "' is not a criticality")));
    }
    throw new IllegalArgumentException(
        "'" + path + "' has no order (at_least/below need a rating)");
  }

  private static String text(Object v) {
    return switch (v) {
      case Confidentiality c -> c.label();
      case Criticality c -> c.label();
      case TechnicalAsset a -> a.id();
      case DataAsset d -> d.id();
      default -> String.valueOf(v);
    };
  }
}
