package dev.bulwark.net.detect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How regular a host pair's connection times are, scored as RITA scores beacons' timing: the Bowley
 * skew of the intervals and their median absolute deviation relative to the median, each mapped to
 * 0..1 and averaged; 1 is a metronome.
 */
final class Beacon {
  private Beacon() {}

  static double score(List<Long> times) {
    List<Long> ts = new ArrayList<>(times);
    Collections.sort(ts);
    List<Double> d = new ArrayList<>();
    for (int i = 1; i < ts.size(); i++) {
      d.add((ts.get(i) - ts.get(i - 1)) / 1e9);
    }
    if (d.size() < 3) {
      return 0;
    }
    Collections.sort(d);
    double q1 = quantile(d, 0.25);
    double q2 = quantile(d, 0.5);
    double q3 = quantile(d, 0.75);
    double skew = q3 - q1 == 0 ? 0 : Math.abs((q3 + q1 - 2 * q2) / (q3 - q1));
    List<Double> dev = new ArrayList<>();
    for (double x : d) {
      dev.add(Math.abs(x - q2));
    }
    Collections.sort(dev);
    double mad = quantile(dev, 0.5);
    double madScore = q2 == 0 ? 0 : Math.max(0, 1 - mad / q2);
    return ((1 - skew) + madScore) / 2;
  }

  private static double quantile(List<Double> sorted, double q) {
    double pos = q * (sorted.size() - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (pos - lo);
  }
}
