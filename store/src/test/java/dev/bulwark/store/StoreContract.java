package dev.bulwark.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.FindingStatus;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.model.Verdict;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the store promises, whatever database it runs on. H2 and PostgreSQL run these same tests.
 */
abstract class StoreContract {
  protected Store store;
  protected Ingest ingest;
  protected FindingStore findings;
  protected Accounts accounts;
  protected long analyst;
  protected String bootstrapToken;

  protected abstract Store open() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = open();
    ingest = new Ingest(store);
    findings = new FindingStore(store);
    accounts = new Accounts(store);
    bootstrapToken = accounts.bootstrap().orElseThrow();
    analyst = accounts.createUser("ana", Accounts.Role.ANALYST, "correct horse battery", null).id();
  }

  @AfterEach
  void closeStore() {
    // A test skipped by assumption in open() never got a store.
    if (store != null) {
      store.close();
    }
  }

  private long count(String sql, Object... args) {
    return store.read(c -> Store.queryLong(c, sql, args).orElse(0L));
  }

  @Test
  void verifiedFixes_areKeptPerFinding_fromUploadsAndFromFixUploads() {
    List<Finding> fs = new ArrayList<>(Fixtures.many("code", "fx", 3));
    dev.bulwark.core.model.Fix verified =
        new dev.bulwark.core.model.Fix(
            "bind the parameter",
            List.of(),
            "--- a/F.java\n+++ b/F.java\n@@ -1 +1 @@\n-a\n+<b>\n",
            dev.bulwark.core.model.Fix.Status.VERIFIED,
            "template");
    dev.bulwark.core.model.Fix unverified =
        new dev.bulwark.core.model.Fix(
            "a guess",
            List.of(),
            "--- a\n+++ b\n",
            dev.bulwark.core.model.Fix.Status.UNVERIFIED,
            "llm");
    fs.set(0, fs.get(0).withFix(verified));
    fs.set(1, fs.get(1).withFix(unverified));
    ingest.upload(Fixtures.upload("shop", "s1", fs), analyst);
    Fixes fixes = new Fixes(store);
    List<FindingStore.Row> rows = findings.list(FindingStore.Query.open("shop", 10)).items();
    long withFix = id(rows, fs.get(0));
    assertThat(fixes.forFinding(withFix))
        .get()
        .satisfies(x -> {
          assertThat(x.diff()).contains("+<b>");
          assertThat(x.description()).isEqualTo("bind the parameter");
          assertThat(x.uploadedBy()).isEqualTo("ana");
        });
    // an unverified proposal is not "the verified fix"
    assertThat(fixes.forFinding(id(rows, fs.get(1)))).isEmpty();

    // a later fix upload replaces the patch of a known finding and may name one not yet scanned
    Fixes.Result r =
        fixes.put(
            "shop",
            List.of(
                new Fixes.In(fs.get(1).fingerprint(), "escape", "-x\n+y\n", "template"),
                new Fixes.In("f".repeat(32), "later", "-p\n+q\n", null)),
            analyst);
    assertThat(r).isEqualTo(new Fixes.Result(2, 1));
    assertThat(fixes.forFinding(id(rows, fs.get(1))))
        .get()
        .extracting(Fixes.Stored::diff)
        .isEqualTo("-x\n+y\n");
    assertThat(count("SELECT COUNT(*) FROM fixes")).isEqualTo(3);
    assertThatThrownBy(() -> new Fixes.In("a", "d", "x".repeat(Fixes.MAX_DIFF + 1), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("diff");
  }

  private static long id(List<FindingStore.Row> rows, Finding f) {
    return rows.stream()
        .filter(r -> r.fingerprint().equals(f.fingerprint()))
        .findFirst()
        .orElseThrow()
        .id();
  }

  @Test
  void anUploadIsIdempotentByItsKey() {
    List<Finding> fs = Fixtures.many("code", "a", 10);
    Ingest.Result first = ingest.upload(Fixtures.upload("shop", "k1", fs), analyst);
    Ingest.Result again = ingest.upload(Fixtures.upload("shop", "k1", fs), analyst);
    assertThat(first.created()).isTrue();
    assertThat(first.added()).isEqualTo(10);
    assertThat(again.created()).isFalse();
    assertThat(again.scanId()).isEqualTo(first.scanId());
    assertThat(again.added()).isEqualTo(10);
    assertThat(count("SELECT COUNT(*) FROM scans")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM findings")).isEqualTo(10);
    assertThat(count("SELECT COUNT(*) FROM finding_events")).isEqualTo(10);
  }

  @Test
  void findingsAreTrackedAcrossScans_newStillOpenFixedReopened() {
    List<Finding> fs = Fixtures.many("code", "a", 5);
    ingest.upload(Fixtures.upload("shop", "s1", fs), analyst);
    Ingest.Result second =
        ingest.upload(
            Fixtures.upload(
                "shop",
                "s2",
                List.of(
                    fs.get(0),
                    fs.get(1),
                    fs.get(2),
                    fs.get(3),
                    Fixtures.finding("code", "b", Severity.HIGH, "src/B.java", 3))),
            analyst);
    assertThat(second)
        .extracting(Ingest.Result::added, Ingest.Result::stillOpen, Ingest.Result::fixed)
        .containsExactly(1, 4, 1);
    Ingest.Result third = ingest.upload(Fixtures.upload("shop", "s3", fs), analyst);
    assertThat(third)
        .extracting(
            Ingest.Result::added,
            Ingest.Result::stillOpen,
            Ingest.Result::reopened,
            Ingest.Result::fixed)
        .containsExactly(0, 4, 1, 1);

    long id = count("SELECT id FROM findings WHERE fingerprint = ?", fs.get(4).fingerprint());
    assertThat(findings.history(id))
        .extracting(FindingStore.Event::kind)
        .containsExactly(
            FindingStore.Change.NEW, FindingStore.Change.FIXED, FindingStore.Change.REOPENED);
    FindingStore.Row row = findings.get(id).orElseThrow();
    assertThat(row.status()).isEqualTo(FindingStatus.OPEN);
    assertThat(row.reopened()).isEqualTo(1);
    assertThat(row.body()).contains(fs.get(4).fingerprint());
  }

  @Test
  void aFindingSeenAgainWithNewContent_isRewritten_andUnchangedOnesOnlyTouched() {
    Finding before = Fixtures.finding("code", "moved", Severity.LOW, "src/A.java", 10);
    Finding after = Fixtures.finding("code", "moved", Severity.HIGH, "src/A.java", 12);
    assertThat(after.fingerprint()).isEqualTo(before.fingerprint());
    Finding same = Fixtures.finding("code", "same", Severity.MEDIUM, "src/B.java", 3);
    ingest.upload(Fixtures.upload("shop", "s1", List.of(before, same)), analyst);
    Ingest.Result r = ingest.upload(Fixtures.upload("shop", "s2", List.of(after, same)), analyst);
    assertThat(r.stillOpen()).isEqualTo(2);
    long id = count("SELECT id FROM findings WHERE fingerprint = ?", after.fingerprint());
    FindingStore.Row row = findings.get(id).orElseThrow();
    assertThat(row.severity()).isEqualTo(Severity.HIGH);
    assertThat(row.line()).isEqualTo(12);
    assertThat(count("SELECT COUNT(*) FROM findings WHERE last_seen_scan = ?", r.scanId()))
        .isEqualTo(2);
  }

  @Test
  void aFindingWithoutALine_listsWithoutOne() {
    Finding noLine =
        Finding.builder("deps", "vulnerable-dependency")
            .title("log4j-core 2.14.1")
            .message("CVE-2021-44228")
            .severity(Severity.CRITICAL)
            .confidence(dev.bulwark.core.model.Confidence.HIGH)
            .location(new dev.bulwark.core.model.Location.File("pom.xml", null, null))
            .identity("log4j")
            .build();
    ingest.upload(Fixtures.upload("shop", "k", List.of(noLine)), analyst);
    FindingStore.Row row = findings.list(FindingStore.Query.open("shop", 10)).items().get(0);
    assertThat(row.path()).isEqualTo("pom.xml");
    assertThat(row.line()).isNull();
    assertThat(findings.get(row.id()).orElseThrow().line()).isNull();
  }

  @Test
  void aScanFixesOnlyWhatItsAnalyzersCouldSee() {
    ingest.upload(Fixtures.upload("shop", "code", Fixtures.many("code", "c", 3)), analyst);
    Ingest.Result secrets =
        ingest.upload(
            Fixtures.upload("shop", "secrets", Fixtures.many("secrets", "s", 2)), analyst);
    assertThat(secrets.fixed()).isZero();
    assertThat(count("SELECT COUNT(*) FROM findings WHERE status = 'open'")).isEqualTo(5);
  }

  @Test
  void listsFilterSortAndPageByCursor() {
    ingest.upload(Fixtures.upload("shop", "k", Fixtures.many("code", "p", 120)), analyst);
    ingest.upload(Fixtures.upload("other", "k", Fixtures.many("code", "o", 7)), analyst);
    List<FindingStore.Row> all = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      FindingStore.Page page =
          findings.list(
              new FindingStore.Query(
                  "shop",
                  "open",
                  null,
                  null,
                  null,
                  null,
                  null,
                  FindingStore.Sort.SEVERITY,
                  50,
                  cursor));
      all.addAll(page.items());
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null);
    assertThat(pages).isEqualTo(3);
    assertThat(all).hasSize(120);
    assertThat(all.stream().map(FindingStore.Row::id).distinct()).hasSize(120);
    assertThat(all)
        .extracting(r -> r.severity().rank())
        .isSortedAccordingTo((a, b) -> Integer.compare(b, a));

    FindingStore.Page high =
        findings.list(
            new FindingStore.Query(
                "shop",
                "open",
                Set.of("high"),
                null,
                null,
                "src/p/F1",
                null,
                FindingStore.Sort.RECENT,
                100,
                null));
    assertThat(high.items())
        .isNotEmpty()
        .allSatisfy(r -> {
          assertThat(r.severity()).isEqualTo(Severity.HIGH);
          assertThat(r.path()).startsWith("src/p/F1");
        });
    assertThat(high.items())
        .extracting(FindingStore.Row::id)
        .isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThatThrownBy(() ->
            findings.list(
                new FindingStore.Query(
                    "shop",
                    "open",
                    null,
                    null,
                    null,
                    null,
                    null,
                    FindingStore.Sort.RECENT,
                    10,
                    "bm90LWEtY3Vyc29y")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void findingsAreFoundByFingerprint_theOneSeenLastWhenProjectsShareIt() {
    List<dev.bulwark.core.model.Finding> fs = Fixtures.many("code", "fp", 520);
    ingest.upload(Fixtures.upload("shop", "k", fs), analyst);
    ingest.upload(Fixtures.upload("other", "k", fs.subList(0, 1)), analyst);
    List<String> wanted = new java.util.ArrayList<>();
    fs.forEach(f -> wanted.add(f.fingerprint()));
    wanted.add("00000000000000000000000000000000");
    java.util.Map<String, Long> ids = findings.idsByFingerprint(wanted);
    assertThat(ids).hasSize(520).doesNotContainKey("00000000000000000000000000000000");
    long shared = ids.get(fs.get(0).fingerprint());
    assertThat(findings.get(shared).orElseThrow().project()).isEqualTo("other");
    long last = ids.get(fs.get(519).fingerprint());
    assertThat(findings.get(last).orElseThrow().fingerprint()).isEqualTo(fs.get(519).fingerprint());
    assertThat(findings.idsByFingerprint(List.of())).isEmpty();
  }

  @Test
  void verdictsAreKeptWithWhoAndWhen_andFilterTheList() {
    ingest.upload(Fixtures.upload("shop", "k", Fixtures.many("code", "v", 4)), analyst);
    long id = findings.list(FindingStore.Query.open("shop", 10)).items().get(0).id();
    findings.label(id, Verdict.FP, null, "test fixture", analyst, "Bulwark test");
    findings.label(id, Verdict.TP, null, "on second look, reachable", analyst, "Bulwark test");
    assertThat(findings.get(id).orElseThrow().verdict()).isEqualTo(Verdict.TP);
    assertThat(findings.verdicts(id))
        .extracting(FindingStore.GivenVerdict::verdict, FindingStore.GivenVerdict::user)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Verdict.FP, "ana"),
            org.assertj.core.groups.Tuple.tuple(Verdict.TP, "ana"));
    assertThat(
            findings
                .list(
                    new FindingStore.Query(
                        "shop", "open", null, null, null, null, "none", null, 10, null))
                .items())
        .hasSize(3);
    assertThat(new Audit(store).latest(10))
        .extracting(Audit.Entry::action)
        .contains("label", "upload");
    assertThatThrownBy(() -> findings.label(id, Verdict.parse("maybe"), null, null, analyst, "t"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aColumnHoldingNoKnownLabel_failsNamingTheColumn() {
    ingest.upload(Fixtures.upload("shop", "k", Fixtures.many("code", "w", 1)), analyst);
    long id = findings.list(FindingStore.Query.open("shop", 10)).items().get(0).id();
    store.transaction(
        c -> Store.update(c, "UPDATE findings SET verdict = 'maybe' WHERE id = ?", id));
    assertThatThrownBy(() -> findings.get(id))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("column verdict holds 'maybe'");
  }

  @Test
  void tokensAndPasswordsAreKeptOnlyAsHashes() throws Exception {
    String token = bootstrapToken;
    assertThat(accounts.bootstrap()).as("only on first run").isEmpty();
    assertThat(token).startsWith(Accounts.TOKEN_PREFIX);
    assertThat(accounts.authenticateToken(token))
        .hasValueSatisfying(u -> assertThat(u.role()).isEqualTo(Accounts.Role.ADMIN));
    assertThat(accounts.authenticateToken(token + "x")).isEmpty();
    assertThat(dump()).doesNotContain(token).doesNotContain("correct horse battery");

    assertThat(accounts.login("ana", "correct horse battery")).isPresent();
    assertThat(accounts.login("ana", "wrong horse battery")).isEmpty();
    assertThat(accounts.login("nobody", "correct horse battery")).isEmpty();

    Accounts.User ana = accounts.user("ana").orElseThrow();
    String[] session = accounts.startSession(ana);
    assertThat(accounts.session(session[0]))
        .hasValueSatisfying(s -> assertThat(s.csrf()).isEqualTo(session[1]));
    accounts.endSession(session[0]);
    assertThat(accounts.session(session[0])).isEmpty();

    accounts.revokeToken(token, ana.id());
    assertThat(accounts.authenticateToken(token)).isEmpty();
  }

  @Test
  void tokens_expireAndAreRevokedById_onlyByTheirOwnerOrAnAdmin() {
    Accounts.User ana = accounts.user("ana").orElseThrow();
    Accounts.User admin = accounts.user("admin").orElseThrow();
    String t = accounts.createToken(ana.id(), "ci", java.time.Duration.ofDays(1));
    Accounts.Token listed = accounts.tokens(ana.id()).getFirst();
    assertThat(listed.expiresAt()).isAfter(java.time.Instant.now().plusSeconds(86_000));
    assertThat(accounts.useToken(t)).isPresent();
    assertThat(accounts.tokens(ana.id()).getFirst().lastUsedAt()).isNotNull();
    assertThat(accounts.createToken(ana.id(), "default")).isNotNull();
    assertThat(accounts.tokens(ana.id()).getFirst().expiresAt())
        .isBetween(
            java.time.Instant.now().plus(java.time.Duration.ofDays(89)),
            java.time.Instant.now().plus(java.time.Duration.ofDays(91)));
    assertThatThrownBy(() -> accounts.createToken(ana.id(), "x", java.time.Duration.ofDays(999)))
        .isInstanceOf(IllegalArgumentException.class);

    // another user's token cannot be revoked by a non-admin
    long adminToken = accounts.tokens(admin.id()).getFirst().id();
    assertThat(accounts.revokeToken(adminToken, ana)).isFalse();
    assertThat(accounts.authenticateToken(bootstrapToken)).isPresent();
    assertThat(accounts.revokeToken(listed.id(), ana)).isTrue();
    assertThat(accounts.authenticateToken(t)).isEmpty();

    String old = accounts.createToken(ana.id(), "old", java.time.Duration.ofDays(1));
    store.transaction(c ->
        Store.update(
            c,
            "UPDATE api_tokens SET expires_at = ? WHERE name = 'old'",
            java.time.Instant.now().minusSeconds(1)));
    assertThat(accounts.authenticateToken(old)).as("expired").isEmpty();
  }

  @Test
  void firstRunToken_isRevokedOnceRotated() {
    Accounts.User admin = accounts.user("admin").orElseThrow();
    assertThat(accounts.useToken(bootstrapToken))
        .hasValueSatisfying(u -> assertThat(u.firstRun()).isTrue());
    String fresh = accounts.createToken(admin.id(), "laptop");
    assertThat(accounts.authenticateToken(bootstrapToken)).isEmpty();
    assertThat(accounts.useToken(fresh))
        .hasValueSatisfying(u -> assertThat(u.firstRun()).isFalse());
  }

  @Test
  void passwordChange_needsTheCurrentOne_andEndsOtherSessions() {
    Accounts.User ana = accounts.user("ana").orElseThrow();
    String[] here = accounts.startSession(ana);
    String[] elsewhere = accounts.startSession(ana);
    assertThat(
            accounts.changePassword(
                ana.id(), "wrong horse battery", "new horse battery!", here[0], false))
        .isFalse();
    assertThat(accounts.login("ana", "correct horse battery")).isPresent();
    assertThat(accounts.session(elsewhere[0])).isPresent();
    assertThat(
            accounts.changePassword(
                ana.id(), "correct horse battery", "new horse battery!", here[0], false))
        .isTrue();
    assertThat(accounts.login("ana", "new horse battery!")).isPresent();
    assertThat(accounts.session(here[0])).isPresent();
    assertThat(accounts.session(elsewhere[0])).isEmpty();
  }

  @Test
  void disabledUser_cannotSignInOrUseTokens_andTheLastAdminStays() {
    Accounts.User ana = accounts.user("ana").orElseThrow();
    Accounts.User admin = accounts.user("admin").orElseThrow();
    String t = accounts.createToken(ana.id(), "ci");
    String[] session = accounts.startSession(ana);
    accounts.setDisabled(ana.id(), true, admin.id());
    assertThat(accounts.login("ana", "correct horse battery")).isEmpty();
    assertThat(accounts.authenticateToken(t)).isEmpty();
    assertThat(accounts.session(session[0])).isEmpty();
    accounts.setDisabled(ana.id(), false, admin.id());
    assertThat(accounts.authenticateToken(t)).isPresent();
    accounts.setRole(ana.id(), Accounts.Role.VIEWER, admin.id());
    assertThat(accounts.user("ana").orElseThrow().role()).isEqualTo(Accounts.Role.VIEWER);
    assertThatThrownBy(() -> accounts.setRole(admin.id(), Accounts.Role.ANALYST, admin.id()))
        .hasMessageContaining("last admin");
    assertThatThrownBy(() -> accounts.setDisabled(admin.id(), true, admin.id()))
        .hasMessageContaining("last admin");
  }

  @Test
  void idempotencyKey_reusedWithAnotherBody_isAConflict() {
    List<Finding> fs = Fixtures.many("code", "k", 3);
    Ingest.Upload first = Fixtures.upload("shop", "key-1", fs);
    String h1 = "a".repeat(64);
    String h2 = "b".repeat(64);
    Ingest.Upload withHash =
        new Ingest.Upload(
            first.project(), first.uploadKey(), first.tool(), first.analyzers(), fs, List.of(), h1);
    assertThat(ingest.upload(withHash, analyst).created()).isTrue();
    assertThat(ingest.upload(withHash, analyst).created()).as("same body: same result").isFalse();
    Ingest.Upload other =
        new Ingest.Upload(
            first.project(), first.uploadKey(), first.tool(), first.analyzers(), fs, List.of(), h2);
    assertThatThrownBy(() -> ingest.upload(other, analyst))
        .isInstanceOf(Ingest.KeyReused.class)
        .hasMessageContaining("key-1");
  }

  @Test
  void overLongValues_areTheCallersError_namingTheField() {
    assertThatThrownBy(() ->
            new Ingest.Upload("shop", "k", "t".repeat(101), Set.of("code"), List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tool");
    long admin = accounts.user("admin").orElseThrow().id();
    assertThatThrownBy(() -> new Documents(store).addEvalResult("s".repeat(61), 1.0, "{}", admin))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("suite");
  }

  @Test
  void check_findsAFreshStoreWhole_andAHalfWrittenScan() {
    ingest.upload(Fixtures.upload("shop", "k1", Fixtures.many("code", "a", 20)), analyst);
    StoreMaintenance.Check ok = StoreMaintenance.check(store);
    assertThat(ok.problems()).isEmpty();
    assertThat(ok.rows()).containsEntry("findings", 20L).containsEntry("scans", 1L);
    store.transaction(c -> Store.update(c, "UPDATE scans SET new_count = 19"));
    assertThat(StoreMaintenance.check(store).problems())
        .singleElement()
        .asString()
        .contains("is not whole");
  }

  private String dump() {
    return store.read(c -> {
      StringBuilder b = new StringBuilder();
      for (String t : List.of("users", "api_tokens", "sessions", "audit")) {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + t);
            ResultSet r = ps.executeQuery()) {
          int n = r.getMetaData().getColumnCount();
          while (r.next()) {
            for (int i = 1; i <= n; i++) {
              b.append(r.getString(i)).append('|');
            }
          }
        }
      }
      return b.toString();
    });
  }

  @Test
  void eightConcurrentUploadersLoseAndDuplicateNothing() throws Exception {
    List<Finding> shared = Fixtures.many("code", "shared", 200);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Ingest.Result>> results = new ArrayList<>();
    try {
      for (int t = 0; t < 8; t++) {
        List<Finding> mine = new ArrayList<>(shared);
        mine.addAll(Fixtures.many("code", "own" + t, 20));
        int n = t;
        Callable<Ingest.Result> job =
            () -> {
              start.await();
              return ingest.upload(Fixtures.upload("shop", "up-" + n, mine), analyst);
            };
        results.add(pool.submit(job));
        // and the same upload twice, at the same moment: exactly one scan may come of it
        results.add(pool.submit(job));
      }
      start.countDown();
      Set<Long> scans = new HashSet<>();
      int created = 0;
      for (Future<Ingest.Result> f : results) {
        Ingest.Result r = f.get();
        scans.add(r.scanId());
        created += r.created() ? 1 : 0;
      }
      assertThat(scans).hasSize(8);
      assertThat(created).isEqualTo(8);
    } finally {
      pool.shutdownNow();
    }
    assertThat(count("SELECT COUNT(*) FROM scans")).isEqualTo(8);
    assertThat(count("SELECT COUNT(*) FROM findings")).isEqualTo(200 + 8 * 20);
    assertThat(count("SELECT COUNT(DISTINCT fingerprint) FROM findings")).isEqualTo(360);
    assertThat(count("SELECT COUNT(*) FROM findings WHERE status = 'open'"))
        .as("the shared findings and the last uploader's own")
        .isEqualTo(220);
    assertThat(count("SELECT COUNT(*) FROM finding_events WHERE kind = 'new'")).isEqualTo(360);
    assertThat(count("SELECT SUM(finding_count) FROM scans")).isEqualTo(8 * 220);
  }

  @Test
  void anUploadInterruptedMidwayLeavesNoPartialScan() {
    ingest.failAfterFindings(() -> {
      throw new SQLException("connection reset by peer");
    });
    assertThatThrownBy(() ->
            ingest.upload(Fixtures.upload("shop", "k", Fixtures.many("code", "x", 50)), analyst))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("connection reset");
    assertThat(count("SELECT COUNT(*) FROM scans")).isZero();
    assertThat(count("SELECT COUNT(*) FROM findings")).isZero();
    assertThat(count("SELECT COUNT(*) FROM finding_events")).isZero();
    ingest.failAfterFindings(() -> {});
    assertThat(
            ingest
                .upload(Fixtures.upload("shop", "k", Fixtures.many("code", "x", 50)), analyst)
                .added())
        .as("the same upload goes through afterwards")
        .isEqualTo(50);
  }

  @Test
  void incidentsPatchPlansAndEvalResultsAreKept() {
    ingest.upload(
        new Ingest.Upload(
            "soc",
            "hunt-1",
            "Bulwark test",
            Set.of("logs"),
            List.of(),
            List.of(
                new Ingest.IncidentIn(
                    "INC-1",
                    "Password spray",
                    80,
                    java.time.Instant.parse("2026-11-20T10:00:00Z"),
                    java.time.Instant.parse("2026-11-20T10:05:00Z"),
                    "{\"id\":\"INC-1\"}"))),
        analyst);
    Incidents incidents = new Incidents(store);
    assertThat(incidents.list("soc", 10))
        .singleElement()
        .satisfies(i -> {
          assertThat(i.key()).isEqualTo("INC-1");
          assertThat(i.score()).isEqualTo(80);
        });
    Documents docs = new Documents(store);
    docs.putPatchPlan("soc", "{\"groups\":[]}", analyst);
    assertThat(docs.latestPatchPlan("soc"))
        .hasValueSatisfying(p -> assertThat(p.body()).contains("groups"));
    docs.addEvalResult("secrets", 99.9, "{}", analyst);
    assertThat(docs.evalResults("secrets", 5))
        .singleElement()
        .satisfies(e -> assertThat(e.score()).isEqualTo(99.9));
  }

  @Test
  void checkupRuns_keepEachMembersLatestRun_withTheProgressBefore() {
    CheckupRuns runs = new CheckupRuns(store);
    java.time.Instant t0 = java.time.Instant.parse("2026-12-01T09:00:00Z");
    runs.put(
        "team",
        new CheckupRuns.In("alice-laptop", "home", t0, 40, Map.of("firewall", "FAIL")),
        analyst);
    runs.put(
        "team",
        new CheckupRuns.In(
            "alice-laptop",
            "home",
            t0.plusSeconds(86_400),
            70,
            Map.of("firewall", "PASS", "disk-encryption", "FAIL")),
        analyst);
    runs.put(
        "team", new CheckupRuns.In("bob", "developer", t0, 10, Map.of("firewall", "FAIL")), null);
    runs.put("other", new CheckupRuns.In("eve", "home", t0, 99, Map.of("firewall", "PASS")), null);

    List<CheckupRuns.Member> team = runs.latest("team");
    assertThat(team).extracting(CheckupRuns.Member::member).containsExactly("alice-laptop", "bob");
    CheckupRuns.Member alice = team.get(0);
    assertThat(alice.progress()).isEqualTo(70);
    assertThat(alice.previousProgress()).isEqualTo(40);
    assertThat(alice.runs()).isEqualTo(2);
    assertThat(alice.statuses())
        .containsExactlyInAnyOrderEntriesOf(Map.of("firewall", "PASS", "disk-encryption", "FAIL"));
    assertThat(alice.uploadedBy()).isEqualTo("ana");
    assertThat(team.get(1).previousProgress()).isNull();
    assertThat(runs.latest("nobody")).isEmpty();
    assertThat(team.get(1).runs()).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM audit WHERE action = 'checkup'")).isEqualTo(4);
  }

  @Test
  void pathFilter_isExactlyThePrefix_forAwkwardCharacters_withAndWithoutStatus() {
    List<String> paths =
        List.of(
            "src/a_b/x.java",
            "src/a%b/y.java",
            "src/aXb/z.java",
            "src/a\\b/w.java",
            "src/\u00fc/1.java",
            "src/\uffff/2.java",
            "src/\uffff\uffff/3.java",
            "src0/q.java",
            "sr/c.java",
            "SRC/upper.java");
    List<Finding> list = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      list.add(Fixtures.finding("code", "p" + i, Severity.HIGH, paths.get(i), 1));
    }
    ingest.upload(Fixtures.upload("shop", "k", list), analyst);
    for (String prefix :
        List.of(
            "src/",
            "src/a_",
            "src/a%",
            "src/a\\",
            "src/\u00fc",
            "src/\uffff",
            "src/\uffff\uffff",
            "src",
            "s",
            "src/aXb/z.java",
            "nothing")) {
      for (String status : java.util.Arrays.asList("open", null)) {
        List<String> got = new ArrayList<>();
        String cursor = null;
        do {
          FindingStore.Page page =
              findings.list(
                  new FindingStore.Query(
                      "shop",
                      status,
                      null,
                      null,
                      null,
                      prefix,
                      null,
                      FindingStore.Sort.SEVERITY,
                      2,
                      cursor));
          page.items().forEach(r -> got.add(r.path()));
          cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(got)
            .as("prefix %s, status %s", prefix, status)
            .containsExactlyInAnyOrderElementsOf(
                paths.stream().filter(p -> p.startsWith(prefix)).toList());
      }
    }
  }

  @Test
  void streamIncidents_aSecondWriteOfTheSameIdChangesNothing() {
    StreamIncidents incidents = new StreamIncidents(store);
    Instant t = Instant.parse("2024-05-01T10:00:00Z");
    StreamIncidents.Row first =
        new StreamIncidents.Row(
            "INC-0011223344",
            "Execution on web1",
            42,
            t,
            t.plusSeconds(60),
            "web1",
            "ana",
            3,
            "{\"id\":\"INC-0011223344\"}",
            null);
    StreamIncidents.Row replayed =
        new StreamIncidents.Row(
            "INC-0011223344", "changed on replay", 99, t, t, "other", "", 1, "{}", null);
    assertThat(incidents.put(List.of(first))).isEqualTo(1);
    assertThat(incidents.put(List.of(replayed))).isZero();
    assertThat(incidents.count()).isEqualTo(1);
    StreamIncidents.Row stored = incidents.list(0).get(0);
    assertThat(stored.title()).isEqualTo("Execution on web1");
    assertThat(stored.score()).isEqualTo(42);
    assertThat(stored.last()).isEqualTo(t.plusSeconds(60));
    assertThat(stored.storedAt()).isNotNull();
  }

  @Test
  void signInFailures_countPerPairAndPerAddress_andASuccessClearsOnlyItsPair() {
    SignInFailures f = new SignInFailures(store);
    Instant now = Instant.parse("2024-05-01T10:00:00Z");
    java.util.function.IntFunction<java.time.Duration> delay =
        n -> n > 2 ? java.time.Duration.ofSeconds(n) : null;
    assertThat(f.failed("a@1", now, now.minusSeconds(3600), delay).failures()).isEqualTo(1);
    assertThat(f.failed("a@1", now, now.minusSeconds(3600), delay).notBefore()).isNull();
    SignInFailures.Pair third = f.failed("a@1", now, now.minusSeconds(3600), delay);
    assertThat(third.failures()).isEqualTo(3);
    assertThat(f.notBefore("a@1")).contains(now.plusSeconds(3));
    f.failed("b@1", now, now.minusSeconds(3600), delay);
    f.succeeded("a@1");
    assertThat(f.notBefore("a@1")).isEmpty();
    assertThat(f.failed("b@1", now, now.minusSeconds(3600), delay).failures()).isEqualTo(2);
    // failures older than the forgiving point start the count again
    assertThat(f.failed("b@1", now.plusSeconds(7200), now.plusSeconds(3600), delay).failures())
        .isEqualTo(1);
    f.addressFailed("10.0.0.1", now, now.minusSeconds(900));
    f.addressFailed("10.0.0.1", now.plusSeconds(10), now.minusSeconds(900));
    f.addressFailed("10.0.0.2", now, now.minusSeconds(900));
    SignInFailures.Window w = f.addressFailures("10.0.0.1", now.minusSeconds(900));
    assertThat(w.count()).isEqualTo(2);
    assertThat(w.earliest()).isEqualTo(now);
    assertThat(f.addressFailures("10.0.0.1", now.plusSeconds(5)).count()).isEqualTo(1);
  }

  @Test
  void canaryAlerts_storeOncePerCallBack_listNewestFirstInPages_andCutLongValues() {
    CanaryAlerts alerts = new CanaryAlerts(store);
    java.time.Instant t0 = java.time.Instant.parse("2026-12-06T10:00:00.250Z");
    assertThat(alerts.record(new CanaryAlerts.Alert("AAAA", t0, "203.0.113.7", "curl/8"))).isTrue();
    // the same call-back again within the same second is one alert
    assertThat(
            alerts.record(
                new CanaryAlerts.Alert("AAAA", t0.plusMillis(500), "203.0.113.7", "curl/8")))
        .isFalse();
    // another address, agent or second is another alert
    assertThat(alerts.record(new CanaryAlerts.Alert("AAAA", t0, "203.0.113.8", "curl/8"))).isTrue();
    assertThat(alerts.record(new CanaryAlerts.Alert("AAAA", t0, "203.0.113.7", null))).isTrue();
    for (int i = 1; i <= 5; i++) {
      assertThat(
              alerts.record(
                  new CanaryAlerts.Alert("T" + i, t0.plusSeconds(i), "198.51.100." + i, "ua" + i)))
          .isTrue();
    }
    assertThat(alerts.count()).isEqualTo(8);
    CanaryAlerts.Page first = alerts.list(0, 3);
    assertThat(first.alerts())
        .extracting(CanaryAlerts.Alert::tokenId)
        .containsExactly("T5", "T4", "T3");
    assertThat(first.alerts().get(0).time()).isEqualTo(t0.plusSeconds(5).minusMillis(250));
    assertThat(first.alerts().get(0).source()).isEqualTo("198.51.100.5");
    assertThat(first.alerts().get(0).userAgent()).isEqualTo("ua5");
    assertThat(first.next()).isEqualTo(3);
    CanaryAlerts.Page second = alerts.list(first.next(), 3);
    assertThat(second.alerts())
        .extracting(CanaryAlerts.Alert::tokenId)
        .containsExactly("T2", "T1", "AAAA");
    CanaryAlerts.Page last = alerts.list(second.next(), 3);
    assertThat(last.alerts()).hasSize(2).allSatisfy(a -> assertThat(a.tokenId()).isEqualTo("AAAA"));
    // the three alerts of the same second, in whatever order their keys give, include the one
    // without a user agent
    List<CanaryAlerts.Alert> same = new ArrayList<>(second.alerts().subList(2, 3));
    same.addAll(last.alerts());
    assertThat(same)
        .extracting(CanaryAlerts.Alert::userAgent)
        .containsExactlyInAnyOrder("curl/8", "curl/8", null);
    assertThat(last.next()).isEqualTo(-1);
    assertThat(alerts.list(100, 3).alerts()).isEmpty();
    assertThatThrownBy(() -> alerts.list(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> alerts.list(-1, 5)).isInstanceOf(IllegalArgumentException.class);

    // a hostile user agent is kept to its bound, whole characters only, and read back as text
    String agent = "<script>x" + "\uD83D\uDE00".repeat(600);
    assertThat(
            alerts.record(
                new CanaryAlerts.Alert("LONG", t0.plusSeconds(60), "x".repeat(300), agent)))
        .isTrue();
    CanaryAlerts.Alert stored = alerts.list(0, 1).alerts().get(0);
    assertThat(stored.tokenId()).isEqualTo("LONG");
    assertThat(stored.userAgent())
        .startsWith("<script>")
        .hasSizeLessThanOrEqualTo(CanaryAlerts.MAX_USER_AGENT);
    assertThat(
            Character.isHighSurrogate(stored.userAgent().charAt(stored.userAgent().length() - 1)))
        .isFalse();
    assertThat(stored.source()).hasSize(CanaryAlerts.MAX_SOURCE);
  }

  @Test
  void canaryTokens_registerOncePerId_listNewestFirst_andAlertsKeepTheirChannel() {
    CanaryTokens tokens = new CanaryTokens(store);
    long ana = analyst;
    java.time.Instant t0 = java.time.Instant.parse("2026-12-06T10:00:00.700Z");
    CanaryTokens.Token first =
        new CanaryTokens.Token(
            "abcdefghijklmnopqrst",
            "aws-key",
            "web",
            "deploy/.aws/credentials",
            "aws:AKIAABCDEFGHIJKLMNOP",
            List.of("a".repeat(64), "b".repeat(64)),
            t0,
            null);
    assertThat(tokens.register(first, ana)).isEqualTo(CanaryTokens.Outcome.ADDED);
    assertThat(tokens.register(first, ana)).isEqualTo(CanaryTokens.Outcome.ALREADY);
    CanaryTokens.Token other =
        new CanaryTokens.Token(first.id(), "url", "web", "elsewhere", "", List.of(), t0, null);
    assertThat(tokens.register(other, ana)).isEqualTo(CanaryTokens.Outcome.CONFLICT);
    for (int i = 0; i < 4; i++) {
      assertThat(
              tokens.register(
                  new CanaryTokens.Token(
                      "bbbbbbbbbbbbbbbbbbb" + (char) ('a' + i),
                      "url",
                      "canaries",
                      "",
                      "",
                      List.of(),
                      t0.plusSeconds(i + 1),
                      null),
                  null))
          .isEqualTo(CanaryTokens.Outcome.ADDED);
    }
    assertThat(tokens.count()).isEqualTo(5);
    CanaryTokens.Token read = tokens.get(first.id()).orElseThrow();
    assertThat(read.secrets()).containsExactly("a".repeat(64), "b".repeat(64));
    assertThat(read.created()).isEqualTo(java.time.Instant.parse("2026-12-06T10:00:00Z"));
    assertThat(read.createdBy()).isEqualTo("ana");
    assertThat(read.memo()).isEqualTo("deploy/.aws/credentials");
    assertThat(tokens.get("zzzzzzzzzzzzzzzzzzzz")).isEmpty();
    CanaryTokens.Page page = tokens.list(0, 3);
    assertThat(page.tokens())
        .extracting(CanaryTokens.Token::id)
        .containsExactly("bbbbbbbbbbbbbbbbbbbd", "bbbbbbbbbbbbbbbbbbbc", "bbbbbbbbbbbbbbbbbbbb");
    assertThat(page.tokens().get(0).createdBy()).isNull();
    CanaryTokens.Page rest = tokens.list(page.next(), 3);
    assertThat(rest.tokens())
        .extracting(CanaryTokens.Token::id)
        .containsExactly("bbbbbbbbbbbbbbbbbbba", first.id());
    assertThat(rest.next()).isEqualTo(-1);
    // what the registry refuses: an id that is not a token's, a secret that is not a digest
    assertThatThrownBy(
            () -> new CanaryTokens.Token("short", "url", "p", "", "", List.of(), t0, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() ->
            new CanaryTokens.Token(
                first.id(), "url", "p", "", "", List.of("AKIA-the-value"), t0, null))
        .isInstanceOf(IllegalArgumentException.class);

    // an HTTP and a DNS call-back of the same token, address and second are two alerts
    CanaryAlerts alerts = new CanaryAlerts(store);
    assertThat(alerts.record(new CanaryAlerts.Alert(first.id(), t0, "192.0.2.53", null))).isTrue();
    assertThat(
            alerts.record(
                new CanaryAlerts.Alert(first.id(), t0, "192.0.2.53", null, CanaryAlerts.DNS)))
        .isTrue();
    assertThat(
            alerts.record(
                new CanaryAlerts.Alert(first.id(), t0, "192.0.2.53", null, CanaryAlerts.DNS)))
        .isFalse();
    assertThat(alerts.list(0, 10).alerts())
        .extracting(CanaryAlerts.Alert::channel)
        .containsExactlyInAnyOrder("http", "dns");
    assertThatThrownBy(() -> new CanaryAlerts.Alert(first.id(), t0, "x", null, "smtp"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
