package dev.bulwark.threatmodel.model;

import java.util.List;
import java.util.Objects;

/** A component of the system (process, datastore or external entity) and its outgoing links. */
public record TechnicalAsset(
    String id,
    String title,
    String description,
    String type,
    String usage,
    boolean usedAsClientByHuman,
    boolean outOfScope,
    String justificationOutOfScope,
    String size,
    List<String> technologies,
    List<String> tags,
    boolean internet,
    String machine,
    String encryption,
    String owner,
    Confidentiality confidentiality,
    Criticality integrity,
    Criticality availability,
    String justification,
    boolean multiTenant,
    boolean redundant,
    boolean customDevelopedParts,
    List<String> dataProcessed,
    List<String> dataStored,
    List<String> dataFormatsAccepted,
    List<CommunicationLink> links) {
  public TechnicalAsset {
    Ids.require(id, "technical asset");
    title = title == null ? id : title;
    description = Objects.requireNonNullElse(description, "");
    type = Objects.requireNonNullElse(type, "process");
    usage = Objects.requireNonNullElse(usage, "business");
    justificationOutOfScope = Objects.requireNonNullElse(justificationOutOfScope, "");
    size = Objects.requireNonNullElse(size, "component");
    technologies = List.copyOf(technologies);
    tags = List.copyOf(tags);
    machine = Objects.requireNonNullElse(machine, "virtual");
    encryption = Objects.requireNonNullElse(encryption, "none");
    owner = Objects.requireNonNullElse(owner, "");
    Objects.requireNonNull(confidentiality, "confidentiality of " + id);
    Objects.requireNonNull(integrity, "integrity of " + id);
    Objects.requireNonNull(availability, "availability of " + id);
    justification = Objects.requireNonNullElse(justification, "");
    dataProcessed = List.copyOf(dataProcessed);
    dataStored = List.copyOf(dataStored);
    dataFormatsAccepted = List.copyOf(dataFormatsAccepted);
    links = List.copyOf(links);
  }

  /** This asset with other tags (where path: and component: marks live). */
  public TechnicalAsset withTags(List<String> newTags) {
    return copy(title, technologies, newTags, links);
  }

  /** This asset with other outgoing links. */
  public TechnicalAsset withLinks(List<CommunicationLink> newLinks) {
    return copy(title, technologies, tags, newLinks);
  }

  /** This asset under another title, technologies and tags (reports' tests of hostile names). */
  public TechnicalAsset withLabels(
      String newTitle, List<String> newTechnologies, List<String> newTags) {
    return copy(newTitle, newTechnologies, newTags, links);
  }

  private TechnicalAsset copy(
      String newTitle,
      List<String> newTechnologies,
      List<String> newTags,
      List<CommunicationLink> newLinks) {
    return new TechnicalAsset(
        id,
        newTitle,
        description,
        type,
        usage,
        usedAsClientByHuman,
        outOfScope,
        justificationOutOfScope,
        size,
        newTechnologies,
        newTags,
        internet,
        machine,
        encryption,
        owner,
        confidentiality,
        integrity,
        availability,
        justification,
        multiTenant,
        redundant,
        customDevelopedParts,
        dataProcessed,
        dataStored,
        dataFormatsAccepted,
        newLinks);
  }
}
