package dev.bulwark.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Label;
import dev.bulwark.core.model.Verdict;
import dev.bulwark.core.report.FindingJson;
import dev.bulwark.core.text.LabelCodec;
import dev.bulwark.store.Accounts;
import dev.bulwark.store.Accounts.Role;
import dev.bulwark.store.FindingStore;
import dev.bulwark.store.Ingest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The JSON API. Its contract is {@code /api/openapi.json}. */
final class Api {
  private final BulwarkServer s;

  Api(BulwarkServer server) {
    this.s = server;
  }

  void register(List<Http.Route> routes) {
    long small = s.config.maxRequestBytes();
    routes.add(Http.Route.of("GET", "/api/health", 0, r -> ok("{\"status\":\"ok\"}")));
    routes.add(Http.Route.of("GET", "/api/openapi.json", 0, this::openapi));
    routes.add(Http.Route.of("POST", "/api/login", small, this::login));
    routes.add(Http.Route.of("POST", "/api/logout", small, this::logout));
    routes.add(Http.Route.of("GET", "/api/me", 0, this::me));
    routes.add(Http.Route.of("POST", "/api/me/password", small, this::setPassword));
    routes.add(Http.Route.of("GET", "/api/projects", 0, this::projects));
    routes.add(
        Http.Route.of(
            "POST", "/api/projects/{project}/uploads", s.config.maxUploadBytes(), this::upload));
    routes.add(Http.Route.of("GET", "/api/findings", 0, this::list));
    routes.add(Http.Route.of("GET", "/api/findings/{id}", 0, this::finding));
    routes.add(Http.Route.of("POST", "/api/findings/{id}/labels", small, this::label));
    routes.add(Http.Route.of("GET", "/api/labels", 0, this::labels));
    routes.add(Http.Route.of("GET", "/api/projects/{project}/incidents", 0, this::incidents));
    routes.add(Http.Route.of("GET", "/api/incidents/{id}", 0, this::incident));
    routes.add(Http.Route.of("GET", "/api/projects/{project}/patch-plan", 0, this::plan));
    routes.add(
        Http.Route.of(
            "PUT", "/api/projects/{project}/patch-plan", s.config.maxUploadBytes(), this::putPlan));
    routes.add(Http.Route.of("GET", "/api/projects/{project}/dashboard", 0, this::dashboard));
    routes.add(Http.Route.of("GET", "/api/eval-results", 0, this::evalResults));
    routes.add(Http.Route.of("POST", "/api/eval-results", small, this::addEval));
    routes.add(Http.Route.of("GET", "/api/users", 0, this::users));
    routes.add(Http.Route.of("POST", "/api/users", small, this::addUser));
    routes.add(Http.Route.of("POST", "/api/tokens", small, this::addToken));
    routes.add(Http.Route.of("GET", "/api/audit", 0, this::auditLog));
  }

  private static Http.Response ok(String json) {
    return Http.Response.json(200, json);
  }

