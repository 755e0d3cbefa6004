package dev.bulwark.hygiene;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.hygiene.check.Check;
import dev.bulwark.hygiene.check.CheckCatalog;
import dev.bulwark.hygiene.check.CheckResult;
import dev.bulwark.hygiene.check.Platform;
import dev.bulwark.hygiene.check.Profile;
import dev.bulwark.hygiene.check.Status;
import dev.bulwark.hygiene.plan.NextAction;
import dev.bulwark.hygiene.plan.Progress;
import dev.bulwark.hygiene.posture.HistorySecrets;
import dev.bulwark.hygiene.posture.Probe;
import dev.bulwark.hygiene.posture.Probes;
import dev.bulwark.hygiene.posture.SystemRoot;
import dev.bulwark.hygiene.state.CheckupStore;
import dev.bulwark.hygiene.state.PasswordSummary;
import dev.bulwark.hygiene.state.RunRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a check-up: the probes read the system, the questionnaire and the last password audit come
 * from the store, and the next action is chosen. A probe that fails is reported as unknown and the
 * others go on.
 */
public final class Checkup {
  private final CheckCatalog catalog;
  private final Platform platform;
  private final List<Probe> probes;
  private final CheckupStore store;

  /** A check-up of a Linux system with the built-in probes. */
  public Checkup(CheckCatalog catalog, HistorySecrets history, CheckupStore store) {
    this(catalog, Platform.LINUX, Probes.all(history), store);
  }

  /**
   * A check-up of {@code platform} with {@code probes}; a check none of them answers is reported as
   * unknown.
   */
  public Checkup(CheckCatalog catalog, Platform platform, List<Probe> probes, CheckupStore store) {
    this.catalog = catalog;
    this.platform = platform;
    this.probes = List.copyOf(probes);
    this.store = store;
  }

  public CheckCatalog catalog() {
    return catalog;
  }

  /**
   * Runs every check of {@code profile} against {@code root}; {@code remember} appends it to the
   * history.
   */
  public CheckupRun run(SystemRoot root, Profile profile, Instant now, boolean remember)
      throws InputException {
    List<Check> checks = catalog.forProfile(profile);
    Map<String, Boolean> answers = store.answers();
    Optional<PasswordSummary> pw = store.passwords();
    Map<String, CheckResult> results = new LinkedHashMap<>();
    for (Check c : checks) {
      results.put(
          c.id(),
          switch (c.kind()) {
            case PROBE -> probe(c, root);
            case QUESTION -> question(c, answers);
            case PASSWORDS -> passwords(c, pw);
          });
    }
    List<RunRecord> earlier = store.history();
    int progress = Progress.percent(checks, results);
    if (remember) {
      Map<String, Status> st = new LinkedHashMap<>();
      results.forEach((k, v) -> st.put(k, v.status()));
      store.append(new RunRecord(now, profile.id(), progress, st));
    }
    return new CheckupRun(
        now,
        profile,
        platform,
        root.dir().toString(),
        checks,
        results,
        NextAction.choose(checks, results),
        progress,
        earlier);
  }

  private CheckResult probe(Check c, SystemRoot root) {
    for (Probe p : probes) {
      if (p.id().equals(c.id())) {
        try {
          return p.run(root);
        } catch (RuntimeException e) {
          return CheckResult.unknown(c.id(), "the check failed: " + e.getClass().getSimpleName());
        }
      }
    }
    return CheckResult.unknown(
        c.id(), "not read on " + platform.title() + " yet: check it by hand");
  }

  private static CheckResult question(Check c, Map<String, Boolean> answers) {
    Boolean a = answers.get(c.id());
    if (a == null) {
      return CheckResult.unknown(
          c.id(),
          "not answered yet: bulwark checkup questions (or: checkup answer " + c.id() + " yes|no)");
    }
    return new CheckResult(
        c.id(), a ? Status.PASS : Status.FAIL, List.of("you answered " + (a ? "yes" : "no")));
  }

  private static CheckResult passwords(Check c, Optional<PasswordSummary> pw) {
    if (pw.isEmpty()) {
      return CheckResult.unknown(
          c.id(),
          "passwords not audited yet: bulwark checkup passwords --export FILE (or --prompt)");
    }
    PasswordSummary s = pw.get();
    String when = " (audit of " + s.accounts() + " accounts, " + s.time() + ")";
    int n =
        switch (c.id()) {
          case "passwords-weak" -> s.weak();
          case "passwords-reused" -> s.reused();
          case "passwords-old" -> s.old();
          case "passwords-breached" -> s.breachChecked() ? s.breached() : -1;
          default -> -1;
        };
    if (n < 0) {
      return CheckResult.unknown(
          c.id(),
          "not checked yet: import a range file (bulwark checkup breach-db import) or use --online-breach-check");
    }
    return n == 0
        ? new CheckResult(c.id(), Status.PASS, List.of("none" + when))
        : CheckResult.fail(c.id(), List.of(n + " accounts" + when));
  }
}
