package dev.bulwark.eval.mail;

import dev.bulwark.ai.embed.Embeddings;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.eval.Home;
import dev.bulwark.eval.Metrics;
import dev.bulwark.eval.Scorecard;
import dev.bulwark.eval.Suite;
import dev.bulwark.mail.MailChecks;
import dev.bulwark.mail.MailClassifier;
import dev.bulwark.mail.MailCorpus;
import dev.bulwark.mail.MailFeatures;
import dev.bulwark.mail.MailVerdict;
import dev.bulwark.mail.message.MailMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Phishing vs not (ham and spam) on a corpus with {@code labels.csv} (file,label,…): the
 * explainable checks alone, and the learned model (checks, message shape and text embedding) under
 * 5-fold stratified cross-validation — once with every header and once with the headers receiving
 * servers add stripped, so that a model keying on the era of old ham cannot pass. The score is the
 * learned model's F1 without those headers.
 */
public final class MailSuite implements Suite {
  private static final int FOLDS = 5;

  /** Parameter: a second labelled corpus, never trained on, to score the trained model on. */
  public static final String HELD_OUT = "held-out";

  /**
   * Parameter: "true" to list, for every check that fired, on how many phishing, spam and ham
   * messages it did so, with all headers and with era headers stripped.
   */
  public static final String BY_CHECK = "by-check";

  /** Parameter: the seed that deals messages into folds (42 unless given). */
  public static final String SEED = "seed";

  @Override
  public String name() {
    return "mail";
  }

  @Override
  public String description() {
    return "Phishing detection: explainable checks, and the learned model under 5-fold cross-validation with and without era headers";
  }

  @Override
  public Path defaultCorpus() {
    return Home.dir().resolve("../shared/data/phishing").normalize();
  }

  @Override
  public String corpusLayout() {
    return "a directory of messages (.eml, .msg, mbox) with a labels.csv of file,label rows"
        + " (label phishing, spam or ham)";
  }

  @Override
  public Scorecard run(Options options) throws InputException, IOException, InterruptedException {
    Instant t0 = Instant.now();
    List<String> errors = new ArrayList<>();
    MailCorpus dev = MailCorpus.load(options.corpus(), errors::add);
    List<MailMessage> messages = dev.messages();
    List<String> classes = dev.classes();
    boolean[] y = dev.phishing();
    Embeddings embeddings = new Embeddings();
    List<MailVerdict> full = messages.stream().map(MailChecks::judge).toList();
    List<MailVerdict> stripped =
        messages.stream().map(MailFeatures::stripEraHeaders).map(MailChecks::judge).toList();
    boolean[] heuristic = new boolean[y.length];
    boolean[] heuristicStripped = new boolean[y.length];
    for (int i = 0; i < y.length; i++) {
      heuristic[i] = full.get(i).verdict() != MailVerdict.Verdict.CLEAN;
      heuristicStripped[i] = stripped.get(i).verdict() != MailVerdict.Verdict.CLEAN;
    }
    long seed;
    try {
      seed = Long.parseLong(options.params().getOrDefault(SEED, "42"));
    } catch (NumberFormatException e) {
      throw new InputException("seed must be a whole number, got " + options.params().get(SEED));
    }
    // embedded once, for cross-validation and for the held-out model alike
    double[][] rowsFull = MailFeatures.rows(full, embeddings);
    double[][] rowsStripped = MailFeatures.rows(stripped, embeddings);
    boolean[] learnedFull = crossValidate(rowsFull, documents(full), y, seed);
    boolean[] learnedStripped = crossValidate(rowsStripped, documents(stripped), y, seed);

    Metrics mHeur = metrics(heuristic, y);
    Metrics mHeurStripped = metrics(heuristicStripped, y);
    Metrics mFull = metrics(learnedFull, y);
    Metrics mStrip = metrics(learnedStripped, y);
    List<Scorecard.Category> cats = new ArrayList<>();
    cats.add(new Scorecard.Category("checks alone", mHeur, mHeur.f1()));
    cats.add(new Scorecard.Category("learned, all headers", mFull, mFull.f1()));
    cats.add(new Scorecard.Category("learned, era headers stripped", mStrip, mStrip.f1()));
    cats.add(
        new Scorecard.Category(
            "checks alone, era headers stripped", mHeurStripped, mHeurStripped.f1()));
    for (String cls : List.of("phishing", "ham", "spam")) {
      int n = 0;
      int flagged = 0;
      for (int i = 0; i < y.length; i++) {
        if (classes.get(i).equals(cls)) {
          n++;
          flagged += learnedStripped[i] ? 1 : 0;
        }
      }
      if (n > 0) {
        Metrics m =
            cls.equals("phishing")
                ? new Metrics(flagged, 0, n - flagged, 0)
                : new Metrics(0, flagged, 0, n - flagged);
        cats.add(new Scorecard.Category("class " + cls + " (stripped)", m));
      }
    }
    Map<String, String> facts = new LinkedHashMap<>();
    String heldOut = options.params().get(HELD_OUT);
    if (heldOut != null) {
      // trained once on the whole development corpus, scored on messages it never saw
      MailCorpus test = MailCorpus.load(Path.of(heldOut), errors::add);
      for (boolean strip : new boolean[] {false, true}) {
        List<MailVerdict> train = strip ? stripped : full;
        List<MailVerdict> judged =
            test.messages().stream()
                .map(m -> strip ? MailFeatures.stripEraHeaders(m) : m)
                .map(MailChecks::judge)
                .toList();
        MailClassifier model =
            MailClassifier.train(strip ? rowsStripped : rowsFull, documents(train), y);
        double[][] rows = MailFeatures.rows(judged, embeddings);
        List<String> docs = documents(judged);
        boolean[] predicted = new boolean[judged.size()];
        for (int i = 0; i < predicted.length; i++) {
          predicted[i] = model.probability(rows[i], docs.get(i)) >= 0.5;
        }
        Metrics m = metrics(predicted, test.phishing());
        String name = "held-out, " + (strip ? "era headers stripped" : "all headers");
        cats.add(new Scorecard.Category(name, m, m.f1()));
        facts.put("F1 " + name, pct(m.f1()));
      }
      facts.put("held-out messages", Integer.toString(test.messages().size()));
    }

    facts.put("messages", Integer.toString(messages.size()));
    facts.put("folds", FOLDS + " (stratified, seed " + seed + ")");
    facts.put("F1 checks alone", pct(mHeur.f1()));
    facts.put("F1 checks alone, era headers stripped", pct(mHeurStripped.f1()));
    facts.put("ham flagged by the checks alone", flaggedShare(heuristic, classes, "ham"));
    facts.put(
        "ham flagged by the checks alone, era headers stripped",
        flaggedShare(heuristicStripped, classes, "ham"));
    facts.put("F1 learned, all headers", pct(mFull.f1()));
    facts.put("F1 learned, era headers stripped", pct(mStrip.f1()));
    if (Boolean.parseBoolean(options.params().getOrDefault(BY_CHECK, "false"))) {
      facts.putAll(byCheck(full, stripped, classes));
    }
    return new Scorecard(
        name(),
        description(),
        name() + "_score",
        100 * mStrip.f1(),
        mStrip,
        cats,
        facts,
        Duration.between(t0, Instant.now()),
        errors);
  }

