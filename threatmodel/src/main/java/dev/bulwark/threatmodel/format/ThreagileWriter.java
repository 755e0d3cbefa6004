package dev.bulwark.threatmodel.format;

import dev.bulwark.threatmodel.model.CommunicationLink;
import dev.bulwark.threatmodel.model.DataAsset;
import dev.bulwark.threatmodel.model.RiskTracking;
import dev.bulwark.threatmodel.model.SharedRuntime;
import dev.bulwark.threatmodel.model.TechnicalAsset;
import dev.bulwark.threatmodel.model.ThreatModel;
import dev.bulwark.threatmodel.model.TrustBoundary;

/** Writes a model as one Threagile YAML file (no includes), every field spelled out. */
public final class ThreagileWriter {
  private ThreagileWriter() {}

  public static String write(ThreatModel m) {
    YamlText y = new YamlText();
    y.plain(0, "threagile_version", "1.0.0");
    y.text(0, "title", m.title());
    y.text(0, "date", m.date());
    y.line(0, "author:").text(1, "name", m.author());
    y.text(0, "business_criticality", m.businessCriticality());
    y.line(0, "business_overview:").text(1, "description", m.description());
    y.list(0, "tags_available", m.tagsAvailable());
    y.blank().line(0, m.dataAssets().isEmpty() ? "data_assets: {}" : "data_assets:");
    for (DataAsset d : m.dataAssets()) {
      y.key(1, d.title());
      y.text(2, "id", d.id());
      y.text(2, "description", d.description());
      y.text(2, "usage", d.usage());
      y.list(2, "tags", d.tags());
      y.text(2, "origin", d.origin());
      y.text(2, "owner", d.owner());
      y.text(2, "quantity", d.quantity());
      y.text(2, "confidentiality", d.confidentiality().label());
      y.text(2, "integrity", d.integrity().label());
      y.text(2, "availability", d.availability().label());
      y.text(2, "justification_cia_rating", d.justification());
    }
    y.blank().line(0, m.technicalAssets().isEmpty() ? "technical_assets: {}" : "technical_assets:");
    for (TechnicalAsset a : m.technicalAssets()) {
      y.key(1, a.title());
      y.text(2, "id", a.id());
      y.text(2, "description", a.description());
      y.text(2, "type", a.type());
      y.text(2, "usage", a.usage());
      y.bool(2, "used_as_client_by_human", a.usedAsClientByHuman());
      y.bool(2, "out_of_scope", a.outOfScope());
      y.text(2, "justification_out_of_scope", a.justificationOutOfScope());
      y.text(2, "size", a.size());
      if (a.technologies().size() == 1) {
        y.text(2, "technology", a.technologies().get(0));
      } else {
        y.list(2, "technologies", a.technologies());
      }
      y.list(2, "tags", a.tags());
      y.bool(2, "internet", a.internet());
      y.text(2, "machine", a.machine());
      y.text(2, "encryption", a.encryption());
      y.text(2, "owner", a.owner());
      y.text(2, "confidentiality", a.confidentiality().label());
      y.text(2, "integrity", a.integrity().label());
      y.text(2, "availability", a.availability().label());
      y.text(2, "justification_cia_rating", a.justification());
      y.bool(2, "multi_tenant", a.multiTenant());
      y.bool(2, "redundant", a.redundant());
      y.bool(2, "custom_developed_parts", a.customDevelopedParts());
      y.list(2, "data_assets_processed", a.dataProcessed());
      y.list(2, "data_assets_stored", a.dataStored());
      y.list(2, "data_formats_accepted", a.dataFormatsAccepted());
      if (a.links().isEmpty()) {
        y.line(2, "communication_links: {}");
      } else {
        y.line(2, "communication_links:");
      }
      for (CommunicationLink l : a.links()) {
        y.key(3, l.title());
        y.text(4, "target", l.targetId());
        y.text(4, "description", l.description());
        y.text(4, "protocol", l.protocol());
        y.text(4, "authentication", l.authentication());
        y.text(4, "authorization", l.authorization());
        y.list(4, "tags", l.tags());
        y.bool(4, "vpn", l.vpn());
        y.bool(4, "ip_filtered", l.ipFiltered());
        y.bool(4, "readonly", l.readonly());
        y.text(4, "usage", l.usage());
        y.list(4, "data_assets_sent", l.dataSent());
        y.list(4, "data_assets_received", l.dataReceived());
      }
    }
    y.blank().line(0, m.trustBoundaries().isEmpty() ? "trust_boundaries: {}" : "trust_boundaries:");
    for (TrustBoundary b : m.trustBoundaries()) {
      y.key(1, b.title());
      y.text(2, "id", b.id());
      y.text(2, "description", b.description());
      y.text(2, "type", b.type());
      y.list(2, "tags", b.tags());
      y.list(2, "technical_assets_inside", b.assetsInside());
      y.list(2, "trust_boundaries_nested", b.boundariesNested());
    }
    y.blank().line(0, m.sharedRuntimes().isEmpty() ? "shared_runtimes: {}" : "shared_runtimes:");
    for (SharedRuntime r : m.sharedRuntimes()) {
      y.key(1, r.title());
      y.text(2, "id", r.id());
      y.text(2, "description", r.description());
      y.list(2, "tags", r.tags());
      y.list(2, "technical_assets_running", r.assetsRunning());
    }
    y.blank().line(0, m.riskTracking().isEmpty() ? "risk_tracking: {}" : "risk_tracking:");
    for (RiskTracking t : m.riskTracking()) {
      y.key(1, t.riskId());
      y.text(2, "status", t.status().label());
      y.text(2, "justification", t.justification());
      y.text(2, "ticket", t.ticket());
      y.text(2, "date", t.date());
      y.text(2, "checked_by", t.checkedBy());
    }
    return y.toString();
  }
}
