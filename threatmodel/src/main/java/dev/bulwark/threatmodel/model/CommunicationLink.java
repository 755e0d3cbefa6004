package dev.bulwark.threatmodel.model;

import java.util.List;
import java.util.Objects;

/** A data flow from one technical asset to another, with how it is protected. */
public record CommunicationLink(
    String id,
    String title,
    String sourceId,
    String targetId,
    String description,
    String protocol,
    String authentication,
    String authorization,
    List<String> tags,
    boolean vpn,
    boolean ipFiltered,
    boolean readonly,
    String usage,
    List<String> dataSent,
    List<String> dataReceived) {
  public CommunicationLink {
    Ids.require(id, "communication link");
    Objects.requireNonNull(sourceId, "source of " + id);
    Objects.requireNonNull(targetId, "target of " + id);
    title = title == null ? id : title;
    description = Objects.requireNonNullElse(description, "");
    protocol = Objects.requireNonNullElse(protocol, "unknown-protocol");
    authentication = Objects.requireNonNullElse(authentication, "none");
    authorization = Objects.requireNonNullElse(authorization, "none");
    tags = List.copyOf(tags);
    usage = Objects.requireNonNullElse(usage, "business");
    dataSent = List.copyOf(dataSent);
    dataReceived = List.copyOf(dataReceived);
  }
}
