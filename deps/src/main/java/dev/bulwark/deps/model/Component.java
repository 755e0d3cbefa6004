package dev.bulwark.deps.model;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One package found in a project: where it was declared, whether it is a direct dependency, its
 * scope, and the chain it arrived through when it is transitive.
 */
public record Component(
    Ecosystem ecosystem,
    String name,
    String version,
    String manifest,
    String scope,
    boolean direct,
    String via) {

  public Component {
    Objects.requireNonNull(ecosystem, "ecosystem");
    Objects.requireNonNull(name, "name");
    version = version == null ? "" : version.strip();
    scope = scope == null ? "" : scope;
    via = via == null ? "" : via;
  }

  public static Component direct(
      Ecosystem e, String name, String version, String manifest, String scope) {
    return new Component(e, name, version, manifest, scope, true, "");
  }

  /** The package URL (purl spec): pkg:type/namespace/name@version. */
  public String purl() {
    String ns = null;
    String n = name;
    switch (ecosystem) {
      case MAVEN -> {
        int colon = name.indexOf(':');
        if (colon > 0) {
          ns = name.substring(0, colon);
          n = name.substring(colon + 1);
        }
      }
      case NPM, PACKAGIST, GO -> {
        int slash = name.lastIndexOf('/');
        if (slash > 0) {
          ns = name.substring(0, slash);
          n = name.substring(slash + 1);
        }
      }
      default -> {}
    }
    StringBuilder b = new StringBuilder("pkg:").append(ecosystem.purlType()).append('/');
    if (ns != null) {
      for (String seg : ns.split("/")) {
        b.append(enc(seg)).append('/');
      }
    }
    b.append(enc(n));
    if (!version.isEmpty()) {
      b.append('@').append(enc(version));
    }
    return b.toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":");
  }

  /** A stable key of package and version. */
  public String key() {
    return ecosystem.name() + ":" + ecosystem.normalise(name) + "@" + version;
  }
}
