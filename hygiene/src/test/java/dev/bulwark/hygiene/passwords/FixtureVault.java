package dev.bulwark.hygiene.passwords;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * 200 made-up accounts with planted problems, generated from a fixed seed: weak passwords (common
 * words and short digit runs), groups sharing a password, passwords the fake range server knows as
 * breached, and old ones. Every site, user and password is invented.
 */
final class FixtureVault {
  record Entry(
      String site,
      String user,
      String password,
      Instant changed,
      boolean weak,
      boolean reused,
      boolean breached,
      boolean old) {}

  static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final String[] WEAK = {
    "password",
    "123456",
    "qwerty",
    "letmein",
    "dragon",
    "monkey",
    "iloveyou",
    "sunshine",
    "football",
    "abc123"
  };

  static List<Entry> generate() {
    Random rnd = new Random(26);
    List<Entry> out = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String site = "site" + i + ".example";
      String user = "user" + i + "@mail.example";
      boolean weak = i % 10 == 0;
      boolean reused = i % 10 == 1 || i % 10 == 2; // pairs: 1&2, 11&12, …
      boolean breached = i % 25 == 7;
      boolean old = i % 20 == 3;
      String pw;
      if (weak) {
        // a common word and a number: weak, yet distinct enough to search written files for
        pw = WEAK[(i / 10) % WEAK.length] + i;
      } else if (reused) {
        pw = strong(new Random(1000 + i / 10)); // both of a pair get the same seed
      } else {
        pw = strong(rnd);
      }
      Instant changed =
          old ? NOW.minusSeconds(86400L * 365 * 5) : NOW.minusSeconds(86400L * (30 + i));
      out.add(new Entry(site, user, pw, changed, weak, reused, breached, old));
    }
    return out;
  }

  /** A 20-character random password from a generator's alphabet. */
  private static String strong(Random r) {
    String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!#%&*+-=?";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  static String sha1(String pw) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-1").digest(pw.getBytes(StandardCharsets.UTF_8)))
        .toUpperCase(Locale.ROOT);
  }

  static String bitwardenJson(List<Entry> es) {
    StringBuilder sb = new StringBuilder("{\"encrypted\":false,\"folders\":[],\"items\":[\n");
    for (int i = 0; i < es.size(); i++) {
      Entry e = es.get(i);
      sb.append(
          String.format(
              Locale.ROOT,
              "{\"id\":\"%d\",\"type\":1,\"name\":\"%s\",\"revisionDate\":\"%s\",\"login\":{\"uris\":[{\"match\":null,\"uri\":\"https://%s/login\"}],\"username\":\"%s\",\"password\":\"%s\",\"passwordRevisionDate\":\"%s\",\"totp\":null}}%s\n",
              i,
              e.site(),
              e.changed(),
              e.site(),
              e.user(),
              json(e.password()),
              e.changed(),
              i + 1 < es.size() ? "," : ""));
    }
    // a secure note has no password and must be ignored
    sb.append("]}");
    return sb.toString()
        .replace("]}", ",{\"id\":\"n\",\"type\":2,\"name\":\"note\",\"notes\":\"x\"}]}");
  }

  private static String json(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
