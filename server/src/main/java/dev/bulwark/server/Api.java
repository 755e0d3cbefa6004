package dev.bulwark.server;

import static dev.bulwark.server.Http.DELETE;
import static dev.bulwark.server.Http.GET;
import static dev.bulwark.server.Http.POST;
import static dev.bulwark.server.Http.PUT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Label;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.model.Verdict;
import dev.bulwark.core.report.FindingJson;
import dev.bulwark.core.text.LabelCodec;
import dev.bulwark.hygiene.TeamPosture;
import dev.bulwark.hygiene.TeamReport;
import dev.bulwark.hygiene.check.Status;
import dev.bulwark.server.Http.Route;
import dev.bulwark.server.upload.Uploads;
import dev.bulwark.store.Accounts;
import dev.bulwark.store.Accounts.Role;
import dev.bulwark.store.CheckupRuns;
import dev.bulwark.store.FindingStore;
import dev.bulwark.store.Ingest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
    long upload = s.config.maxUploadBytes();
    routes.add(Route.of(GET, "/api/health", Access.PUBLIC, r -> ok("{\"status\":\"ok\"}")));
    // readiness for a load balancer: this server can serve (its store answers and is migrated);
    // like health it needs no credential, so it says one word and nothing about why
    routes.add(
        Route.of(
            GET,
            "/api/ready",
            Access.PUBLIC,
            r ->
                s.store.ready()
                    ? ok("{\"status\":\"ready\"}")
                    : Http.Response.json(503, "{\"status\":\"not ready\"}")));
    routes.add(Route.of(GET, "/api/openapi.json", Access.VIEWER, this::openapi));
    routes.add(Route.of(POST, "/api/login", Access.PUBLIC, this::login));
    routes.add(Route.of(POST, "/api/logout", Access.VIEWER, this::logout).allowFirstRun());
    routes.add(Route.of(GET, "/api/me", Access.VIEWER, this::me).allowFirstRun());
    routes.add(
        Route.of(POST, "/api/me/password", Access.VIEWER, this::setPassword).allowFirstRun());
    routes.add(Route.of(GET, "/api/projects", Access.VIEWER, this::projects));
    routes.add(
        Route.of(POST, "/api/projects/{project}/uploads", Access.ANALYST, this::upload)
            .maxBody(upload));
    routes.add(Route.of(GET, "/api/findings", Access.VIEWER, this::list));
    routes.add(Route.of(GET, "/api/findings/{id}", Access.VIEWER, this::finding));
    routes.add(Route.of(GET, "/api/findings/{id}/fix", Access.VIEWER, this::fix));
    routes.add(
        Route.of(POST, "/api/projects/{project}/fixes", Access.ANALYST, this::uploadFixes)
            .maxBody(upload));
    routes.add(Route.of(POST, "/api/findings/{id}/labels", Access.ANALYST, this::label));
    routes.add(Route.of(GET, "/api/labels", Access.VIEWER, this::labels));
    routes.add(Route.of(GET, "/api/projects/{project}/incidents", Access.VIEWER, this::incidents));
    routes.add(
        Route.of(
            GET, "/api/projects/{project}/export", Access.VIEWER, r -> FindingExport.export(s, r)));
    routes.add(Route.of(GET, "/api/incidents/{id}", Access.VIEWER, this::incident));
    routes.add(Route.of(GET, "/api/projects/{project}/patch-plan", Access.VIEWER, this::plan));
    routes.add(
        Route.of(PUT, "/api/projects/{project}/patch-plan", Access.ANALYST, this::putPlan)
            .maxBody(upload));
    routes.add(Route.of(GET, "/api/projects/{project}/dashboard", Access.VIEWER, this::dashboard));
    routes.add(
        Route.of(POST, "/api/projects/{project}/checkups", Access.ANALYST, this::addCheckup)
            .maxBody(CHECKUP_BODY));
    routes.add(Route.of(GET, "/api/projects/{project}/checkups", Access.VIEWER, this::posture));
    routes.add(Route.of(GET, "/api/eval-results", Access.VIEWER, this::evalResults));
    routes.add(Route.of(POST, "/api/eval-results", Access.ANALYST, this::addEval));
    routes.add(Route.of(GET, "/api/users", Access.ADMIN, this::users));
    routes.add(Route.of(POST, "/api/users", Access.ADMIN, this::addUser));
    routes.add(Route.of(PUT, "/api/users/{name}", Access.ADMIN, this::changeUser));
    routes.add(Route.of(GET, "/api/tokens", Access.VIEWER, this::tokens));
    routes.add(Route.of(POST, "/api/tokens", Access.VIEWER, this::addToken).allowFirstRun());
    routes.add(Route.of(DELETE, "/api/tokens/{id}", Access.VIEWER, this::revokeToken));
    routes.add(Route.of(GET, "/api/audit", Access.ADMIN, this::auditLog));
    s.canaries.register(routes);
    ThreatModelPage.registerApi(s, routes);
  }

  /** A check-up upload is a few dozen statuses: a few kilobytes, never more than this. */
  static final long CHECKUP_BODY = 64 * 1024;

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
    try (InputStream in = Api.class.getResourceAsStream("openapi.json")) {
      return Http.Response.json(200, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  // ---- sessions ----

  private Http.Response login(Http.Request r) {
    s.checkOrigin(r);
    JsonNode b = body(r);
    Login l = s.signIn(r, b.path("user").asText(""), b.path("password").asText(""));
    if (l.retryAfter() > 0) {
      throw Http.tooMany("too many failed sign-ins", l.retryAfter());
    }
    if (l.user() == null) {
      throw new Http.Failure(401, "wrong user name or password");
    }
    String[] session = s.accounts.startSession(l.user(), l.firstRun());
    return ok(BulwarkServer.JSON
            .createObjectNode()
            .put("user", l.user().name())
            .put("role", l.user().role().label())
            .put("csrf", session[1])
            .put("mustSetPassword", l.firstRun())
            .toString())
        .with("Set-Cookie", s.sessionCookie(session[0], Accounts.SESSION_LIFETIME.toSeconds()));
  }

  /** The outcome of a sign-in: the user (null when refused), first-run, or a wait in seconds. */
  record Login(Accounts.User user, boolean firstRun, long retryAfter) {}

  private Http.Response logout(Http.Request r) {
    BulwarkServer.Principal p = r.caller();
    r.cookie(BulwarkServer.SESSION_COOKIE).ifPresent(s.accounts::endSession);
    s.audit.record(p.user().id(), "logout", p.user().name(), null);
    return ok("{\"status\":\"signed out\"}").with("Set-Cookie", s.sessionCookie("", 0));
  }

  private Http.Response me(Http.Request r) {
    BulwarkServer.Principal p = r.caller();
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
    BulwarkServer.Principal p = r.caller();
    JsonNode b = body(r);
    boolean changed =
        s.accounts.changePassword(
            p.user().id(),
            b.hasNonNull("current") ? b.get("current").asText() : null,
            b.path("password").asText(""),
            r.cookie(BulwarkServer.SESSION_COOKIE).orElse(null),
            p.firstRun());
    if (!changed) {
      throw Http.forbidden("the current password is wrong (send it as \"current\")");
    }
    return ok("{\"status\":\"password set; your other sessions have ended\"}");
  }

  // ---- check-ups ----

  /**
   * One member's check-up: read strictly (statuses of known checks and nothing else), so no
   * evidence, path, setting or secret can reach the store through this route.
   */
  private Http.Response addCheckup(Http.Request r) {
    BulwarkServer.Principal p = r.caller();
    TeamReport t;
    try {
      t = TeamReport.parse(r.body(), s.checks);
    } catch (IllegalArgumentException e) {
      throw Http.badRequest(e.getMessage());
    }
    java.util.Map<String, String> st = new java.util.LinkedHashMap<>();
    t.statuses().forEach((k, v) -> st.put(k, v.name()));
    long id =
        s.checkups.put(
            r.param("project"),
            new CheckupRuns.In(t.member(), t.profile().id(), t.time(), t.progress(), st),
            p.user().id());
    long toDo = t.statuses().values().stream().filter(v -> v == Status.FAIL).count();
    return Http.Response.json(
        201,
        BulwarkServer.JSON
            .createObjectNode()
            .put("run", id)
            .put("member", t.member())
            .put("checks", t.statuses().size())
            .put("toDo", toDo)
            .toString());
  }

  private Http.Response posture(Http.Request r) {
    List<CheckupRuns.Member> members = s.checkups.latest(r.param("project"));
    ObjectNode o = BulwarkServer.JSON.createObjectNode();
    ArrayNode ms = o.putArray("members");
    for (CheckupRuns.Member m : members) {
      ObjectNode n =
          ms.addObject()
              .put("member", m.member())
              .put("profile", m.profile())
              .put("time", m.runAt().toString())
              .put("progress", m.progress())
              .put("runs", m.runs());
      if (m.previousProgress() != null) {
        n.put("previousProgress", m.previousProgress());
      }
    }
    ArrayNode cs = o.putArray("checks");
    for (TeamPosture.Row row : TeamPosture.of(s.checks, Console.statuses(members))) {
      cs.addObject()
          .put("id", row.check().id())
          .put("title", row.check().title())
          .put("pass", row.pass())
          .put("fail", row.fail())
          .put("unknown", row.unknown())
          .put("notApplicable", row.notApplicable())
          .put("percentInPlace", row.percentInPlace());
    }
    return ok(o.toString());
  }

  // ---- findings ----

  private Http.Response projects(Http.Request r) {
    return ok(s.json(s.store.projects()));
  }

  /**
   * A scan's report, streamed to disk within the upload limit (413 beyond it), checked finding by
   * finding, then taken into the store a chunk at a time: a report of many megabytes is never held
   * in memory whole.
   */
  private Http.Response upload(Http.Request r) throws IOException {
    BulwarkServer.Principal p = r.caller();
    String key = r.header("Idempotency-Key");
    if (key == null || key.isBlank()) {
      throw Http.badRequest(
          "an upload needs an Idempotency-Key header (e.g. the report's SHA-256)");
    }
    try (Http.Spooled body = r.source().spool()) {
      Ingest.Result res =
          s.uploads.report(r.param("project"), key, body.file(), body.sha256(), p.user().id());
      return Http.Response.json(res.created() ? 201 : 200, s.json(res));
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
    FindingStore.Page page = s.findings.list(query(r.query()));
    ObjectNode out = BulwarkServer.JSON.createObjectNode();
    out.set("items", BulwarkServer.JSON.valueToTree(page.items()));
    out.put("nextCursor", page.nextCursor());
    return ok(out.toString());
  }

  private Http.Response finding(Http.Request r) throws IOException {
    long id = r.longParam("id");
    FindingStore.Row row = s.findings.get(id).orElseThrow(() -> Http.notFound("no finding " + id));
    ObjectNode out = BulwarkServer.JSON.valueToTree(row);
    out.remove("body");
    out.set("finding", BulwarkServer.JSON.readTree(row.body()));
    out.set("history", BulwarkServer.JSON.valueToTree(s.findings.history(id)));
    out.set("verdicts", BulwarkServer.JSON.valueToTree(s.findings.verdicts(id)));
    out.set("judgedAlike", BulwarkServer.JSON.valueToTree(s.findings.judgedAlike(id, 5)));
    out.set("verifiedFix", s.fixes.forFinding(id).map(this::fixJson).orElse(null));
    return ok(out.toString());
  }

  /** The verified patch uploaded for a finding: 404 when there is none. */
  private Http.Response fix(Http.Request r) {
    long id = r.longParam("id");
    if (s.findings.get(id).isEmpty()) {
      throw Http.notFound("no finding " + id);
    }
    return ok(
        s.fixes
            .forFinding(id)
            .map(this::fixJson)
            .orElseThrow(() -> Http.notFound("no verified fix uploaded for finding " + id))
            .toString());
  }

  private ObjectNode fixJson(dev.bulwark.store.Fixes.Stored f) {
    ObjectNode o = BulwarkServer.JSON.createObjectNode();
    o.put("fingerprint", f.fingerprint())
        .put("status", "verified")
        .put("description", f.description())
        .put("diff", f.diff())
        .put("provenance", f.provenance())
        .put("uploadedBy", f.uploadedBy())
        .put("uploadedAt", f.uploadedAt().toString());
    return o;
  }

  /**
   * Verified patches, as {@code bulwark fix --format json} writes them: a report whose findings
   * carry a {@code fix}. Unverified and rejected proposals are counted and not kept.
   */
  private Http.Response uploadFixes(Http.Request r) throws IOException {
    BulwarkServer.Principal p = r.caller();
    // streamed like a scan's upload: one finding in memory at a time, the patches kept
    Uploads.FixUpload res;
    try (Http.Spooled body = r.source().spool()) {
      res = s.uploads.fixes(r.param("project"), body.file(), p.user().id());
    }
    return Http.Response.json(
        201,
        BulwarkServer.JSON
            .createObjectNode()
            .put("stored", res.stored().stored())
            .put("matched", res.stored().matched())
            .put("skipped", res.skipped())
            .toString());
  }

  private Http.Response label(Http.Request r) {
    BulwarkServer.Principal p = r.caller();
    long id = r.longParam("id");
    JsonNode b = body(r);
    // exactly the labels the API documents: the aliases the CLI accepts are not part of it
    Verdict verdict =
        Arrays.stream(Verdict.values())
            .filter(v -> v.label().equals(b.path("verdict").asText("")))
            .findFirst()
            .orElseThrow(() -> Http.badRequest("verdict must be tp, fp or wont-fix"));
    Severity severity = null;
    if (b.hasNonNull("severity")) {
      severity =
          Arrays.stream(Severity.values())
              .filter(v -> v.label().equals(b.get("severity").asText()))
              .findFirst()
              .orElseThrow(
                  () -> Http.badRequest("severity must be critical, high, medium, low or info"));
    }
    FindingStore.GivenVerdict v =
        s.findings.label(
            id,
            verdict,
            severity,
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
    StringBuilder out = new StringBuilder();
    for (FindingStore.LabelledFinding l :
        s.findings.labelledFindings(blank(r.query().get("project")))) {
      Finding f = FindingJson.fromJson(BulwarkServer.JSON.readTree(l.body()));
      Label label =
          Label.of(
              f,
              l.verdict(),
              l.severity() == null ? null : l.severity().label(),
              l.note(),
              l.user(),
              l.at(),
              l.tool());
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
    return ok(s.json(s.incidents.list(r.param("project"), 500)));
  }

  private Http.Response incident(Http.Request r) throws IOException {
    long id = r.longParam("id");
    var i = s.incidents.get(id).orElseThrow(() -> Http.notFound("no incident " + id));
    ObjectNode out = BulwarkServer.JSON.valueToTree(i);
    out.remove("body");
    out.set("incident", BulwarkServer.JSON.readTree(i.body()));
    return ok(out.toString());
  }

  private Http.Response plan(Http.Request r) {
    var p =
        s.documents
            .latestPatchPlan(r.param("project"))
            .orElseThrow(() -> Http.notFound("no patch plan for " + r.param("project")));
    return ok(p.body());
  }

  private Http.Response putPlan(Http.Request r) {
    BulwarkServer.Principal p = r.caller();
    JsonNode plan = body(r);
    s.uploads.patchPlan(r.param("project"), plan, p.user().id());
    return Http.Response.json(201, "{\"status\":\"stored\"}");
  }

  private Http.Response dashboard(Http.Request r) {
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
    BulwarkServer.Principal p = r.caller();
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
    return ok(s.json(s.accounts.accounts()));
  }

  private Http.Response addUser(Http.Request r) {
    BulwarkServer.Principal p = r.caller();
    JsonNode b = body(r);
    Accounts.User u =
        s.accounts.createUser(
            b.path("name").asText(""),
            Role.parse(b.path("role").asText("viewer")),
            b.hasNonNull("password") ? b.get("password").asText() : null,
            p.user().id());
    return Http.Response.json(201, s.json(u));
  }

  /** An admin changes a user's role or disables (enables) them. */
  private Http.Response changeUser(Http.Request r) {
    BulwarkServer.Principal p = r.caller();
    Accounts.User u =
        s.accounts
            .user(r.param("name"))
            .or(() ->
                s.accounts.accounts().stream()
                    .filter(a -> a.name().equals(r.param("name")))
                    .findFirst()
                    .map(a -> new Accounts.User(a.id(), a.name(), a.role())))
            .orElseThrow(() -> Http.notFound("no user " + r.param("name")));
    JsonNode b = body(r);
    if (b.has("role")) {
      s.accounts.setRole(u.id(), Role.parse(b.get("role").asText()), p.user().id());
    }
    if (b.has("disabled")) {
      if (!b.get("disabled").isBoolean()) {
        throw Http.badRequest("disabled: true or false");
      }
      s.accounts.setDisabled(u.id(), b.get("disabled").asBoolean(), p.user().id());
    }
    return ok(
        s.json(
            s.accounts.accounts().stream()
                .filter(a -> a.id() == u.id())
                .findFirst()
                .orElseThrow()));
  }

  /** The caller's tokens (an admin's {@code ?all=true}: everyone's), never their values. */
  private Http.Response tokens(Http.Request r) {
    BulwarkServer.Principal p = r.caller();
    boolean all = "true".equals(r.query().get("all")) && p.user().role() == Role.ADMIN;
    return ok(s.json(s.accounts.tokens(all ? null : p.user().id())));
  }

  private Http.Response addToken(Http.Request r) {
    BulwarkServer.Principal p = r.caller();
    JsonNode b = body(r);
    String name = b.path("name").asText("api");
    java.time.Duration life = Accounts.TOKEN_LIFETIME;
    if (b.has("expiresInDays")) {
      if (!b.get("expiresInDays").canConvertToInt()) {
        throw Http.badRequest("expiresInDays: a whole number of days");
      }
      life = java.time.Duration.ofDays(b.get("expiresInDays").asInt());
    }
    String token = s.accounts.createToken(p.user().id(), name, life);
    if (p.firstRun() && s.config.dataDir() != null) {
      deleteQuietly(s.config.dataDir().resolve(BulwarkServer.FIRST_RUN_FILE));
    }
    return Http.Response.json(
        201,
        BulwarkServer.JSON
            .createObjectNode()
            .put("token", token)
            .put("expiresAt", Instant.now().plus(life).toString())
            .put("note", "shown once: Bulwark keeps only its hash")
            .toString());
  }

  static void deleteQuietly(java.nio.file.Path f) {
    try {
      java.nio.file.Files.deleteIfExists(f);
    } catch (IOException e) {
      // the token in it is revoked either way
    }
  }

  private Http.Response revokeToken(Http.Request r) {
    BulwarkServer.Principal p = r.caller();
    long id = r.longParam("id");
    if (!s.accounts.revokeToken(id, p.user())) {
      throw Http.notFound("no token " + id + " of yours");
    }
    return ok("{\"status\":\"revoked\"}");
  }

  /**
   * The audit log, newest first: {@code limit}, {@code before} (an id), {@code action}, {@code
   * user}.
   */
  private Http.Response auditLog(Http.Request r) {
    int limit = intParam(r.query(), "limit", 100, 1, 1000);
    String before = r.query().get("before");
    Long beforeId = null;
    if (before != null && !before.isBlank()) {
      try {
        beforeId = Long.parseLong(before);
      } catch (NumberFormatException e) {
        throw Http.badRequest("before: an audit entry id");
      }
    }
    List<dev.bulwark.store.Audit.Entry> page =
        s.audit.page(beforeId, blank(r.query().get("action")), blank(r.query().get("user")), limit);
    ObjectNode out = BulwarkServer.JSON.createObjectNode();
    out.set("items", BulwarkServer.JSON.valueToTree(page));
    if (page.size() == limit) {
      out.put("nextBefore", page.getLast().id());
    } else {
      out.putNull("nextBefore");
    }
    return ok(out.toString());
  }

  private static int intParam(
      java.util.Map<String, String> q, String name, int dflt, int min, int max) {
    String v = q.get(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw Http.badRequest(name + ": " + min + " to " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw Http.badRequest(name + ": a number");
    }
  }
}
