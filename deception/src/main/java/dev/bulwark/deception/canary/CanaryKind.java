package dev.bulwark.deception.canary;

import java.util.Arrays;
import java.util.Locale;

/** What a canary token looks like where it is planted. */
public enum CanaryKind {
  AWS_KEY("aws-key"),
  API_TOKEN("api-token"),
  URL("url"),
  DNS("dns"),
  DOCX("docx"),
  PDF("pdf"),
  DB_CONN("db-conn");

  private final String id;

  CanaryKind(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static CanaryKind of(String s) {
    String want = s.toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(k -> k.id.equals(want))
        .findFirst()
        .orElseThrow(() ->
            new IllegalArgumentException(
                "unknown canary kind '"
                    + s
                    + "' (expected "
                    + String.join(", ", Arrays.stream(values()).map(CanaryKind::id).toList())
                    + ")"));
  }
}
