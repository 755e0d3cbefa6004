package dev.bulwark.yara.engine;

import java.util.List;
import java.util.Map;

/** A rule that matched a file: its tags and metadata, and the strings that matched where. */
public record RuleMatch(
    String rule, List<String> tags, Map<String, Object> meta, List<StringMatch> strings) {
  public RuleMatch {
    tags = List.copyOf(tags);
    meta = Map.copyOf(meta);
    strings = List.copyOf(strings);
  }

  /** One match of one string: offset, length and up to 64 of the matched bytes. */
  public record StringMatch(String id, long offset, int length, byte[] data) {}
}
