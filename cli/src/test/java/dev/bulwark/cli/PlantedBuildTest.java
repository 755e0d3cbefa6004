package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository is hostile until proven otherwise: {@code bulwark fix} and the agents' {@code
 * propose_fixes} verify patches against a project that plants code in every place a Maven build
 * would run it — {@code .mvn/jvm.config}, {@code .mvn/extensions.xml}, a plugin bound to the build,
 * its own {@code mvnw} — and nothing of it may run. Checked twice: marker files the planted code
 * would write, and (where strace is installed) every process the CLI starts.
 */
class PlantedBuildTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path STRACE = Path.of("/usr/bin/strace");

  @TempDir Path work;
  private Path project;
  private Path markers;

  @BeforeEach
  void plant() throws Exception {
    markers = Files.createDirectories(work.resolve("markers"));
    project = Files.createDirectories(work.resolve("project"));
    Files.createDirectories(project.resolve(".mvn"));
    // the JVM Maven starts honours these options; -Xlog writes a file as soon as it starts
    Files.writeString(
        project.resolve(".mvn/jvm.config"),
        "-Xlog:disable -Xlog:all=warning:file="
            + markers.resolve("jvm-config")
            + " -XX:OnOutOfMemoryError=\"touch "
            + markers.resolve("oom")
            + "\"\n");
    Files.writeString(
        project.resolve(".mvn/maven.config"), "-Dexec.executable=touch\n", StandardCharsets.UTF_8);
    Files.writeString(
        project.resolve(".mvn/extensions.xml"),
        "<extensions><extension><groupId>evil</groupId><artifactId>core-extension</artifactId>"
            + "<version>1</version></extension></extensions>\n");
    Path mvnw = project.resolve("mvnw");
    Files.writeString(mvnw, "#!/bin/sh\ntouch '" + markers.resolve("mvnw") + "'\n");
    Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(
        project.resolve("pom.xml"),
        """
        <project>
          <modelVersion>4.0.0</modelVersion>
          <groupId>demo</groupId>
          <artifactId>planted</artifactId>
          <version>1</version>
          <dependencies>
            <dependency>
              <groupId>jakarta.servlet</groupId>
              <artifactId>jakarta.servlet-api</artifactId>
              <version>6.0.0</version>
              <scope>provided</scope>
            </dependency>
          </dependencies>
          <build>
            <extensions>
              <extension><groupId>evil</groupId><artifactId>build-extension</artifactId><version>1</version></extension>
            </extensions>
            <plugins>
              <plugin>
                <groupId>org.codehaus.mojo</groupId>
                <artifactId>exec-maven-plugin</artifactId>
                <version>3.1.0</version>
                <extensions>true</extensions>
                <executions>
                  <execution>
                    <phase>validate</phase>
                    <goals><goal>exec</goal></goals>
                    <configuration>
                      <executable>touch</executable>
                      <arguments><argument>MARKER</argument></arguments>
                    </configuration>
                  </execution>
                </executions>
              </plugin>
            </plugins>
          </build>
        </project>
        """
            .replace("MARKER", markers.resolve("plugin").toString()));
    TestProjects.searchServlet(project, "the project plants its build below");
  }

  /** The CLI's command line, under strace when it is installed, run from inside the project. */
  private List<String> traced(Path trace, String... args) {
    List<String> cli = new ArrayList<>(RuntimeClasspath.command(args));
    // as the launcher does, so a build tool shipped with Bulwark would be found if it were used
    cli.add(1, "-Dbulwark.home=" + ROOT);
    // the local repository this build uses holds the servlet API (a dependency of Bulwark itself)
    localRepository().ifPresent(r -> cli.add(1, "-Dmaven.repo.local=" + r));
    if (!Files.isExecutable(STRACE)) {
      return cli;
    }
    List<String> c =
        new ArrayList<>(
            List.of(
                STRACE.toString(),
                "-f",
                "-qq",
                "-e",
                "trace=execve,execveat",
                "-o",
                trace.toString()));
    c.addAll(cli);
    return c;
  }

  /** The repository the test class path's jars come from, found by the servlet API's jar. */
  private static java.util.Optional<Path> localRepository() {
    for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path jar = Path.of(e);
      if (jar.getFileName().toString().equals("jakarta.servlet-api-6.0.0.jar")) {
        // <repo>/jakarta/servlet/jakarta.servlet-api/6.0.0/jakarta.servlet-api-6.0.0.jar
        return java.util.Optional.of(
            jar.getParent().getParent().getParent().getParent().getParent());
      }
    }
    return java.util.Optional.empty();
  }

  private static final Pattern EXEC =
      Pattern.compile("execve(?:at)?\\((?:\\d+, )?\"([^\"]+)\".*= 0$", Pattern.MULTILINE);

  /** Every program the traced process tree started, the CLI's own JVM first. */
  private static List<String> executed(Path trace) throws Exception {
    List<String> out = new ArrayList<>();
    Matcher m = EXEC.matcher(Files.readString(trace));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private void assertNothingRan(Path trace) throws Exception {
    try (Stream<Path> s = Files.list(markers)) {
      assertThat(s.map(p -> p.getFileName().toString()).toList())
          .as("marker files written by code the project planted")
          .isEmpty();
    }
    if (Files.isExecutable(STRACE)) {
      List<String> programs = executed(trace);
      assertThat(programs).as("the CLI's own JVM is traced").isNotEmpty();
      assertThat(programs.subList(1, programs.size()))
          .as("processes started by Bulwark (strace -f -e trace=execve)")
          .isEmpty();
    }
  }

  @Test
  void fix_verifiesAPatch_withoutRunningAnythingTheProjectPlanted() throws Exception {
    Path trace = work.resolve("fix.trace");
    Process p =
        new ProcessBuilder(traced(trace, "fix", "."))
            .directory(project.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertNothingRan(trace);
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out)
        .as("the class path comes from the POM and the local repository")
        .contains("verified   java-sqli")
        .doesNotContain("class path not resolved");
  }

  @Test
  void mcpProposeFixes_verifiesAPatch_withoutRunningAnythingTheProjectPlanted() throws Exception {
    Path trace = work.resolve("mcp.trace");
    List<String> command =
        traced(
            trace,
            "mcp",
            "--root",
            project.toString(),
            "--data-dir",
            work.resolve("data").toString(),
            "--allow-writes");
    McpSyncClient client = TestProjects.mcpClient(command, Duration.ofSeconds(240));
    String text;
    String description;
    try {
      McpSchema.Tool tool =
          client.listTools().tools().stream()
              .filter(t -> t.name().equals("propose_fixes"))
              .findFirst()
              .orElseThrow();
      description = tool.description();
      McpSchema.CallToolResult r =
          client.callTool(
              McpSchema.CallToolRequest.builder("propose_fixes")
                  .arguments(Map.of("path", "."))
                  .build());
      text = ((McpSchema.TextContent) r.content().get(0)).text();
      assertThat(r.isError()).as(text).isFalse();
    } finally {
      client.closeGracefully();
    }
    assertNothingRan(trace);
    assertThat(text).contains("1 verified patches");
    assertThat(description).contains("never runs the project's build");
  }

  @Test
  void help_namesTheOnlyWayToRunTheProjectsBuild_asAnOptIn() {
    Cli.Result help = Cli.run("fix", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out().replaceAll("\\s+", " "))
        .contains(
            "nothing the project contains (mvnw, .mvn, plugins, tests) is run unless --test-cmd")
        .contains("Opt-in")
        .contains("RUNS THE PROJECT'S OWN CODE");
  }
}
