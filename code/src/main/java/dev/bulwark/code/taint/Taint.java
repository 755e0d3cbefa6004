package dev.bulwark.code.taint;

import dev.bulwark.code.rules.Category;
import java.util.EnumSet;
import java.util.Set;

/**
 * The mark on untrusted data: the categories it has been cleansed for, and its trace. A value
 * without a taint is trusted. {@code approximate} records that the path crossed code Bulwark could
 * only guess about, which lowers the confidence of a finding.
 */
public record Taint(Set<Category> cleansed, Trace trace, boolean approximate) {

  public Taint {
    cleansed = cleansed.isEmpty() ? Set.of() : Set.copyOf(cleansed);
  }

  public static Taint of(Trace trace) {
    return new Taint(Set.of(), trace, false);
  }

  public boolean dangerousFor(Category c) {
    return !cleansed.contains(c);
  }

  public Taint cleanse(Set<Category> categories) {
    EnumSet<Category> c = EnumSet.noneOf(Category.class);
    c.addAll(cleansed);
    c.addAll(categories);
    return new Taint(c, trace, approximate);
  }

  private static final java.util.regex.Pattern FIXED_ORIGIN =
      java.util.regex.Pattern.compile(
          "^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#\\\\@]+[/?#].*", java.util.regex.Pattern.DOTALL);
  private static final java.util.regex.Pattern BARE_SCHEME =
      java.util.regex.Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:(//?)?$");
  private static final java.util.regex.Pattern SITE_PATH =
      java.util.regex.Pattern.compile("^/[^/\\\\].*", java.util.regex.Pattern.DOTALL);

  /**
   * This taint appended after a constant prefix. After {@code https://host/} the data can no longer
   * choose the host a request goes to; after {@code /path} a redirect stays on the site; after
   * {@code java:} a JNDI name stays in the container's local namespace.
   */
  public Taint afterConstantPrefix(Object prefix) {
    if (!(prefix instanceof String p) || p.isEmpty()) {
      return this;
    }
    if (FIXED_ORIGIN.matcher(p).matches()) {
      return cleanse(EnumSet.of(Category.SSRF, Category.REDIRECT, Category.JNDI));
    }
    Taint out = this;
    if (p.startsWith("java:") || !BARE_SCHEME.matcher(p).matches()) {
      // a JNDI name that does not start with the data cannot choose a scheme and server to fetch an
      // object from (java:comp/env/..., cn=...,ou=...); ldap:// or rmi:// before it still can, and
      // java: is the container's own namespace
      out = cleanse(EnumSet.of(Category.JNDI));
    }
    if (SITE_PATH.matcher(p).matches()) {
      return out.cleanse(EnumSet.of(Category.REDIRECT));
    }
    return out;
  }

  /** This taint one step further along its path: the one place a trace grows. */
  public Taint step(
      dev.bulwark.core.model.Location.File at,
      String message,
      dev.bulwark.core.model.CodeFlow.Kind kind) {
    return withTrace(trace.then(at, message, kind));
  }

  public Taint withTrace(Trace t) {
    return new Taint(cleansed, t, approximate);
  }

  public Taint approximated() {
    return approximate ? this : new Taint(cleansed, trace, true);
  }

  /** The join of two taints: dangerous wherever either is, with the shorter trace. */
  public static Taint join(Taint a, Taint b) {
    if (a == null) {
      return b;
    }
    if (b == null || a == b) {
      return a;
    }
    EnumSet<Category> c = EnumSet.noneOf(Category.class);
    c.addAll(a.cleansed);
    c.retainAll(b.cleansed);
    Trace t = Trace.compare(a.trace, b.trace) <= 0 ? a.trace : b.trace;
    return new Taint(c, t, a.approximate || b.approximate);
  }
}
