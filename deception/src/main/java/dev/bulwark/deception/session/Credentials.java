package dev.bulwark.deception.session;

import dev.bulwark.deception.config.AuthRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides log-ins by the configured {@link AuthRule}s, counting failures per source address so a
 * rule can accept only after some tries. The count map is bounded: the oldest sources are
 * forgotten.
 */
public final class Credentials {
  private static final int MAX_SOURCES = 100_000;

  private final List<AuthRule> rules;
  private final Map<String, Integer> failures =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
          return size() > MAX_SOURCES;
        }
      };

  private final Map<String, Boolean> accepted =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > MAX_SOURCES;
        }
      };

  public Credentials(List<AuthRule> rules) {
    this.rules = List.copyOf(rules);
  }

  public synchronized boolean password(String ip, String user, String password) {
    // a password that worked keeps working, as it would on a real host
    String key = ip + '\0' + user + '\0' + password;
    if (accepted.containsKey(key)) {
      return true;
    }
    int before = failures.getOrDefault(ip, 0);
    for (AuthRule r : rules) {
      if (r.matches(user, password, before)) {
        failures.remove(ip);
        accepted.put(key, Boolean.TRUE);
        return true;
      }
    }
    failures.put(ip, before + 1);
    return false;
  }

  public boolean publickey(String user) {
    return rules.stream().anyMatch(r -> r.matchesKey(user));
  }
}
