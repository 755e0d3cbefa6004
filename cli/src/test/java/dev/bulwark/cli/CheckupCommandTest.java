package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.server.BulwarkServer;
import dev.bulwark.server.ServerConfig;
import dev.bulwark.store.Accounts;
import dev.bulwark.store.CheckupRuns;
import dev.bulwark.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check-up from the command line, end to end: a password audit with the online breach check
 * against a fake range server, answers, a check-up of a root with a password in its shell history,
 * and an upload to a real team server through a recording proxy. No password — nor its SHA-1 — is
 * in any file written, anything printed, the server's log or database, or the upload's body.
 */
class CheckupCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** Made-up accounts: weak, reused, breached (known to the fake range server) and strong. */
  private static List<String[]> accounts() {
    List<String[]> out = new ArrayList<>();
    out.add(new String[] {"mail.example", "alice", "Summer2019!"});
    out.add(new String[] {"bank.example", "alice", "Summer2019!"});
    out.add(new String[] {"shop.example", "alice", "qwerty123"});
    out.add(new String[] {"forum.example", "al1ce", "letmein"});
    for (int i = 0; i < 16; i++) {
      out.add(
          new String[] {
            "site" + i + ".example", "alice" + i, "Vq7#mZ2!pL9x-Rt4$kW" + (char) ('a' + i) + "Ny8"
          });
    }
    return out;
  }

  private static final Set<String> BREACHED = Set.of("qwerty123", "letmein");

  @Test
  void passwordsCheckupAndUpload_noPasswordInAnyFileLogReportOrUploadBody() throws Exception {
    Path data = dir.resolve("data");
    Path export = dir.resolve("export.csv");
    StringBuilder csv = new StringBuilder("name,url,username,password\n");
    for (String[] a : accounts()) {
      csv.append(a[0]).append(",https://").append(a[0]).append("/,").append(a[1]).append(',');
      csv.append(a[2]).append('\n');
    }
    Files.writeString(export, csv);
    // a root whose shell history holds one of the passwords, and an sshd allowing root logins
    Path root = dir.resolve("root");
    write(
        root,
        "etc/passwd",
        "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n");
    write(root, "etc/ssh/sshd_config", "PermitRootLogin yes\n");
    write(root, "home/alice/.bash_history", "ls\nmysql -u alice -pSummer2019! shop\n");

    List<String> printed = new ArrayList<>();
    List<String> prefixesAsked = new CopyOnWriteArrayList<>();
    HttpServer range = rangeServer(prefixesAsked);
    ByteArrayOutputStream serverLog = new ByteArrayOutputStream();
    List<byte[]> uploads = new CopyOnWriteArrayList<>();
    try (Store store = Store.openDefault(dir.resolve("server"));
        BulwarkServer server =
            new BulwarkServer(
                    store,
                    ServerConfig.defaults().withPort(0),
                    new PrintStream(serverLog, true, StandardCharsets.UTF_8))
                .start()) {
      HttpServer proxy = recordingProxy(server.port(), uploads);
      try {
        Accounts accounts = new Accounts(store);
        Path token = dir.resolve("token");
        Files.writeString(
            token, accounts.createToken(accounts.user("admin").orElseThrow().id(), "ci") + "\n");

        Cli.Result audit =
            Cli.run(
                "checkup",
                "passwords",
                "--export",
                export.toString(),
                "--online-breach-check",
                "--breach-api",
                "http://127.0.0.1:" + range.getAddress().getPort() + "/",
                "--data-dir",
                data.toString());
        printed.add(audit.out() + audit.err());
        assertThat(audit.exit()).as(audit.err()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(audit.out()).contains("20 accounts: ").contains("2 breached");
        // only five hex digits of each hash left the machine
        assertThat(prefixesAsked)
            .isNotEmpty()
            .hasSizeLessThanOrEqualTo(accounts().size())
            .allMatch(p -> p.matches("[0-9A-F]{5}"));

        Cli.Result answer =
            Cli.run("checkup", "answer", "mfa-email", "no", "--data-dir", data.toString());
        printed.add(answer.out() + answer.err());

        Cli.Result checkup =
            Cli.run(
                "checkup",
                "--profile",
                "developer",
                "--root",
                root.toString(),
                "--data-dir",
                data.toString(),
                "--upload",
                "http://127.0.0.1:" + proxy.getAddress().getPort() + "/",
                "--token-file",
                token.toString(),
                "--project",
                "team",
                "--member",
                "alice-laptop");
        printed.add(checkup.out() + checkup.err());
        assertThat(checkup.exit()).as(checkup.err()).isZero();
        assertThat(checkup.err())
            .contains("uploaded the check results of alice-laptop")
            .contains("(project team)");
        assertThat(checkup.out()).contains("Secrets in your shell history");

        Cli.Result next =
            Cli.run("checkup", "next", "--root", root.toString(), "--data-dir", data.toString());
        printed.add(next.out() + next.err());
        assertThat(next.out()).startsWith("Next: ");

        // the upload held statuses only, and the server kept them
        assertThat(uploads).hasSize(1);
        JsonNode body = JSON.readTree(uploads.get(0));
        assertThat(iterable(body.fieldNames()))
            .containsExactlyInAnyOrder("member", "profile", "time", "progress", "results");
        for (JsonNode status : iterable(body.path("results").elements())) {
          assertThat(status.asText()).isIn("PASS", "FAIL", "UNKNOWN", "NOT_APPLICABLE");
        }
        assertThat(body.path("results").path("passwords-breached").asText()).isEqualTo("FAIL");
        assertThat(body.path("results").path("shell-history-secrets").asText()).isEqualTo("FAIL");
        List<CheckupRuns.Member> team = new CheckupRuns(store).latest("team");
        assertThat(team)
            .singleElement()
            .satisfies(m -> {
              assertThat(m.member()).isEqualTo("alice-laptop");
              assertThat(m.statuses()).containsEntry("passwords-reused", "FAIL");
            });
        String posture = get(server.port(), "/api/projects/team/checkups", token);
        printed.add(posture);
        assertThat(posture).contains("\"id\":\"passwords-breached\"");
      } finally {
        proxy.stop(0);
        range.stop(0);
      }
    }

    // every file written (data directory, server database), everything printed, the server's log
    // and the upload body: no password, and no full SHA-1 of one
    Map<String, byte[]> places = new LinkedHashMap<>();
    for (Path base : List.of(data, dir.resolve("server"))) {
      try (Stream<Path> s = Files.walk(base)) {
        for (Path f : s.filter(Files::isRegularFile).toList()) {
          places.put(f.toString(), Files.readAllBytes(f));
        }
      }
    }
    assertThat(places.keySet())
        .anyMatch(f -> f.endsWith("history.jsonl"))
        .anyMatch(f -> f.endsWith("passwords.json"))
        .anyMatch(f -> f.endsWith("answers.json"))
        .anyMatch(f -> f.contains("server"));
    for (int i = 0; i < printed.size(); i++) {
      places.put("printed " + i, printed.get(i).getBytes(StandardCharsets.UTF_8));
    }
    places.put("server log", serverLog.toByteArray());
    places.put("upload body", uploads.get(0));
    int searched = 0;
    for (String[] a : accounts()) {
      String sha1 = sha1(a[2]);
      for (Map.Entry<String, byte[]> p : places.entrySet()) {
        String text = new String(p.getValue(), StandardCharsets.ISO_8859_1);
        assertThat(text).as("%s holds a password", p.getKey()).doesNotContain(a[2]);
        assertThat(text.toUpperCase(Locale.ROOT))
            .as("%s holds a password's SHA-1", p.getKey())
            .doesNotContain(sha1);
        searched++;
      }
    }
    assertThat(searched).isGreaterThan(20 * 6);
  }

  @Test
  void windowsAndMacosFolders_areCheckedWithTheirOwnProbesAndFixes() {
    Path data = dir.resolve("data");
    Cli.Result win =
        Cli.run(
            "checkup",
            "--windows",
            COLLECTED.resolve("windows-bad").toString(),
            "--data-dir",
            data.toString());
    assertThat(win.exit()).as(win.err()).isZero();
    assertThat(win.out())
        .contains("(Windows)")
        .contains("C: (OperatingSystem): BitLocker off")
        .contains("Next: Antivirus on and up to date")
        .contains("How: Windows Security");
    Cli.Result mac =
        Cli.run(
            "checkup",
            "next",
            "--macos",
            COLLECTED.resolve("macos-bad").toString(),
            "--data-dir",
            data.toString());
    assertThat(mac.out()).startsWith("Next: ").contains("How: System Settings");
    Cli.Result both =
        Cli.run(
            "checkup",
            "--windows",
            COLLECTED.resolve("windows-bad").toString(),
            "--macos",
            COLLECTED.resolve("macos-bad").toString());
    assertThat(both.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(both.err()).contains("give --windows or --macos, not both");
  }

  @Test
  void aSecondCheckup_showsProgressSinceTheFirst() throws Exception {
    Path data = dir.resolve("data");
    Path root = dir.resolve("root");
    write(root, "etc/passwd", "root:x:0:0:root:/root:/bin/bash\n");
    write(root, "etc/ssh/sshd_config", "PermitRootLogin yes\n");
    write(root, "etc/ufw/ufw.conf", "ENABLED=no\n");
    Cli.Result first = Cli.run("checkup", "--root", root.toString(), "--data-dir", data.toString());
    assertThat(first.out()).doesNotContain("before:");
    int before = progress(first.out());
    // the person acts on two findings and checks again
    write(root, "etc/ssh/sshd_config", "PermitRootLogin no\nPasswordAuthentication no\n");
    write(root, "etc/ufw/ufw.conf", "ENABLED=yes\n");
    Cli.Result second =
        Cli.run("checkup", "--root", root.toString(), "--data-dir", data.toString());
    int after = progress(second.out());
    assertThat(after).isGreaterThan(before);
    assertThat(second.out()).contains("before: ").contains(" " + before + "% · now " + after + "%");
  }

  private static int progress(String out) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("Progress: \\S+ (\\d+)%").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return Integer.parseInt(m.group(1));
  }

  private static final Path COLLECTED =
      Path.of("../hygiene/src/test/resources/collected").toAbsolutePath().normalize();

  private static HttpServer rangeServer(List<String> asked) throws IOException {
    Map<String, String> known = new LinkedHashMap<>();
    for (String p : BREACHED) {
      known.put(sha1(p), p);
    }
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    s.createContext(
        "/range/",
        ex -> {
          String prefix = ex.getRequestURI().getPath().substring("/range/".length());
          asked.add(prefix);
          StringBuilder body = new StringBuilder();
          for (String h : known.keySet()) {
            if (h.startsWith(prefix)) {
              body.append(h.substring(5)).append(":42\r\n");
            }
          }
          // padding, as the real service adds
          body.append("0000000000000000000000000000000000A:0\r\n");
          byte[] b = body.toString().getBytes(StandardCharsets.US_ASCII);
          ex.sendResponseHeaders(200, b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    s.start();
    return s;
  }

  /** Forwards every request to the team server and keeps each request body it saw. */
  private static HttpServer recordingProxy(int target, List<byte[]> bodies) throws IOException {
    HttpClient http = HttpClient.newHttpClient();
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    s.createContext(
        "/",
        ex -> {
          byte[] in = ex.getRequestBody().readAllBytes();
          bodies.add(in);
          HttpRequest.Builder b =
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target + ex.getRequestURI()))
                  .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(in));
          for (String h : List.of("Authorization", "Content-Type", "Idempotency-Key")) {
            String v = ex.getRequestHeaders().getFirst(h);
            if (v != null) {
              b.header(h, v);
            }
          }
          try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(r.statusCode(), r.body().length);
            ex.getResponseBody().write(r.body());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.sendResponseHeaders(502, -1);
          }
          ex.close();
        });
    s.start();
    return s;
  }

  private static String get(int port, String path, Path token) throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + Files.readString(token).strip())
            .build();
    return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString()).body();
  }

  private static <T> List<T> iterable(java.util.Iterator<T> it) {
    List<T> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  private static void write(Path root, String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  static String sha1(String s) {
    try {
      return HexFormat.of()
          .withUpperCase()
          .formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
