package dev.bulwark.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;

/** A detection as JSON: the store's row body and the detections topic's message. */
final class AlertJson implements SerializationSchema<Alert> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  static String write(Alert a) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", a.id());
    o.put("rule_id", a.ruleId());
    o.put("rule", a.ruleTitle());
    o.put("level", a.level());
    o.put("time", a.time());
    o.put("source", a.source());
    o.put("record_id", a.recordId());
    o.put("host", a.host());
    o.put("user", a.user());
    o.put("channel", a.channel());
    o.put("event_id", a.eventId());
    o.put("summary", a.summary());
    o.put("correlation", a.correlation());
    try {
      JsonNode fields = JSON.readTree(a.fields());
      o.set("fields", fields);
    } catch (JsonProcessingException e) {
      o.put("fields", a.fields());
    }
    if (!a.members().isEmpty()) {
      var m = o.putArray("members");
      for (String member : a.members().split("\n")) {
        int tab = member.indexOf('\t');
        m.add(tab < 0 ? member : member.substring(0, tab));
      }
    }
    return o.toString();
  }

  @Override
  public byte[] serialize(Alert a) {
    return write(a).getBytes(StandardCharsets.UTF_8);
  }
}
