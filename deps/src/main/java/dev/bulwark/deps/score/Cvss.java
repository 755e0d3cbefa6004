package dev.bulwark.deps.score;

import dev.bulwark.core.errors.InputException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A parsed CVSS vector of any version and its base score. */
public record Cvss(String version, String vector, double score) {

  /** Parses and scores {@code CVSS:3.1/AV:N/...}, {@code CVSS:4.0/...} or a bare v2 vector. */
  private static final java.util.Map<String, Cvss> PARSED =
      new java.util.concurrent.ConcurrentHashMap<>();

  public static Cvss parse(String vector) throws InputException {
    Cvss known = PARSED.get(vector);
    if (known != null) {
      return known;
    }
    Cvss c = parseUncached(vector);
    if (PARSED.size() < 100_000) {
      PARSED.put(vector, c);
    }
    return c;
  }

  private static Cvss parseUncached(String vector) throws InputException {
    try {
      return parseVector(vector.strip());
    } catch (InputException e) {
      throw e.getMessage().contains(vector.strip())
          ? e
          : new InputException(e.getMessage() + " in " + vector.strip(), e);
    }
  }

  private static Cvss parseVector(String v) throws InputException {
    if (v.startsWith("CVSS:4.0/")) {
      return new Cvss("4.0", v, Cvss4.score(metrics(v.substring(9), v)));
    }
    if (v.startsWith("CVSS:3.1/") || v.startsWith("CVSS:3.0/")) {
      return new Cvss(v.substring(5, 8), v, Cvss3.score(metrics(v.substring(9), v)));
    }
    String body = v.startsWith("(") && v.endsWith(")") ? v.substring(1, v.length() - 1) : v;
    if (body.startsWith("AV:") && body.contains("Au:")) {
      return new Cvss("2.0", v, Cvss2.score(metrics(body, v)));
    }
    throw new InputException("not a CVSS vector: '" + v + "'");
  }

  static Map<String, String> metrics(String body, String whole) throws InputException {
    Map<String, String> m = new LinkedHashMap<>();
    for (String part : body.split("/")) {
      int colon = part.indexOf(':');
      if (colon <= 0 || colon == part.length() - 1) {
        throw new InputException("malformed CVSS metric '" + part + "' in " + whole);
      }
      if (m.put(part.substring(0, colon), part.substring(colon + 1)) != null) {
        throw new InputException(
            "CVSS metric " + part.substring(0, colon) + " given twice in " + whole);
      }
    }
    return m;
  }

  static String need(Map<String, String> m, String key, String allowed) throws InputException {
    String v = m.get(key);
    if (v == null || !allowed.contains(v) || v.length() != 1) {
      throw new InputException("CVSS metric " + key + " missing or invalid (" + v + ")");
    }
    return v;
  }

  /** Qualitative rating per the specification: None, Low, Medium, High, Critical. */
  public String rating() {
    if (score == 0) {
      return "none";
    }
    if (score < 4) {
      return "low";
    }
    if (score < 7) {
      return "medium";
    }
    return score < 9 ? "high" : "critical";
  }
}
