package dev.bulwark.logs.hunt;

import java.time.Instant;
import java.util.List;

/**
 * Detections that belong together — the same host, user or process tree within a time window — with
 * the ATT&CK tactics they walk through, a triage score and a narrative citing record ids.
 */
public record Incident(
    String id,
    String title,
    int score,
    Instant first,
    Instant last,
    List<String> hosts,
    List<String> users,
    List<String> tactics,
    List<String> techniques,
    List<Detection> detections,
    List<String> scoreReasons,
    String narrative) {

  public Incident {
    hosts = List.copyOf(hosts);
    users = List.copyOf(users);
    tactics = List.copyOf(tactics);
    techniques = List.copyOf(techniques);
    detections = List.copyOf(detections);
    scoreReasons = List.copyOf(scoreReasons);
  }
}
