package dev.bulwark.mail.checks;

import dev.bulwark.mail.message.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the reasons one check gives, each tagged with the check's id and capped at its points.
 */
public final class Reasons {
  private final List<Reason> all = new ArrayList<>();
  private MailRule current;

  void start(MailRule rule) {
    current = rule;
  }

  /** A reason of the current check worth {@code points} (at most the rule's). */
  public void add(int points, String description, String location) {
    all.add(
        new Reason(
            current.id(), Math.max(1, Math.min(points, current.points())), description, location));
  }

  /** A reason worth the rule's full points. */
  public void add(String description, String location) {
    add(current.points(), description, location);
  }

  /** How many reasons the current check has given so far. */
  public long ofCurrent() {
    return all.stream().filter(r -> r.code().equals(current.id())).count();
  }

  List<Reason> list() {
    return all;
  }
}
