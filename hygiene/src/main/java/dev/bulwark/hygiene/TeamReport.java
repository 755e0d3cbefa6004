package dev.bulwark.hygiene;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.hygiene.check.CheckCatalog;
import dev.bulwark.hygiene.check.Profile;
import dev.bulwark.hygiene.check.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@code bulwark checkup --upload} sends to the team server: who (a member name the person
 * chooses, by default the host name), when, the profile, the progress and one status per check id —
 * and nothing else. Evidence never leaves the machine: no path, setting, count, secret or file
 * content. The server reads it with {@link #parse}, which refuses any other field and any check id
 * the catalogue does not know, so an upload cannot carry more than this either.
 */
public record TeamReport(
    String member, Profile profile, Instant time, int progress, Map<String, Status> statuses) {
  /** Longest member name kept. */
  public static final int MAX_MEMBER = 200;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS =
      Set.of("member", "profile", "time", "progress", "results");
  // printable text only: a name shown in the console must not smuggle control characters
  private static final Pattern MEMBER = Pattern.compile("[^\\p{Cc}\\p{Cf}]{1,200}");

  public TeamReport {
    if (member == null || !MEMBER.matcher(member).matches() || member.isBlank()) {
      throw new IllegalArgumentException("member: 1 to " + MAX_MEMBER + " printable characters");
    }
    if (progress < 0 || progress > 100) {
      throw new IllegalArgumentException("progress must be 0..100, got " + progress);
    }
    java.util.Objects.requireNonNull(profile, "profile");
    java.util.Objects.requireNonNull(time, "time");
    statuses = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(statuses));
  }

  /** The check results of a run, without any of their evidence. */
  public static TeamReport of(CheckupRun run, String member) {
    Map<String, Status> st = new LinkedHashMap<>();
    run.checks().forEach(c -> st.put(c.id(), run.results().get(c.id()).status()));
    return new TeamReport(member, run.profile(), run.time(), run.progress(), st);
  }

  public byte[] toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("member", member);
    o.put("profile", profile.id());
    o.put("time", time.toString());
    o.put("progress", progress);
    ObjectNode r = o.putObject("results");
    statuses.forEach((k, v) -> r.put(k, v.name()));
    return o.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads an upload strictly: only the fields {@link #toJson} writes, check ids of {@code catalog},
   * statuses by name.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static TeamReport parse(byte[] body, CheckCatalog catalog) {
    JsonNode n;
    try {
      n = JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("the body is not JSON");
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("the body must be a JSON object");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw new IllegalArgumentException(
            "unexpected field '" + clip(f) + "': a check-up upload holds only " + FIELDS);
      }
    }
    Profile profile = Profile.of(text(n, "profile"));
    Instant time;
    try {
      time = Instant.parse(text(n, "time"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("time: not an ISO-8601 instant");
    }
    JsonNode p = n.get("progress");
    if (p == null || !p.isInt()) {
      throw new IllegalArgumentException("progress: a whole number 0..100 is required");
    }
    JsonNode results = n.get("results");
    if (results == null || !results.isObject() || results.isEmpty()) {
      throw new IllegalArgumentException("results: an object of check id → status is required");
    }
    Map<String, Status> st = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : results.properties()) {
      if (catalog.get(e.getKey()).isEmpty()) {
        throw new IllegalArgumentException("results: no check '" + clip(e.getKey()) + "'");
      }
      if (!e.getValue().isTextual()) {
        throw new IllegalArgumentException("results." + e.getKey() + ": a status name is required");
      }
      try {
        st.put(e.getKey(), Status.valueOf(e.getValue().asText()));
      } catch (IllegalArgumentException x) {
        throw new IllegalArgumentException(
            "results."
                + e.getKey()
                + ": expected PASS, FAIL, UNKNOWN or NOT_APPLICABLE, got '"
                + clip(e.getValue().asText())
                + "'");
      }
    }
    return new TeamReport(text(n, "member"), profile, time, p.asInt(), st);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(field + ": text is required");
    }
    return v.asText();
  }

  private static String clip(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }
}
