package dev.bulwark.server;

import static dev.bulwark.server.Http.GET;
import static dev.bulwark.server.Http.POST;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.html.HtmlTemplates;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.report.EventTimeline;
import dev.bulwark.core.report.RuleNames;
import dev.bulwark.server.Http.Route;
import dev.bulwark.store.Accounts;
import dev.bulwark.store.Accounts.Role;
import dev.bulwark.store.FindingStore;
import dev.bulwark.store.Incidents;
import gg.jte.Content;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The web console: server-rendered pages with one small script (keyboard triage, verdict buttons,
 * dark mode), all assets served from the jar — no CDN, no inline script, so the strict CSP holds.
 * The pages are jte templates ({@code server/src/main/jte}) compiled with the module; this class
 * gathers what each page shows into a record, and the template escapes every value it places.
 */
final class Console {
  private final BulwarkServer s;

  Console(BulwarkServer server) {
    this.s = server;
  }

  void register(List<Http.Route> routes) {
    routes.add(Route.of(GET, "/", Access.PUBLIC, r -> Http.Response.redirect("/console/triage")));
    routes.add(Route.of(GET, "/login", Access.PUBLIC, r -> loginPage(null, 200)));
    routes.add(Route.of(POST, "/login", Access.PUBLIC, this::login));
    routes.add(Route.of(POST, "/logout", Access.VIEWER, this::logout).allowFirstRun());
    routes.add(
        Route.of(
            GET, "/assets/console.js", Access.PUBLIC, r -> asset("console.js", "text/javascript")));
    routes.add(Route.of(GET, "/assets/console.css", Access.PUBLIC, r -> stylesheet()));
    routes.add(Route.of(GET, "/console/triage", Access.VIEWER, this::triage));
    routes.add(Route.of(GET, "/console/findings/{id}", Access.VIEWER, this::finding));
    routes.add(Route.of(GET, "/console/incidents", Access.VIEWER, this::incidents));
    routes.add(Route.of(GET, "/console/incidents/{id}", Access.VIEWER, this::incident));
    routes.add(Route.of(GET, "/console/dashboard", Access.VIEWER, this::dashboard));
    routes.add(Route.of(GET, "/console/plan", Access.VIEWER, this::plan));
    routes.add(Route.of(GET, "/console/posture", Access.VIEWER, this::posture));
    routes.add(Route.of(GET, "/console/intel", Access.VIEWER, this::intel));
    routes.add(Route.of(GET, "/console/canaries", Access.VIEWER, r -> CanaryPage.render(s, r)));
    ThreatModelPage.register(s, routes);
    routes.add(
        Route.of(GET, "/console/password", Access.VIEWER, r -> passwordPage(r, null, 200))
            .allowFirstRun());
    routes.add(
        Route.of(POST, "/console/password", Access.VIEWER, this::setPassword).allowFirstRun());
  }

  /** The console's templates, compiled with the module. */
  static final HtmlTemplates PAGES = HtmlTemplates.of(Console.class, "dev.bulwark.server");

  record LoginPage(String error) {}

  record PasswordPage(BulwarkServer.Principal p, String error) {}

  record ErrorPage(String title, String message) {}

  record Triage(
      BulwarkServer.Principal p,
      String project,
      List<String> projects,
      List<FindingStore.Row> rows,
      String next) {}

  record FindingPage(
      BulwarkServer.Principal p,
      FindingStore.Row f,
      String message,
      boolean canJudge,
      String snippet,
      List<FlowStep> flow,
      FixView fix,
      String remediation,
      List<FindingStore.Row> alike,
      List<FindingStore.Event> history,
      List<FindingStore.GivenVerdict> verdicts) {}

  record FlowStep(String role, String path, int line, String message, String snippet) {}

  record FixView(
      String status,
      String description,
      String provenance,
      String uploadedBy,
      String uploadedAt,
      List<DiffLine> lines) {}

  record DiffLine(String cls, String text) {}

  /** The team's posture: checks with the practice to push first on top, and each member's run. */
  record PosturePage(
      BulwarkServer.Principal p,
      String project,
      List<String> projects,
      List<PostureRow> checks,
      List<MemberRow> members) {}

  /** One check across the team, with the share of members it applies to that have it in place. */
  record PostureRow(
      String id,
      String title,
      String question,
      String why,
      String fix,
      int pass,
      int fail,
      int unknown,
      int notApplicable,
      int percent) {}

