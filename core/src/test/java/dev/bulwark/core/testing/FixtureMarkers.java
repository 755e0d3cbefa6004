package dev.bulwark.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Annotated rule fixtures: a comment {@code ruleid: <id>} says the next line must be reported by
 * that rule, {@code ok: <id>} says it must not. Any comment style works ({@code #}, {@code //},
 * {@code <!-- -->}, {@code --}, {@code ;}). A first line {@code # fixture-path: a/b.txt} names the
 * path the content is scanned as.
 */
public final class FixtureMarkers {
  private static final Pattern MARKER =
      Pattern.compile(
          "(?:#|//|<!--|--|;)\\s*(ruleid|ok):\\s*([a-z0-9][a-z0-9_, -]*?)\\s*(?:-->)?$");
  private static final Pattern PATH_DIRECTIVE = Pattern.compile("#\\s*fixture-path:\\s*(\\S+)");

  private FixtureMarkers() {}

  /** Expectations parsed from one fixture file, by 1-based line. */
  public record Expectations(
      Map<Integer, Set<String>> mustFire, Map<Integer, Set<String>> mustNotFire, String path) {}

  public static Expectations parse(Path fixture) throws IOException {
    List<String> lines = Files.readAllLines(fixture, StandardCharsets.UTF_8);
    Map<Integer, Set<String>> fire = new HashMap<>();
    Map<Integer, Set<String>> quiet = new HashMap<>();
    String path = fixture.getFileName().toString();
    Set<String> pendingFire = new HashSet<>();
    Set<String> pendingQuiet = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher d = PATH_DIRECTIVE.matcher(line);
      if (i == 0 && d.find()) {
        path = d.group(1);
        continue;
      }
      Matcher m = MARKER.matcher(line.strip());
      if (m.find() && m.start() == 0) {
        for (String id : m.group(2).split("[,\\s]+")) {
          (m.group(1).equals("ruleid") ? pendingFire : pendingQuiet).add(id);
        }
        continue;
      }
      if (!pendingFire.isEmpty()) {
        fire.put(i + 1, pendingFire);
        pendingFire = new HashSet<>();
      }
      if (!pendingQuiet.isEmpty()) {
        quiet.put(i + 1, pendingQuiet);
        pendingQuiet = new HashSet<>();
      }
    }
    return new Expectations(fire, quiet, path);
  }

  /**
   * Differences between what a fixture expects and what fired, by line: missed markers, hits on
   * unmarked lines and hits on {@code ok} lines. Empty when the fixture passes.
   */
  public static List<String> problems(Expectations e, Map<Integer, Set<String>> fired) {
    List<String> problems = new ArrayList<>();
    e.mustFire()
        .forEach((line, ids) -> {
          for (String id : ids) {
            if (!fired.getOrDefault(line, Set.of()).contains(id)) {
              problems.add(
                  "line "
                      + line
                      + ": expected "
                      + id
                      + ", got "
                      + fired.getOrDefault(line, Set.of()));
            }
          }
        });
    fired.forEach((line, ids) -> {
      for (String id : ids) {
        if (e.mustNotFire().getOrDefault(line, Set.of()).contains(id)) {
          problems.add("line " + line + ": " + id + " fired on an ok case");
        } else if (!e.mustFire().getOrDefault(line, Set.of()).contains(id)) {
          problems.add("line " + line + ": unexpected " + id);
        }
      }
    });
    problems.sort(null);
    return problems;
  }
}
