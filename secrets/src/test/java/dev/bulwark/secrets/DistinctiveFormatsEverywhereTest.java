package dev.bulwark.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.secrets.engine.Allowlist;
import dev.bulwark.secrets.engine.SecretEngine;
import dev.bulwark.secrets.engine.SecretMatch;
import dev.bulwark.secrets.rules.RuleLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keys whose format is unmistakable — a fixed prefix, a checksum, a fixed marker — are reported
 * wherever they sit: documentation, JSON, plain text and the source of any language. Only
 * context-dependent rules (generic passwords, high-entropy assignments) may use the file type. Each
 * key is the rule's own positive fixture value, planted in each of twelve file types.
 */
class DistinctiveFormatsEverywhereTest {
  /** Rule id → the fixture pack whose first positive case for that rule supplies the key. */
  private static final Map<String, String> FORMATS = new LinkedHashMap<>();

  static {
    FORMATS.put("openai-api-key", "ai-providers.fixture");
    FORMATS.put("anthropic-api-key", "ai-providers.fixture");
    FORMATS.put("github-pat", "github.fixture");
    FORMATS.put("gitlab-pat", "gitlab.fixture");
    FORMATS.put("slack-bot-token", "slack.fixture");
    FORMATS.put("stripe-secret-key", "stripe.fixture");
    FORMATS.put("aws-access-key-id", "aws.fixture");
    FORMATS.put("gcp-api-key", "gcp.fixture");
    FORMATS.put("npm-access-token", "package-registries.fixture");
    FORMATS.put("sendgrid-api-key", "mail-providers.fixture");
    FORMATS.put("twilio-api-key", "chat-webhooks.fixture");
  }

  /** File name → how a developer would write the key there. */
  private static final Map<String, BiFunction<String, String, String>> FILES =
      new LinkedHashMap<>();

  static {
    FILES.put(
        "README.md",
        (n, k) -> "# Setup\n\nExport the key:\n\n```bash\nexport " + n + "=" + k + "\n```\n");
    FILES.put(
        "config.json", (n, k) -> "{\n  \"service\": {\n    \"apiKey\": \"" + k + "\"\n  }\n}\n");
    FILES.put("notes.txt", (n, k) -> "key for the staging account: " + k + "\n");
    FILES.put("client.py", (n, k) -> "import os\n\nclient = Client(api_key=\"" + k + "\")\n");
    FILES.put("client.js", (n, k) -> "const client = new Client({ apiKey: '" + k + "' });\n");
    FILES.put("client.ts", (n, k) -> "export const token: string = \"" + k + "\";\n");
    FILES.put("main.go", (n, k) -> "package main\n\nconst token = \"" + k + "\"\n");
    FILES.put(
        "Client.java",
        (n, k) -> "class Client {\n  static final String TOKEN = \"" + k + "\";\n}\n");
    FILES.put("client.rb", (n, k) -> "Client.configure do |c|\n  c.token = '" + k + "'\nend\n");
    FILES.put("values.yaml", (n, k) -> "service:\n  token: " + k + "\n");
    FILES.put("settings.xml", (n, k) -> "<settings>\n  <token>" + k + "</token>\n</settings>\n");
    FILES.put("index.html", (n, k) -> "<script>\n  window.TOKEN = \"" + k + "\";\n</script>\n");
  }

  private static SecretEngine engine;

  @BeforeAll
  static void load() throws Exception {
    engine = SecretEngine.create(RuleLoader.builtIn(), Allowlist.documentationExamples());
  }

  @Test
  void everyDistinctiveFormat_isFoundInEveryFileType() throws Exception {
    assertThat(FILES).hasSize(12);
    List<String> missed = new ArrayList<>();
    for (var format : FORMATS.entrySet()) {
      String rule = format.getKey();
      String key = sampleKey(rule, format.getValue());
      for (var file : FILES.entrySet()) {
        String content = file.getValue().apply(rule.toUpperCase().replace('-', '_'), key);
        List<SecretMatch> found =
            engine.scan("src/" + file.getKey(), content.getBytes(StandardCharsets.UTF_8));
        if (found.stream()
            .noneMatch(m -> m.rule().id().equals(rule) && m.secret().reveal().equals(key))) {
          missed.add(
              rule
                  + " in "
                  + file.getKey()
                  + " (got "
                  + found.stream().map(m -> m.rule().id()).toList()
                  + ")");
        }
      }
    }
    assertThat(missed).as("distinctive keys missed").isEmpty();
  }

  /** The value of the first case the rule's fixture says it must report. */
  private static String sampleKey(String rule, String fixture) throws Exception {
    Path f = RuleFixtureTest.fixtureDir().resolve(fixture);
    List<SecretMatch> matches = engine.scan(f.getFileName().toString(), Files.readAllBytes(f));
    return matches.stream()
        .filter(m -> m.rule().id().equals(rule))
        .findFirst()
        .orElseThrow(() -> new AssertionError(fixture + " has no positive case for " + rule))
        .secret()
        .reveal();
  }
}
