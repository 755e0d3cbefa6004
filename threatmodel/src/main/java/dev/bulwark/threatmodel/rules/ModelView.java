package dev.bulwark.threatmodel.rules;

import dev.bulwark.threatmodel.model.CommunicationLink;
import dev.bulwark.threatmodel.model.Confidentiality;
import dev.bulwark.threatmodel.model.Criticality;
import dev.bulwark.threatmodel.model.DataAsset;
import dev.bulwark.threatmodel.model.SharedRuntime;
import dev.bulwark.threatmodel.model.TechnicalAsset;
import dev.bulwark.threatmodel.model.ThreatModel;
import dev.bulwark.threatmodel.model.TrustBoundary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The properties rules read, over one model: an element's own fields (snake_case, as in Threagile
 * files) and derived ones such as {@code highest_confidentiality}, {@code tech.ATTRIBUTE} and
 * {@code crosses_trust_boundary}. The full list is in {@code docs/threatmodel-rules.md}.
 */
public final class ModelView {
  static final Set<String> ENCRYPTED =
      Set.of(
          "https",
          "wss",
          "jdbc-encrypted",
          "odbc-encrypted",
          "nosql-access-protocol-encrypted",
          "sql-access-protocol-encrypted",
          "binary-encrypted",
          "text-encrypted",
          "ssh",
          "ssh-tunnel",
          "ftps",
          "sftp",
          "scp",
          "ldaps",
          "reverse-proxy-web-protocol-encrypted",
          "iiop-encrypted",
          "jrmp-encrypted",
          "smb-encrypted",
          "smtp-encrypted",
          "pop3-encrypted",
          "imap-encrypted");
  static final Set<String> PROCESS_LOCAL =
      Set.of("in-process-library-call", "in-memory", "local-file-access", "container-spawning");

  final ThreatModel model;
  final Technologies tech;
  private final Map<String, TechnicalAsset> assets = new HashMap<>();
  private final Map<String, DataAsset> data = new HashMap<>();
  private final Map<String, List<CommunicationLink>> incoming = new HashMap<>();
  private final Map<String, TrustBoundary> networkBoundaryOf = new HashMap<>();
  private final Map<String, TrustBoundary> boundaryOf = new HashMap<>();
  private final Map<String, SharedRuntime> runtimeOf = new HashMap<>();

  public ModelView(ThreatModel model, Technologies tech) {
    this.model = model;
    this.tech = tech;
    model.technicalAssets().forEach(a -> assets.put(a.id(), a));
    model.dataAssets().forEach(d -> data.put(d.id(), d));
    for (CommunicationLink l : model.links()) {
      incoming.computeIfAbsent(l.targetId(), k -> new ArrayList<>()).add(l);
    }
    Map<String, String> parent = new HashMap<>();
    Map<String, TrustBoundary> byId = new HashMap<>();
    for (TrustBoundary b : model.trustBoundaries()) {
      byId.put(b.id(), b);
      b.boundariesNested().forEach(n -> parent.put(n, b.id()));
    }
    for (TrustBoundary b : model.trustBoundaries()) {
      for (String a : b.assetsInside()) {
        boundaryOf.put(a, b);
        // the nearest enclosing network boundary decides which network an asset is in
        TrustBoundary n = b;
        while (n != null && !n.isNetwork()) {
          n = byId.get(parent.get(n.id()));
        }
        if (n != null) {
          networkBoundaryOf.put(a, n);
        }
      }
    }
    for (SharedRuntime r : model.sharedRuntimes()) {
      r.assetsRunning().forEach(a -> runtimeOf.put(a, r));
    }
  }

  /** The elements a rule with this {@code match} looks at. */
  public List<?> elements(ThreatModel.Kind kind) {
    return switch (kind) {
      case TECHNICAL_ASSET -> model.technicalAssets();
      case COMMUNICATION_LINK -> model.links();
      case DATA_ASSET -> model.dataAssets();
      case TRUST_BOUNDARY -> model.trustBoundaries();
      case SHARED_RUNTIME -> model.sharedRuntimes();
    };
  }

  public TechnicalAsset asset(String id) {
    return assets.get(id);
  }

