package dev.bulwark.server;

import static dev.bulwark.server.Http.GET;
import static dev.bulwark.server.Http.POST;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.report.EventTimeline;
import dev.bulwark.core.report.RuleNames;
import dev.bulwark.server.Http.Route;
import dev.bulwark.store.Accounts;
import dev.bulwark.store.Accounts.Role;
import dev.bulwark.store.FindingStore;
import dev.bulwark.store.Incidents;
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
    routes.add(
        Route.of(GET, "/console/password", Access.VIEWER, r -> passwordPage(r, null, 200))
            .allowFirstRun());
    routes.add(
        Route.of(POST, "/console/password", Access.VIEWER, this::setPassword).allowFirstRun());
  }

  private Http.Response passwordPage(Http.Request r, String error, int status) {
    BulwarkServer.Principal p = r.caller();
    String body =
        "<form class=\"login\" method=\"post\" action=\"/console/password\"><h1>Set a password</h1>"
            + (p.firstRun()
                ? "<p>You signed in with the first-run token. Set a password to continue; the"
                    + " token is then revoked.</p>"
                : "")
            + (error == null ? "" : "<p class=\"error\" role=\"alert\">" + Html.esc(error) + "</p>")
            + "<input type=\"hidden\" name=\"csrf\" value=\""
            + Html.esc(p.session() == null ? "" : p.session().csrf())
            + "\">"
            + (p.firstRun()
                ? ""
                : "<label>Current password <input name=\"current\" type=\"password\""
                    + " autocomplete=\"current-password\" required></label>")
            + "<label>New password (12 characters or more) <input name=\"password\""
            + " type=\"password\" autocomplete=\"new-password\" minlength=\"12\" required></label>"
            + "<button type=\"submit\">Set password</button></form>";
    Http.Response out = Http.Response.html(page("Set a password", p, body));
    return new Http.Response(status, out.contentType(), out.body(), out.headers());
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

  static String page(String title, BulwarkServer.Principal p, String body) {
    StringBuilder b = new StringBuilder();
    b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>")
        .append(Html.esc(title))
        .append(" · Bulwark</title>")
        .append("<link rel=\"stylesheet\" href=\"/assets/console.css\">");
    if (p != null && p.session() != null) {
      b.append("<meta name=\"csrf\" content=\"").append(Html.esc(p.session().csrf())).append("\">");
    }
    b.append("<script src=\"/assets/console.js\" defer></script></head><body>");
    b.append("<header><a class=\"brand\" href=\"/console/triage\">Bulwark</a>");
    if (p != null) {
      b.append(
              "<nav><a href=\"/console/triage\">Triage</a><a href=\"/console/incidents\">Incidents</a>")
          .append(
              "<a href=\"/console/dashboard\">Dashboard</a><a href=\"/console/plan\">Patch plan</a></nav>")
          .append("<span class=\"who\">")
          .append(Html.esc(p.user().name()))
          .append(" (")
          .append(p.user().role().label())
          .append(")</span>")
          .append("<button type=\"button\" id=\"theme\" title=\"Dark or light\">◐</button>")
          .append(
              "<form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf\" value=\"")
          .append(p.session() == null ? "" : Html.esc(p.session().csrf()))
          .append("\"><button type=\"submit\">Sign out</button></form>");
    }
    b.append("</header><main>").append(body).append("</main></body></html>");
    return b.toString();
  }

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
    String body =
        "<form class=\"login\" method=\"post\" action=\"/login\"><h1>Sign in</h1>"
            + (error == null ? "" : "<p class=\"error\" role=\"alert\">" + Html.esc(error) + "</p>")
            + "<label>User <input name=\"user\" autocomplete=\"username\" required autofocus></label>"
            + "<label>Password or API token <input name=\"password\" type=\"password\""
            + " autocomplete=\"current-password\" required></label>"
            + "<button type=\"submit\">Sign in</button></form>";
    Http.Response r = Http.Response.html(page("Sign in", null, body));
    return new Http.Response(status, r.contentType(), r.body(), r.headers());
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

  private String projectPicker(String current, String action) {
    StringBuilder b =
        new StringBuilder("<form class=\"picker\" method=\"get\" action=\"" + action + "\">");
    b.append("<label>Project <select name=\"project\" id=\"project\">");
    for (String p : s.store.projects()) {
      b.append("<option")
          .append(p.equals(current) ? " selected" : "")
          .append(">")
          .append(Html.esc(p))
          .append("</option>");
    }
    return b.append("</select></label><button type=\"submit\">Show</button></form>").toString();
  }

  private Http.Response triage(Http.Request r) {
    Optional<BulwarkServer.Principal> p = viewer(r);
    if (p.isEmpty()) {
      return toLogin();
    }
    String project = project(r);
    StringBuilder b = new StringBuilder("<h1>Triage queue</h1>");
    if (project == null) {
      b.append("<p>No scans yet. Upload one with <code>bulwark scan . --upload URL</code>.</p>");
      return Http.Response.html(page("Triage", p.get(), b.toString()));
    }
    Map<String, String> q = new LinkedHashMap<>(r.query());
    q.put("project", project);
    q.putIfAbsent("limit", "50");
    FindingStore.Page page = s.findings.list(Api.query(q));
    b.append(projectPicker(project, "/console/triage"));
    b.append(
            "<p class=\"keys\">Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous, <kbd>t</kbd> true positive,")
        .append(
            " <kbd>f</kbd> false positive, <kbd>w</kbd> won't fix, <kbd>o</kbd> or <kbd>Enter</kbd> open.</p>");
    b.append(
            "<table id=\"queue\" class=\"findings\"><thead><tr><th>Severity</th><th>Rule</th><th>Title</th>")
        .append("<th>Location</th><th>Seen</th><th>Verdict</th></tr></thead><tbody>");
    for (FindingStore.Row f : page.items()) {
      b.append("<tr data-id=\"")
          .append(f.id())
          .append("\" data-href=\"/console/findings/")
          .append(f.id())
          .append("\">")
          .append("<td><span class=\"sev ")
          .append(Html.esc(f.severity().label()))
          .append("\">")
          .append(Html.esc(f.severity().label()))
          .append("</span></td>")
          .append("<td class=\"rule\">")
          .append(ruleCell(f.ruleId(), f.title()))
          .append("</td>")
          .append("<td><a href=\"/console/findings/")
          .append(f.id())
          .append("\">")
          .append(Html.esc(f.title()))
          .append("</a></td>")
          .append("<td class=\"loc\" title=\"")
          .append(Html.esc(f.path()))
          .append("\">")
          .append(Html.esc(shortPath(f.path())))
          .append(f.line() == null ? "" : ":" + f.line())
          .append("</td>")
          .append("<td>")
          .append(Html.esc(day(f.lastSeen())))
          .append("</td>")
          .append("<td class=\"verdict\">")
          .append(verdictBadge(f.verdict()))
          .append("</td></tr>");
    }
    b.append("</tbody></table>");
    if (page.items().isEmpty()) {
      b.append("<p>Nothing left to triage here.</p>");
    }
    if (page.nextCursor() != null) {
      q.put("cursor", page.nextCursor());
      b.append("<p><a class=\"next\" href=\"/console/triage?")
          .append(Html.esc(query(q)))
          .append("\">Next page</a></p>");
    }
    return Http.Response.html(page("Triage", p.get(), b.toString()));
  }

  /**
   * A rule as a person reads it: its id when that reads well; for a Sigma rule's UUID the short id
   * (the row's title is the rule's title already), the whole id on hover.
   */
  static String ruleCell(String ruleId, String title) {
    if (!RuleNames.opaque(ruleId)) {
      return Html.esc(ruleId);
    }
    return "<span class=\"rule-id\" title=\""
        + Html.esc(ruleId)
        + "\">"
        + Html.esc(RuleNames.shortId(ruleId))
        + "</span>";
  }

  static String verdictBadge(dev.bulwark.core.model.Verdict v) {
    return v == null
        ? "<span class=\"badge none\">untriaged</span>"
        : "<span class=\"badge " + Html.esc(v.label()) + "\">" + Html.esc(v.label()) + "</span>";
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

  private static String day(java.time.Instant i) {
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
    StringBuilder b = new StringBuilder();
    b.append("<article id=\"finding\" data-id=\"").append(f.id()).append("\">");
    b.append("<h1><span class=\"sev ")
        .append(Html.esc(f.severity().label()))
        .append("\">")
        .append(Html.esc(f.severity().label()))
        .append("</span> ")
        .append(Html.esc(f.title()))
        .append("</h1>");
    b.append("<p class=\"meta\">")
        .append(ruleCell(f.ruleId(), f.title()))
        .append(" · ")
        .append(Html.esc(f.analyzer()))
        .append(" · ")
        .append(Html.esc(f.project()))
        .append(" · ")
        .append(Html.esc(f.status().label()))
        .append(" · first seen ")
        .append(day(f.firstSeen()))
        .append(" · last seen ")
        .append(day(f.lastSeen()))
        .append(" · verdict <span class=\"verdict\">")
        .append(verdictBadge(f.verdict()))
        .append("</span></p>");
    b.append("<p class=\"message\">")
        .append(Html.esc(body.path("message").asText()))
        .append("</p>");
    if (p.get().user().role().atLeast(Role.ANALYST)) {
      b.append(
              "<div class=\"actions\"><button type=\"button\" data-verdict=\"tp\">True positive (t)</button>")
          .append("<button type=\"button\" data-verdict=\"fp\">False positive (f)</button>")
          .append("<button type=\"button\" data-verdict=\"wont-fix\">Won't fix (w)</button></div>");
    }
    JsonNode loc = body.path("locations").path(0);
    b.append("<h2>Where</h2><p class=\"loc\">")
        .append(Html.esc(f.path()))
        .append(f.line() == null ? "" : ":" + f.line())
        .append("</p>");
    if (loc.hasNonNull("snippet")) {
      b.append("<pre class=\"code sink\">")
          .append(Html.esc(loc.path("snippet").asText()))
          .append("</pre>");
    }
    JsonNode flows = body.path("codeFlows");
    if (flows.isArray() && !flows.isEmpty()) {
      b.append("<h2>Data flow</h2><ol class=\"flow\">");
      JsonNode steps = flows.get(0).path("steps");
      for (int i = 0; i < steps.size(); i++) {
        JsonNode st = steps.get(i);
        String role =
            st.path("kind").asText(i == 0 ? "source" : i == steps.size() - 1 ? "sink" : "step");
        JsonNode sl = st.path("location");
        b.append("<li class=\"")
            .append(role)
            .append("\"><span class=\"role\">")
            .append(role)
            .append("</span> <span class=\"loc\">")
            .append(Html.esc(sl.path("path").asText()))
            .append(":")
            .append(sl.path("region").path("startLine").asInt())
            .append("</span> ")
            .append(Html.esc(st.path("message").asText()));
        if (sl.hasNonNull("snippet")) {
          b.append("<pre class=\"code\">")
              .append(Html.esc(sl.path("snippet").asText()))
              .append("</pre>");
        }
        b.append("</li>");
      }
      b.append("</ol>");
    }
    // the verified patch uploaded for this finding (fix --upload, scan --upload --fixes); a
    // report's own fix entry otherwise, labelled with its status
    Optional<dev.bulwark.store.Fixes.Stored> stored = s.fixes.forFinding(id);
    JsonNode fix = body.path("fix");
    if (stored.isPresent() || (fix.isObject() && fix.hasNonNull("diff"))) {
      String status = stored.isPresent() ? "verified" : fix.path("status").asText();
      String description =
          stored
              .map(dev.bulwark.store.Fixes.Stored::description)
              .orElseGet(() -> fix.path("description").asText());
      String diff =
          stored
              .map(dev.bulwark.store.Fixes.Stored::diff)
              .orElseGet(() -> fix.path("diff").asText());
      b.append("<section id=\"fix\"><h2>Fix (")
          .append(Html.esc(status))
          .append(")</h2><p>")
          .append(Html.esc(description))
          .append("</p>");
      stored.ifPresent(x ->
          b.append("<p class=\"meta\">verified by Bulwark")
              .append(x.provenance() == null ? "" : " (" + Html.esc(x.provenance()) + ")")
              .append(", uploaded by ")
              .append(Html.esc(x.uploadedBy()))
              .append(" ")
              .append(Html.esc(second(x.uploadedAt())))
              .append("</p>"));
      b.append("<pre class=\"diff\">");
      for (String line : diff.split("\n")) {
        String cls =
            line.startsWith("+++") || line.startsWith("---")
                ? "file"
                : line.startsWith("@@")
                    ? "hunk"
                    : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "ctx";
        b.append("<span class=\"")
            .append(cls)
            .append("\">")
            .append(Html.esc(line))
            .append("</span>\n");
      }
      b.append("</pre></section>");
    }
    if (body.hasNonNull("remediation")) {
      b.append("<h2>Remediation</h2><p>")
          .append(Html.esc(body.path("remediation").asText()))
          .append("</p>");
    }
    b.append("<h2>Similar past verdicts</h2>");
    List<FindingStore.Row> alike = s.findings.judgedAlike(id, 5);
    if (alike.isEmpty()) {
      b.append("<p>No verdicts yet on this rule.</p>");
    } else {
      b.append("<ul class=\"alike\">");
      for (FindingStore.Row a : alike) {
        b.append("<li>")
            .append(verdictBadge(a.verdict()))
            .append(" <a href=\"/console/findings/")
            .append(a.id())
            .append("\">")
            .append(Html.esc(a.title()))
            .append("</a> <span class=\"loc\">")
            .append(Html.esc(a.project()))
            .append(" ")
            .append(Html.esc(a.path()))
            .append("</span></li>");
      }
      b.append("</ul>");
    }
    b.append("<h2>History</h2><ul class=\"history\">");
    for (FindingStore.Event e : s.findings.history(id)) {
      b.append("<li>")
          .append(Html.esc(second(e.at())))
          .append(" ")
          .append(Html.esc(e.kind().label()))
          .append(" (scan ")
          .append(e.scanId())
          .append(")</li>");
    }
    for (FindingStore.GivenVerdict v : s.findings.verdicts(id)) {
      b.append("<li>")
          .append(Html.esc(second(v.at())))
          .append(" ")
          .append(Html.esc(v.user()))
          .append(" said ")
          .append(verdictBadge(v.verdict()))
          .append(v.note() == null ? "" : " — " + Html.esc(v.note()))
          .append("</li>");
    }
    b.append("</ul></article>");
    return Http.Response.html(page(f.title(), p.get(), b.toString()));
  }

  // ---- incidents ----

  private Http.Response incidents(Http.Request r) {
    Optional<BulwarkServer.Principal> p = viewer(r);
    if (p.isEmpty()) {
      return toLogin();
    }
    String project = project(r);
    StringBuilder b = new StringBuilder("<h1>Incidents</h1>");
    if (project != null) {
      b.append(projectPicker(project, "/console/incidents"));
      b.append(
          "<table class=\"incidents\"><thead><tr><th>Score</th><th>Incident</th><th>First</th><th>Last</th></tr></thead><tbody>");
      for (Incidents.Row i : s.incidents.list(project, 200)) {
        b.append("<tr><td>")
            .append(i.score())
            .append("</td><td><a href=\"/console/incidents/")
            .append(i.id())
            .append("\">")
            .append(Html.esc(i.title()))
            .append("</a></td><td>")
            .append(Html.esc(second(i.first())))
            .append("</td><td>")
            .append(Html.esc(second(i.last())))
            .append("</td></tr>");
      }
      b.append("</tbody></table>");
    }
    return Http.Response.html(page("Incidents", p.get(), b.toString()));
  }

  private Http.Response incident(Http.Request r) throws IOException {
    Optional<BulwarkServer.Principal> p = viewer(r);
    if (p.isEmpty()) {
      return toLogin();
    }
    long id = r.longParam("id");
    Incidents.Row i = s.incidents.get(id).orElseThrow(() -> Http.notFound("no incident " + id));
    JsonNode body = BulwarkServer.JSON.readTree(i.body());
    StringBuilder b = new StringBuilder("<h1>").append(Html.esc(i.title())).append("</h1>");
    b.append("<p class=\"meta\">score ")
        .append(i.score())
        .append(" · ")
        .append(Html.esc(i.key()))
        .append(" · ")
        .append(Html.esc(second(i.first())))
        .append(" → ")
        .append(Html.esc(second(i.last())))
        .append("</p><p class=\"narrative\">")
        .append(Html.esc(body.path("narrative").asText()))
        .append("</p><dl class=\"facts\">");
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
        b.append("<dt>")
            .append(fact[1])
            .append("</dt><dd class=\"")
            .append(fact[0])
            .append("\">")
            .append(Html.esc(String.join(", ", values)))
            .append("</dd>");
      }
    }
    List<String> reasons = new ArrayList<>();
    body.path("score_reasons").forEach(v -> reasons.add(v.asText()));
    if (!reasons.isEmpty()) {
      b.append("<dt>Score</dt><dd class=\"reasons\">")
          .append(Html.esc(String.join("; ", reasons)))
          .append("</dd>");
    }
    b.append("</dl>");
    List<JsonNode> events = new ArrayList<>();
    body.path("detections").forEach(events::add);
    events.sort(java.util.Comparator.comparing(e -> e.path("time").asText()));
    List<EventTimeline.Event> marks = new ArrayList<>();
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
    }
    if (!marks.isEmpty()) {
      List<EventTimeline.Span> span =
          i.first() == null
              ? List.of()
              : List.of(new EventTimeline.Span(i.key(), i.title(), i.first(), i.last()));
      b.append("<h2>Timeline</h2>").append(EventTimeline.render("timeline", marks, span));
    }
    b.append("<h2>Events</h2><ol class=\"timeline\">");
    for (JsonNode e : events) {
      String ruleId = e.path("ruleId").asText("");
      b.append("<li><time>")
          .append(Html.esc(secondOf(e.path("time").asText())))
          .append("</time> <span class=\"sev ")
          .append(Html.esc(e.path("severity").asText()))
          .append("\">")
          .append(Html.esc(e.path("severity").asText()))
          .append("</span> <span class=\"rule\"")
          .append(ruleId.isEmpty() ? "" : " title=\"" + Html.esc(ruleId) + "\"")
          .append(">")
          .append(
              Html.esc(RuleNames.display(ruleId, e.path("rule").asText(e.path("title").asText()))))
          .append("</span>")
          .append(
              ruleId.isEmpty()
                  ? ""
                  : " <small class=\"rule-id\">" + Html.esc(RuleNames.shortId(ruleId)) + "</small>")
          .append(" <span class=\"loc\">")
          .append(Html.esc(e.path("host").asText()))
          .append(" ")
          .append(Html.esc(e.path("user").asText()))
          .append(" event ")
          .append(Html.esc(e.path("recordId").asText()))
          .append("</span>");
      String cmd = e.path("commandLine").asText("");
      String details = e.path("details").asText("");
      if (!cmd.isEmpty() || !details.isEmpty()) {
        b.append("<code class=\"details\">")
            .append(Html.esc(cmd.isEmpty() ? details : cmd))
            .append("</code>");
      }
      b.append("</li>");
    }
    b.append("</ol>");
    return Http.Response.html(page(i.title(), p.get(), b.toString()));
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
    StringBuilder b = new StringBuilder("<h1>Dashboard</h1>");
    if (project == null) {
      return Http.Response.html(
          page("Dashboard", p.get(), b.append("<p>No scans yet.</p>").toString()));
    }
    b.append(projectPicker(project, "/console/dashboard"));
    Map<String, Integer> open = s.findings.openBySeverity(project);
    int max = Math.max(1, open.values().stream().mapToInt(Integer::intValue).max().orElse(1));
    b.append(
        "<h2>Open findings by severity</h2><svg class=\"bars\" viewBox=\"0 0 420 130\" role=\"img\">");
    int y = 5;
    for (String sev : SEVERITIES) {
      int n = open.getOrDefault(sev, 0);
      b.append("<text x=\"0\" y=\"")
          .append(y + 14)
          .append("\">")
          .append(sev)
          .append("</text>")
          .append("<rect class=\"sev-")
          .append(sev)
          .append("\" x=\"70\" y=\"")
          .append(y)
          .append("\" height=\"18\" width=\"")
          .append(300 * n / max)
          .append("\"></rect>")
          .append("<text x=\"")
          .append(75 + 300 * n / max)
          .append("\" y=\"")
          .append(y + 14)
          .append("\">")
          .append(n)
          .append("</text>");
      y += 24;
    }
    b.append("</svg>");
    Map<String, Integer> byAnalyzer = s.findings.openByAnalyzer(project);
    int amax =
        Math.max(1, byAnalyzer.values().stream().mapToInt(Integer::intValue).max().orElse(1));
    b.append("<h2>Open findings by capability</h2><svg class=\"bars\" viewBox=\"0 0 420 ")
        .append(10 + 24 * byAnalyzer.size())
        .append("\" role=\"img\">");
    y = 5;
    for (Map.Entry<String, Integer> e : byAnalyzer.entrySet()) {
      b.append("<text x=\"0\" y=\"")
          .append(y + 14)
          .append("\">")
          .append(Html.esc(e.getKey()))
          .append("</text><rect class=\"capability\" x=\"70\" y=\"")
          .append(y)
          .append("\" height=\"18\" width=\"")
          .append(300 * e.getValue() / amax)
          .append("\"></rect>")
          .append("<text x=\"")
          .append(75 + 300 * e.getValue() / amax)
          .append("\" y=\"")
          .append(y + 14)
          .append("\">")
          .append(e.getValue())
          .append("</text>");
      y += 24;
    }
    b.append("</svg>");
    Map<String, Map<String, Integer>> over = s.findings.openOverTime(project, 90);
    b.append("<h2>Open findings over time</h2>");
    if (over.size() < 2) {
      b.append("<p>Upload more scans to see a trend.</p>");
    } else {
      int top = 1;
      for (Map<String, Integer> d : over.values()) {
        top = Math.max(top, d.values().stream().mapToInt(Integer::intValue).sum());
      }
      b.append("<svg class=\"trend\" viewBox=\"0 0 600 160\" role=\"img\">");
      List<String> days = new ArrayList<>(over.keySet());
      for (String sev : SEVERITIES) {
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < days.size(); i++) {
          int v = over.get(days.get(i)).getOrDefault(sev, 0);
          pts.append(600 * i / (days.size() - 1))
              .append(',')
              .append(150 - 140 * v / top)
              .append(' ');
        }
        b.append("<polyline class=\"sev-")
            .append(sev)
            .append("\" points=\"")
            .append(pts.toString().strip())
            .append("\"></polyline>");
      }
      b.append("</svg><p class=\"legend\">")
          .append(days.get(0))
          .append(" → ")
          .append(days.get(days.size() - 1))
          .append("</p>");
    }
    // ATT&CK: tactics and techniques from the project's incidents
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
    b.append("<h2>ATT&amp;CK: rules in force and detections</h2>")
        .append(
            "<p class=\"legend\">Outlined: techniques a loaded Sigma rule looks for."
                + " Shaded: techniques detected in this project's logs.</p><div class=\"attack\">");
    for (String t : dev.bulwark.logs.hunt.Attack.TACTICS) {
      b.append("<div class=\"tactic\" data-tactic=\"")
          .append(t)
          .append("\"><h3>")
          .append(Html.esc(dev.bulwark.logs.hunt.Attack.title(t)))
          .append("</h3>");
      Map<String, int[]> cells = new TreeMap<>();
      rules
          .getOrDefault(t, Map.of())
          .forEach((tech, n) -> cells.computeIfAbsent(tech, k -> new int[2])[0] = n);
      matrix
          .getOrDefault(t, Map.of())
          .forEach((tech, n) -> cells.computeIfAbsent(tech, k -> new int[2])[1] = n);
      for (Map.Entry<String, int[]> e : cells.entrySet()) {
        int rulesFor = e.getValue()[0];
        int detected = e.getValue()[1];
        b.append("<div class=\"tech heat")
            .append(Math.min(4, detected))
            .append(rulesFor > 0 ? " covered" : "")
            .append("\" title=\"")
            .append(rulesFor)
            .append(" rules, ")
            .append(detected)
            .append(" detections\">")
            .append(Html.esc(e.getKey()))
            .append(" <small>")
            .append(rulesFor)
            .append("r")
            .append(detected > 0 ? " · " + detected + "d" : "")
            .append("</small></div>");
      }
      b.append("</div>");
    }
    b.append("</div>");
    return Http.Response.html(page("Dashboard", p.get(), b.toString()));
  }

  // ---- patch plan ----

  private Http.Response plan(Http.Request r) throws IOException {
    Optional<BulwarkServer.Principal> p = viewer(r);
    if (p.isEmpty()) {
      return toLogin();
    }
    String project = project(r);
    StringBuilder b = new StringBuilder("<h1>Patch plan</h1>");
    var plan =
        project == null
            ? Optional.<dev.bulwark.store.Documents.Stored>empty()
            : s.documents.latestPatchPlan(project);
    if (plan.isEmpty()) {
      b.append("<p>No patch plan uploaded. Upload one with")
          .append(" <code>bulwark deps plan . --upload URL --project NAME</code>.</p>");
      return Http.Response.html(page("Patch plan", p.get(), b.toString()));
    }
    b.append(projectPicker(project, "/console/plan"));
    JsonNode root = BulwarkServer.JSON.readTree(plan.get().body());
    // bulwark deps plan --format json: maintenance windows, each with the upgrades it carries
    Map<LocalDate, List<String>> byDay = new TreeMap<>();
    StringBuilder table =
        new StringBuilder(
            "<h2>Upgrades</h2><table class=\"plan\"><thead><tr><th>Window</th><th>Package</th>"
                + "<th>From → to</th><th>Vulnerabilities</th><th>Due</th></tr></thead><tbody>");
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
        table
            .append("<tr><td>")
            .append(Html.esc(start))
            .append("</td><td>")
            .append(Html.esc(name))
            .append("</td><td>")
            .append(Html.esc(u.path("from").asText()))
            .append(" → ")
            .append(Html.esc(u.path("to").asText()))
            .append("</td><td>")
            .append(Html.esc(String.join(", ", ids)))
            .append("</td><td>")
            .append(Html.esc(u.path("due").asText()))
            .append(u.path("late").asBoolean() ? " <span class=\"badge fp\">late</span>" : "")
            .append("</td></tr>");
      }
    }
    table.append("</tbody></table>");
    if (byDay.isEmpty()) {
      b.append("<pre>").append(Html.esc(root.toPrettyString())).append("</pre>");
    } else {
      LocalDate first = byDay.keySet().iterator().next().withDayOfMonth(1);
      LocalDate last = ((TreeMap<LocalDate, List<String>>) byDay).lastKey();
      for (LocalDate m = first; !m.isAfter(last); m = m.plusMonths(1)) {
        b.append("<h2>")
            .append(m.getMonth())
            .append(" ")
            .append(m.getYear())
            .append("</h2><div class=\"calendar\">");
        for (int pad = 1; pad < m.getDayOfWeek().getValue(); pad++) {
          b.append("<div class=\"day empty\"></div>");
        }
        for (LocalDate d = m; d.getMonth() == m.getMonth(); d = d.plusDays(1)) {
          b.append("<div class=\"day\"><span class=\"n\">")
              .append(d.getDayOfMonth())
              .append("</span>");
          for (String item : byDay.getOrDefault(d, List.of())) {
            b.append("<div class=\"item\">").append(Html.esc(item)).append("</div>");
          }
          b.append("</div>");
        }
        b.append("</div>");
      }
      b.append(table);
    }
    return Http.Response.html(page("Patch plan", p.get(), b.toString()));
  }
}