  /** One member's latest check-up, with the change since the one before ("" for a first). */
  record MemberRow(
      String member, String profile, String time, int progress, String change, int runs) {}

  record IncidentsPage(
      BulwarkServer.Principal p, String project, List<String> projects, List<Incidents.Row> rows) {}

  record IncidentPage(
      BulwarkServer.Principal p,
      Incidents.Row i,
      String narrative,
      List<Fact> facts,
      String reasons,
      Content timeline,
      List<EventRow> events) {}

  record Fact(String key, String title, String values) {}

  record EventRow(
      String time,
      String severity,
      String ruleId,
      String rule,
      String shortId,
      String host,
      String user,
      String recordId,
      String details) {}

  record DashboardPage(
      BulwarkServer.Principal p,
      String project,
      List<String> projects,
      List<Bar> bySeverity,
      List<Bar> byAnalyzer,
      List<Trend> trend,
      String trendFrom,
      String trendTo,
      List<Tactic> tactics) {}

  record Bar(String label, String cls, int y, int width, int count) {}

  record Trend(String severity, String points) {}

  record Tactic(String id, String title, List<Cell> cells) {}

  record Cell(String cls, String technique, int rules, int detections) {}

  record PlanPage(
      BulwarkServer.Principal p,
      String project,
      List<String> projects,
      String raw,
      List<Month> months,
      List<Upgrade> upgrades) {}

  record Month(String title, int pad, List<Day> days) {}

  record Day(int n, List<String> items) {}

  record Upgrade(
      String window,
      String name,
      String from,
      String to,
      String vulnerabilities,
      String due,
      boolean late) {}

  /** An error page: the message as text in the console's frame. */
  static String errorPage(int status, String message) {
    return PAGES.render("error.jte", new ErrorPage("Error " + status, message));
  }

  private static Http.Response html(int status, String template, Object model) {
    Http.Response out = Http.Response.html(PAGES.render(template, model));
    return new Http.Response(status, out.contentType(), out.body(), out.headers());
  }

  private Http.Response passwordPage(Http.Request r, String error, int status) {
    return html(status, "password.jte", new PasswordPage(r.caller(), error));
  }

  private Http.Response setPassword(Http.Request r) {
    BulwarkServer.Principal p = r.caller();
    Map<String, String> f = r.form();
    boolean changed;
    try {
      changed =
          s.accounts.changePassword(
              p.user().id(),
              f.get("current"),
              f.getOrDefault("password", ""),
              r.cookie(BulwarkServer.SESSION_COOKIE).orElse(null),
              p.firstRun());
    } catch (IllegalArgumentException e) {
      return passwordPage(r, e.getMessage(), 400);
    }
    if (!changed) {
      return passwordPage(r, "The current password is wrong.", 403);
    }
    if (p.firstRun() && s.config.dataDir() != null) {
      Api.deleteQuietly(s.config.dataDir().resolve(BulwarkServer.FIRST_RUN_FILE));
    }
    return Http.Response.redirect("/console/triage");
  }

  // ---- layout ----

  private Http.Response asset(String name, String type) throws IOException {
    try (InputStream in = Console.class.getResourceAsStream("console/" + name)) {
      return new Http.Response(
              200, type + "; charset=utf-8", in.readAllBytes(), new LinkedHashMap<>())
          .with("Cache-Control", "no-cache");
    }
  }

  /**
   * The console's stylesheet after the severity colours of {@link
   * dev.bulwark.core.report.SeverityPalette}, the same as the HTML report's, in light and dark.
   */
  private Http.Response stylesheet() throws IOException {
    String palette =
        ":root{"
            + dev.bulwark.core.report.SeverityPalette.cssVariables(false)
            + "}\n@media (prefers-color-scheme: dark){:root:not([data-theme=\"light\"]){"
            + dev.bulwark.core.report.SeverityPalette.cssVariables(true)
            + "}}\n:root[data-theme=\"dark\"]{"
            + dev.bulwark.core.report.SeverityPalette.cssVariables(true)
            + "}\n"
            + EventTimeline.CSS;
    Http.Response css = asset("console.css", "text/css");
    byte[] head = palette.getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + css.body().length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(css.body(), 0, body, head.length, css.body().length);
    return new Http.Response(200, css.contentType(), body, css.headers());
  }

