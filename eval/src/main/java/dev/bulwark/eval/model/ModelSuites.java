package dev.bulwark.eval.model;

import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The model suites Bulwark runs, by name, with where each one's data lives by default. */
public final class ModelSuites {
  private ModelSuites() {}

  interface Loader {
    ModelSuite load(Path data, int limit) throws IOException, InputException;
  }

  /**
   * A suite: its name, its default data (relative to Bulwark's home), whether the data is a folder,
   * whether answers need a judge model, and how it loads.
   */
  record Entry(String name, String defaultData, boolean folder, boolean judge, Loader loader) {}

  private static final String CTI = "../shared/data/evals/ctibench/";
  private static final String CSE = "../shared/data/evals/cyberseceval/";

  private static final List<Entry> ALL =
      List.of(
          new Entry(RcmSuite.NAME, CTI + "cti-rcm.tsv", false, false, RcmSuite::load),
          new Entry(McqSuite.NAME, CTI + "cti-mcq.tsv", false, false, McqSuite::load),
          new Entry(VspSuite.NAME, CTI + "cti-vsp.tsv", false, false, VspSuite::load),
          new Entry(AteSuite.NAME, CTI + "cti-ate.tsv", false, false, AteSuite::load),
          new Entry(TaaSuite.NAME, CTI + "cti-taa.tsv", false, false, TaaSuite::load),
          new Entry(
              FalseRefusalSuite.NAME,
              CSE + "mitre_frr.json",
              false,
              false,
              FalseRefusalSuite::load),
          new Entry(
              PromptInjectionSuite.NAME,
              CSE + "prompt_injection.json",
              false,
              false,
              PromptInjectionSuite::load),
          new Entry(
              InterpreterSuite.NAME, CSE + "interpreter.json", false, true, InterpreterSuite::load),
          new Entry(
              TriageTaskSuite.NAME,
              "corpora/triage/labels.jsonl",
              false,
              false,
              (p, n) -> TriageTaskSuite.load(p, n)),
          new Entry(
              TacticTaskSuite.NAME,
              "../shared/data/evtx/EVTX-ATTACK-SAMPLES",
              true,
              false,
              TacticTaskSuite::load),
          new Entry(
              PhishingTaskSuite.NAME,
              "../shared/data/phishing",
              true,
              false,
              PhishingTaskSuite::load));

  public static List<String> names() {
    return ALL.stream().map(Entry::name).toList();
  }

  /** The suites Bulwark's own engines answer ({@code --model bulwark}). */
  public static List<String> withEngine() {
    return List.of(
        RcmSuite.NAME,
        VspSuite.NAME,
        TriageTaskSuite.NAME,
        TacticTaskSuite.NAME,
        PhishingTaskSuite.NAME);
  }

  /** Where a suite's data is when none is given, under Bulwark's home. */
  public static Path defaultData(String name, Path home) throws InputException {
    return home.resolve(entry(name).defaultData()).normalize();
  }

  /** Whether a suite's answers can only be graded by a judge model. */
  public static boolean needsJudge(String name) throws InputException {
    return entry(name).judge();
  }

  public static ModelSuite load(String name, Path data, int limit)
      throws IOException, InputException {
    Entry e = entry(name);
    if (e.folder() ? !Files.isDirectory(data) : !Files.isRegularFile(data)) {
      throw new InputException(
          data + ": suite " + (e.folder() ? "folder" : "file") + " not found for " + name);
    }
    return e.loader().load(data, limit);
  }

  private static Entry entry(String name) throws InputException {
    return ALL.stream()
        .filter(e -> e.name().equals(name))
        .findFirst()
        .orElseThrow(() ->
            new InputException(
                "unknown suite '" + name + "' (known: " + String.join(", ", names()) + ")"));
  }
}
