package dev.bulwark.deps.inventory;

import dev.bulwark.deps.model.Component;
import dev.bulwark.deps.model.Ecosystem;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Package URLs (github.com/package-url/purl-spec) read back into components. */
public final class Purl {
  private Purl() {}

  public static Optional<Component> toComponent(String purl, String manifest, String scope) {
    if (purl == null || !purl.startsWith("pkg:")) {
      return Optional.empty();
    }
    String s = purl.substring(4);
    int hash = s.indexOf('#');
    if (hash >= 0) {
      s = s.substring(0, hash);
    }
    int q = s.indexOf('?');
    if (q >= 0) {
      s = s.substring(0, q);
    }
    int slash = s.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    Optional<Ecosystem> e = Ecosystem.fromPurlType(s.substring(0, slash));
    if (e.isEmpty()) {
      return Optional.empty();
    }
    String rest = s.substring(slash + 1);
    String version = "";
    int at = rest.lastIndexOf('@');
    if (at > 0) {
      version = dec(rest.substring(at + 1));
      rest = rest.substring(0, at);
    }
    String[] parts = rest.split("/");
    String name = dec(parts[parts.length - 1]);
    StringBuilder ns = new StringBuilder();
    for (int i = 0; i < parts.length - 1; i++) {
      if (ns.length() > 0) {
        ns.append('/');
      }
      ns.append(dec(parts[i]));
    }
    String full =
        ns.length() == 0 ? name : e.get() == Ecosystem.MAVEN ? ns + ":" + name : ns + "/" + name;
    return Optional.of(Component.direct(e.get(), full, version, manifest, scope));
  }

  private static String dec(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
