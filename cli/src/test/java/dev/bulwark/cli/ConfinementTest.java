package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers stay inside the directories they were given: a symbolic link in a scanned tree, a rules
 * directory, a discovered configuration or an ignore file that leads outside is not followed, and a
 * diagnostic says so; the agents' tools read through the same readers. (POM parents: HostilePomTest
 * in deps; log directories on the command line: SpecialInputsTest.)
 */
class ConfinementTest {
  private static final String SECRET =
      "AWS_ACCESS_KEY_ID=AKIA7CV5ZKIJU3OOW7GS\n"
          + "AWS_SECRET_ACCESS_KEY=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\n";

  @TempDir Path dir;
  private Path outside;
  private Path project;

  @BeforeEach
  void layout() throws Exception {
    outside = Files.createDirectories(dir.resolve("outside"));
    project = Files.createDirectories(dir.resolve("project"));
    Files.writeString(project.resolve("prod.env"), SECRET);
  }

  @Test
  void aConfigurationThatLeadsOutsideTheTree_isIgnored_andSaidSo() throws Exception {
    // would silence the secrets analyzer if it were read
    Files.writeString(outside.resolve("quiet.yaml"), "analyzers:\n  disable: [secrets]\n");
    Files.createSymbolicLink(project.resolve("bulwark.yaml"), outside.resolve("quiet.yaml"));
    Files.createDirectories(project.resolve(".git"));
    Cli.Result r = Cli.run("scan", project.toString(), "--no-progress");
    assertThat(r.out()).contains("aws-secret-access-key");
    assertThat(r.err()).contains("bulwark.yaml", "outside", "ignored");
  }

  @Test
  void anIgnoreFileThatLeadsOutsideTheTree_isNotRead_andSaidSo() throws Exception {
    Files.writeString(outside.resolve("everything"), "*\n");
    Files.createSymbolicLink(project.resolve(".gitignore"), outside.resolve("everything"));
    Cli.Result r = Cli.run("scan", project.toString(), "--no-progress");
    assertThat(r.out()).contains("aws-secret-access-key");
    assertThat(r.out()).contains(".gitignore").contains("outside");
  }

  @Test
  void aRuleFileThatLeadsOutsideItsDirectory_isNotLoaded_andListed() throws Exception {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    Files.writeString(
        outside.resolve("planted.yml"),
        """
        title: Planted rule
        id: 0f4a1bde-2f41-4c11-9a0e-3c1e4a7f0b11
        logsource:
          product: windows
          category: process_creation
        detection:
          selection:
            Image|endswith: '\\\\notepad.exe'
          condition: selection
        level: critical
        """);
    Files.createSymbolicLink(rules.resolve("planted.yml"), outside.resolve("planted.yml"));
    Cli.Result r = Cli.run("logs", "rules", "--rules", rules.toString(), "--all");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("0 detection rules").contains("planted.yml").contains("outside");
  }

  @Test
  void mcpHuntLogs_followsNoLinkOutOfTheFolder_andSaysWhatItSkipped() throws Exception {
    Files.writeString(
        outside.resolve("secret.jsonl"),
        "{\"EventID\":1,\"Computer\":\"OUTSIDE-HOST\",\"Image\":"
            + "\"C:\\\\Windows\\\\System32\\\\vssadmin.exe\",\"CommandLine\":"
            + "\"vssadmin.exe Delete Shadows /All /Quiet\",\"UtcTime\":\"2024-06-01 11:09:00.000\"}\n");
    Path logs = Files.createDirectories(project.resolve("logs"));
    Files.writeString(
        logs.resolve("inside.jsonl"),
        "{\"EventID\":1,\"Computer\":\"INSIDE-HOST\",\"Image\":\"C:\\\\Windows\\\\notepad.exe\","
            + "\"CommandLine\":\"notepad.exe\",\"UtcTime\":\"2024-06-01 11:00:00.000\"}\n");
    Files.createSymbolicLink(logs.resolve("leak.jsonl"), outside.resolve("secret.jsonl"));
    McpSyncClient client =
        TestProjects.mcpClient(
            RuntimeClasspath.command(
                "mcp", "--root", project.toString(), "--data-dir", dir.resolve("data").toString()),
            Duration.ofSeconds(120));
    McpSchema.CallToolResult r;
    try {
      r =
          client.callTool(
              McpSchema.CallToolRequest.builder("hunt_logs")
                  .arguments(Map.of("path", "logs", "min_level", "low"))
                  .build());
    } finally {
      client.closeGracefully();
    }
    String text = ((McpSchema.TextContent) r.content().get(0)).text();
    assertThat(r.isError()).as(text).isFalse();
    @SuppressWarnings("unchecked")
    Map<String, Object> out = (Map<String, Object>) r.structuredContent();
    assertThat(out.get("events")).as(text).isEqualTo(1);
    assertThat(out.get("detections")).as(text).isEqualTo(0);
    assertThat(text).doesNotContain("OUTSIDE-HOST").doesNotContain("Shadows");
    @SuppressWarnings("unchecked")
    List<String> skipped = (List<String>) out.get("diagnostics");
    assertThat(skipped).as(text).anySatisfy(d -> assertThat(d).contains("leak.jsonl", "outside"));
    assertThat(text).contains("leak.jsonl");
  }
}
