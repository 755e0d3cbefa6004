package dev.bulwark.server;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.threatmodel.diagram.Layered;
import dev.bulwark.threatmodel.report.DataAssetMatrix;
import dev.bulwark.threatmodel.report.PublishedCheck;
import dev.bulwark.threatmodel.report.RiskMatrix;
import dev.bulwark.threatmodel.rules.Levels;
import dev.bulwark.threatmodel.rules.Risk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The threat-model page and its API: the check {@code bulwark threatmodel check --publish} left in
 * the data directory, as the model's data-flow diagram, the likelihood × impact matrix and the
 * risks with their evidence. A finding cited as evidence links to its page when this server holds
 * it (by fingerprint).
 *
 * <p>The diagram is drawn here from the published model with the built-in layout, whose template
 * escapes every name, rather than taken as SVG text from the file: the page places the drawing as
 * markup, so it must come from code that escapes, not from whatever the file holds.
 */
final class ThreatModelPage {
  private ThreatModelPage() {}

  static final String PROBLEM =
      "The published check (threatmodel/check.json in the data directory) cannot be read;"
          + " publish it again with bulwark threatmodel check MODEL --publish.";

  /** The page's model: the check, its drawing and grid, and the risks as rows. */
  record Model(
      BulwarkServer.Principal p,
      String problem,
      PublishedCheck check,
      String svg,
      List<String> impacts,
      List<RiskMatrix.Line> matrix,
      DataAssetMatrix data,
      List<Count> openBySeverity,
      int open,
      int withEvidence,
      List<RiskView> risks) {}

  /** Open risks of one severity. */
  record Count(String severity, int count) {}

  /** One risk as the table shows it. */
  record RiskView(PublishedCheck.Row r, List<EvidenceView> evidence) {}

  /**
   * A piece of evidence: a finding that confirms the risk ({@code findingId} set when this server
   * holds it), or a clean scan that shows the control ({@code fingerprint} empty).
   */
  record EvidenceView(
      boolean confirms,
      String fingerprint,
      Long findingId,
      String ruleId,
      String location,
      String why) {}

  static void register(BulwarkServer s, List<Http.Route> routes) {
    routes.add(Http.Route.of(Http.GET, "/console/threat-model", Access.VIEWER, r -> render(s, r)));
  }

  static void registerApi(BulwarkServer s, List<Http.Route> routes) {
    routes.add(Http.Route.of(Http.GET, "/api/threat-model", Access.VIEWER, r -> api(s)));
  }

  /** The published check as JSON, as the CLI wrote it (404 when none is published). */
  static Http.Response api(BulwarkServer s) {
    Optional<PublishedCheck> c;
    try {
      c = published(s);
    } catch (InputException e) {
      throw new Http.Failure(500, PROBLEM);
    }
    return Http.Response.json(
        200,
        c.orElseThrow(() ->
                Http.notFound(
                    "no threat-model check published; run bulwark threatmodel check MODEL"
                        + " --publish with this server's data directory"))
            .toJson());
  }

  private static Optional<PublishedCheck> published(BulwarkServer s) throws InputException {
    return s.config.dataDir() == null
        ? Optional.empty()
        : PublishedCheck.published(s.config.dataDir());
  }

  static Http.Response render(BulwarkServer s, Http.Request r) {
    Optional<PublishedCheck> published = Optional.empty();
    String problem = null;
    try {
      published = published(s);
    } catch (InputException e) {
      // said on the page, not a server error; the parser's message can quote the file
      problem = PROBLEM;
    }
    if (published.isEmpty()) {
      return page(
          new Model(
              r.principal(),
              problem,
              null,
              "",
              List.of(),
              List.of(),
              null,
              List.of(),
              0,
              0,
              List.of()));
    }
    PublishedCheck c = published.get();
    List<String> fingerprints = new ArrayList<>();
    c.risks()
        .forEach(x ->
            x.evidence().stream()
                .map(Risk.Evidence::fingerprint)
                .filter(f -> !f.isEmpty())
                .forEach(fingerprints::add));
    Map<String, Long> ids =
        fingerprints.isEmpty() ? Map.of() : s.findings.idsByFingerprint(fingerprints);
    List<RiskView> rows = new ArrayList<>();
    Map<String, Integer> bySeverity = new LinkedHashMap<>();
    for (String sev : List.of("critical", "high", "elevated", "medium", "low")) {
      bySeverity.put(sev, 0);
    }
    int open = 0;
    int withEvidence = 0;
    for (PublishedCheck.Row x : c.risks()) {
      List<EvidenceView> ev = new ArrayList<>();
      for (Risk.Evidence e : x.evidence()) {
        ev.add(
            new EvidenceView(
                e.effect() == Risk.Effect.CONFIRMS,
                e.fingerprint(),
                ids.get(e.fingerprint()),
                e.ruleId(),
                e.location(),
                e.why()));
      }
      if (x.open()) {
        open++;
        bySeverity.merge(x.severity(), 1, Integer::sum);
      }
      if (!ev.isEmpty()) {
        withEvidence++;
      }
      rows.add(new RiskView(x, ev));
    }
    return page(
        new Model(
            r.principal(),
            null,
            c,
            Layered.svg(c.model()),
            Levels.IMPACT,
            RiskMatrix.of(c).lines(),
            DataAssetMatrix.of(c),
            bySeverity.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> new Count(e.getKey(), e.getValue()))
                .toList(),
            open,
            withEvidence,
            rows));
  }

  private static Http.Response page(Model m) {
    return Http.Response.html(Console.PAGES.render("threatmodel.jte", m));
  }
}
