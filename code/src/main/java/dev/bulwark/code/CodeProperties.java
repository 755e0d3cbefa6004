package dev.bulwark.code;

import dev.bulwark.core.model.PropertyKey;
import java.util.List;

/** The properties the Java analyzer writes on its findings (docs/report-format.md). */
public final class CodeProperties {
  private CodeProperties() {}

  public static final PropertyKey<Integer> CWE =
      PropertyKey.integer("cwe", "the rule's CWE number");

  public static final List<PropertyKey<?>> ALL = List.of(CWE);
}
