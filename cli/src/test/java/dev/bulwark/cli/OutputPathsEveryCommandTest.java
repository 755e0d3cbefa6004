package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command that writes a file checks where it goes before any work: a path it cannot write
 * (under /proc), a path that is a directory, and a path that is one of its own inputs are each exit
 * 2 with a plain message naming the path — never an internal error, never after the work.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class OutputPathsEveryCommandTest {
  @TempDir static Path dir;
  private static Path evidence;
  private static Path log;
  private static Path mail;
  private static Path report;
  private static Path data;
  private static Path labels;
  private static Path tmModel;
  private static Path cSource;

  @BeforeEach
  void inputs() throws Exception {
    evidence = Files.createDirectories(dir.resolve("evidence"));
    Files.writeString(evidence.resolve("app.properties"), "user = alice\n");
    Files.writeString(
        evidence.resolve("package-lock.json"),
        "{\"name\":\"x\",\"lockfileVersion\":3,\"packages\":{\"node_modules/lodash\":"
            + "{\"version\":\"4.17.20\"}}}");
    log =
        Files.writeString(dir.resolve("events.jsonl"), "{\"EventID\": 1, \"Image\": \"a.exe\"}\n");
    mail =
        Files.writeString(
            dir.resolve("message.eml"), "From: a@example.org\nSubject: hi\n\nhello\n");
    report = Files.writeString(dir.resolve("report.json"), "{}\n");
    data = Files.createDirectories(dir.resolve("data"));
    labels = Files.writeString(dir.resolve("labels.jsonl"), "");
    tmModel =
        Files.writeString(
            dir.resolve("model.yaml"),
            "title: t\ntechnical_assets:\n  App:\n    id: app\n    type: process\n");
    cSource = Files.createDirectories(dir.resolve("csrc"));
    Files.writeString(cSource.resolve("lib.c"), "int add(int a, int b) { return a + b; }\n");
  }

  /** A command line with OUT where the output path goes, and the input it may be confused with. */
  private record Writer(String name, Function<Path, String[]> args, Function<Void, Path> input) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Writer w(String name, Function<Path, String[]> args, Function<Void, Path> input) {
    return new Writer(name, args, input);
  }

  static Stream<Arguments> writers() {
    List<Writer> all = new ArrayList<>();
    all.add(
        w(
            "scan -o",
            o -> a("scan", evidence, "--no-progress", "--format", "json", "-o", o),
            v -> evidence));
    all.add(
        w(
            "logs hunt -o",
            o -> a("logs", "hunt", log, "--no-progress", "--format", "json", "-o", o),
            v -> log));
    all.add(
        w(
            "logs hunt --timeline",
            o -> a("logs", "hunt", log, "--no-progress", "--timeline", o),
            v -> null)); // an input is never a timeline: it must end in .csv, .json or .html
    all.add(
        w("mail check -o", o -> a("mail", "check", mail, "--format", "json", "-o", o), v -> mail));
    all.add(
        w("mail check --indicators", o -> a("mail", "check", mail, "--indicators", o), v -> mail));
    all.add(w("mail check --stix", o -> a("mail", "check", mail, "--stix", o), v -> mail));
    all.add(
        w(
            "intel match --stix",
            o -> a("intel", "match", evidence, "--data-dir", data, "--stix", o),
            v -> evidence));
    all.add(
        w(
            "intel indicators -o",
            o -> a("intel", "indicators", report, "--data-dir", data, "-o", o),
            v -> report));
    all.add(
        w(
            "threatmodel check --matrix",
            o -> a("threatmodel", "check", tmModel, "--matrix", o),
            v -> null)); // an input is never a matrix: it must end in .md, .html or .json
    all.add(
        w(
            "threatmodel check --data-matrix",
            o -> a("threatmodel", "check", tmModel, "--data-matrix", o),
            v -> null));
    all.add(
        w(
            "threatmodel check --asset-report",
            o -> a("threatmodel", "check", tmModel, "--asset-report", o),
            v -> null));
    // edits the model in place: the model is the output, never refused as an input
    all.add(
        w(
            "threatmodel draft --into",
            o -> a("threatmodel", "draft", evidence, "--llm", "--into", o),
            v -> null));
    all.add(
        w(
            "threatmodel check -o",
            o -> a("threatmodel", "check", tmModel, "--format", "json", "-o", o),
            v -> tmModel));
    all.add(w("deps inventory -o", o -> a("deps", "inventory", evidence, "-o", o), v -> evidence));
    all.add(w("deps plan -o", o -> a("deps", "plan", evidence, "-o", o), v -> evidence));
    all.add(w("deps plan --ics", o -> a("deps", "plan", evidence, "--ics", o), v -> evidence));
    all.add(w("fix -o", o -> a("fix", evidence, "--format", "json", "-o", o), v -> evidence));
    all.add(w("code specs --out", o -> a("code", "specs", evidence, "--out", o), v -> evidence));
    all.add(
        w("label export -o", o -> a("label", "export", "--data-dir", data, "-o", o), v -> null));
    all.add(
        w(
            "triage rank --json",
            o -> a("triage", "rank", report, "--data-dir", data, "--json", o),
            v -> report));
    all.add(w("eval secrets --json", o -> a("eval", "secrets", "--json", o), v -> null));
    all.add(w("eval secrets --markdown", o -> a("eval", "secrets", "--markdown", o), v -> null));
    all.add(
        w(
            "port c2rust -o",
            o ->
                a(
                    "port",
                    "c2rust",
                    cSource,
                    "--out",
                    dir.resolve("crate"),
                    "--format",
                    "sarif",
                    "-o",
                    o),
            v -> cSource)); // a directory: a file inside it is refused as being analysed
    all.add(w("ask --transcript", o -> a("ask", "what is here?", "--transcript", o), v -> null));
    return all.stream().map(Arguments::of);
  }

  private static String[] a(Object... parts) {
    return Stream.of(parts).map(Object::toString).toArray(String[]::new);
  }

  private static void assertRefused(Cli.Result r, String path, String why) {
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.err())
        .contains(path)
        .contains(why)
        .doesNotContain("internal error")
        .doesNotContain("Exception");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writers")
  void anUnwritablePathADirectoryOrAnInput_isExitTwo_beforeAnyWork(Writer w) {
    Path proc = Path.of("/proc/bulwark-out.json");
    assertRefused(Cli.run(w.args().apply(proc)), proc.toString(), "cannot write in /proc");

    Path directory = dir.resolve("outdir.json");
    assertRefused(
        Cli.run(w.args().apply(directoryMade(directory))), directory.toString(), "is a directory");

    Path input = w.input().apply(null);
    if (input != null && Files.isRegularFile(input)) {
      assertRefused(Cli.run(w.args().apply(input)), input.toString(), "is one of the inputs");
    }
  }

  @ParameterizedTest(name = "dataset export -o {0}")
  @MethodSource("directories")
  void datasetExport_refusesAFileAnInputOrAnUnwritableDirectory(String kind) throws Exception {
    Path out =
        switch (kind) {
          case "a regular file" -> Files.writeString(dir.resolve("not-a-dir.txt"), "x\n");
          case "the labels file" -> labels;
          default -> Path.of("/proc/bulwark-dataset");
        };
    String why =
        switch (kind) {
          case "a regular file" -> "name a directory";
          case "the labels file" -> "is a regular file";
          default -> "cannot";
        };
    Cli.Result r =
        Cli.run(a("dataset", "export", "--data-dir", data, "--labels", labels, "-o", out));
    assertRefused(r, out.toString(), why);
  }

  static Stream<String> directories() {
    return Stream.of("a regular file", "the labels file", "an unwritable place");
  }

  private static Path directoryMade(Path d) {
    try {
      return Files.createDirectories(d);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
