package dev.bulwark.eval.model;

import dev.bulwark.core.errors.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CTIBench TAA: a threat report with the actor's name blanked out — who is it? The published file
 * carries no answer key, so the key is read from the report's own address (most name the actor,
 * "…/turla-venomous-bear-updates…") through ATT&CK's group aliases; a report whose address names no
 * group, or more than one, is left out and counted. An answer is right when the last group it names
 * is the key's group under any of its aliases ("Cozy Bear" for APT29).
 */
final class TaaSuite extends ModelSuite {
  static final String NAME = "ctibench-taa";

  /** ATT&CK group id → its names, the canonical one first. */
  private static final Map<String, List<String>> GROUPS = groups();

  private static final Pattern NON_WORD = Pattern.compile("[^a-z0-9]+");

  private TaaSuite(List<Item> items, String sha256, int skipped) {
    super(
        NAME,
        items,
        sha256,
        skipped,
        skipped == 0 ? "" : skipped + " reports whose address names no single ATT&CK group");
  }

  static TaaSuite load(Path file, int limit) throws IOException, InputException {
    CtiTsv.Loaded tsv = CtiTsv.load(file, List.of("URL", "Text", "Prompt"), "URL, Text, Prompt");
    List<Item> items = new ArrayList<>();
    int skipped = 0;
    for (CtiTsv.Row r : tsv.rows()) {
      if (limit > 0 && items.size() + skipped >= limit) {
        break;
      }
      Set<String> named = groupsIn(r.get("URL"), true);
      if (named.size() != 1) {
        skipped++;
        continue;
      }
      String group = named.iterator().next();
      items.add(new Item(r.id(), r.get("Text"), r.get("Prompt"), group));
    }
    return new TaaSuite(items, tsv.sha256(), skipped);
  }

  @Override
  public Metric metric() {
    return Metric.accuracy("the report's actor, any ATT&CK alias");
  }

  /** The ATT&CK group the answer names last, as its id (G0016). */
  @Override
  String extract(String answer) {
    return lastGroup(answer);
  }

  static String lastGroup(String answer) {
    String text = " " + NON_WORD.matcher(answer.toLowerCase(Locale.ROOT)).replaceAll(" ") + " ";
    String best = null;
    int bestEnd = -1;
    for (Map.Entry<String, List<String>> g : GROUPS.entrySet()) {
      for (String name : g.getValue()) {
        String n = " " + normal(name) + " ";
        int at = text.lastIndexOf(n);
        if (at >= 0 && at + n.length() > bestEnd) {
          bestEnd = at + n.length();
          best = g.getKey();
        }
      }
    }
    return best;
  }

  /** Answers and keys are group ids; the run record shows the canonical name beside the id. */
  @Override
  Outcome score(Item it, String predicted, int promptTokens, int completionTokens) {
    boolean correct = it.expected().equals(predicted);
    return new Outcome(
        it.id(),
        label(it.expected()),
        predicted == null ? null : label(predicted),
        correct,
        correct ? 1 : 0,
        promptTokens,
        completionTokens);
  }

  private static String label(String id) {
    return id + " " + GROUPS.getOrDefault(id, List.of("?")).get(0);
  }

  /**
   * The groups a text names. In an address, words run together too ("blindeagle"), so a name of six
   * letters or more also counts when it fills one word of the address, with or without a plural s.
   */
  static Set<String> groupsIn(String text, boolean address) {
    String lower = text.toLowerCase(Locale.ROOT);
    String spaced = " " + NON_WORD.matcher(lower).replaceAll(" ") + " ";
    Set<String> words = new LinkedHashSet<>(List.of(spaced.strip().split(" ")));
    Set<String> out = new LinkedHashSet<>();
    for (Map.Entry<String, List<String>> g : GROUPS.entrySet()) {
      for (String name : g.getValue()) {
        String n = normal(name);
        if (n.length() < 4) {
          continue; // too short to tell apart from ordinary words in an address
        }
        String joined = n.replace(" ", "");
        if (spaced.contains(" " + n + " ")
            || (address
                && joined.length() >= 6
                && (words.contains(joined) || words.contains(joined + "s")))) {
          out.add(g.getKey());
        }
      }
    }
    return out;
  }

  private static String normal(String name) {
    return NON_WORD.matcher(name.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
  }

  private static Map<String, List<String>> groups() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                TaaSuite.class.getResourceAsStream("attack-groups.tsv"), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] c = line.split("\t");
        out.put(c[0], List.of(c).subList(1, c.length));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
