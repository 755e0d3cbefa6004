package dev.bulwark.core.model;

import java.util.List;

/**
 * Properties that any analyzer may write and that capabilities other than the writer read (the
 * triage ranker learns from them), so their keys live in core rather than in one capability.
 */
public final class CommonProperties {
  private CommonProperties() {}

  /** {@code test} when the finding sits in test code or fixtures. */
  public static final PropertyKey<String> CONTEXT =
      PropertyKey.text("context", "'test' when the finding sits in test code or fixtures");

  /** The name a flagged value is assigned to (a configuration key, a variable). */
  public static final PropertyKey<String> KEY =
      PropertyKey.text("key", "the name the flagged value is assigned to, when there is one");

  /** Shannon entropy of the flagged value, bits per character. */
  public static final PropertyKey<Double> ENTROPY =
      PropertyKey.number("entropy", "Shannon entropy of the flagged value, bits per character");

  public static final List<PropertyKey<?>> ALL = List.of(CONTEXT, KEY, ENTROPY);
}
