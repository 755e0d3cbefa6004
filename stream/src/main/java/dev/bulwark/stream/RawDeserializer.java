package dev.bulwark.stream;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A topic's record as text with its origin, which names events that carry no file of their own. */
final class RawDeserializer implements KafkaRecordDeserializationSchema<Raw> {
  private static final long serialVersionUID = 1L;

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<Raw> out) {
    if (r.value() == null) {
      return; // a tombstone carries no event
    }
    out.collect(
        new Raw(
            r.topic() + "/" + r.partition() + "@" + r.offset(),
            new String(r.value(), StandardCharsets.UTF_8)));
  }

  @Override
  public TypeInformation<Raw> getProducedType() {
    return Types.POJO(Raw.class);
  }
}
