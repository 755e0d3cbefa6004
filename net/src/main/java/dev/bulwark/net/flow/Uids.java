package dev.bulwark.net.flow;

import java.util.SplittableRandom;

/**
 * Zeek-style connection ids: {@code C} and base-62 digits of 96 random bits. Seeded, so the same
 * capture gives the same ids on every run.
 */
public final class Uids {
  private static final String DIGITS =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private final SplittableRandom random;

  public Uids(long seed) {
    random = new SplittableRandom(seed);
  }

  public String next() {
    return next('C');
  }

  public String next(char prefix) {
    StringBuilder s = new StringBuilder(19).append(prefix);
    long a = random.nextLong() >>> 1;
    long b = random.nextLong() >>> 1;
    for (int i = 0; i < 9; i++) {
      s.append(DIGITS.charAt((int) (a % 62)));
      a /= 62;
    }
    for (int i = 0; i < 8; i++) {
      s.append(DIGITS.charAt((int) (b % 62)));
      b /= 62;
    }
    return s.toString();
  }
}
