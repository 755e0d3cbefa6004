package dev.bulwark.net.detect;

/** Shannon entropy in bits per character, the measure DNS-tunnelling checks use on labels. */
final class Entropy {
  private Entropy() {}

  static double of(String s) {
    if (s.isEmpty()) {
      return 0;
    }
    int[] counts = new int[128];
    int other = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 128) {
        counts[c]++;
      } else {
        other++;
      }
    }
    double h = 0;
    double n = s.length();
    for (int c : counts) {
      if (c > 0) {
        h -= c / n * (Math.log(c / n) / Math.log(2));
      }
    }
    if (other > 0) {
      h -= other / n * (Math.log(other / n) / Math.log(2));
    }
    return h;
  }
}
