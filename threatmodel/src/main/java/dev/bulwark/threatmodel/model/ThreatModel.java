package dev.bulwark.threatmodel.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One threat model, whatever format it was read from: data assets, technical assets with their
 * outgoing communication links, trust boundaries, shared runtimes and risk tracking.
 *
 * <p>{@code sources} maps element keys ({@link #key}) to where they were written; it is not part of
 * a model's content ({@link #withoutSources()} drops it for comparison).
 */
public record ThreatModel(
    String title,
    String author,
    String date,
    String businessCriticality,
    String description,
    List<String> tagsAvailable,
    List<DataAsset> dataAssets,
    List<TechnicalAsset> technicalAssets,
    List<TrustBoundary> trustBoundaries,
    List<SharedRuntime> sharedRuntimes,
    List<RiskTracking> riskTracking,
    Map<String, SourceRef> sources) {

  public ThreatModel {
    title = Objects.requireNonNullElse(title, "");
    author = Objects.requireNonNullElse(author, "");
    date = Objects.requireNonNullElse(date, "");
    businessCriticality = Objects.requireNonNullElse(businessCriticality, "important");
    description = Objects.requireNonNullElse(description, "");
    tagsAvailable = List.copyOf(tagsAvailable);
    dataAssets = List.copyOf(dataAssets);
    technicalAssets = List.copyOf(technicalAssets);
    trustBoundaries = List.copyOf(trustBoundaries);
    sharedRuntimes = List.copyOf(sharedRuntimes);
    riskTracking = List.copyOf(riskTracking);
    sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
  }

  /** Element kinds, as keys of {@link #sources} and of rules' {@code match}. */
  public enum Kind {
    DATA_ASSET("data-asset"),
    TECHNICAL_ASSET("technical-asset"),
    COMMUNICATION_LINK("communication-link"),
    TRUST_BOUNDARY("trust-boundary"),
    SHARED_RUNTIME("shared-runtime");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public static Optional<Kind> parse(String text) {
      for (Kind k : values()) {
        if (k.label.equals(text)) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }
  }

  public static String key(Kind kind, String id) {
    return kind.label() + ":" + id;
  }

  public Optional<SourceRef> source(Kind kind, String id) {
    return Optional.ofNullable(sources.get(key(kind, id)));
  }

  public ThreatModel withoutSources() {
    return new ThreatModel(
        title,
        author,
        date,
        businessCriticality,
        description,
        tagsAvailable,
        dataAssets,
        technicalAssets,
        trustBoundaries,
        sharedRuntimes,
        riskTracking,
        Map.of());
  }

  public Optional<TechnicalAsset> asset(String id) {
    return technicalAssets.stream().filter(a -> a.id().equals(id)).findFirst();
  }

  public Optional<DataAsset> dataAsset(String id) {
    return dataAssets.stream().filter(a -> a.id().equals(id)).findFirst();
  }

  public List<CommunicationLink> links() {
    List<CommunicationLink> out = new ArrayList<>();
    technicalAssets.forEach(a -> out.addAll(a.links()));
    return out;
  }

  /** Checks that every reference names an element that exists; the message names the element. */
  public List<String> danglingReferences() {
    java.util.Set<String> assets = new java.util.HashSet<>();
    technicalAssets.forEach(a -> assets.add(a.id()));
    java.util.Set<String> data = new java.util.HashSet<>();
    dataAssets.forEach(d -> data.add(d.id()));
    java.util.Set<String> boundaries = new java.util.HashSet<>();
    trustBoundaries.forEach(b -> boundaries.add(b.id()));
    List<String> out = new ArrayList<>();
    for (TechnicalAsset a : technicalAssets) {
      checkAll(out, "technical asset " + a.id() + " processes", a.dataProcessed(), data);
      checkAll(out, "technical asset " + a.id() + " stores", a.dataStored(), data);
      for (CommunicationLink l : a.links()) {
        checkAll(out, "link " + l.id() + " targets", List.of(l.targetId()), assets);
        checkAll(out, "link " + l.id() + " sends", l.dataSent(), data);
        checkAll(out, "link " + l.id() + " receives", l.dataReceived(), data);
      }
    }
    for (TrustBoundary b : trustBoundaries) {
      checkAll(out, "trust boundary " + b.id() + " holds", b.assetsInside(), assets);
      checkAll(out, "trust boundary " + b.id() + " nests", b.boundariesNested(), boundaries);
    }
    for (SharedRuntime r : sharedRuntimes) {
      checkAll(out, "shared runtime " + r.id() + " runs", r.assetsRunning(), assets);
    }
    return out;
  }

  private static void checkAll(
      List<String> out, String what, List<String> ids, java.util.Set<String> known) {
    for (String id : ids) {
      if (!known.contains(id)) {
        out.add(what + " unknown '" + id + "'");
      }
    }
  }
}
