package dev.bulwark.eval.bench;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.deps.db.AdvisoryDb;
import dev.bulwark.deps.db.Importer;
import dev.bulwark.deps.match.Matcher;
import dev.bulwark.deps.match.VulnMatch;
import dev.bulwark.deps.model.Component;
import dev.bulwark.deps.model.Ecosystem;
import dev.bulwark.deps.osv.Advisory;
import dev.bulwark.deps.osv.OsvReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Dependency matching speed: imports a directory of OSV advisories into a fresh database (timed),
 * then matches an inventory of N packages drawn from the packages those advisories name, each at a
 * version on or around one of its ranges' boundaries (timed, after loading).
 */
public final class DepsBenchmark {
  /** The figures. */
  public record Result(
      int advisories, double importSeconds, int packages, double matchSeconds, int matches) {
    public String summary() {
      return String.format(
          Locale.ROOT,
          "deps_import_advisories=%d%ndeps_import_seconds=%.1f%ndeps_match_packages=%d%ndeps_match_seconds=%.2f%ndeps_matches=%d",
          advisories,
          importSeconds,
          packages,
          matchSeconds,
          matches);
    }
  }

  private final Path advisories;
  private final Path work;
  private final int packages;

  public DepsBenchmark(Path advisories, Path work, int packages) {
    this.advisories = advisories;
    this.work = work;
    this.packages = packages;
  }

  public Result run(PrintStream out) throws IOException, SQLException, InputException {
    if (!Files.isDirectory(advisories)) {
      throw new InputException(advisories + ": no advisories to import (give --advisories DIR)");
    }
    Path db = work.resolve("bench-db");
    if (Files.exists(db)) {
      try (Stream<Path> s = Files.walk(db)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    long t0 = System.nanoTime();
    Importer.Counts counts;
    try (AdvisoryDb d = AdvisoryDb.open(db)) {
      counts = new Importer(d, x -> {}).importPath(advisories);
    }
    double importSeconds = (System.nanoTime() - t0) / 1e9;
    out.printf(
        Locale.ROOT,
        "imported %d advisories from %s in %.1f s%n",
        counts.advisories(),
        advisories,
        importSeconds);
    List<Component> inventory = inventory();
    try (AdvisoryDb d = AdvisoryDb.open(db)) {
      long tl = System.nanoTime();
      Matcher matcher = Matcher.preloaded(d);
      out.printf(
          Locale.ROOT,
          "loaded the database into memory in %.1f s%n",
          (System.nanoTime() - tl) / 1e9);
      long t1 = System.nanoTime();
      List<VulnMatch> matches = matcher.match(inventory);
      double matchSeconds = (System.nanoTime() - t1) / 1e9;
      out.printf(
          Locale.ROOT,
          "matched %d packages in %.2f s: %d vulnerabilities%n",
          inventory.size(),
          matchSeconds,
          matches.size());
      return new Result(
          counts.advisories(), importSeconds, inventory.size(), matchSeconds, matches.size());
    }
  }

  /** Packages the advisories name, at versions on, below and above their range boundaries. */
  private List<Component> inventory() throws IOException {
    Map<String, List<String>> boundaries = new LinkedHashMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(advisories)) {
      files =
          s.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".yaml"))
              .sorted()
              .toList();
    }
    for (Path f : files) {
      Advisory a;
      try {
        a = OsvReader.read(f.toString(), Files.readAllBytes(f));
      } catch (InputException e) {
        continue;
      }
      for (Advisory.Affected af : a.affected()) {
        Optional<Ecosystem> e = Ecosystem.fromOsv(af.ecosystem());
        if (e.isEmpty()) {
          continue;
        }
        List<String> vs =
            boundaries.computeIfAbsent(e.get().name() + "|" + af.name(), k -> new ArrayList<>());
        af.ranges().forEach(r -> r.events().forEach(ev -> vs.add(ev.version())));
        vs.addAll(af.versions());
      }
    }
    List<String> keys = new ArrayList<>(boundaries.keySet());
    Random random = new Random(20261125L);
    List<Component> out = new ArrayList<>();
    for (int i = 0; i < packages && !keys.isEmpty(); i++) {
      String k = keys.get(random.nextInt(keys.size()));
      List<String> vs = boundaries.get(k);
      String v = vs.isEmpty() ? "1.0.0" : vs.get(random.nextInt(vs.size()));
      if (v.equals("0") || v.isBlank()) {
        v = "0.0.1";
      }
      String[] p = k.split("\\|", 2);
      out.add(Component.direct(Ecosystem.valueOf(p[0]), p[1], v, "bench", "runtime"));
    }
    return out;
  }
}
