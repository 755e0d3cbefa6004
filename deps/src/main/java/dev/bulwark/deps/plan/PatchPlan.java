package dev.bulwark.deps.plan;

import dev.bulwark.deps.match.VulnMatch;
import dev.bulwark.deps.model.Component;
import dev.bulwark.deps.reach.Reachability;
import dev.bulwark.deps.versions.Versions;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The patch plan: one upgrade per vulnerable package — the smallest version that fixes all its
 * vulnerabilities, and the nearest same-major version when the full fix needs a new major — ordered
 * by urgency (SSVC deployer decision, then KEV, EPSS, CVSS and reachability), with a due date from
 * the KEV catalog or the team's SLA, and scheduled into maintenance windows by capacity.
 */
public final class PatchPlan {

  /** One planned upgrade. */
  public record Upgrade(
      Component component,
      List<VulnMatch> vulnerabilities,
      Optional<String> target,
      Optional<String> sameMajorTarget,
      List<String> unfixed,
      String risk,
      Ssvc.Decision decision,
      String reachability,
      ZonedDateTime due,
      ZonedDateTime scheduled,
      boolean lateForSla,
      double priority) {}

  /** A maintenance window and what it holds. */
  public record Window(
      ZonedDateTime start, ZonedDateTime end, List<Upgrade> upgrades, boolean outOfBand) {}

  /** The whole plan. */
  public record Plan(
      List<Upgrade> upgrades,
      List<Window> windows,
      ZonedDateTime made,
      Map<String, List<Upgrade>> byManifest) {}

  private PatchPlan() {}

  public static Plan make(
      List<VulnMatch> matches,
      Map<VulnMatch, Reachability.Verdict> reach,
      PlanSettings s,
      ZonedDateTime now) {
    Map<String, List<VulnMatch>> byPackage = new LinkedHashMap<>();
    for (VulnMatch m : matches) {
      byPackage
          .computeIfAbsent(
              m.component().manifest() + "|" + m.component().key(), k -> new ArrayList<>())
          .add(m);
    }
    String human = Ssvc.humanImpact(s.safetyImpact(), s.missionImpact());
    List<Upgrade> upgrades = new ArrayList<>();
    for (List<VulnMatch> vulns : byPackage.values()) {
      upgrades.add(upgrade(vulns, reach, s, human, now));
    }
    upgrades.sort(
        Comparator.comparingDouble(Upgrade::priority)
            .reversed()
            .thenComparing(u -> u.component().name()));
    // schedule: immediate ones out of band now, the rest into windows by capacity
    List<Window> windows = new ArrayList<>();
    List<Upgrade> now0 = new ArrayList<>();
    List<Upgrade> placed = new ArrayList<>();
    ZonedDateTime start = s.firstWindow();
    List<Upgrade> current = new ArrayList<>();
    for (Upgrade u : upgrades) {
      if (u.decision() == Ssvc.Decision.IMMEDIATE) {
        Upgrade x = withSchedule(u, now, now.isAfter(u.due()));
        now0.add(x);
        placed.add(x);
        continue;
      }
      if (current.size() >= s.capacity()) {
        windows.add(new Window(start, start.plus(s.windowLength()), List.copyOf(current), false));
        current.clear();
        start = start.plus(s.every());
      }
      Upgrade x = withSchedule(u, start, start.isAfter(u.due()));
      current.add(x);
      placed.add(x);
    }
    if (!current.isEmpty()) {
      windows.add(new Window(start, start.plus(s.windowLength()), List.copyOf(current), false));
    }
    if (!now0.isEmpty()) {
      windows.add(0, new Window(now, now.plus(s.windowLength()), List.copyOf(now0), true));
    }
    Map<String, List<Upgrade>> byManifest = new LinkedHashMap<>();
    for (Upgrade u : placed) {
      byManifest.computeIfAbsent(u.component().manifest(), k -> new ArrayList<>()).add(u);
    }
    return new Plan(placed, windows, now, byManifest);
  }

  private static Upgrade withSchedule(Upgrade u, ZonedDateTime when, boolean late) {
    return new Upgrade(
        u.component(),
        u.vulnerabilities(),
        u.target(),
        u.sameMajorTarget(),
        u.unfixed(),
        u.risk(),
        u.decision(),
        u.reachability(),
        u.due(),
        when,
        late,
        u.priority());
  }

