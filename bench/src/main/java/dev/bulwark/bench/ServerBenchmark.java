package dev.bulwark.bench;

import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Region;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.model.Verdict;
import dev.bulwark.server.BulwarkServer;
import dev.bulwark.server.ServerConfig;
import dev.bulwark.store.Accounts;
import dev.bulwark.store.FindingStore;
import dev.bulwark.store.Ingest;
import dev.bulwark.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The team server under a realistic store: seeds N findings (as scan uploads, so lifecycle rows
 * exist too), then times list requests with filters over HTTP against the real server — the default
 * queue, severity, analyzer, rule, path-prefix and verdict filters, newest-first, and deep pages
 * reached by cursor — and reports p50, p95 and p99 latency.
 */
public final class ServerBenchmark {
  public record Result(
      int findings,
      double seedSeconds,
      double reuploadSeconds,
      int requests,
      double p50Ms,
      double p95Ms,
      double p99Ms,
      double maxMs) {
    public String summary() {
      return String.format(
          Locale.ROOT,
          "server_findings=%d%nserver_seed_seconds=%.1f%nserver_reupload_seconds=%.1f%nserver_list_requests=%d%nserver_list_p50_ms=%.1f%nserver_list_p95_ms=%.1f%nserver_list_p99_ms=%.1f%nserver_list_max_ms=%.1f",
          findings,
          seedSeconds,
          reuploadSeconds,
          requests,
          p50Ms,
          p95Ms,
          p99Ms,
          maxMs);
    }
  }

  private static final String[] ANALYZERS = {"code", "secrets", "deps", "logs"};
  private static final Severity[] SEVERITIES = {
    Severity.CRITICAL,
    Severity.HIGH,
    Severity.HIGH,
    Severity.MEDIUM,
    Severity.MEDIUM,
    Severity.MEDIUM,
    Severity.LOW,
    Severity.LOW,
    Severity.INFO
  };

  private final Path work;
  private final String dbUrl;
  private final int findings;
  private final int requests;

  public ServerBenchmark(Path work, String dbUrl, int findings, int requests) {
    this.work = work;
    this.dbUrl = dbUrl;
    this.findings = findings;
    this.requests = requests;
  }

  static List<Finding> generate(int n, int generation) {
    List<Finding> out = new ArrayList<>(n);
    Random r = new Random(42);
    for (int i = 0; i < n; i++) {
      String analyzer = ANALYZERS[i % ANALYZERS.length];
      // a tenth of the findings change between generations: some fixed, some new
      int key = (generation > 0 && i % 10 == 0) ? n + i : i;
      String dir = "module" + (i % 40) + "/src/main/java/pkg" + (i % 300);
      out.add(
          Finding.builder(analyzer, analyzer + "-rule-" + (i % 60))
              .title("Finding " + key + " of rule " + (i % 60))
              .message("A " + analyzer + " finding in " + dir)
              .severity(SEVERITIES[r.nextInt(SEVERITIES.length)])
              .confidence(Confidence.HIGH)
              .location(
                  new Location.File(
                      dir + "/File" + key + ".java",
                      new Region(1 + key % 500, 1, 1 + key % 500, 20),
                      "call(" + key + ");"))
              .identity("bench-" + key)
              .build());
    }
    return out;
  }

