package dev.bulwark.hygiene.passwords;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** Site names from login URLs: the host, without a leading {@code www.}. */
final class Sites {
  private Sites() {}

  static Optional<String> host(String url) {
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    String u = url.strip();
    if (!u.contains("://")) {
      u = "https://" + u;
    }
    try {
      String h = URI.create(u).getHost();
      if (h == null) {
        return Optional.empty();
      }
      h = h.toLowerCase(Locale.ROOT);
      return Optional.of(h.startsWith("www.") ? h.substring(4) : h);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