  /** The signed-in user, or a redirect to the sign-in page. */
  private Optional<BulwarkServer.Principal> viewer(Http.Request r) {
    return Optional.ofNullable(r.principal());
  }

  private static Http.Response toLogin() {
    return Http.Response.redirect("/login");
  }

  // ---- sign in ----

  private Http.Response loginPage(String error, int status) {
    return html(status, "login.jte", new LoginPage(error));
  }

  private Http.Response login(Http.Request r) {
    s.checkOrigin(r);
    Map<String, String> f = r.form();
    Api.Login l = s.signIn(r, f.getOrDefault("user", ""), f.getOrDefault("password", ""));
    if (l.retryAfter() > 0) {
      return loginPage("Too many failed sign-ins. Try again in " + l.retryAfter() + " s.", 429)
          .with("Retry-After", Long.toString(l.retryAfter()));
    }
    if (l.user() == null) {
      return loginPage("Wrong user name or password.", 401);
    }
    String[] session = s.accounts.startSession(l.user(), l.firstRun());
    return Http.Response.redirect(l.firstRun() ? "/console/password" : "/console/triage")
        .with("Set-Cookie", s.sessionCookie(session[0], Accounts.SESSION_LIFETIME.toSeconds()));
  }

  private Http.Response logout(Http.Request r) {
    viewer(r)
        .ifPresent(p -> r.cookie(BulwarkServer.SESSION_COOKIE).ifPresent(s.accounts::endSession));
    return Http.Response.redirect("/login").with("Set-Cookie", s.sessionCookie("", 0));
  }

  // ---- triage queue ----

  private String project(Http.Request r) {
    String p = r.query().get("project");
    if (p != null && !p.isBlank()) {
      return p;
    }
    List<String> all = s.store.projects();
    return all.isEmpty() ? null : all.get(0);
  }

  private Http.Response triage(Http.Request r) {
    Optional<BulwarkServer.Principal> p = viewer(r);
    if (p.isEmpty()) {
      return toLogin();
    }
    String project = project(r);
    if (project == null) {
      return html(200, "triage.jte", new Triage(p.get(), null, List.of(), List.of(), null));
    }
    Map<String, String> q = new LinkedHashMap<>(r.query());
    q.put("project", project);
    q.putIfAbsent("limit", "50");
    FindingStore.Page page = s.findings.list(Api.query(q));
    String next = null;
    if (page.nextCursor() != null) {
      q.put("cursor", page.nextCursor());
      next = query(q);
    }
    return html(
        200, "triage.jte", new Triage(p.get(), project, s.store.projects(), page.items(), next));
  }

