package dev.bulwark.mail;

import dev.bulwark.ai.learn.LogisticRegression;
import dev.bulwark.ai.learn.Sparse;
import dev.bulwark.ai.learn.TfIdf;
import java.util.List;

/**
 * The learned part of a mail verdict: a logistic regression over the dense features of {@link
 * MailFeatures#row} and the words of {@link MailFeatures#document}, both classes weighing the same.
 * Trained the same way for {@code bulwark mail train} and for each fold of {@code eval mail}.
 */
public final class MailClassifier {
  private static final int EPOCHS = 600;
  private static final int MIN_DOCS = 2;
  private static final int MAX_TERMS = 20_000;

  /** How much the words count against the shared penalty, relative to the dense features. */
  private static final double WORD_SCALE = 30;

  /** Regularisation per message: the penalty eases as the corpus grows. */
  private static final double PENALTY = 100;

  private final TfIdf words;
  private final LogisticRegression model;

  private MailClassifier(TfIdf words, LogisticRegression model) {
    this.words = words;
    this.model = model;
  }

  /** What a model file keeps. */
  public record Saved(TfIdf.Saved words, LogisticRegression.Saved model) {}

  public static MailClassifier train(double[][] rows, List<String> documents, boolean[] phishing) {
    TfIdf words = TfIdf.fit(documents, MIN_DOCS, MAX_TERMS);
    Sparse[] text = documents.stream().map(words::transform).toArray(Sparse[]::new);
    LogisticRegression lr =
        LogisticRegression.train(
            rows,
            text,
            words.size(),
            phishing,
            new LogisticRegression.Options(PENALTY / rows.length, EPOCHS, true, WORD_SCALE));
    return new MailClassifier(words, lr);
  }

  public static MailClassifier load(Saved s) {
    return new MailClassifier(TfIdf.load(s.words()), LogisticRegression.load(s.model()));
  }

  public Saved save() {
    return new Saved(words.save(), model.save());
  }

  public int features() {
    return model.features();
  }

  /**
   * What pulled one message towards phishing most: up to {@code max} dense features (the meaning of
   * the text counted as one) and words, strongest first, only those that pulled that way.
   */
  public List<String> reasons(double[] row, String document, int max) {
    java.util.Map<String, Double> pull = new java.util.HashMap<>();
    double[] dense = model.contributions(row);
    for (int j = 0; j < dense.length; j++) {
      pull.merge(MailFeatures.column(j), dense[j], Double::sum);
    }
    Sparse text = words.transform(document);
    double[] sparse = model.sparseContributions(text);
    for (int k = 0; k < sparse.length; k++) {
      pull.merge("the words \"" + words.term(text.index()[k]) + "\"", sparse[k], Double::sum);
    }
    return pull.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(max)
        .map(java.util.Map.Entry::getKey)
        .toList();
  }

  public double probability(double[] row, String document) {
    if (row.length != model.features()) {
      throw new IllegalStateException(
          "mail model expects " + model.features() + " features, not " + row.length);
    }
    return model.probability(row, words.transform(document));
  }
}
