package dev.bulwark.server;

import dev.bulwark.threatmodel.model.CommunicationLink;
import dev.bulwark.threatmodel.model.Confidentiality;
import dev.bulwark.threatmodel.model.Criticality;
import dev.bulwark.threatmodel.model.DataAsset;
import dev.bulwark.threatmodel.model.RiskTracking;
import dev.bulwark.threatmodel.model.SharedRuntime;
import dev.bulwark.threatmodel.model.TechnicalAsset;
import dev.bulwark.threatmodel.model.ThreatModel;
import dev.bulwark.threatmodel.model.TrustBoundary;
import dev.bulwark.threatmodel.report.PublishedCheck;
import dev.bulwark.threatmodel.rules.Risk;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Published threat-model checks for the console's threat-model page, every text field (ids too)
 * from {@code h}: a web shop (user, app, database) in two trust boundaries, three risks — one
 * confirmed by the finding {@code fingerprint}, one mitigated by a clean scan, one accepted.
 */
final class ThreatModelChecks {
  private ThreatModelChecks() {}

  static PublishedCheck check(UnaryOperator<String> h, String fingerprint) {
    DataAsset orders =
        new DataAsset(
            h.apply("data id"),
            h.apply("data title"),
            h.apply("data description"),
            "business",
            List.of(h.apply("data tag")),
            "",
            "",
            "many",
            Confidentiality.CONFIDENTIAL,
            Criticality.CRITICAL,
            Criticality.IMPORTANT,
            "");
    String dataId = orders.id();
    CommunicationLink toDb =
        link(
            h.apply("link id"),
            h.apply("link title"),
            h.apply("app id"),
            h.apply("db id"),
            h,
            dataId);
    CommunicationLink toApp =
        link(
            "browser-traffic", "Browser traffic", h.apply("user id"), h.apply("app id"), h, dataId);
    TechnicalAsset user =
        asset(
            h.apply("user id"),
            h.apply("user title"),
            "external-entity",
            h,
            List.of(),
            List.of(toApp));
    TechnicalAsset app =
        asset(
            h.apply("app id"), h.apply("app title"), "process", h, List.of(dataId), List.of(toDb));
    TechnicalAsset db =
        asset(h.apply("db id"), h.apply("db title"), "datastore", h, List.of(dataId), List.of());
    ThreatModel model =
        new ThreatModel(
            h.apply("model title"),
            h.apply("author"),
            "2026-12-06",
            "important",
            h.apply("model description"),
            List.of(),
            List.of(orders),
            List.of(user, app, db),
            List.of(
                new TrustBoundary(
                    h.apply("boundary id"),
                    h.apply("boundary title"),
                    "",
                    "network-cloud-security-group",
                    List.of(),
                    List.of(app.id(), db.id()),
                    List.of())),
            List.of(
                new SharedRuntime(
                    h.apply("runtime id"),
                    h.apply("runtime title"),
                    "",
                    List.of(),
                    List.of(app.id()))),
            List.of(),
            Map.of());
    List<PublishedCheck.Row> risks =
        List.of(
            new PublishedCheck.Row(
                "sql-nosql-injection@" + app.id() + "@" + db.id() + "@" + toDb.id(),
                "sql-nosql-injection",
                h.apply("rule title"),
                "tampering",
                89,
                "communication-link",
                toDb.id(),
                h.apply("element title"),
                "very-high",
                "frequent",
                "critical",
                "in-progress",
                true,
                h.apply("mitigation"),
                List.of(
                    new Risk.Evidence(
                        fingerprint,
                        h.apply("finding rule"),
                        h.apply("finding location"),
                        Risk.Effect.CONFIRMS,
                        h.apply("confirmation")))),
            new PublishedCheck.Row(
                "cross-site-scripting@" + app.id(),
                "cross-site-scripting",
                "Cross-Site Scripting (XSS)",
                "tampering",
                79,
                "technical-asset",
                app.id(),
                app.title(),
                "medium",
                "likely",
                "elevated",
                RiskTracking.Status.MITIGATED.label(),
                false,
                "Encode output.",
                List.of(
                    new Risk.Evidence(
                        "",
                        h.apply("checking rule"),
                        h.apply("checked path"),
                        Risk.Effect.MITIGATES,
                        h.apply("clean scan")))),
            new PublishedCheck.Row(
                "missing-hardening@" + db.id(),
                "missing-hardening",
                "Missing Hardening",
                "tampering",
                16,
                "technical-asset",
                db.id(),
                db.title(),
                "low",
                "likely",
                "medium",
                RiskTracking.Status.ACCEPTED.label(),
                false,
                "Harden.",
                List.of()));
    return new PublishedCheck(h.apply("model file"), "2026-12-06T21:00:00Z", model, risks, 1);
  }

  private static CommunicationLink link(
      String id, String title, String source, String target, UnaryOperator<String> h, String data) {
    return new CommunicationLink(
        id,
        title,
        source,
        target,
        "",
        h.apply("protocol"),
        "none",
        "none",
        List.of(),
        false,
        false,
        false,
        "business",
        List.of(data),
        List.of());
  }

  private static TechnicalAsset asset(
      String id,
      String title,
      String type,
      UnaryOperator<String> h,
      List<String> data,
      List<CommunicationLink> links) {
    return new TechnicalAsset(
        id,
        title,
        "",
        type,
        "business",
        type.equals("external-entity"),
        false,
        "",
        "component",
        List.of(h.apply("technology")),
        List.of(),
        type.equals("external-entity"),
        "virtual",
        "none",
        "",
        Confidentiality.CONFIDENTIAL,
        Criticality.CRITICAL,
        Criticality.IMPORTANT,
        "",
        false,
        false,
        true,
        data,
        type.equals("datastore") ? data : List.of(),
        List.of(),
        links);
  }
}
