package dev.bulwark.code;

import dev.bulwark.core.model.PropertyKey;
import java.util.List;

/** The properties the Java analyzer writes on its findings (docs/report-format.md). */
public final class CodeProperties {
  private CodeProperties() {}

  public static final PropertyKey<Integer> CWE =
      PropertyKey.integer("cwe", "the rule's CWE number");

  public static final PropertyKey<String> CONTEXT =
      PropertyKey.text(
          "context",
          "\"outside-security\" when a weak primitive is used where nothing nearby is about"
              + " security, so its severity was lowered");

  public static final List<PropertyKey<?>> ALL = List.of(CWE, CONTEXT);
}
