package dev.bulwark.deps.plan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The SSVC deployer decision (CERT/CC): exploitation, system exposure, automatable and human impact
 * decide defer, scheduled, out-of-cycle or immediate, by the published decision table.
 */
public final class Ssvc {
  /** The decisions, from least to most urgent. */
  public enum Decision {
    DEFER,
    SCHEDULED,
    OUT_OF_CYCLE,
    IMMEDIATE
  }

  private static final Map<String, String> DEPLOYER =
      table("deployer_patch_application_priority_1_0_0.csv", 5);
  private static final Map<String, String> HUMAN = table("human_impact_1_0_0.csv", 3);

  private Ssvc() {}

  private static Map<String, String> table(String name, int outcome) {
    Map<String, String> m = new HashMap<>();
    try (InputStream in = Ssvc.class.getResourceAsStream("/dev/bulwark/deps/ssvc/" + name)) {
      if (in == null) {
        throw new IllegalStateException("SSVC table " + name + " is missing from the class path");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      r.readLine();
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.split(",");
        StringBuilder key = new StringBuilder();
        for (int i = 1; i < outcome; i++) {
          key.append(f[i].strip()).append('|');
        }
        m.put(key.toString(), f[outcome].strip());
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read SSVC table " + name, e);
    }
    return m;
  }

  /** Human impact from safety impact and mission impact (both lower case, as in the table). */
  public static String humanImpact(String safety, String mission) {
    String v =
        HUMAN.get(safety.toLowerCase(Locale.ROOT) + "|" + mission.toLowerCase(Locale.ROOT) + "|");
    if (v == null) {
      throw new IllegalArgumentException(
          "unknown SSVC safety/mission impact: " + safety + " / " + mission);
    }
    return v;
  }

  public static Decision deployer(
      String exploitation, String exposure, boolean automatable, String humanImpact) {
    String v =
        DEPLOYER.get(
            exploitation
                + "|"
                + exposure
                + "|"
                + (automatable ? "yes" : "no")
                + "|"
                + humanImpact
                + "|");
    if (v == null) {
      throw new IllegalArgumentException(
          "no SSVC deployer decision for "
              + exploitation
              + "/"
              + exposure
              + "/"
              + automatable
              + "/"
              + humanImpact);
    }
    return Decision.valueOf(v.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
