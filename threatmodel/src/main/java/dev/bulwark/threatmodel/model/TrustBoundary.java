package dev.bulwark.threatmodel.model;

import java.util.List;
import java.util.Objects;

/** A zone of equal trust (network, container, execution environment) and what sits in it. */
public record TrustBoundary(
    String id,
    String title,
    String description,
    String type,
    List<String> tags,
    List<String> assetsInside,
    List<String> boundariesNested) {
  public TrustBoundary {
    Ids.require(id, "trust boundary");
    title = title == null ? id : title;
    description = Objects.requireNonNullElse(description, "");
    type = Objects.requireNonNullElse(type, "network-on-prem");
    tags = List.copyOf(tags);
    assetsInside = List.copyOf(assetsInside);
    boundariesNested = List.copyOf(boundariesNested);
  }

  /** Network boundaries separate traffic; execution environments only group processes. */
  public boolean isNetwork() {
    return type.startsWith("network");
  }
}