  private static Upgrade upgrade(
      List<VulnMatch> vulns,
      Map<VulnMatch, Reachability.Verdict> reach,
      PlanSettings s,
      String human,
      ZonedDateTime now) {
    Component c = vulns.get(0).component();
    Comparator<String> order = Versions.order(c.ecosystem());
    Optional<String> target = Optional.empty();
    List<String> unfixed = new ArrayList<>();
    for (VulnMatch v : vulns) {
      if (v.fixedIn().isEmpty()) {
        unfixed.add(v.id());
      } else if (target.isEmpty() || order.compare(v.fixedIn().get(), target.get()) > 0) {
        target = v.fixedIn();
      }
    }
    Optional<String> sameMajor = Optional.empty();
    String currentMajor = major(c.version());
    if (target.isPresent() && !major(target.get()).equals(currentMajor)) {
      for (VulnMatch v : vulns) {
        for (var a : v.advisories()) {
          for (var af : a.affected()) {
            for (var r : af.ranges()) {
              for (var e : r.events()) {
                if (e.kind().equals("fixed")
                    && major(e.version()).equals(currentMajor)
                    && order.compare(e.version(), c.version()) > 0
                    && (sameMajor.isEmpty() || order.compare(e.version(), sameMajor.get()) > 0)) {
                  sameMajor = Optional.of(e.version());
                }
              }
            }
          }
        }
      }
    }
    String risk = target.map(t -> risk(c.version(), t)).orElse("no fix published");
    Ssvc.Decision decision = Ssvc.Decision.DEFER;
    ZonedDateTime due = now.plus(s.sla().get("low"));
    double priority = 0;
    String reachable = "unknown";
    for (VulnMatch v : vulns) {
      String exploitation =
          v.kev().isPresent()
              ? "active"
              : v.epss().map(e -> e.score() >= 0.1).orElse(false)
                      || v.cvss().map(cv -> cv.vector().contains("/E:P")).orElse(false)
                  ? "public poc"
                  : "none";
      boolean automatable = v.cvss().map(cv -> automatable(cv.vector())).orElse(false);
      Ssvc.Decision d = Ssvc.deployer(exploitation, s.exposure(), automatable, human);
      Reachability.Verdict r = reach.get(v);
      String state = r == null ? "unknown" : r.state().name().toLowerCase(Locale.ROOT);
      if (state.equals("reachable") || reachable.equals("unknown") && !state.equals("unknown")) {
        reachable = reachable.equals("reachable") ? reachable : state;
      }
      if (d.ordinal() > decision.ordinal()) {
        decision = d;
      }
      String rating = v.cvss().map(cv -> cv.rating()).orElse("medium");
      ZonedDateTime slaDue =
          now.plus(
              s.sla().getOrDefault(rating.equals("none") ? "low" : rating, s.sla().get("low")));
      if (v.kev().isPresent() && !v.kev().get().dueDate().isBlank()) {
        ZonedDateTime kevDue = LocalDate.parse(v.kev().get().dueDate()).atStartOfDay(now.getZone());
        slaDue = kevDue.isBefore(slaDue) ? kevDue : slaDue;
      }
      if (slaDue.isBefore(due)) {
        due = slaDue;
      }
      double p =
          d.ordinal() * 100
              + (v.kev().isPresent() ? 50 : 0)
              + v.epss().map(e -> e.score() * 30).orElse(0.0)
              + v.cvss().map(cv -> cv.score()).orElse(5.0)
              + (state.equals("reachable") ? 5 : state.equals("unreachable") ? -20 : 0);
      priority = Math.max(priority, p);
    }
    return new Upgrade(
        c,
        List.copyOf(vulns),
        target,
        sameMajor,
        unfixed,
        risk,
        decision,
        reachable,
        due,
        due,
        false,
        priority);
  }

  /** Network-reachable without privileges or user action: SSVC "automatable". */
  static boolean automatable(String vector) {
    boolean network = vector.contains("/AV:N");
    boolean noPriv = vector.contains("/PR:N");
    boolean noUser = vector.contains("/UI:N");
    boolean simple = vector.contains("/AC:L") && !vector.contains("/AT:P");
    return network && noPriv && noUser && simple;
  }

  static String major(String v) {
    String s = v.startsWith("v") ? v.substring(1) : v;
    int i = 0;
    while (i < s.length() && Character.isDigit(s.charAt(i))) {
      i++;
    }
    return i == 0 ? s : s.substring(0, i);
  }

  /** Breaking-change risk from how much of the version changes. */
  static String risk(String from, String to) {
    String[] a = from.split("[.-]");
    String[] b = to.split("[.-]");
    if (!major(from).equals(major(to))) {
      return "high (new major version)";
    }
    if (a.length > 1 && b.length > 1 && !a[1].equals(b[1])) {
      return "medium (new minor version)";
    }
    return "low (patch release)";
  }
}
