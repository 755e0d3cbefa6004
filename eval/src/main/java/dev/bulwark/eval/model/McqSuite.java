package dev.bulwark.eval.model;

import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** CTIBench MCQ: multiple choice; the last standalone letter A–D of the answer counts. */
final class McqSuite extends ModelSuite {
  static final String NAME = "ctibench-mcq";
  private static final Pattern LETTER = Pattern.compile("\\b([ABCD])\\b");

  private McqSuite(List<Item> items, String sha256) {
    super(NAME, items, sha256);
  }

  static McqSuite load(Path file, int limit) throws IOException, InputException {
    CtiTsv.Loaded tsv =
        CtiTsv.load(
            file,
            List.of("URL", "Question", "Prompt", "GT"),
            "URL, Question, Option A-D, Prompt, GT");
    List<Item> items =
        tsv.items("Question", limit).stream()
            .map(it ->
                new Item(
                    it.id(), it.description(), it.prompt(), it.expected().toUpperCase(Locale.ROOT)))
            .toList();
    return new McqSuite(items, tsv.sha256());
  }

  @Override
  public Metric metric() {
    return Metric.accuracy("answer letter, exact");
  }

  @Override
  String extract(String answer) {
    return Answers.last(LETTER, answer);
  }
}
