package dev.bulwark.stream;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * An incident on the incidents topic: its id as the record's key (a compacted topic keeps one
 * record per incident), its JSON body as the value.
 */
final class IncidentJson implements SerializationSchema<IncidentOut> {
  private static final long serialVersionUID = 1L;

  private final boolean key;

  private IncidentJson(boolean key) {
    this.key = key;
  }

  static IncidentJson key() {
    return new IncidentJson(true);
  }

  static IncidentJson value() {
    return new IncidentJson(false);
  }

  @Override
  public byte[] serialize(IncidentOut i) {
    return (key ? i.id() : i.body()).getBytes(StandardCharsets.UTF_8);
  }
}
