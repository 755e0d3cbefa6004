package dev.bulwark.yara;

import dev.bulwark.core.model.PropertyKey;
import java.util.List;

/** The properties the YARA analyzer writes on its findings (docs/report-format.md). */
public final class YaraProperties {
  private YaraProperties() {}

  public static final PropertyKey<String> RULE = PropertyKey.text("rule", "the YARA rule's name");
  public static final PropertyKey<String> TAGS =
      PropertyKey.text("tags", "the rule's tags, space-separated");
  public static final PropertyKey<String> META =
      PropertyKey.text("meta", "the rule's metadata, as key=value pairs separated by '; '");
  public static final PropertyKey<String> STRINGS =
      PropertyKey.text(
          "strings",
          "matched strings as $id@offset:length and the bytes in hex (\"redacted\" when the rule's"
              + " meta says redact = true), separated by '; '");

  public static final List<PropertyKey<?>> ALL = List.of(RULE, TAGS, META, STRINGS);
}