  private static String query(Map<String, String> q) {
    List<String> parts = new ArrayList<>();
    q.forEach((k, v) ->
        parts.add(
            URLEncoder.encode(k, StandardCharsets.UTF_8)
                + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return String.join("&", parts);
  }

  /**
   * A path as the queue shows it: the last three parts, the rest elided (the full path is the
   * cell's title), so a long absolute path does not crush the table.
   */
  static String shortPath(String path) {
    if (path == null) {
      return "";
    }
    String[] parts = path.replace('\\', '/').split("/");
    if (parts.length <= 4) {
      return path;
    }
    return "…/"
        + String.join("/", java.util.Arrays.copyOfRange(parts, parts.length - 3, parts.length));
  }

  /** An instant to the second, in UTC: what a person reads, without the nanoseconds. */
  static String second(java.time.Instant i) {
    return i == null
        ? ""
        : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .format(i.atOffset(ZoneOffset.UTC));
  }

  /** A time as a report wrote it, to the second when it is an instant, else as it came. */
  static String secondOf(String text) {
    try {
      return second(java.time.Instant.parse(text));
    } catch (java.time.format.DateTimeParseException e) {
      return text;
    }
  }

  static String day(java.time.Instant i) {
    return i == null ? "" : i.atOffset(ZoneOffset.UTC).toLocalDate().toString();
  }

  // ---- finding page ----

  private Http.Response finding(Http.Request r) throws IOException {
    Optional<BulwarkServer.Principal> p = viewer(r);
    if (p.isEmpty()) {
      return toLogin();
    }
    long id = r.longParam("id");
    FindingStore.Row f = s.findings.get(id).orElseThrow(() -> Http.notFound("no finding " + id));
    JsonNode body = BulwarkServer.JSON.readTree(f.body());
    JsonNode loc = body.path("locations").path(0);
    List<FlowStep> flow = new ArrayList<>();
    JsonNode flows = body.path("codeFlows");
    if (flows.isArray() && !flows.isEmpty()) {
      JsonNode steps = flows.get(0).path("steps");
      for (int i = 0; i < steps.size(); i++) {
        JsonNode st = steps.get(i);
        JsonNode sl = st.path("location");
        flow.add(
            new FlowStep(
                st.path("kind").asText(i == 0 ? "source" : i == steps.size() - 1 ? "sink" : "step"),
                sl.path("path").asText(),
                sl.path("region").path("startLine").asInt(),
                st.path("message").asText(),
                sl.hasNonNull("snippet") ? sl.path("snippet").asText() : null));
      }
    }
    return html(
        200,
        "finding.jte",
        new FindingPage(
            p.get(),
            f,
            body.path("message").asText(),
            p.get().user().role().atLeast(Role.ANALYST),
            loc.hasNonNull("snippet") ? loc.path("snippet").asText() : null,
            flow,
            fix(id, body.path("fix")),
            body.hasNonNull("remediation") ? body.path("remediation").asText() : null,
            s.findings.judgedAlike(id, 5),
            s.findings.history(id),
            s.findings.verdicts(id)));
  }

  /**
   * The verified patch uploaded for this finding (fix --upload, scan --upload --fixes); a report's
   * own fix entry otherwise, labelled with its status; null when there is neither.
   */
  private FixView fix(long id, JsonNode fix) {
    Optional<dev.bulwark.store.Fixes.Stored> stored = s.fixes.forFinding(id);
    if (stored.isEmpty() && !(fix.isObject() && fix.hasNonNull("diff"))) {
      return null;
    }
    String diff =
        stored.map(dev.bulwark.store.Fixes.Stored::diff).orElseGet(() -> fix.path("diff").asText());
    List<DiffLine> lines = new ArrayList<>();
    for (String line : diff.split("\n")) {
      String cls =
          line.startsWith("+++") || line.startsWith("---")
              ? "file"
              : line.startsWith("@@")
                  ? "hunk"
                  : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "ctx";
      lines.add(new DiffLine(cls, line));
    }
    return new FixView(
        stored.isPresent() ? "verified" : fix.path("status").asText(),
        stored
            .map(dev.bulwark.store.Fixes.Stored::description)
            .orElseGet(() -> fix.path("description").asText()),
        stored.map(dev.bulwark.store.Fixes.Stored::provenance).orElse(null),
        stored.map(dev.bulwark.store.Fixes.Stored::uploadedBy).orElse(null),
        stored.map(x -> second(x.uploadedAt())).orElse(null),
        lines);
  }

  // ---- incidents ----

  private Http.Response incidents(Http.Request r) {
    Optional<BulwarkServer.Principal> p = viewer(r);
    if (p.isEmpty()) {
      return toLogin();
    }
    String project = project(r);
    return html(
        200,
        "incidents.jte",
        new IncidentsPage(
            p.get(),
            project,
            s.store.projects(),
            project == null ? List.of() : s.incidents.list(project, 200)));
  }

  private Http.Response incident(Http.Request r) throws IOException {
    Optional<BulwarkServer.Principal> p = viewer(r);
    if (p.isEmpty()) {
      return toLogin();
    }
    long id = r.longParam("id");
    Incidents.Row i = s.incidents.get(id).orElseThrow(() -> Http.notFound("no incident " + id));
    JsonNode body = BulwarkServer.JSON.readTree(i.body());
    List<Fact> facts = new ArrayList<>();
    for (String[] fact :
        new String[][] {
          {"hosts", "Hosts"},
          {"users", "Users"},
          {"tactics", "Tactics"},
          {"techniques", "Techniques"}
        }) {
      List<String> values = new ArrayList<>();
      body.path(fact[0])
          .forEach(
              v -> values.add(fact[0].equals("tactics") ? tacticTitle(v.asText()) : v.asText()));
      if (!values.isEmpty()) {
        facts.add(new Fact(fact[0], fact[1], String.join(", ", values)));
      }
    }
    List<String> reasons = new ArrayList<>();
    body.path("score_reasons").forEach(v -> reasons.add(v.asText()));
    List<JsonNode> events = new ArrayList<>();
    body.path("detections").forEach(events::add);
    events.sort(java.util.Comparator.comparing(e -> e.path("time").asText()));
    List<EventTimeline.Event> marks = new ArrayList<>();
    List<EventRow> rows = new ArrayList<>();
    for (JsonNode e : events) {
      java.time.Instant at = instantOrNull(e.path("time").asText(""));
      if (at != null) {
        marks.add(
            new EventTimeline.Event(
                at,
                e.path("host").asText(""),
                severity(e.path("severity").asText()),
                e.path("rule").asText(e.path("title").asText()),
                blankToNull(e.path("ruleId").asText("")),
                blankToNull(e.path("user").asText("")),
                blankToNull(e.path("commandLine").asText("")),
                null));
      }
      String ruleId = e.path("ruleId").asText("");
      String cmd = e.path("commandLine").asText("");
      String details = e.path("details").asText("");
      rows.add(
          new EventRow(
              secondOf(e.path("time").asText()),
              e.path("severity").asText(),
              ruleId.isEmpty() ? null : ruleId,
              RuleNames.display(ruleId, e.path("rule").asText(e.path("title").asText())),
              ruleId.isEmpty() ? null : RuleNames.shortId(ruleId),
              e.path("host").asText(),
              e.path("user").asText(),
              e.path("recordId").asText(),
              !cmd.isEmpty() ? cmd : !details.isEmpty() ? details : null));
    }
    Content timeline = null;
    if (!marks.isEmpty()) {
      List<EventTimeline.Span> span =
          i.first() == null
              ? List.of()
              : List.of(new EventTimeline.Span(i.key(), i.title(), i.first(), i.last()));
      timeline = EventTimeline.content("timeline", marks, span);
    }
    return html(
        200,
        "incident.jte",
        new IncidentPage(
            p.get(),
            i,
            body.path("narrative").asText(),
            facts,
            reasons.isEmpty() ? null : String.join("; ", reasons),
            timeline,
            rows));
  }

  private static java.time.Instant instantOrNull(String text) {
    try {
      return text.isEmpty() ? null : java.time.Instant.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private static Severity severity(String label) {
    try {
      return Severity.parse(label);
    } catch (IllegalArgumentException e) {
      return Severity.INFO;
    }
  }

  /** A tactic as the terminal names it ("Credential Access"), whether stored as id or title. */
  static String tacticTitle(String text) {
    String id = dev.bulwark.logs.hunt.Attack.tactic(text);
    return id == null ? text : dev.bulwark.logs.hunt.Attack.title(id);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  // ---- dashboard ----

  static final String[] SEVERITIES = {"critical", "high", "medium", "low", "info"};

  private Http.Response dashboard(Http.Request r) throws IOException {
    Optional<BulwarkServer.Principal> p = viewer(r);
    if (p.isEmpty()) {
      return toLogin();
    }
    String project = project(r);
    if (project == null) {
      return html(
          200,
          "dashboard.jte",
          new DashboardPage(
              p.get(), null, List.of(), List.of(), List.of(), List.of(), null, null, List.of()));
    }
    Map<String, Integer> open = s.findings.openBySeverity(project);
    int max = Math.max(1, open.values().stream().mapToInt(Integer::intValue).max().orElse(1));
    List<Bar> bySeverity = new ArrayList<>();
    int y = 5;
    for (String sev : SEVERITIES) {
      int n = open.getOrDefault(sev, 0);
      bySeverity.add(new Bar(sev, "sev-" + sev, y, 300 * n / max, n));
      y += 24;
    }
    Map<String, Integer> byAnalyzer = s.findings.openByAnalyzer(project);
    int amax =
        Math.max(1, byAnalyzer.values().stream().mapToInt(Integer::intValue).max().orElse(1));
    List<Bar> analyzers = new ArrayList<>();
    y = 5;
    for (Map.Entry<String, Integer> e : byAnalyzer.entrySet()) {
      analyzers.add(new Bar(e.getKey(), "capability", y, 300 * e.getValue() / amax, e.getValue()));
      y += 24;
    }
    Map<String, Map<String, Integer>> over = s.findings.openOverTime(project, 90);
    List<Trend> trend = new ArrayList<>();
    List<String> days = new ArrayList<>(over.keySet());
    if (over.size() >= 2) {
      int top = 1;
      for (Map<String, Integer> d : over.values()) {
        top = Math.max(top, d.values().stream().mapToInt(Integer::intValue).sum());
      }
      for (String sev : SEVERITIES) {
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < days.size(); i++) {
          int v = over.get(days.get(i)).getOrDefault(sev, 0);
          pts.append(600 * i / (days.size() - 1))
              .append(',')
              .append(150 - 140 * v / top)
              .append(' ');
        }
        trend.add(new Trend(sev, pts.toString().strip()));
      }
    }
    return html(
        200,
        "dashboard.jte",
        new DashboardPage(
            p.get(),
            project,
            s.store.projects(),
            bySeverity,
            analyzers,
            trend,
            trend.isEmpty() ? null : days.get(0),
            trend.isEmpty() ? null : days.get(days.size() - 1),
            tactics(project)));
  }

  /**
   * ATT&CK by tactic: each technique a loaded Sigma rule looks for (outlined) or this project's
   * incidents detected (shaded by how often).
   */
  private List<Tactic> tactics(String project) throws IOException {
    Map<String, Map<String, Integer>> matrix = new TreeMap<>();
    for (Incidents.Row i : s.incidents.list(project, 1000)) {
      JsonNode inc = BulwarkServer.JSON.readTree(s.incidents.get(i.id()).orElseThrow().body());
      for (JsonNode d : inc.path("detections")) {
        for (JsonNode t : d.path("tactics")) {
          for (JsonNode tech : d.path("techniques")) {
            matrix
                .computeIfAbsent(t.asText(), k -> new TreeMap<>())
                .merge(tech.asText(), 1, Integer::sum);
          }
        }
      }
      for (JsonNode t : inc.path("tactics")) {
        for (JsonNode tech : inc.path("techniques")) {
          matrix
              .computeIfAbsent(t.asText(), k -> new TreeMap<>())
              .merge(tech.asText(), 1, Integer::sum);
        }
      }
    }
    Map<String, Map<String, Integer>> rules = s.coverage.byTactic();
    List<Tactic> out = new ArrayList<>();
    for (String t : dev.bulwark.logs.hunt.Attack.TACTICS) {
      Map<String, int[]> cells = new TreeMap<>();
      rules
          .getOrDefault(t, Map.of())
          .forEach((tech, n) -> cells.computeIfAbsent(tech, k -> new int[2])[0] = n);
      matrix
          .getOrDefault(t, Map.of())
          .forEach((tech, n) -> cells.computeIfAbsent(tech, k -> new int[2])[1] = n);
      List<Cell> shown = new ArrayList<>();
      for (Map.Entry<String, int[]> e : cells.entrySet()) {
        int rulesFor = e.getValue()[0];
        int detected = e.getValue()[1];
        shown.add(
            new Cell(
                "tech heat" + Math.min(4, detected) + (rulesFor > 0 ? " covered" : ""),
                e.getKey(),
                rulesFor,
                detected));
      }
      out.add(new Tactic(t, dev.bulwark.logs.hunt.Attack.title(t), shown));
    }
    return out;
  }

  // ---- team posture ----

  /** The members' statuses as the check-up's own values; a status this version lacks is skipped. */
  static List<Map<String, dev.bulwark.hygiene.check.Status>> statuses(
      List<dev.bulwark.store.CheckupRuns.Member> members) {
    List<Map<String, dev.bulwark.hygiene.check.Status>> out = new ArrayList<>();
    for (dev.bulwark.store.CheckupRuns.Member m : members) {
      Map<String, dev.bulwark.hygiene.check.Status> st = new LinkedHashMap<>();
      m.statuses()
          .forEach((k, v) -> {
            try {
              st.put(k, dev.bulwark.hygiene.check.Status.valueOf(v));
            } catch (IllegalArgumentException e) {
              // stored by a newer server: leave it out rather than guess
            }
          });
      out.add(st);
    }
    return out;
  }

  /**
   * How to fix a check on every platform the catalogue names: a team mixes Linux, macOS and Windows
   * machines, so one platform's steps alone would mislead the others.
   */
  static String fixes(dev.bulwark.hygiene.check.Check c) {
    if (c.fix().size() == 1) {
      return c.fix().values().iterator().next();
    }
    StringBuilder sb = new StringBuilder();
    for (var p : dev.bulwark.hygiene.check.Platform.values()) {
      String f = c.fix().get(p.id());
      if (f == null) {
        f = c.fix().get("any");
      }
      if (f != null) {
        sb.append(sb.isEmpty() ? "" : " · ").append(p.title()).append(": ").append(f);
      }
    }
    return sb.isEmpty() ? c.fixFor("any") : sb.toString();
  }

  private Http.Response posture(Http.Request r) {
    Optional<BulwarkServer.Principal> p = viewer(r);
    if (p.isEmpty()) {
      return toLogin();
    }
    String project = project(r);
    List<dev.bulwark.store.CheckupRuns.Member> members =
        project == null ? List.of() : s.checkups.latest(project);
    List<PostureRow> rows = new ArrayList<>();
    for (dev.bulwark.hygiene.TeamPosture.Row row :
        dev.bulwark.hygiene.TeamPosture.of(s.checks, statuses(members))) {
      var c = row.check();
      rows.add(
          new PostureRow(
              c.id(),
              c.title(),
              c.question(),
              c.why(),
              fixes(c),
              row.pass(),
              row.fail(),
              row.unknown(),
              row.notApplicable(),
              row.percentInPlace()));
    }
    List<MemberRow> ms = new ArrayList<>();
    for (dev.bulwark.store.CheckupRuns.Member m : members) {
      String change =
          m.previousProgress() == null
              ? ""
              : (m.progress() >= m.previousProgress() ? "+" : "")
                  + (m.progress() - m.previousProgress())
                  + " points";
      ms.add(
          new MemberRow(
              m.member(), m.profile(), second(m.runAt()), m.progress(), change, m.runs()));
    }
    return html(
        200, "posture.jte", new PosturePage(p.get(), project, s.store.projects(), rows, ms));
  }

  // ---- threat intelligence ----

  record IntelPage(
      BulwarkServer.Principal p,
      String problem,
      dev.bulwark.intel.analysis.IntelReport report,
      List<dev.bulwark.intel.analysis.IntelReport.RankedActor> actors,
      List<IntelTactic> tactics,
      List<dev.bulwark.intel.analysis.IntelReport.TechniqueRow> gaps) {}

  /** One column of the coverage matrix: a tactic and its techniques, gaps and heaviest first. */
  record IntelTactic(String title, List<IntelCell> cells) {}

  record IntelCell(String cls, String id, String name, String status, String weight, String tip) {}

  /** Actors and gap rows the page lists; the report file holds them all. */
  static final int INTEL_ACTORS = 10;

  static final int INTEL_GAPS = 25;

  /**
   * The report {@code bulwark intel report --publish} left in the data directory: top actors with
   * their evidence, the coverage matrix by tactic with gaps marked, the heaviest gaps with the
   * rules that would close them, and the known-exploited vulnerabilities of the stack.
   */
  private Http.Response intel(Http.Request r) throws IOException {
    Optional<BulwarkServer.Principal> p = viewer(r);
    if (p.isEmpty()) {
      return toLogin();
    }
    Optional<dev.bulwark.intel.analysis.IntelReport> report = Optional.empty();
    String problem = null;
    if (s.config.dataDir() != null) {
      try {
        report = dev.bulwark.intel.IntelService.published(s.config.dataDir());
      } catch (dev.bulwark.core.errors.InputException e) {
        // a damaged file is said on the page, not turned into a server error; the parser's
        // message is left out, as it can quote the file and name server paths
        problem =
            "The published report (intel/report.json in the data directory) cannot be read;"
                + " publish it again with bulwark intel report --publish.";
      }
    }
    if (report.isEmpty()) {
      return html(
          200, "intel.jte", new IntelPage(p.get(), problem, null, List.of(), List.of(), List.of()));
    }
    var rep = report.get();
    Map<String, List<dev.bulwark.intel.analysis.IntelReport.TechniqueRow>> byTactic =
        new LinkedHashMap<>();
    for (String t : dev.bulwark.logs.hunt.Attack.TACTICS) {
      byTactic.put(t, new ArrayList<>());
    }
    List<dev.bulwark.intel.analysis.IntelReport.TechniqueRow> gaps = new ArrayList<>();
    for (var t : rep.techniques()) {
      for (String tactic : t.tactics()) {
        byTactic.computeIfAbsent(tactic, k -> new ArrayList<>()).add(t);
      }
      if (t.status() == dev.bulwark.intel.analysis.IntelReport.Status.GAP
          && gaps.size() < INTEL_GAPS) {
        gaps.add(t);
      }
    }
    List<IntelTactic> tactics = new ArrayList<>();
    for (var e : byTactic.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      List<IntelCell> cells = new ArrayList<>();
      e.getValue().stream()
          .sorted(
              java.util.Comparator.comparing(
                      (dev.bulwark.intel.analysis.IntelReport.TechniqueRow t) ->
                          t.status() != dev.bulwark.intel.analysis.IntelReport.Status.GAP)
                  .thenComparing(t -> -t.weight()))
          .forEach(t -> {
            String status = t.status().name().toLowerCase(java.util.Locale.ROOT);
            cells.add(
                new IntelCell(
                    "tech intel-" + status,
                    t.id(),
                    t.name(),
                    status,
                    String.format(java.util.Locale.ROOT, "%.2f", t.weight()),
                    t.name() + " — " + status + ", used by " + String.join(", ", t.actors())));
          });
      tactics.add(new IntelTactic(tacticTitle(e.getKey()), cells));
    }
    return html(
        200,
        "intel.jte",
        new IntelPage(
            p.get(),
            problem,
            rep,
            rep.actors().subList(0, Math.min(INTEL_ACTORS, rep.actors().size())),
            tactics,
            gaps));
  }

  // ---- patch plan ----

  private Http.Response plan(Http.Request r) throws IOException {
    Optional<BulwarkServer.Principal> p = viewer(r);
    if (p.isEmpty()) {
      return toLogin();
    }
    String project = project(r);
    var plan =
        project == null
            ? Optional.<dev.bulwark.store.Documents.Stored>empty()
            : s.documents.latestPatchPlan(project);
    if (plan.isEmpty()) {
      return html(
          200, "plan.jte", new PlanPage(p.get(), null, List.of(), null, List.of(), List.of()));
    }
    JsonNode root = BulwarkServer.JSON.readTree(plan.get().body());
    // bulwark deps plan --format json: maintenance windows, each with the upgrades it carries
    TreeMap<LocalDate, List<String>> byDay = new TreeMap<>();
    List<Upgrade> upgrades = new ArrayList<>();
    for (JsonNode w : root.path("windows")) {
      String start = w.path("start").asText("");
      LocalDate day;
      try {
        day = LocalDate.parse(start.length() >= 10 ? start.substring(0, 10) : start);
      } catch (java.time.format.DateTimeParseException e) {
        continue;
      }
      for (JsonNode u : w.path("upgrades")) {
        String purl = u.path("purl").asText();
        String name = purl.replaceFirst("^pkg:[^/]+/", "").replaceFirst("@.*$", "");
        String item =
            name
                + " "
                + u.path("from").asText()
                + " → "
                + u.path("to").asText()
                + (w.path("outOfBand").asBoolean() ? " (out of band)" : "");
        byDay.computeIfAbsent(day, k -> new ArrayList<>()).add(item);
        List<String> ids = new ArrayList<>();
        u.path("vulnerabilities").forEach(v -> ids.add(v.path("id").asText()));
        upgrades.add(
            new Upgrade(
                start,
                name,
                u.path("from").asText(),
                u.path("to").asText(),
                String.join(", ", ids),
                u.path("due").asText(),
                u.path("late").asBoolean()));
      }
    }
    List<String> projects = s.store.projects();
    if (byDay.isEmpty()) {
      return html(
          200,
          "plan.jte",
          new PlanPage(p.get(), project, projects, root.toPrettyString(), List.of(), List.of()));
    }
    List<Month> months = new ArrayList<>();
    LocalDate first = byDay.firstKey().withDayOfMonth(1);
    for (LocalDate m = first; !m.isAfter(byDay.lastKey()); m = m.plusMonths(1)) {
      List<Day> days = new ArrayList<>();
      for (LocalDate d = m; d.getMonth() == m.getMonth(); d = d.plusDays(1)) {
        days.add(new Day(d.getDayOfMonth(), byDay.getOrDefault(d, List.of())));
      }
      months.add(
          new Month(m.getMonth() + " " + m.getYear(), m.getDayOfWeek().getValue() - 1, days));
    }
    return html(200, "plan.jte", new PlanPage(p.get(), project, projects, null, months, upgrades));
  }
}
