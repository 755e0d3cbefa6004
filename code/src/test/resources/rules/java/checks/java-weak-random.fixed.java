package fixtures.random;

import java.security.SecureRandom;
import java.util.Random;

public class Tokens {
  String weak() {
    // ruleid: java-weak-random
    Random r = new SecureRandom();
    return Long.toHexString(r.nextLong());
  }

  String strong() {
    // ok: java-weak-random
    SecureRandom r = new SecureRandom();
    return Long.toHexString(r.nextLong());
  }

  double alsoWeak() {
    // ruleid: java-weak-random
    return new SecureRandom().nextDouble();
  }
}
