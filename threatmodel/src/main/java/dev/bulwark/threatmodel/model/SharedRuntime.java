package dev.bulwark.threatmodel.model;

import java.util.List;
import java.util.Objects;

/** A host, hypervisor or cluster that runs several technical assets. */
public record SharedRuntime(
    String id, String title, String description, List<String> tags, List<String> assetsRunning) {
  public SharedRuntime {
    Ids.require(id, "shared runtime");
    title = title == null ? id : title;
    description = Objects.requireNonNullElse(description, "");
    tags = List.copyOf(tags);
    assetsRunning = List.copyOf(assetsRunning);
  }
}
