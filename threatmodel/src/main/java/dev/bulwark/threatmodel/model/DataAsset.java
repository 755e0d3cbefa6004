package dev.bulwark.threatmodel.model;

import java.util.List;
import java.util.Objects;

/** Data the system holds or moves, rated for confidentiality, integrity and availability. */
public record DataAsset(
    String id,
    String title,
    String description,
    String usage,
    List<String> tags,
    String origin,
    String owner,
    String quantity,
    Confidentiality confidentiality,
    Criticality integrity,
    Criticality availability,
    String justification) {
  public DataAsset {
    Ids.require(id, "data asset");
    Objects.requireNonNull(confidentiality, "confidentiality of " + id);
    Objects.requireNonNull(integrity, "integrity of " + id);
    Objects.requireNonNull(availability, "availability of " + id);
    title = title == null ? id : title;
    description = Objects.requireNonNullElse(description, "");
    usage = Objects.requireNonNullElse(usage, "business");
    tags = List.copyOf(tags);
    origin = Objects.requireNonNullElse(origin, "");
    owner = Objects.requireNonNullElse(owner, "");
    quantity = Objects.requireNonNullElse(quantity, "very-few");
    justification = Objects.requireNonNullElse(justification, "");
  }
}
