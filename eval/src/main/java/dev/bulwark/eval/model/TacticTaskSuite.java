package dev.bulwark.eval.model;

import dev.bulwark.ai.embed.Embeddings;
import dev.bulwark.core.analysis.Cancellation;
import dev.bulwark.core.analysis.Progress;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.model.Severity;
import dev.bulwark.eval.logs.LogsSuite;
import dev.bulwark.logs.LogHunt;
import dev.bulwark.logs.event.LogReader;
import dev.bulwark.logs.hunt.Attack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A defenders' task from attack recordings filed in folders named by tactic: the first events of a
 * recording, as untrusted data — which ATT&CK tactic do they show? Bulwark's engine hunts all
 * recordings with Sigma rules and answers the tactic its detections name most often.
 */
final class TacticTaskSuite extends ModelSuite {
  static final String NAME = "bulwark-evtx-tactic";
  private static final int EVENTS_PER_ITEM = 12;
  private static final int CHARS_PER_EVENT = 1_000;

  /** Bookkeeping fields of the System block, left out so the event's content fits the budget. */
  private static final Pattern NOISE =
      Pattern.compile(
          "^(Keywords|Version|Level|Task|Opcode|Correlation|Execution|Security|TimeCreated|"
              + "EventRecordID|Provider_Guid|Provider_EventSourceName|ProcessID|ThreadID|"
              + "RuleName|UtcTime)",
          Pattern.CASE_INSENSITIVE);

  /** What a host's event log can show: everything from initial access on. */
  private static final List<String> TACTICS =
      Attack.TACTICS.subList(Attack.TACTICS.indexOf("initial-access"), Attack.TACTICS.size());

  private TacticTaskSuite(List<Item> items, String sha256) {
    super(NAME, items, sha256);
  }

  /** One item per recording; the suite's hash covers the files' paths and sizes. */
  static TacticTaskSuite load(Path dir, int limit) throws IOException, InputException {
    if (!Files.isDirectory(dir)) {
      throw new InputException(dir + ": expected a folder of recordings filed by tactic");
    }
    List<Path> files;
    try (var walk = Files.walk(dir)) {
      files =
          walk.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".evtx"))
              .sorted()
              .toList();
    }
    List<String> names = TACTICS.stream().map(Attack::title).toList();
    List<Item> items = new ArrayList<>();
    MessageDigest digest = Answers.digest();
    LogReader reader = new LogReader(LogReader.Options.defaults(), d -> {});
    for (Path f : files) {
      if (limit > 0 && items.size() >= limit) {
        break;
      }
      String want = Attack.tactic(f.getParent().getFileName().toString());
      if (want == null) {
        continue; // not filed under a tactic
      }
      StringBuilder events = new StringBuilder();
      int[] n = {0};
      reader.read(
          f,
          e -> {
            if (n[0]++ >= EVENTS_PER_ITEM) {
              return;
            }
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < e.size(); i++) {
              if (!NOISE.matcher(e.name(i)).find()) {
                line.append(e.name(i)).append('=').append(e.value(i)).append("; ");
              }
            }
            String l =
                line.length() > CHARS_PER_EVENT
                    ? line.substring(0, CHARS_PER_EVENT)
                    : line.toString();
            events.append("- ").append(Answers.asData(l, "untrusted-data")).append('\n');
          });
      digest.update(
          (dir.relativize(f) + ":" + Files.size(f) + "\n").getBytes(StandardCharsets.UTF_8));
      String prompt =
          "These are the first events of a Windows event log recorded during an attack, as data:\n"
              + "<untrusted-data>\n"
              + events
              + "</untrusted-data>\n"
              + "Which MITRE ATT&CK tactic do they show? Answer with one of: "
              + String.join(", ", names)
              + ".";
      items.add(new Item(dir.relativize(f).toString(), f.toString(), prompt, want));
    }
    return new TacticTaskSuite(items, HexFormat.of().formatHex(digest.digest()));
  }

  @Override
  public Metric metric() {
    return Metric.accuracy("the recording's ATT&CK tactic");
  }

  /** The last tactic an answer names, as its id. */
  @Override
  String extract(String answer) {
    String lower = answer.toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ');
    String best = null;
    int at = -1;
    for (String t : TACTICS) {
      String title = Attack.title(t).toLowerCase(Locale.ROOT).replace('-', ' ');
      int i = lower.lastIndexOf(title);
      if (i > at) {
        at = i;
        best = t;
      }
    }
    return best;
  }

  /** Tactics of the same stage count as one (defense evasion, stealth, defense impairment). */
  @Override
  boolean matches(String expected, String predicted) {
    return Attack.sameStage(expected, predicted);
  }

  /**
   * Bulwark's hunt over all recordings at once, with SigmaHQ's rules when ../shared has them (as
   * {@code eval logs} uses) and the built-in pack otherwise: a recording's answer is the tactic its
   * detections name most often, the more severe weighing more; none when nothing fires.
   */
  @Override
  public Run runEngine(Embeddings embeddings, int folds, long seed) throws InputException {
    Instant t0 = Instant.now();
    List<Path> rules = LogsSuite.sharedRules();
    LogHunt.Settings settings = LogHunt.Settings.defaults();
    if (!rules.isEmpty()) {
      settings = settings.withRules(rules);
    }
    LogHunt.Result r;
    try {
      r =
          LogHunt.run(
              items().stream().map(it -> Path.of(it.description())).toList(),
              settings,
              Progress.none(),
              d -> {},
              new Cancellation());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InputException("interrupted", e);
    }
    Map<String, Map<String, Double>> votes = new HashMap<>();
    for (var d : r.detections()) {
      Map<String, Double> v =
          votes.computeIfAbsent(Path.of(d.source()).toString(), k -> new HashMap<>());
      for (String t : d.tactics()) {
        // ordinal 0 is the most severe
        v.merge(t, 1 + (Severity.values().length - d.severity().ordinal()) / 10.0, Double::sum);
      }
    }
    List<Outcome> out = new ArrayList<>();
    for (Item it : items()) {
      String p =
          votes.getOrDefault(Path.of(it.description()).toString(), Map.of()).entrySet().stream()
              .max(Map.Entry.comparingByValue())
              .map(Map.Entry::getKey)
              .orElse(null);
      out.add(score(it, p, 0, 0));
    }
    return engineRun(rules.isEmpty() ? "sigma-builtin-vote" : "sigma-sigmahq-vote", 0, out, t0);
  }
}
