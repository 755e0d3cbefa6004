package dev.bulwark.stream;

/**
 * One input of a correlation: a rule's match (or another correlation's detection) with the group it
 * falls in and the one field the correlation measures, keyed for Flink by correlation and group.
 *
 * @param key the correlation's key and the group's values, the keyed state's key
 * @param group the group-by values, unit-separated
 * @param ref which of the correlation's rules this is (its index in {@code rules:})
 * @param time event time, epoch milliseconds
 * @param value the measured field's value, or null
 * @param memberId the id of the detection this input is
 */
public record Hit(
    String correlation,
    int level,
    String key,
    String group,
    int ref,
    long time,
    String value,
    String memberId,
    String source,
    String recordId,
    String host,
    String user,
    String channel,
    String eventId) {

  static final char SEP = '\u001f';
}
