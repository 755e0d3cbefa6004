package dev.bulwark.logs;

import dev.bulwark.core.model.PropertyKey;
import java.util.List;

/** The properties log hunting writes on its findings (docs/report-format.md). */
public final class LogProperties {
  private LogProperties() {}

  public static final PropertyKey<String> AUTHOR =
      PropertyKey.text("author", "the Sigma rule's author, as the Detection Rule License asks");
  public static final PropertyKey<String> LEVEL =
      PropertyKey.text("level", "the Sigma rule's level");
  public static final PropertyKey<String> EVENT_ID =
      PropertyKey.text("eventId", "the event's id (Windows event id, Sysmon event id …)");
  public static final PropertyKey<String> USER =
      PropertyKey.text("user", "the account the event names");
  public static final PropertyKey<String> TACTICS =
      PropertyKey.text("tactics", "ATT&CK tactics of the rule, comma-separated");
  public static final PropertyKey<String> INCIDENT =
      PropertyKey.text("incident", "the incident the detection was grouped into");
  public static final PropertyKey<String> RULE_SOURCE =
      PropertyKey.text("ruleSource", "the file the Sigma rule came from");
  public static final PropertyKey<String> COMMAND_LINE =
      PropertyKey.text("commandLine", "the process command line, when the event has one");

  public static final List<PropertyKey<?>> ALL =
      List.of(AUTHOR, LEVEL, EVENT_ID, USER, TACTICS, INCIDENT, RULE_SOURCE, COMMAND_LINE);
}
