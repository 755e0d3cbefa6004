package dev.bulwark.logs.hunt;

import dev.bulwark.logs.event.Event;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Who and where an event is about, across the field names of different log formats. */
final class EventFacts {
  // Zeek records name hosts by address: the originator of a flow, the source of a notice
  private static final String[] HOST = {
    "Computer", "Hostname", "host.name", "host", "hostname", "id.orig_h", "src"
  };
  private static final String[] USER = {
    "User", "TargetUserName", "SubjectUserName", "user.name", "userIdentity.arn", "user", "UserName"
  };
  private static final Set<String> MACHINE_USERS =
      Set.of(
          "system",
          "nt authority\\system",
          "local service",
          "network service",
          "nt authority\\local service",
          "nt authority\\network service",
          "-",
          "");

  private EventFacts() {}

  static String host(Event e) {
    return first(e, HOST);
  }

  static String user(Event e) {
    String u = first(e, USER);
    return u == null || u.endsWith("$") ? u : u;
  }

  /** Whether a user name says nothing about a person (SYSTEM, machine accounts). */
  static boolean anonymous(String user) {
    return user == null
        || user.endsWith("$")
        || MACHINE_USERS.contains(user.toLowerCase(Locale.ROOT));
  }

  static String field(Map<String, Object> fields, String name) {
    Object v = fields.get(name);
    if (v instanceof java.util.List<?> l) {
      return l.isEmpty() || l.get(0) == null ? null : l.get(0).toString();
    }
    return v == null ? null : v.toString();
  }

  private static String first(Event e, String[] names) {
    for (String n : names) {
      String v = e.get(n);
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return null;
  }
}
