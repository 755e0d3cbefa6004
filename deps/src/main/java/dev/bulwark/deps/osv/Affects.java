package dev.bulwark.deps.osv;

import dev.bulwark.deps.model.Ecosystem;
import dev.bulwark.deps.versions.Versions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Whether an OSV {@code affected} entry covers a version, per the schema's evaluation rules:
 * explicit versions, then each SEMVER or ECOSYSTEM range's events in version order — introduced
 * opens, fixed and limit close before the version, last_affected closes after it. GIT ranges name
 * commits and cannot match a released version.
 */
public final class Affects {
  private Affects() {}

  public static boolean covers(Advisory.Affected a, Ecosystem e, String version) {
    if (version == null || version.isBlank()) {
      return false;
    }
    Comparator<String> order = Versions.order(e);
    for (String v : a.versions()) {
      if (order.compare(v, version) == 0) {
        return true;
      }
    }
    for (Advisory.Range r : a.ranges()) {
      if (r.type().equals("GIT")) {
        continue;
      }
      if (inRange(r, version, order)) {
        return true;
      }
    }
    return false;
  }

  private static boolean inRange(Advisory.Range r, String version, Comparator<String> order) {
    List<Advisory.Event> events = new ArrayList<>(r.events());
    boolean hasLimit = events.stream().anyMatch(ev -> ev.kind().equals("limit"));
    if (hasLimit) {
      for (Advisory.Event ev : events) {
        if (ev.kind().equals("limit")
            && !ev.version().equals("*")
            && order.compare(version, ev.version()) >= 0) {
          return false;
        }
      }
    }
    events.removeIf(ev ->
        ev.kind().equals("limit")
            || ev.version() == null
            || (ev.version().isEmpty() && !ev.kind().equals("introduced")));
    events.sort((x, y) -> compareEvent(x, y, order));
    boolean affected = false;
    for (Advisory.Event ev : events) {
      switch (ev.kind()) {
        case "introduced" -> {
          if (ev.version().equals("0") || order.compare(version, ev.version()) >= 0) {
            affected = true;
          }
        }
        case "fixed" -> {
          if (order.compare(version, ev.version()) >= 0) {
            affected = false;
          }
        }
        case "last_affected" -> {
          if (order.compare(version, ev.version()) > 0) {
            affected = false;
          }
        }
        default -> {}
      }
    }
    return affected;
  }

  private static int compareEvent(Advisory.Event x, Advisory.Event y, Comparator<String> order) {
    if (x.version().equals("0") || y.version().equals("0")) {
      return x.version().equals("0") ? (y.version().equals("0") ? 0 : -1) : 1;
    }
    return order.compare(x.version(), y.version());
  }

  /** The lowest fixed version above {@code version} in any range of this entry. */
  public static Optional<String> fixedAbove(Advisory.Affected a, Ecosystem e, String version) {
    Comparator<String> order = Versions.order(e);
    Optional<String> best = Optional.empty();
    for (Advisory.Range r : a.ranges()) {
      for (Advisory.Event ev : r.events()) {
        if (ev.kind().equals("fixed")
            && !ev.version().isEmpty()
            && order.compare(ev.version(), version) > 0) {
          if (best.isEmpty() || order.compare(ev.version(), best.get()) < 0) {
            best = Optional.of(ev.version());
          }
        }
      }
    }
    return best;
  }
}
