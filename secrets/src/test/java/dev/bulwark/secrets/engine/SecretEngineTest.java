package dev.bulwark.secrets.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.secrets.TestTokens;
import dev.bulwark.secrets.rules.RuleLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SecretEngineTest {
  private static SecretEngine engine;

  @BeforeAll
  static void load() throws Exception {
    engine = SecretEngine.create(RuleLoader.builtIn(), Allowlist.documentationExamples());
  }

  static String githubToken(String body30) {
    return TestTokens.github(body30);
  }

  @Test
  void secretsNearChunkBoundaries_areFoundOnceWithTheirLineNumbers() throws Exception {
    // Lines of filler, with a token placed so that some straddle the chunk and overlap edges.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Integer> expectedLines = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    String filler = "the quick brown fox jumps over the lazy dog 0123456789\n";
    int line = 1;
    long[] targets = {
      SecretEngine.CHUNK - SecretEngine.OVERLAP - 30,
      SecretEngine.CHUNK - 20,
      SecretEngine.CHUNK + 10,
      2L * SecretEngine.CHUNK - SecretEngine.OVERLAP - 5,
      2L * SecretEngine.CHUNK + 100_000
    };
    int t = 0;
    while (out.size() < 2L * SecretEngine.CHUNK + 200_000) {
      if (t < targets.length && out.size() >= targets[t]) {
        String token = TestTokens.github(1000 + t);
        out.writeBytes(("GITHUB_TOKEN=" + token + "\n").getBytes(StandardCharsets.UTF_8));
        expectedLines.add(line);
        tokens.add(token);
        t++;
      } else {
        out.writeBytes(filler.getBytes(StandardCharsets.UTF_8));
      }
      line++;
    }
    List<SecretMatch> found = new ArrayList<>();
    engine.scan("big.env", new ByteArrayInputStream(out.toByteArray()), found::add);
    assertThat(found).extracting(SecretMatch::startLine).containsExactlyElementsOf(expectedLines);
    assertThat(found).extracting(m -> m.secret().reveal()).containsExactlyElementsOf(tokens);
    assertThat(found).allSatisfy(m -> assertThat(m.startColumn()).isEqualTo(14));
  }

  @Test
  void snippets_redactEverySecretOnTheLine_andMaskOtherHighEntropyTokens() {
    String token = TestTokens.github(7);
    String awsKey = "AKIA" + "J4V7ZK2QXN5RBW3M"; // built at run time so the source holds no key
    String line =
        "env: GITHUB_TOKEN="
            + token
            + " AWS_KEY="
            + awsKey
            + " blob=Q2hhbmdlIG1lIHBsZWFzZSBpdCBpcyBzZWNyZXQ\n";
    List<SecretMatch> found = engine.scan("x.txt", line.getBytes(StandardCharsets.UTF_8));
    assertThat(found).hasSize(2);
    for (SecretMatch m : found) {
      assertThat(m.snippet()).doesNotContain(token).doesNotContain(awsKey);
      assertThat(m.snippet()).doesNotContain("Q2hhbmdlIG1lIHBsZWFzZSBpdCBpcyBzZWNyZXQ");
      assertThat(m.secret().toString()).doesNotContain(m.secret().reveal().substring(5));
    }
  }

  @Test
  void providerRule_winsOverGenericRuleOnTheSameValue() {
    String token = TestTokens.github(42);
    List<SecretMatch> found =
        engine.scan("app.py", ("api_key = \"" + token + "\"\n").getBytes(StandardCharsets.UTF_8));
    assertThat(found)
        .singleElement()
        .satisfies(m -> assertThat(m.rule().id()).isEqualTo("github-pat"));
  }

  @Test
  void lookAlikeOfAProviderFormat_isNotReportedByGenericRules() {
    // Right prefix, wrong checksum: the GitHub rule rejects it, and that veto holds.
    String good = TestTokens.github(42);
    String bad = good.substring(0, 10) + (good.charAt(10) == 'x' ? 'y' : 'x') + good.substring(11);
    assertThat(
            engine.scan("app.py", ("api_key = \"" + bad + "\"\n").getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
  }

  @Test
  void nonUtf8Bytes_areDecodedLenientlyAndStillScanned() {
    byte[] latin1 =
        ("caf\u00e9 = 1\npassword = \"Gr\u00fcnS3cret!99\"\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    List<SecretMatch> found = engine.scan("settings.py", latin1);
    assertThat(found)
        .singleElement()
        .satisfies(m -> {
          assertThat(m.rule().id()).isEqualTo("generic-password");
          assertThat(m.startLine()).isEqualTo(2);
        });
  }

  @Test
  void secret_toStringIsRedacted() {
    String value = "hunter2-correct-horse";
    Secret s = new Secret(value);
    assertThat(s.toString()).startsWith("hunt…#").hasSize(4 + 2 + 8);
    assertThat(s).isEqualTo(new Secret(value));
  }

  @Test
  void maskLeftovers_keepsOrdinaryWords() {
    assertThat(SecretEngine.maskLeftovers("the configuration file is loaded"))
        .isEqualTo("the configuration file is loaded");
    assertThat(SecretEngine.maskLeftovers("x = aB3dE5gH7jK9mN1pQ3sT5vX7z")).isEqualTo("x = aB3d…");
  }

  @Test
  void reportFiltered_alsoReportsWhatTheChecksReject_forLabelling() throws Exception {
    byte[] file =
        "spring.datasource.password=changeme\nspring.datasource.password=Qv7#rT9!mZ2pLx\n"
            .getBytes(StandardCharsets.UTF_8);
    List<Integer> normal =
        engine.scan("application.properties", file).stream().map(SecretMatch::startLine).toList();
    SecretEngine wide =
        SecretEngine.create(RuleLoader.builtIn(), Allowlist.documentationExamples(), true);
    List<Integer> all =
        wide.scan("application.properties", file).stream().map(SecretMatch::startLine).toList();
    assertThat(normal).containsExactly(2);
    assertThat(all).containsExactly(1, 2);
  }

  @Test
  void keywordDenseBase64_stillFindsTheSecretAfterIt_inBoundedWork() throws Exception {
    // base64 of zero bytes is "AAAA…": a built-in keyword matches at every byte
    StringBuilder text = new StringBuilder("{\"image/png\": \"");
    text.append("A".repeat(9 << 20)).append("\"}\n");
    String token = TestTokens.github(4242);
    text.append("GITHUB_TOKEN=").append(token).append('\n');
    List<SecretMatch> found = new ArrayList<>();
    List<String> limits = new ArrayList<>();
    engine.scan(
        "analysis.ipynb",
        new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)),
        found::add,
        (line, message) -> limits.add(line + ": " + message));
    assertThat(found).extracting(m -> m.secret().reveal()).containsExactly(token);
    assertThat(found.get(0).startLine()).isEqualTo(2);
    assertThat(limits).isEmpty();
  }

  @Test
  void pathologicallyDenseAssignments_hitTheBudget_andSayWhereInsteadOfRunningOn()
      throws Exception {
    // every few bytes an assignment the generic rules must look at, each with a long line after it
    String unit = "key=\"" + "x".repeat(20) + "\" ";
    byte[] data = unit.repeat((6 << 20) / unit.length()).getBytes(StandardCharsets.UTF_8);
    List<String> limits = new ArrayList<>();
    engine.scan(
        "dense.txt",
        new ByteArrayInputStream(data),
        m -> {},
        (line, message) -> limits.add(line + ": " + message));
    assertThat(limits).isNotEmpty().allSatisfy(l -> assertThat(l).contains("keyword-dense input"));
  }
}