  List<CommunicationLink> incoming(String assetId) {
    return incoming.getOrDefault(assetId, List.of());
  }

  /**
   * The value of {@code path} on {@code element}, or {@link Missing} when it has no such property.
   */
  Object get(Object element, String path) {
    int dot = path.indexOf('.');
    if (dot > 0 && !path.startsWith("tech.") && !path.startsWith("model_has.")) {
      Object next = get(element, path.substring(0, dot));
      return next == null || next instanceof Missing ? next : get(next, path.substring(dot + 1));
    }
    return switch (element) {
      case TechnicalAsset a -> asset(a, path);
      case CommunicationLink l -> link(l, path);
      case DataAsset d -> dataAsset(d, path);
      case TrustBoundary b -> boundary(b, path);
      case SharedRuntime r -> runtime(r, path);
      default -> Missing.INSTANCE;
    };
  }

  /** A property the element does not have (a rule file's mistake, reported when rules load). */
  enum Missing {
    INSTANCE
  }

  private Object asset(TechnicalAsset a, String p) {
    if (p.startsWith("tech.")) {
      String attr = p.substring(5);
      return a.technologies().stream().anyMatch(t -> tech.has(t, attr));
    }
    if (p.startsWith("model_has.")) {
      String attr = p.substring(10);
      return model.technicalAssets().stream()
          .anyMatch(x -> x.technologies().stream().anyMatch(t -> tech.has(t, attr)));
    }
    return switch (p) {
      case "id" -> a.id();
      case "title" -> a.title();
      case "type" -> a.type();
      case "usage" -> a.usage();
      case "size" -> a.size();
      case "machine" -> a.machine();
      case "encryption" -> a.encryption();
      case "technology" -> a.technologies();
      case "tags" -> a.tags();
      case "data_formats_accepted" -> a.dataFormatsAccepted();
      case "out_of_scope" -> a.outOfScope();
      case "internet" -> a.internet();
      case "used_as_client_by_human" -> a.usedAsClientByHuman();
      case "multi_tenant" -> a.multiTenant();
      case "redundant" -> a.redundant();
      case "custom_developed_parts" -> a.customDevelopedParts();
      case "confidentiality" -> a.confidentiality();
      case "integrity" -> a.integrity();
      case "availability" -> a.availability();
      case "highest_confidentiality" -> highestC(a);
      case "highest_integrity" -> highest(a, true);
      case "highest_availability" -> highest(a, false);
      case "data_processed" -> ids(a.dataProcessed());
      case "data_stored" -> ids(a.dataStored());
      case "outgoing" -> a.links();
      case "incoming" -> incoming(a.id());
      case "trust_boundary" ->
          networkBoundaryOf.containsKey(a.id()) ? networkBoundaryOf.get(a.id()).id() : "";
      case "trust_boundary_type" ->
          boundaryOf.containsKey(a.id()) ? boundaryOf.get(a.id()).type() : "";
      case "in_trust_boundary" -> boundaryOf.containsKey(a.id());
      case "shared_runtime" -> runtimeOf.containsKey(a.id()) ? runtimeOf.get(a.id()).id() : "";
      default -> Missing.INSTANCE;
    };
  }

  private List<DataAsset> ids(List<String> ids) {
    return ids.stream().map(data::get).filter(java.util.Objects::nonNull).toList();
  }

  Confidentiality highestC(TechnicalAsset a) {
    Confidentiality c = a.confidentiality();
    for (String id : concat(a.dataProcessed(), a.dataStored())) {
      DataAsset d = data.get(id);
      if (d != null && d.confidentiality().compareTo(c) > 0) {
        c = d.confidentiality();
      }
    }
    return c;
  }