  public Result run(PrintStream out) throws Exception {
    Files.createDirectories(work);
    try (Store store =
        dbUrl != null
            ? Store.open(
                dbUrl, System.getenv("BULWARK_DB_USER"), System.getenv("BULWARK_DB_PASSWORD"))
            : Store.openDefault(work.resolve("run-" + System.nanoTime()))) {
      Ingest ingest = new Ingest(store);
      Set<String> analyzers = Set.of(ANALYZERS);
      out.printf("seeding %,d findings…%n", findings);
      long t0 = System.nanoTime();
      ingest.upload(
          new Ingest.Upload(
              "bench",
              "seed-" + System.nanoTime(),
              "bench",
              analyzers,
              generate(findings, 0),
              List.of()),
          null);
      double seed = (System.nanoTime() - t0) / 1e9;
      t0 = System.nanoTime();
      Ingest.Result re =
          ingest.upload(
              new Ingest.Upload(
                  "bench",
                  "rescan-" + System.nanoTime(),
                  "bench",
                  analyzers,
                  generate(findings, 1),
                  List.of()),
              null);
      double reupload = (System.nanoTime() - t0) / 1e9;
      out.printf(
          Locale.ROOT,
          "seeded in %.1f s; a re-scan (%,d new, %,d fixed, %,d still open) took %.1f s%n",
          seed,
          re.added(),
          re.fixed(),
          re.stillOpen(),
          reupload);
      // label a few thousand, so verdict filters have something to find
      FindingStore fs = new FindingStore(store);
      Accounts accounts = new Accounts(store);
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      try (BulwarkServer server =
          new BulwarkServer(
                  store,
                  ServerConfig.defaults().withPort(0),
                  new PrintStream(log, true, StandardCharsets.UTF_8))
              .start()) {
        // the first-run token only rotates itself; the benchmark takes an ordinary admin token
        String token = accounts.createToken(accounts.user("admin").orElseThrow().id(), "bench");
        long admin = accounts.user("admin").orElseThrow().id();
        var page =
            fs.list(
                new FindingStore.Query(
                    "bench",
                    "open",
                    null,
                    null,
                    null,
                    null,
                    null,
                    FindingStore.Sort.RECENT,
                    500,
                    null));
        for (int i = 0; i < page.items().size(); i += 2) {
          fs.label(
              page.items().get(i).id(),
              i % 4 == 0 ? Verdict.TP : Verdict.FP,
              null,
              null,
              admin,
              "bench");
        }
        String base = "http://127.0.0.1:" + server.port();
        HttpClient http = HttpClient.newHttpClient();
        List<String> queries =
            List.of(
                "/api/findings?project=bench",
                "/api/findings?project=bench&severity=critical,high",
                "/api/findings?project=bench&analyzer=secrets",
                "/api/findings?project=bench&analyzer=code&severity=medium&limit=100",
                "/api/findings?project=bench&rule=code-rule-12",
                "/api/findings?project=bench&path=module7/src/main/java/pkg7",
                "/api/findings?project=bench&verdict=none&sort=recent",
                "/api/findings?project=bench&verdict=fp",
                "/api/findings?project=bench&status=fixed&sort=recent",
                "/api/findings?project=bench&status=all&severity=low&limit=200");
        Random r = new Random(7);
        List<String> cursors = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          send(http, base + queries.get(i % queries.size()), token);
        }
        double[] ms = new double[requests];
        java.util.Map<String, List<Double>> byQuery = new java.util.TreeMap<>();
        for (int i = 0; i < requests; i++) {
          String url;
          if (i % 5 == 4 && !cursors.isEmpty()) {
            url = cursors.remove(cursors.size() - 1); // a deeper page of an earlier list
          } else {
            url = base + queries.get(r.nextInt(queries.size()));
          }
          long s = System.nanoTime();
          String body = send(http, url, token);
          ms[i] = (System.nanoTime() - s) / 1e6;
          String template =
              url.substring(base.length()).replaceAll("&cursor=[^&]*", " (next page)");
          byQuery.computeIfAbsent(template, k -> new ArrayList<>()).add(ms[i]);
          Matcher c = Pattern.compile("\"nextCursor\":\"([^\"]+)\"").matcher(body);
          if (c.find()) {
            String q = url.replaceAll("&cursor=[^&]*", "");
            cursors.add(q + "&cursor=" + c.group(1));
          }
        }
        Arrays.sort(ms);
        byQuery.forEach((q, l) -> {
          double[] a = l.stream().mapToDouble(Double::doubleValue).sorted().toArray();
          out.printf(
              Locale.ROOT,
              "  p95 %7.1f ms  p50 %7.1f ms  n=%4d  %s%n",
              pct(a, 95),
              pct(a, 50),
              a.length,
              q);
        });
        return new Result(
            findings,
            seed,
            reupload,
            requests,
            pct(ms, 50),
            pct(ms, 95),
            pct(ms, 99),
            ms[ms.length - 1]);
      }
    }
  }

  private static String send(HttpClient http, String url, String token) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + ": HTTP " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  private static double pct(double[] sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