  /**
   * One fact per check that fired: on how many messages of each class, with all headers and with
   * era headers stripped — which checks find phishing, and which ones honest mail sets off.
   */
  static Map<String, String> byCheck(
      List<MailVerdict> full, List<MailVerdict> stripped, List<String> classes) {
    List<String> order = List.of("phishing", "spam", "ham");
    Map<String, int[][]> hits = new java.util.TreeMap<>();
    List<List<MailVerdict>> runs = List.of(full, stripped);
    for (int run = 0; run < 2; run++) {
      for (int i = 0; i < classes.size(); i++) {
        int cls = order.indexOf(classes.get(i));
        if (cls < 0) {
          continue;
        }
        java.util.Set<String> fired = new java.util.HashSet<>();
        for (var reason : runs.get(run).get(i).reasons()) {
          fired.add(reason.code());
        }
        for (String code : fired) {
          hits.computeIfAbsent(code, k -> new int[2][3])[run][cls]++;
        }
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    hits.forEach((code, h) ->
        out.put(
            "check " + code,
            String.format(
                Locale.ROOT,
                "phishing %d, spam %d, ham %d; era headers stripped: phishing %d, spam %d, ham %d",
                h[0][0],
                h[0][1],
                h[0][2],
                h[1][0],
                h[1][1],
                h[1][2])));
    return out;
  }

  private static List<String> documents(List<MailVerdict> verdicts) {
    return verdicts.stream().map(v -> MailFeatures.document(v.message())).toList();
  }

  /** Predictions for every item from a model trained on the other folds. */
  static boolean[] crossValidate(double[][] x, List<String> docs, boolean[] y, long seed) {
    int n = y.length;
    int[] fold = new int[n];
    Random r = new Random(seed);
    int[] next = new int[2];
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    java.util.Collections.shuffle(order, r);
    for (int i : order) {
      int c = y[i] ? 1 : 0;
      fold[i] = next[c]++ % FOLDS;
    }
    boolean[] out = new boolean[n];
    for (int f = 0; f < FOLDS; f++) {
      List<double[]> tx = new ArrayList<>();
      List<String> td = new ArrayList<>();
      List<Boolean> ty = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (fold[i] != f) {
          tx.add(x[i]);
          td.add(docs.get(i));
          ty.add(y[i]);
        }
      }
      boolean[] tyArr = new boolean[ty.size()];
      for (int i = 0; i < tyArr.length; i++) {
        tyArr[i] = ty.get(i);
      }
      // the vocabulary, too, is learned from the training folds only
      MailClassifier m = MailClassifier.train(tx.toArray(double[][]::new), td, tyArr);
      for (int i = 0; i < n; i++) {
        if (fold[i] == f) {
          out[i] = m.probability(x[i], docs.get(i)) >= 0.5;
        }
      }
    }
    return out;
  }

  private static Metrics metrics(boolean[] predicted, boolean[] y) {
    int tp = 0;
    int fp = 0;
    int fn = 0;
    int tn = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] && predicted[i]) {
        tp++;
      } else if (y[i]) {
        fn++;
      } else if (predicted[i]) {
        fp++;
      } else {
        tn++;
      }
    }
    return new Metrics(tp, fp, fn, tn);
  }

  /** "n/N = p%" of the messages of one class that were flagged. */
  private static String flaggedShare(boolean[] flagged, List<String> classes, String cls) {
    int n = 0;
    int hit = 0;
    for (int i = 0; i < flagged.length; i++) {
      if (classes.get(i).equals(cls)) {
        n++;
        hit += flagged[i] ? 1 : 0;
      }
    }
    return n == 0
        ? "n/a"
        : hit + "/" + n + " = " + String.format(Locale.ROOT, "%.1f%%", 100.0 * hit / n);
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
