package dev.bulwark.eval.model;

import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The model suites Bulwark runs, by name, with where each one's data lives by default. */
public final class ModelSuites {
  private ModelSuites() {}

  interface Loader {
    ModelSuite load(Path data, int limit) throws IOException, InputException;
  }

  /** What sets a suite apart from a plain file of items a model answers. */
  enum Trait {
    /** Its data is a folder, not one file. */
    FOLDER,
    /** Its answers can only be graded by a judge model. */
    JUDGE,
    /** Bulwark's own engine answers it too ({@code --model bulwark}). */
    ENGINE
  }

  /** A suite: its name, its default data (relative to Bulwark's home), its traits, its loader. */
  record Entry(String name, String defaultData, Set<Trait> traits, Loader loader) {}

  private static final String CTI = "../shared/data/evals/ctibench/";
  private static final String CSE = "../shared/data/evals/cyberseceval/";

  private static final List<Entry> ALL =
      List.of(
          new Entry(RcmSuite.NAME, CTI + "cti-rcm.tsv", Set.of(Trait.ENGINE), RcmSuite::load),
          new Entry(McqSuite.NAME, CTI + "cti-mcq.tsv", Set.of(), McqSuite::load),
          new Entry(VspSuite.NAME, CTI + "cti-vsp.tsv", Set.of(Trait.ENGINE), VspSuite::load),
          new Entry(AteSuite.NAME, CTI + "cti-ate.tsv", Set.of(), AteSuite::load),
          new Entry(TaaSuite.NAME, CTI + "cti-taa.tsv", Set.of(), TaaSuite::load),
          new Entry(
              FalseRefusalSuite.NAME, CSE + "mitre_frr.json", Set.of(), FalseRefusalSuite::load),
          new Entry(
              PromptInjectionSuite.NAME,
              CSE + "prompt_injection.json",
              Set.of(),
              PromptInjectionSuite::load),
          new Entry(
              InterpreterSuite.NAME,
              CSE + "interpreter.json",
              Set.of(Trait.JUDGE),
              InterpreterSuite::load),
          new Entry(
              TriageTaskSuite.NAME,
              "corpora/triage/labels.jsonl",
              Set.of(Trait.ENGINE),
              (p, n) -> TriageTaskSuite.load(p, n)),
          new Entry(
              TacticTaskSuite.NAME,
              "../shared/data/evtx/EVTX-ATTACK-SAMPLES",
              Set.of(Trait.FOLDER, Trait.ENGINE),
              TacticTaskSuite::load),
          new Entry(
              PhishingTaskSuite.NAME,
              "../shared/data/phishing",
              Set.of(Trait.FOLDER, Trait.ENGINE),
              PhishingTaskSuite::load));

  public static List<String> names() {
    return ALL.stream().map(Entry::name).toList();
  }

  /** The suites Bulwark's own engines answer ({@code --model bulwark}). */
  public static List<String> withEngine() {
    return ALL.stream().filter(e -> e.traits().contains(Trait.ENGINE)).map(Entry::name).toList();
  }

  /** Where a suite's data is when none is given, under Bulwark's home. */
  public static Path defaultData(String name, Path home) throws InputException {
    return home.resolve(entry(name).defaultData()).normalize();
  }

  /** Whether a suite's answers can only be graded by a judge model. */
  public static boolean needsJudge(String name) throws InputException {
    return entry(name).traits().contains(Trait.JUDGE);
  }

  public static ModelSuite load(String name, Path data, int limit)
      throws IOException, InputException {
    Entry e = entry(name);
    boolean folder = e.traits().contains(Trait.FOLDER);
    if (folder ? !Files.isDirectory(data) : !Files.isRegularFile(data)) {
      throw new InputException(
          data
              + ": suite "
              + (folder ? "folder" : "file")
              + " not found for "
              + name
              + ". Bulwark does not ship the public benchmark suites; pass --data "
              + (folder ? "DIR" : "FILE")
              + " with the suite's published data");
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
