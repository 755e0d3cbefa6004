package dev.bulwark.hygiene.passwords;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import java.io.IOException;
import java.nio.CharBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Audits accounts for weak (zxcvbn score below {@link #WEAK_BELOW}), reused, breached and old
 * passwords. Hashes live only in this method's memory; the SHA-1 prefixes (five hex digits) are all
 * a breach source is asked for. The passwords are wiped when the audit ends.
 */
public final class PasswordAudit {
  /** zxcvbn scores below this are weak: 0–2 fall to an online or fast offline attack. */
  public static final int WEAK_BELOW = 3;

  /** Passwords not changed for this long are old. */
  public static final Duration OLD_AFTER = Duration.ofDays(3 * 365);

  private final Zxcvbn zxcvbn = new Zxcvbn();

  /** The outcome: one verdict per account, and where breach answers came from. */
  public record Result(
      List<AccountVerdict> accounts, String breachSource, List<String> prefixesAsked) {
    public Result {
      accounts = List.copyOf(accounts);
      prefixesAsked = List.copyOf(prefixesAsked);
    }

    public long weak() {
      return accounts.stream().filter(AccountVerdict::weak).count();
    }

    public long reused() {
      return accounts.stream().filter(AccountVerdict::reused).count();
    }

    public long breached() {
      return accounts.stream().filter(AccountVerdict::breached).count();
    }

    public long old() {
      return accounts.stream().filter(AccountVerdict::old).count();
    }

    public boolean breachChecked() {
      return !breachSource.equals("not checked");
    }
  }

  /**
   * Audits and then wipes every password in {@code accounts}.
   *
   * @param breaches where to look passwords up; empty for no breach check
   */
  public Result audit(List<Account> accounts, Optional<BreachSource> breaches, Instant now)
      throws IOException {
    try {
      byte[] salt = new byte[16];
      new SecureRandom().nextBytes(salt);
      Map<String, Integer> same = new HashMap<>();
      List<String> keys = new ArrayList<>();
      List<String> sha1 = new ArrayList<>();
      for (Account a : accounts) {
        String k = Sha1.sameness(a.password(), salt);
        keys.add(k);
        same.merge(k, 1, Integer::sum);
        sha1.add(breaches.isPresent() ? Sha1.hex(a.password()) : null);
      }
      Map<String, Map<String, Integer>> ranges = new HashMap<>();
      Set<String> asked = new HashSet<>();
      if (breaches.isPresent()) {
        for (String h : sha1) {
          String prefix = h.substring(0, 5);
          if (asked.add(prefix)) {
            ranges.put(prefix, breaches.get().range(prefix));
          }
        }
      }
      List<AccountVerdict> out = new ArrayList<>();
      for (int i = 0; i < accounts.size(); i++) {
        Account a = accounts.get(i);
        int score = score(a);
        Optional<Integer> count = Optional.empty();
        if (breaches.isPresent()) {
          String h = sha1.get(i);
          count = Optional.of(ranges.get(h.substring(0, 5)).getOrDefault(h.substring(5), 0));
        }
        Optional<Long> age = a.changed().map(c -> Duration.between(c, now).toDays());
        out.add(
            new AccountVerdict(
                a.site(),
                a.username(),
                score,
                score < WEAK_BELOW,
                same.get(keys.get(i)) - 1,
                count,
                age,
                age.map(d -> d >= OLD_AFTER.toDays()).orElse(false)));
      }
      List<String> prefixes = new ArrayList<>(asked);
      prefixes.sort(null);
      return new Result(out, breaches.map(BreachSource::describe).orElse("not checked"), prefixes);
    } finally {
      accounts.forEach(a -> a.password().wipe());
    }
  }

  private int score(Account a) {
    List<String> context = new ArrayList<>();
    context.add(a.site());
    if (!a.username().isEmpty()) {
      context.add(a.username());
    }
    Strength s = zxcvbn.measure(CharBuffer.wrap(a.password().chars()), context);
    int score = s.getScore();
    s.wipe();
    return score;
  }
}
