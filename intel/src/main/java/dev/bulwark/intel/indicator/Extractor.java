package dev.bulwark.intel.indicator;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the values indicators name in free text: URLs (and their hosts), mail addresses (and their
 * domains), IPv4 and IPv6 addresses, host names and hex strings of MD5, SHA-1 and SHA-256 length.
 * Host names are taken wherever a dotted name with an alphabetic last label stands; that also finds
 * file names such as {@code cmd.exe}, harmless when comparing against indicators (a file name
 * equals no malicious domain) but not fit for export, hence {@link #hostsOnly}.
 */
public final class Extractor {
  /** At most this many values per record; a pathological line cannot grow without bound. */
  static final int MAX_PER_RECORD = 10_000;

  private static final Pattern URL =
      Pattern.compile("(?i)\\b(?:https?|ftp)://[^\\s\"'<>()\\[\\]{}\\\\,|^`]+");
  private static final Pattern EMAIL =
      Pattern.compile(
          "(?i)(?<![\\w.%+-])[a-z0-9._%+-]{1,64}@([a-z0-9-]{1,63}(?:\\.[a-z0-9-]{1,63})+)");
  private static final Pattern IPV4 =
      Pattern.compile("(?<![\\d.])(?:\\d{1,3}\\.){3}\\d{1,3}(?!\\d|\\.\\d)");
  private static final Pattern IPV6 =
      Pattern.compile("(?i)(?<![0-9a-f:])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{1,4}(?![0-9a-f:])");
  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?i)(?<![\\w.@-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]"
              + "(?![\\w-])");
  private static final Pattern HEX =
      Pattern.compile("(?i)(?<![0-9a-f])(?:[0-9a-f]{64}|[0-9a-f]{40}|[0-9a-f]{32})(?![0-9a-f])");

  private final boolean allNames;

  private Extractor(boolean allNames) {
    this.allNames = allNames;
  }

  /** Extracts every kind, host names wherever they stand (for matching). */
  public static Extractor forMatching() {
    return new Extractor(true);
  }

  /**
   * Extracts every kind but takes host names only from URLs and mail addresses (for export, where a
   * file name taken for a host would be a false indicator).
   */
  public static Extractor hostsOnly() {
    return new Extractor(false);
  }

  /** The values in {@code text}. */
  public Set<Observable> extract(String text) {
    Set<Observable> out = new LinkedHashSet<>();
    Matcher m = URL.matcher(text);
    while (m.find() && out.size() < MAX_PER_RECORD) {
      String url = trimTrailing(m.group());
      out.add(new Observable(Observable.Kind.URL, url));
      String host = host(url);
      if (host != null) {
        addHost(host, out);
      }
    }
    m = EMAIL.matcher(text);
    while (m.find() && out.size() < MAX_PER_RECORD) {
      String addr = trimTrailing(m.group());
      out.add(new Observable(Observable.Kind.EMAIL, addr));
      out.add(new Observable(Observable.Kind.DOMAIN, addr.substring(addr.indexOf('@') + 1)));
    }
    m = IPV4.matcher(text);
    while (m.find() && out.size() < MAX_PER_RECORD) {
      if (StixPattern.Cidr.ipv4(m.group()) >= 0) {
        out.add(new Observable(Observable.Kind.IPV4, m.group()));
      }
    }
    m = IPV6.matcher(text);
    while (m.find() && out.size() < MAX_PER_RECORD) {
      String v6 = ipv6(m.group());
      if (v6 != null) {
        out.add(new Observable(Observable.Kind.IPV6, v6));
      }
    }
    if (allNames) {
      m = DOMAIN.matcher(text);
      while (m.find() && out.size() < MAX_PER_RECORD) {
        out.add(new Observable(Observable.Kind.DOMAIN, m.group()));
      }
    }
    m = HEX.matcher(text);
    while (m.find() && out.size() < MAX_PER_RECORD) {
      String h = m.group();
      Observable.Kind k =
          switch (h.length()) {
            case 32 -> Observable.Kind.MD5;
            case 40 -> Observable.Kind.SHA1;
            default -> Observable.Kind.SHA256;
          };
      out.add(new Observable(k, h));
    }
    return out;
  }

  private static void addHost(String host, Set<Observable> out) {
    if (StixPattern.Cidr.ipv4(host) >= 0) {
      out.add(new Observable(Observable.Kind.IPV4, host));
    } else if (host.startsWith("[") && host.endsWith("]")) {
      String v6 = ipv6(host.substring(1, host.length() - 1));
      if (v6 != null) {
        out.add(new Observable(Observable.Kind.IPV6, v6));
      }
    } else if (host.contains(".")) {
      out.add(new Observable(Observable.Kind.DOMAIN, host));
    }
  }

  /** A URL's host, or null when it has none that parses. */
  static String host(String url) {
    try {
      String h = URI.create(url).getHost();
      return h == null ? null : h.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      int start = url.indexOf("://") + 3;
      int end = start;
      while (end < url.length() && "/?#:".indexOf(url.charAt(end)) < 0) {
        end++;
      }
      String h = url.substring(start, end);
      int at = h.lastIndexOf('@');
      h = at >= 0 ? h.substring(at + 1) : h;
      return h.isEmpty() ? null : h.toLowerCase(Locale.ROOT);
    }
  }

  /** Sentence punctuation after a link or address belongs to the sentence. */
  private static String trimTrailing(String s) {
    int end = s.length();
    while (end > 0 && ".,;:!?".indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.substring(0, end);
  }

  /**
   * An IPv6 literal in one canonical form (so {@code 2001:db8::1} equals {@code
   * 2001:0db8:0:0:0:0:0:1}), or null when it is not one. Parsing a literal performs no lookup.
   */
  static String ipv6(String s) {
    if (!s.contains(":") || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':')) {
      return null;
    }
    try {
      InetAddress a = InetAddress.getByName(s);
      return a.getAddress().length == 16 ? a.getHostAddress().toLowerCase(Locale.ROOT) : null;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /**
   * Whether an address is the organisation's own kind of address rather than an indicator: private,
   * loopback, link-local, multicast or unspecified.
   */
  public static boolean internalAddress(Observable o) {
    if (o.kind() == Observable.Kind.IPV4) {
      long a = StixPattern.Cidr.ipv4(o.value());
      for (String block :
          new String[] {
            "10.0.0.0/8",
            "172.16.0.0/12",
            "192.168.0.0/16",
            "127.0.0.0/8",
            "169.254.0.0/16",
            "224.0.0.0/4",
            "0.0.0.0/8",
            "255.255.255.255/32",
            "100.64.0.0/10"
          }) {
        if (a >= 0 && StixPattern.Cidr.parse(block).contains(o.value())) {
          return true;
        }
      }
      return false;
    }
    if (o.kind() == Observable.Kind.IPV6) {
      try {
        InetAddress a = InetAddress.getByName(o.value());
        byte first = a.getAddress()[0];
        return a.isLoopbackAddress()
            || a.isLinkLocalAddress()
            || a.isMulticastAddress()
            || a.isAnyLocalAddress()
            || (first & 0xfe) == 0xfc;
      } catch (UnknownHostException e) {
        return false;
      }
    }
    return false;
  }
}
