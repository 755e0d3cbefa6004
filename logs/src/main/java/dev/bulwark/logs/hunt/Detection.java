package dev.bulwark.logs.hunt;

import dev.bulwark.core.model.Severity;
import dev.bulwark.logs.event.Event;
import dev.bulwark.logs.sigma.SigmaRule;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A rule firing on an event, or a correlation firing on a group of detections. Carries the rule's
 * author, as the Detection Rule License asks of every alert built on a Sigma rule.
 */
public record Detection(
    SigmaRule.Meta rule,
    Severity severity,
    Instant time,
    String source,
    String recordId,
    String host,
    String user,
    String channel,
    String eventId,
    Map<String, Object> fields,
    List<Detection> members,
    String summary) {

  public Detection {
    fields = Map.copyOf(nullFree(fields));
    members = List.copyOf(members);
  }

  private static Map<String, Object> nullFree(Map<String, Object> m) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v == null ? "" : v));
    return out;
  }

  /** ATT&CK technique ids from the rule's tags (attack.t1059.001 → T1059.001). */
  public List<String> techniques() {
    return Attack.techniques(rule.tags());
  }

  /** ATT&CK tactics from the rule's tags, in their canonical (hyphenated) names. */
  public List<String> tactics() {
    return Attack.tactics(rule.tags());
  }

  public boolean isCorrelation() {
    return !members.isEmpty();
  }

  public String ruleTitle() {
    return rule.title() == null ? rule.name() : rule.title();
  }

  /** A detection of a single event. */
  public static Detection of(SigmaRule rule, Event e) {
    return new Detection(
        rule.meta(),
        rule.meta().severity(),
        e.time(),
        e.source(),
        e.recordId(),
        EventFacts.host(e),
        EventFacts.user(e),
        e.get("Channel"),
        e.get("EventID"),
        e.toMap(),
        List.of(),
        null);
  }
}
