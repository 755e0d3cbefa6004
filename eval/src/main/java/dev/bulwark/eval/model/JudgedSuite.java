package dev.bulwark.eval.model;

import java.util.List;

/**
 * A suite whose answers are graded by a rule or a judge rather than read and compared with a key:
 * each outcome's score is 1 when the attack worked and 0 when it did not, and the figure is the
 * share of answers it worked on.
 */
abstract class JudgedSuite extends ModelSuite {
  JudgedSuite(String name, List<Item> items, String sha256) {
    super(name, items, sha256);
  }

  @Override
  final String extract(String answer) {
    throw new UnsupportedOperationException(name() + " is graded by rule or judge");
  }

  @Override
  final double figure(List<Outcome> outcomes) {
    return meanScore(outcomes);
  }
}
