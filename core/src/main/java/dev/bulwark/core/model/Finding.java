package dev.bulwark.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One issue found by one analyzer, in the model every report, the store and the AI layer share.
 *
 * <p>The {@code fingerprint} is stable across runs (see {@link Fingerprint}); the first location is
 * the primary one. {@code properties} carry analyzer-specific facts as strings and never hold
 * secret material.
 */
public record Finding(
    String fingerprint,
    String analyzer,
    String ruleId,
    String title,
    String message,
    Severity severity,
    Confidence confidence,
    List<Location> locations,
    List<TaxonomyRef> taxa,
    String remediation,
    Optional<Fix> fix,
    List<CodeFlow> codeFlows,
    Map<String, String> properties) {

  public Finding {
    requireText(fingerprint, "fingerprint");
    requireText(analyzer, "analyzer");
    requireText(ruleId, "ruleId");
    requireText(title, "title");
    requireText(message, "message");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(confidence, "confidence");
    locations = List.copyOf(locations);
    if (locations.isEmpty()) {
      throw new IllegalArgumentException("finding " + ruleId + " has no location");
    }
    taxa = List.copyOf(taxa);
    fix = fix == null ? Optional.empty() : fix;
    codeFlows = List.copyOf(codeFlows);
    properties = Collections.unmodifiableMap(new TreeMap<>(properties));
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("finding " + name + " must not be blank");
    }
  }

  public Location primaryLocation() {
    return locations.get(0);
  }

  /** The CWE ids this finding is filed under, e.g. {@code ["798"]}. */
  public List<String> cwes() {
    return taxa.stream()
        .filter(t -> t.taxonomy() == TaxonomyRef.Taxonomy.CWE)
        .map(TaxonomyRef::id)
        .toList();
  }

  /** A copy with another fingerprint, used to tell apart repeated occurrences. */
  public Finding withFingerprint(String newFingerprint) {
    return new Finding(
        newFingerprint,
        analyzer,
        ruleId,
        title,
        message,
        severity,
        confidence,
        locations,
        taxa,
        remediation,
        fix,
        codeFlows,
        properties);
  }

  /** A copy with another fix attached. */
  public Finding withFix(Fix newFix) {
    return new Finding(
        fingerprint,
        analyzer,
        ruleId,
        title,
        message,
        severity,
        confidence,
        locations,
        taxa,
        remediation,
        Optional.ofNullable(newFix),
        codeFlows,
        properties);
  }

  public static Builder builder(String analyzer, String ruleId) {
    return new Builder(analyzer, ruleId);
  }

  /**
   * Builds a finding; when no fingerprint is set, one is computed from the rule, the primary path
   * and the identity parts (or the primary snippet when none were given).
   *
   * <pre>{@code
   * Finding f = Finding.builder("secrets", "github-pat")
   *     .title("GitHub personal access token")
   *     .message("A GitHub token is committed in config/app.yml")
   *     .severity(Severity.HIGH)
   *     .location(new Location.File("config/app.yml", Region.line(3)))
   *     .identity(secretHash)
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private final String analyzer;
    private final String ruleId;
    private String fingerprint;
    private String title;
    private String message;
    private Severity severity = Severity.MEDIUM;
    private Confidence confidence = Confidence.MEDIUM;
    private final List<Location> locations = new ArrayList<>();
    private final List<TaxonomyRef> taxa = new ArrayList<>();
    private String remediation;
    private Fix fix;
    private final List<CodeFlow> codeFlows = new ArrayList<>();
    private final Map<String, String> properties = new TreeMap<>();
    private final List<String> identity = new ArrayList<>();

    private Builder(String analyzer, String ruleId) {
      this.analyzer = analyzer;
      this.ruleId = ruleId;
    }

    public Builder fingerprint(String value) {
      this.fingerprint = value;
      return this;
    }

    public Builder title(String value) {
      this.title = value;
      return this;
    }

    public Builder message(String value) {
      this.message = value;
      return this;
    }

    public Builder severity(Severity value) {
      this.severity = value;
      return this;
    }

    public Builder confidence(Confidence value) {
      this.confidence = value;
      return this;
    }

    public Builder location(Location value) {
      this.locations.add(value);
      return this;
    }

    public Builder taxon(TaxonomyRef value) {
      this.taxa.add(value);
      return this;
    }

    public Builder taxa(List<TaxonomyRef> values) {
      this.taxa.addAll(values);
      return this;
    }

    public Builder remediation(String value) {
      this.remediation = value;
      return this;
    }

    public Builder fix(Fix value) {
      this.fix = value;
      return this;
    }

    public Builder codeFlow(CodeFlow value) {
      this.codeFlows.add(value);
      return this;
    }

    public Builder property(String key, String value) {
      if (value != null) {
        this.properties.put(key, value);
      }
      return this;
    }

    /** Sets a property through its published key; a null value leaves it unset. */
    public <T> Builder property(PropertyKey<T> key, T value) {
      return value == null ? this : property(key.name(), key.format(value));
    }

    /** Adds a part of what identifies this issue independently of its line number. */
    public Builder identity(String part) {
      this.identity.add(part);
      return this;
    }

    public Finding build() {
      if (locations.isEmpty()) {
        throw new IllegalStateException("finding " + ruleId + " needs a location");
      }
      String fp = fingerprint;
      if (fp == null) {
        Location primary = locations.get(0);
        List<String> parts = new ArrayList<>(identity);
        if (parts.isEmpty()) {
          parts.add(snippetOf(primary));
        }
        fp = Fingerprint.of(ruleId, identityPath(primary), parts.toArray(String[]::new));
      }
      return new Finding(
          fp,
          analyzer,
          ruleId,
          title,
          message,
          severity,
          confidence,
          locations,
          taxa,
          remediation,
          Optional.ofNullable(fix),
          codeFlows,
          properties);
    }

    private static String identityPath(Location location) {
      return switch (location) {
        case Location.Package p -> p.purl();
        case Location.Host h -> h.display();
        default -> location.artifactPath().orElse("");
      };
    }

    private static String snippetOf(Location location) {
      return switch (location) {
        case Location.File f -> f.snippet() == null ? "" : f.snippet();
        case Location.GitBlob g -> g.snippet() == null ? "" : g.snippet();
        case Location.LogEvent e -> e.recordId() == null ? "" : e.recordId();
        case Location.MailPart m -> m.messageIndex() + "/" + m.part();
        default -> "";
      };
    }
  }
}