  private JsonNode body(Http.Request r) {
    try {
      JsonNode n = BulwarkServer.JSON.readTree(r.body());
      if (n == null || !n.isObject()) {
        throw Http.badRequest("the body must be a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw Http.badRequest(
          "the body is not JSON: " + dev.bulwark.core.text.Messages.firstLine(e.getMessage()));
    }
  }

  private Http.Response openapi(Http.Request r) throws IOException {
    s.require(r, Role.VIEWER);
    try (InputStream in = Api.class.getResourceAsStream("openapi.json")) {
      return Http.Response.json(200, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  // ---- sessions ----

  private Http.Response login(Http.Request r) {
    s.checkOrigin(r);
    long wait = s.throttle.retryAfter(r.remote());
    if (wait > 0) {
      throw new Http.Failure(429, "too many failed logins; try again in " + wait + " s");
    }
    JsonNode b = body(r);
    var user = authenticate(b.path("user").asText(""), b.path("password").asText(""));
    if (user.isEmpty()) {
      s.throttle.failed(r.remote());
      s.audit.record(null, "login.failed", b.path("user").asText(""), r.remote());
      throw new Http.Failure(401, "wrong user name or password");
    }
    s.throttle.succeeded(r.remote());
    String[] session = s.accounts.startSession(user.get());
    return ok(BulwarkServer.JSON
            .createObjectNode()
            .put("user", user.get().name())
            .put("role", user.get().role().label())
            .put("csrf", session[1])
            .toString())
        .with("Set-Cookie", s.sessionCookie(session[0], Accounts.SESSION_LIFETIME.toSeconds()));
  }

  /** A user by password, or by one of their API tokens (how the first admin signs in). */
  java.util.Optional<Accounts.User> authenticate(String name, String secret) {
    if (secret.startsWith(Accounts.TOKEN_PREFIX)) {
      return s.accounts.authenticateToken(secret).filter(u -> u.name().equals(name));
    }
    return s.accounts.login(name, secret);
  }

  private Http.Response logout(Http.Request r) {
    BulwarkServer.Principal p = s.require(r, Role.VIEWER);
    r.cookie(BulwarkServer.SESSION_COOKIE).ifPresent(s.accounts::endSession);
    s.audit.record(p.user().id(), "logout", p.user().name(), null);
    return ok("{\"status\":\"signed out\"}").with("Set-Cookie", s.sessionCookie("", 0));
  }

  private Http.Response me(Http.Request r) {
    BulwarkServer.Principal p = s.require(r, Role.VIEWER);
    ObjectNode o =
        BulwarkServer.JSON
            .createObjectNode()
            .put("user", p.user().name())
            .put("role", p.user().role().label());
    if (p.session() != null) {
      o.put("csrf", p.session().csrf());
    }
    return ok(o.toString());
  }

  private Http.Response setPassword(Http.Request r) {
    BulwarkServer.Principal p = s.require(r, Role.VIEWER);
    s.accounts.setPassword(p.user().id(), body(r).path("password").asText(""), p.user().id());
    return ok("{\"status\":\"password set\"}");
  }

  // ---- findings ----

  private Http.Response projects(Http.Request r) {
    s.require(r, Role.VIEWER);
    return ok(s.json(s.store.projects()));
  }

  private Http.Response upload(Http.Request r) {
    BulwarkServer.Principal p = s.require(r, Role.ANALYST);
    String key = r.header("Idempotency-Key");
    if (key == null || key.isBlank()) {
      throw Http.badRequest(
          "an upload needs an Idempotency-Key header (e.g. the report's SHA-256)");
    }
    JsonNode report = body(r);
    JsonNode list = report.path("findings");
    if (!list.isArray()) {
      throw Http.badRequest("not a Bulwark JSON report: no findings array");
    }
    List<Finding> fs = new ArrayList<>();
    int i = 0;
    for (JsonNode f : list) {
      try {
        fs.add(FindingJson.fromJson(f));
      } catch (RuntimeException e) {
        throw Http.badRequest("finding " + i + " is malformed: " + e.getMessage());
      }
      i++;
    }
    Set<String> analyzers = new LinkedHashSet<>();
    for (JsonNode a : report.path("scan").path("analyzers")) {
      if (a.path("status").asText("completed").equals("completed")) {
        analyzers.add(a.path("id").asText());
      }
    }
    List<Ingest.IncidentIn> incidents = new ArrayList<>();
    for (JsonNode in : report.path("incidents")) {
      incidents.add(
          new Ingest.IncidentIn(
              in.path("id").asText(),
              in.path("title").asText(""),
              in.path("score").asInt(),
              instant(in.path("first")),
              instant(in.path("last")),
              in.toString()));
      analyzers.add("logs");
    }
    if (!report.has("incidents")) {
      incidents.addAll(incidentsOf(list));
    }
    String tool =
        (report.path("tool").path("name").asText("")
                + " "
                + report.path("tool").path("version").asText(""))
            .strip();
    Ingest.Result res =
        s.ingest.upload(
            new Ingest.Upload(r.param("project"), key, tool, analyzers, fs, incidents),
            p.user().id());
    return Http.Response.json(res.created() ? 201 : 200, s.json(res));
  }

  /**
   * A log hunt's report carries its detections as findings, each naming its incident; the incidents
   * are rebuilt from them: their detections in time order, hosts, ATT&CK tactics and techniques,
   * and a score from the detections' severities.
   */
  static List<Ingest.IncidentIn> incidentsOf(JsonNode findings) {
    java.util.Map<String, List<JsonNode>> byIncident = new java.util.LinkedHashMap<>();
    for (JsonNode f : findings) {
      String id = f.path("properties").path("incident").asText("");
      if (!id.isEmpty()) {
        byIncident.computeIfAbsent(id, k -> new ArrayList<>()).add(f);
      }
    }
    List<Ingest.IncidentIn> out = new ArrayList<>();
    for (var e : byIncident.entrySet()) {
      ObjectNode body = BulwarkServer.JSON.createObjectNode().put("id", e.getKey());
      ArrayNode dets = body.putArray("detections");
      Set<String> hosts = new java.util.TreeSet<>();
      Set<String> tactics = new java.util.TreeSet<>();
      Instant first = null;
      Instant last = null;
      int score = 0;
      JsonNode worst = null;
      for (JsonNode f : e.getValue()) {
        JsonNode loc = f.path("locations").path(0);
        ObjectNode d = dets.addObject();
        d.put("time", loc.path("timestamp").asText(""));
        d.put("severity", f.path("severity").asText());
        d.put("rule", f.path("title").asText());
        d.put("host", loc.path("host").asText(""));
        d.put("recordId", loc.path("recordId").asText(""));
        d.put("source", loc.path("path").asText(""));
        ArrayNode ts = d.putArray("tactics");
        for (String t : f.path("properties").path("tactics").asText("").split(",")) {
          if (!t.isBlank()) {
            ts.add(t.strip());
            tactics.add(t.strip());
          }
        }
        ArrayNode techs = d.putArray("techniques");
        for (JsonNode t : f.path("taxa")) {
          if (t.path("taxonomy").asText().equals("ATTACK")) {
            techs.add(t.path("id").asText());
          }
        }
        if (!loc.path("host").asText("").isEmpty()) {
          hosts.add(loc.path("host").asText());
        }
        Instant at = instant(loc.path("timestamp"));
        if (at != null) {
          first = first == null || at.isBefore(first) ? at : first;
          last = last == null || at.isAfter(last) ? at : last;
        }
        int rank = dev.bulwark.store.FindingStore.severityRank(f.path("severity").asText());
        score += 5 * rank;
        if (worst == null
            || rank
                > dev.bulwark.store.FindingStore.severityRank(worst.path("severity").asText())) {
          worst = f;
        }
      }
      body.set("hosts", BulwarkServer.JSON.valueToTree(hosts));
      body.set("tactics", BulwarkServer.JSON.valueToTree(tactics));
      String title =
          worst.path("title").asText()
              + (hosts.isEmpty() ? "" : " on " + String.join(", ", hosts))
              + (e.getValue().size() > 1 ? " (+" + (e.getValue().size() - 1) + " more)" : "");
      body.put(
          "narrative", e.getValue().size() + " detections across " + tactics.size() + " tactics");
      out.add(
          new Ingest.IncidentIn(
              e.getKey(), title, Math.min(100, score), first, last, body.toString()));
    }
    return out;
  }

  private static Instant instant(JsonNode n) {
    try {
      return n.isTextual() ? Instant.parse(n.asText()) : null;
    } catch (java.time.format.DateTimeParseException e) {
      throw Http.badRequest("not an ISO-8601 instant: " + n.asText());
    }
  }

  static FindingStore.Query query(java.util.Map<String, String> q) {
    int limit;
    try {
      limit = Integer.parseInt(q.getOrDefault("limit", "50"));
    } catch (NumberFormatException e) {
      throw Http.badRequest("limit must be a number");
    }
    String status = q.getOrDefault("status", "open");
    FindingStore.Sort sort;
    try {
      sort = FindingStore.Sort.valueOf(q.getOrDefault("sort", "severity").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Http.badRequest("sort must be severity or recent");
    }
    return new FindingStore.Query(
        blank(q.get("project")),
        status.equals("all") ? null : status,
        csv(q.get("severity")),
        csv(q.get("analyzer")),
        blank(q.get("rule")),
        blank(q.get("path")),
        blank(q.get("verdict")),
        sort,
        limit,
        blank(q.get("cursor")));
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static Set<String> csv(String s) {
    return s == null || s.isBlank()
        ? Set.of()
        : new LinkedHashSet<>(Arrays.asList(s.toLowerCase(Locale.ROOT).split(",")));
  }

  private Http.Response list(Http.Request r) {
    s.require(r, Role.VIEWER);
    FindingStore.Page page = s.findings.list(query(r.query()));
    ObjectNode out = BulwarkServer.JSON.createObjectNode();
    out.set("items", BulwarkServer.JSON.valueToTree(page.items()));
    out.put("nextCursor", page.nextCursor());
    return ok(out.toString());
  }

  private Http.Response finding(Http.Request r) throws IOException {
    s.require(r, Role.VIEWER);
    long id = r.longParam("id");
    FindingStore.Row row = s.findings.get(id).orElseThrow(() -> Http.notFound("no finding " + id));
    ObjectNode out = BulwarkServer.JSON.valueToTree(row);
    out.remove("body");
    out.set("finding", BulwarkServer.JSON.readTree(row.body()));
    out.set("history", BulwarkServer.JSON.valueToTree(s.findings.history(id)));
    out.set("verdicts", BulwarkServer.JSON.valueToTree(s.findings.verdicts(id)));
    out.set("judgedAlike", BulwarkServer.JSON.valueToTree(s.findings.judgedAlike(id, 5)));
    return ok(out.toString());
  }

  private Http.Response label(Http.Request r) {
    BulwarkServer.Principal p = s.require(r, Role.ANALYST);
    long id = r.longParam("id");
    JsonNode b = body(r);
    FindingStore.Verdict v =
        s.findings.label(
            id,
            b.path("verdict").asText(""),
            b.hasNonNull("severity") ? b.get("severity").asText() : null,
            b.hasNonNull("note") ? b.get("note").asText() : null,
            p.user().id(),
            p.session() != null ? "Bulwark console" : "Bulwark API");
    return Http.Response.json(201, s.json(v));
  }

  /**
   * The team's verdicts as JSON lines in the format of Bulwark's label store, so that {@code
   * bulwark label import} takes them in and the AI layer trains on them.
   */
  private Http.Response labels(Http.Request r) throws IOException {
    s.require(r, Role.VIEWER);
    StringBuilder out = new StringBuilder();
    for (FindingStore.LabelledFinding l :
        s.findings.labelledFindings(blank(r.query().get("project")))) {
      Finding f = FindingJson.fromJson(BulwarkServer.JSON.readTree(l.body()));
      Label label =
          Label.of(
              f, Verdict.parse(l.verdict()), l.severity(), l.note(), l.user(), l.at(), l.tool());
      out.append(LabelCodec.line(label)).append('\n');
    }
    return new Http.Response(
        200,
        "application/x-ndjson",
        out.toString().getBytes(StandardCharsets.UTF_8),
        new java.util.LinkedHashMap<>());
  }

  // ---- incidents, plans, dashboards, evals ----

  private Http.Response incidents(Http.Request r) {
    s.require(r, Role.VIEWER);
    return ok(s.json(s.incidents.list(r.param("project"), 500)));
  }

  private Http.Response incident(Http.Request r) throws IOException {
    s.require(r, Role.VIEWER);
    long id = r.longParam("id");
    var i = s.incidents.get(id).orElseThrow(() -> Http.notFound("no incident " + id));
    ObjectNode out = BulwarkServer.JSON.valueToTree(i);
    out.remove("body");
    out.set("incident", BulwarkServer.JSON.readTree(i.body()));
    return ok(out.toString());
  }

  private Http.Response plan(Http.Request r) {
    s.require(r, Role.VIEWER);
    var p =
        s.documents
            .latestPatchPlan(r.param("project"))
            .orElseThrow(() -> Http.notFound("no patch plan for " + r.param("project")));
    return ok(p.body());
  }

  private Http.Response putPlan(Http.Request r) {
    BulwarkServer.Principal p = s.require(r, Role.ANALYST);
    JsonNode plan = body(r);
    s.documents.putPatchPlan(r.param("project"), plan.toString(), p.user().id());
    return Http.Response.json(201, "{\"status\":\"stored\"}");
  }

  private Http.Response dashboard(Http.Request r) {
    s.require(r, Role.VIEWER);
    ObjectNode out = BulwarkServer.JSON.createObjectNode();
    out.set(
        "openBySeverity",
        BulwarkServer.JSON.valueToTree(s.findings.openBySeverity(r.param("project"))));
    out.set(
        "openByCapability",
        BulwarkServer.JSON.valueToTree(s.findings.openByAnalyzer(r.param("project"))));
    out.set(
        "openOverTime",
        BulwarkServer.JSON.valueToTree(s.findings.openOverTime(r.param("project"), 90)));
    return ok(out.toString());
  }

  private Http.Response evalResults(Http.Request r) {
    s.require(r, Role.VIEWER);
    ArrayNode out = BulwarkServer.JSON.createArrayNode();
    for (var e : s.documents.evalResults(blank(r.query().get("suite")), 100)) {
      ObjectNode o = out.addObject();
      o.put("id", e.id())
          .put("suite", e.name())
          .put("score", e.score())
          .put("at", e.at().toString());
      try {
        o.set("scorecard", BulwarkServer.JSON.readTree(e.body()));
      } catch (IOException ex) {
        o.put("scorecard", e.body());
      }
    }
    return ok(out.toString());
  }

  private Http.Response addEval(Http.Request r) {
    BulwarkServer.Principal p = s.require(r, Role.ANALYST);
    JsonNode b = body(r);
    String suite = b.path("suite").asText("");
    if (suite.isBlank() || !b.path("score").isNumber()) {
      throw Http.badRequest("a scorecard needs suite and a numeric score");
    }
    long id =
        s.documents.addEvalResult(suite, b.path("score").asDouble(), b.toString(), p.user().id());
    return Http.Response.json(201, "{\"id\":" + id + "}");
  }

  // ---- users, tokens, audit ----

  private Http.Response users(Http.Request r) {
    s.require(r, Role.ADMIN);
    return ok(s.json(s.accounts.users()));
  }

  private Http.Response addUser(Http.Request r) {
    BulwarkServer.Principal p = s.require(r, Role.ADMIN);
    JsonNode b = body(r);
    Accounts.User u =
        s.accounts.createUser(
            b.path("name").asText(""),
            Role.parse(b.path("role").asText("viewer")),
            b.hasNonNull("password") ? b.get("password").asText() : null,
            p.user().id());
    return Http.Response.json(201, s.json(u));
  }

  private Http.Response addToken(Http.Request r) {
    BulwarkServer.Principal p = s.require(r, Role.VIEWER);
    String name = body(r).path("name").asText("api");
    String token = s.accounts.createToken(p.user().id(), name);
    return Http.Response.json(
        201,
        BulwarkServer.JSON
            .createObjectNode()
            .put("token", token)
            .put("note", "shown once: Bulwark keeps only its hash")
            .toString());
  }

  private Http.Response auditLog(Http.Request r) {
    s.require(r, Role.ADMIN);
    return ok(s.json(s.audit.latest(200)));
  }
}
