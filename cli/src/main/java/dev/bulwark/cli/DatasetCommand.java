package dev.bulwark.cli;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.model.Label;
import dev.bulwark.core.report.ToolInfo;
import dev.bulwark.secrets.engine.Allowlist;
import dev.bulwark.secrets.engine.SecretEngine;
import dev.bulwark.secrets.engine.SecretMatch;
import dev.bulwark.secrets.rules.RuleLoader;
import dev.bulwark.triage.dataset.DatasetExporter;
import dev.bulwark.triage.dataset.Redactor;
import dev.bulwark.triage.label.LabelStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bulwark dataset}: the team's labels as training data. */
@Command(
    name = "dataset",
    mixinStandardHelpOptions = true,
    description = "Training data from defenders' labels.",
    subcommands = {DatasetCommand.Export.class})
final class DatasetCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = {
        "Write the team's verdicts as training data.",
        "dataset.jsonl (generic records), chat.jsonl (chat fine-tuning format) and DATASHEET.md",
        "go into DIR, with secrets and personal data redacted."
      })
  static final class Export extends DbCommand.WithDataDir implements Callable<Integer> {
    @Option(
        names = {"-o", "--output"},
        required = true,
        paramLabel = "DIR")
    Path out;

    @Option(
        names = "--labels",
        paramLabel = "FILE",
        description = "A labels file instead of the data directory's.")
    Path labels;

    @picocli.CommandLine.Mixin OutputPolicy outputPolicy;

    @Override
    public Integer call() throws Exception {
      outputPolicy.checkDirectory(out, labels == null ? List.of(dir()) : List.of(labels, dir()));
      List<Label> all;
      try {
        all = labels != null ? LabelStore.read(labels) : new LabelStore(dir()).current();
      } catch (IOException e) {
        throw new InputException(e.getMessage());
      }
      if (all.isEmpty()) {
        throw new InputException("no labels to export (record some with bulwark label)");
      }
      Redactor redactor = secrets().then(Redactor.personalData());
      DatasetExporter.Stats s =
          DatasetExporter.export(
              all, redactor, out, ToolInfo.current().name() + " " + ToolInfo.current().version());
      spec.commandLine()
          .getOut()
          .println(
              "exported "
                  + s.records()
                  + " records ("
                  + s.byVerdict()
                  + "), "
                  + s.redactions()
                  + " texts redacted, to "
                  + out);
      return ExitCodes.OK;
    }
  }

  /** Every secret the secrets rules find in a text, replaced by its rule id. */
  static Redactor secrets() throws InputException {
    SecretEngine engine = SecretEngine.create(RuleLoader.builtIn(), Allowlist.empty());
    return text -> {
      if (text == null || text.isEmpty()) {
        return text;
      }
      String out = text;
      for (SecretMatch m : engine.scan("dataset", text.getBytes(StandardCharsets.UTF_8))) {
        String value = m.secret().reveal();
        if (!value.isEmpty()) {
          out = out.replace(value, "<redacted:" + m.rule().id() + ">");
        }
      }
      return out;
    };
  }
}
