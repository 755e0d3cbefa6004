package dev.bulwark.secrets.engine;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a team has declared not to be a secret: exact values (or their SHA-256, so that the file
 * holding the allowlist does not itself hold the value), RE2 patterns over the value, and extra
 * stopwords. Path allowlists are applied by the analyzer before a file is read.
 */
public record Allowlist(
    Set<String> values, Set<String> sha256s, List<Pattern> patterns, List<String> stopwords) {

  public Allowlist {
    values = Set.copyOf(values);
    sha256s = Set.copyOf(sha256s);
    patterns = List.copyOf(patterns);
    stopwords = stopwords.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
  }

  public static Allowlist empty() {
    return new Allowlist(Set.of(), Set.of(), List.of(), List.of());
  }

  /** Both allowlists together. */
  public Allowlist merge(Allowlist other) {
    java.util.Set<String> v = new java.util.HashSet<>(values);
    v.addAll(other.values);
    java.util.Set<String> h = new java.util.HashSet<>(sha256s);
    h.addAll(other.sha256s);
    java.util.List<Pattern> p = new java.util.ArrayList<>(patterns);
    p.addAll(other.patterns);
    java.util.List<String> w = new java.util.ArrayList<>(stopwords);
    w.addAll(other.stopwords);
    return new Allowlist(v, h, p, w);
  }

  /**
   * Values published in vendors' documentation as examples, which appear verbatim in tutorials,
   * tests and READMEs; shipped as {@code rules/secrets/known-examples.txt}.
   */
  public static Allowlist documentationExamples() {
    java.util.Set<String> values = new java.util.HashSet<>();
    try (java.io.InputStream in =
        Allowlist.class.getClassLoader().getResourceAsStream("rules/secrets/known-examples.txt")) {
      if (in == null) {
        throw new IllegalStateException("rules/secrets/known-examples.txt is missing");
      }
      for (String line :
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\\R")) {
        String l = line.strip();
        if (!l.isEmpty() && !l.startsWith("#")) {
          values.add(l);
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read known-examples.txt", e);
    }
    return new Allowlist(values, Set.of(), List.of(), List.of());
  }

  public boolean allows(Secret secret) {
    String v = secret.reveal();
    if (values.contains(v) || sha256s.contains(secret.sha256())) {
      return true;
    }
    for (Pattern p : patterns) {
      if (p.matcher(v).find()) {
        return true;
      }
    }
    if (!stopwords.isEmpty()) {
      String lower = v.toLowerCase(Locale.ROOT);
      for (String w : stopwords) {
        if (lower.contains(w)) {
          return true;
        }
      }
    }
    return false;
  }
}
