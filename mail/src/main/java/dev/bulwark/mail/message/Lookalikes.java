package dev.bulwark.mail.message;

import com.ibm.icu.text.SpoofChecker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Domains made to be mistaken for protected ones: the same once Unicode confusables are mapped to
 * their prototypes (UTS #39 skeletons: "pаypal" with a Cyrillic a, "rnicrosoft"), or one edit away
 * (a letter swapped, doubled, dropped or changed: "paypa1", "arnazon", "micosoft"). The protected
 * set is the organisation's own domains and a shipped list of much-phished brands.
 */
public final class Lookalikes {
  private static final SpoofChecker SPOOF = new SpoofChecker.Builder().build();
  private static final List<String> BRANDS = brands();

  /** A protected domain and how the other imitates it. */
  public record Match(String imitated, String how) {}

  private final List<String> protectedDomains;
  private final Set<String> own;
  private final List<String> skeletons;
  private final List<String> labelSkeletons;

  public Lookalikes(MailSettings settings) {
    Set<String> all = new LinkedHashSet<>(settings.internalDomains());
    all.addAll(settings.protectedDomains());
    all.addAll(BRANDS);
    this.protectedDomains = List.copyOf(all);
    this.own = new java.util.HashSet<>(settings.internalDomains());
    own.addAll(settings.protectedDomains());
    this.skeletons = protectedDomains.stream().map(SPOOF::getSkeleton).toList();
    this.labelSkeletons = protectedDomains.stream().map(p -> SPOOF.getSkeleton(label(p))).toList();
  }

  /** Whether a registrable domain is one of the shipped brands' own. */
  public static boolean isBrand(String registrable) {
    return registrable != null && BRANDS.contains(registrable);
  }

  /** Whether a registrable domain imitates a protected one (and is not one itself). */
  public Optional<Match> imitates(String registrable) {
    if (registrable == null || protectedDomains.contains(registrable)) {
      return Optional.empty();
    }
    String unicode = unicode(registrable);
    String skeleton = SPOOF.getSkeleton(unicode);
    String label = label(unicode);
    String labelSkeleton = SPOOF.getSkeleton(label);
    for (int i = 0; i < protectedDomains.size(); i++) {
      String p = protectedDomains.get(i);
      if (skeleton.equals(skeletons.get(i))) {
        return Optional.of(new Match(p, "its characters look like " + p + "'s"));
      }
      String pl = label(p);
      // short names differ by one letter from many honest ones (ups, ubs); only longer ones count
      if (pl.length() >= 5
          && label.length() >= 5
          && distance(label, pl) == 1
          && suffix(unicode).equals(suffix(p))) {
        return Optional.of(new Match(p, "it is one letter away from " + p));
      }
      // the organisation's own name under another ending; brands' names are often plain words
      // that others own honestly under other endings (slack.net, apple.org)
      if (own.contains(p)
          && pl.length() >= 5
          && labelSkeleton.equals(labelSkeletons.get(i))
          && !suffix(unicode).equals(suffix(p))) {
        return Optional.of(new Match(p, "it is " + pl + " under another ending"));
      }
    }
    return Optional.empty();
  }

  private static String unicode(String domain) {
    try {
      return IDN.toUnicode(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return domain;
    }
  }

  /** The first label: "paypal" of paypal.com, "itau" of itau.com.br. */
  private static String label(String domain) {
    int dot = domain.indexOf('.');
    return dot < 0 ? domain : domain.substring(0, dot);
  }

  private static String suffix(String domain) {
    int dot = domain.indexOf('.');
    return dot < 0 ? "" : domain.substring(dot + 1);
  }

  /** Edits between two names, an adjacent swap counting as one (optimal string alignment). */
  public static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private static List<String> brands() {
    List<String> out = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                Lookalikes.class.getResourceAsStream("brand-domains.txt"),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        line = line.strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          out.add(line.toLowerCase(Locale.ROOT));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(out);
  }
}
