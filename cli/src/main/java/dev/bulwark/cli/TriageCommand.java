package dev.bulwark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.ai.embed.Embeddings;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.model.Label;
import dev.bulwark.core.report.FindingJson;
import dev.bulwark.core.terminal.TerminalWriter;
import dev.bulwark.triage.label.LabelStore;
import dev.bulwark.triage.rank.TriageItem;
import dev.bulwark.triage.rank.TriageRanker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "triage",
    mixinStandardHelpOptions = true,
    description = {
      "Learned triage: order findings by the chance your team calls them true positives.",
      "The ranker learns from the team's verdicts (bulwark label) and gives the reasons for each",
      "score."
    },
    subcommands = {TriageCommand.Train.class, TriageCommand.Rank.class})
final class TriageCommand implements Runnable {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "train",
      mixinStandardHelpOptions = true,
      description = "Train the ranker from the labels in the data directory (or a labels file).")
  static final class Train extends DbCommand.WithDataDir implements Callable<Integer> {
    @Option(
        names = "--labels",
        paramLabel = "FILE",
        description = "Train from this labels file instead of the data directory's.")
    Path labels;

    @Override
    public Integer call() throws Exception {
      List<Label> all = labels != null ? LabelStore.read(labels) : new LabelStore(dir()).current();
      TriageRanker ranker;
      try {
        ranker = TriageRanker.train(all, new Embeddings());
      } catch (IllegalArgumentException e) {
        throw new InputException(
            (labels != null ? labels : new LabelStore(dir()).file()) + ": " + e.getMessage(), e);
      }
      Path file = dir().resolve(TriageRanker.FILE);
      ranker.save(file);
      new TerminalWriter(spec.commandLine().getOut())
          .println(
              "trained on "
                  + ranker.size()
                  + " verdicts ("
                  + (all.size() - ranker.size())
                  + " won't-fix or without content left out); ranker written to "
                  + file);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "rank",
      mixinStandardHelpOptions = true,
      description = "Rank the findings of a JSON report, most likely true positive first.")
  static final class Rank extends DbCommand.WithDataDir implements Callable<Integer> {
    @Parameters(paramLabel = "REPORT", description = "A Bulwark JSON report (scan --format json).")
    Path report;

    @Option(names = "--top", paramLabel = "N", description = "Show the first N (default: all).")
    int top = Integer.MAX_VALUE;

    @Option(
        names = "--similar",
        paramLabel = "K",
        description = "Past verdicts shown per finding (default ${DEFAULT-VALUE}).")
    int similar = 2;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the ranking as JSON.")
    Path json;

    @picocli.CommandLine.Mixin OutputPolicy outputPolicy;

    @Override
    public Integer call() throws Exception {
      dev.bulwark.core.files.OutputFile jsonOut = outputPolicy.check(json, List.of(report));
      Path file = dir().resolve(TriageRanker.FILE);
      if (!Files.isRegularFile(file)) {
        throw new InputException(
            file + ": no trained ranker (label findings, then run bulwark triage train)");
      }
      TriageRanker ranker = TriageRanker.load(file);
      JsonNode root;
      try {
        root = JSON.readTree(report.toFile());
      } catch (IOException e) {
        throw new InputException(report + ": not a Bulwark JSON report: " + e.getMessage(), e);
      }
      List<TriageItem> items = new ArrayList<>();
      for (JsonNode f : root.path("findings")) {
        try {
          items.add(TriageItem.of(FindingJson.fromJson(f)));
        } catch (RuntimeException e) {
          throw new InputException(report + ": a finding is malformed: " + e.getMessage(), e);
        }
      }
      List<TriageRanker.Ranked> ranked = ranker.rank(items, new Embeddings(), similar);
      String model =
          TriageRanker.FORMAT
              + " trained "
              + ranker.trainedAt()
              + " on "
              + ranker.size()
              + " verdicts";
      new TerminalWriter(spec.commandLine().getOut()).println("ranked by " + model);
      int n = 0;
      for (TriageRanker.Ranked r : ranked) {
        if (n++ >= top) {
          break;
        }
        TriageItem i = r.item();
        new TerminalWriter(spec.commandLine().getOut())
            .printf(
                Locale.ROOT,
                "%3d. %5.1f%%  %-8s %-28s %s%n",
                n,
                100 * r.probability(),
                i.severity(),
                i.ruleId(),
                i.path());
        if (r.ruleVerdicts() == 0) {
          new TerminalWriter(spec.commandLine().getOut())
              .println("        ! no past verdict on this rule: the score is an extrapolation");
        }
        for (TriageRanker.Reason reason : r.reasons()) {
          new TerminalWriter(spec.commandLine().getOut())
              .printf(
                  Locale.ROOT, "        %s %s%n", reason.pull() > 0 ? "+" : "-", reason.feature());
        }
        for (TriageRanker.Neighbour nb : r.similar()) {
          new TerminalWriter(spec.commandLine().getOut())
              .printf(
                  Locale.ROOT,
                  "        ~ %.2f %s %s %s%n",
                  nb.similarity(),
                  nb.positive() ? "tp" : "fp",
                  nb.path(),
                  nb.note() == null ? "" : "(" + nb.note() + ")");
        }
      }
      if (json != null) {
        ObjectNode out = JSON.createObjectNode();
        out.put("model", model);
        ArrayNode arr = out.putArray("findings");
        for (TriageRanker.Ranked r : ranked) {
          ObjectNode o = arr.addObject();
          o.put("fingerprint", r.item().fingerprint());
          o.put("probability", Math.round(r.probability() * 1e4) / 1e4);
          o.put("ruleVerdicts", r.ruleVerdicts());
          ArrayNode reasons = o.putArray("reasons");
          for (TriageRanker.Reason reason : r.reasons()) {
            reasons
                .addObject()
                .put("feature", reason.feature())
                .put("pull", Math.round(reason.pull() * 1e3) / 1e3);
          }
          ArrayNode near = o.putArray("similar");
          for (TriageRanker.Neighbour nb : r.similar()) {
            near.addObject()
                .put("fingerprint", nb.fingerprint())
                .put("verdict", nb.positive() ? "tp" : "fp")
                .put("similarity", Math.round(nb.similarity() * 1e3) / 1e3)
                .put("note", nb.note());
          }
        }
        jsonOut.write(os -> JSON.writeValue(os, out));
      }
      return ExitCodes.OK;
    }
  }
}