  Criticality highest(TechnicalAsset a, boolean integrity) {
    Criticality c = integrity ? a.integrity() : a.availability();
    for (String id : concat(a.dataProcessed(), a.dataStored())) {
      DataAsset d = data.get(id);
      if (d != null) {
        Criticality x = integrity ? d.integrity() : d.availability();
        if (x.compareTo(c) > 0) {
          c = x;
        }
      }
    }
    return c;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private Object link(CommunicationLink l, String p) {
    return switch (p) {
      case "id" -> l.id();
      case "title" -> l.title();
      case "protocol" -> l.protocol();
      case "authentication" -> l.authentication();
      case "authorization" -> l.authorization();
      case "usage" -> l.usage();
      case "tags" -> l.tags();
      case "vpn" -> l.vpn();
      case "ip_filtered" -> l.ipFiltered();
      case "readonly" -> l.readonly();
      case "encrypted" -> ENCRYPTED.contains(l.protocol());
      case "process_local" -> PROCESS_LOCAL.contains(l.protocol());
      case "source" -> assets.get(l.sourceId());
      case "target" -> assets.get(l.targetId());
      case "data_sent" -> ids(l.dataSent());
      case "data_received" -> ids(l.dataReceived());
      case "data_transferred" -> ids(concat(l.dataSent(), l.dataReceived()));
      case "highest_confidentiality_transferred" -> maxC(concat(l.dataSent(), l.dataReceived()));
      case "highest_integrity_transferred" -> maxI(concat(l.dataSent(), l.dataReceived()));
      case "highest_confidentiality_sent" -> maxC(l.dataSent());
      case "crosses_trust_boundary" -> crosses(l);
      case "data_sent_unused" -> {
        TechnicalAsset t = assets.get(l.targetId());
        yield ids(l.dataSent()).stream()
            .filter(d ->
                t != null
                    && !t.dataProcessed().contains(d.id())
                    && !t.dataStored().contains(d.id()))
            .toList();
      }
      default -> Missing.INSTANCE;
    };
  }

  private Confidentiality maxC(List<String> ids) {
    Confidentiality c = Confidentiality.PUBLIC;
    for (DataAsset d : ids(ids)) {
      if (d.confidentiality().compareTo(c) > 0) {
        c = d.confidentiality();
      }
    }
    return c;
  }

  private Criticality maxI(List<String> ids) {
    Criticality c = Criticality.ARCHIVE;
    for (DataAsset d : ids(ids)) {
      if (d.integrity().compareTo(c) > 0) {
        c = d.integrity();
      }
    }
    return c;
  }

  /** A link crosses a boundary when its ends sit in different network trust boundaries. */
  boolean crosses(CommunicationLink l) {
    TrustBoundary s = networkBoundaryOf.get(l.sourceId());
    TrustBoundary t = networkBoundaryOf.get(l.targetId());
    if (s == null && t == null) {
      return false;
    }
    return s == null || t == null || !s.id().equals(t.id());
  }

  private Object dataAsset(DataAsset d, String p) {
    return switch (p) {
      case "id" -> d.id();
      case "title" -> d.title();
      case "usage" -> d.usage();
      case "quantity" -> d.quantity();
      case "tags" -> d.tags();
      case "confidentiality" -> d.confidentiality();
      case "integrity" -> d.integrity();
      case "availability" -> d.availability();
      case "processed_by" ->
          model.technicalAssets().stream().filter(a -> a.dataProcessed().contains(d.id())).toList();
      case "stored_by" ->
          model.technicalAssets().stream().filter(a -> a.dataStored().contains(d.id())).toList();
      case "transferred_by" ->
          model.links().stream()
              .filter(l -> l.dataSent().contains(d.id()) || l.dataReceived().contains(d.id()))
              .toList();
      default -> Missing.INSTANCE;
    };
  }

  private Object boundary(TrustBoundary b, String p) {
    return switch (p) {
      case "id" -> b.id();
      case "title" -> b.title();
      case "type" -> b.type();
      case "tags" -> b.tags();
      case "network" -> b.isNetwork();
      case "assets" -> ids2(b.assetsInside());
      case "nested" -> b.boundariesNested();
      default -> Missing.INSTANCE;
    };
  }

  private List<TechnicalAsset> ids2(List<String> ids) {
    return ids.stream().map(assets::get).filter(java.util.Objects::nonNull).toList();
  }

  private Object runtime(SharedRuntime r, String p) {
    return switch (p) {
      case "id" -> r.id();
      case "title" -> r.title();
      case "tags" -> r.tags();
      case "assets" -> ids2(r.assetsRunning());
      default -> Missing.INSTANCE;
    };
  }
}
