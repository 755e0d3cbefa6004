package dev.bulwark.core.files;

import java.util.regex.Pattern;

/**
 * A path pattern with gitignore semantics: {@code *} and {@code ?} stay within a path segment,
 * {@code **} crosses segments, a pattern without an inner slash matches a name at any depth, and a
 * trailing slash matches directories only.
 *
 * <pre>{@code
 * Glob.compile("*.log").matches("a/b/x.log", false)        // true
 * Glob.compile("src/**\/test/").matches("src/a/test", true) // true
 * }</pre>
 */
public final class Glob {
  private final String source;
  private final Pattern regex;
  private final boolean directoryOnly;

  private Glob(String source, Pattern regex, boolean directoryOnly) {
    this.source = source;
    this.regex = regex;
    this.directoryOnly = directoryOnly;
  }

  public static Glob compile(String pattern) {
    if (pattern == null || pattern.isBlank()) {
      throw new IllegalArgumentException("empty glob pattern");
    }
    String p = pattern.strip();
    boolean dirOnly = p.endsWith("/") && p.length() > 1;
    if (dirOnly) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.startsWith("./")) {
      p = p.substring(2);
    }
    boolean anchored = p.startsWith("/") || p.substring(0, p.length() - 1).contains("/");
    if (p.startsWith("/")) {
      p = p.substring(1);
    }
    StringBuilder re = new StringBuilder();
    if (!anchored) {
      re.append("(?:.*/)?");
    }
    translate(p, re);
    // A match on a directory covers everything below it.
    re.append("(?:/.*)?");
    return new Glob(pattern, Pattern.compile(re.toString(), Pattern.DOTALL), dirOnly);
  }

  private static void translate(String p, StringBuilder re) {
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '*') {
        boolean dbl = i + 1 < p.length() && p.charAt(i + 1) == '*';
        if (dbl) {
          boolean segmentStart = i == 0 || p.charAt(i - 1) == '/';
          boolean followedBySlash = i + 2 < p.length() && p.charAt(i + 2) == '/';
          if (segmentStart && followedBySlash) {
            re.append("(?:.*/)?");
            i += 3;
          } else {
            re.append(".*");
            i += 2;
          }
        } else {
          re.append("[^/]*");
          i++;
        }
      } else if (c == '?') {
        re.append("[^/]");
        i++;
      } else if (c == '[') {
        int end = p.indexOf(']', i + 2);
        if (end < 0) {
          re.append("\\[");
          i++;
        } else {
          String body = p.substring(i + 1, end);
          if (body.startsWith("!")) {
            body = "^" + body.substring(1);
          }
          re.append('[').append(body.replace("\\", "\\\\")).append(']');
          i = end + 1;
        }
      } else if (c == '\\' && i + 1 < p.length()) {
        re.append(Pattern.quote(String.valueOf(p.charAt(i + 1))));
        i += 2;
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
        i++;
      }
    }
  }

  /**
   * Tests a path relative to the pattern's base directory, with forward slashes. A directory-only
   * pattern matches a file when one of the file's parent directories matches.
   */
  public boolean matches(String relativePath, boolean isDirectory) {
    if (directoryOnly && !isDirectory) {
      int slash = relativePath.lastIndexOf('/');
      return slash > 0 && regex.matcher(relativePath.substring(0, slash)).matches();
    }
    return regex.matcher(relativePath).matches();
  }

  /**
   * Rewrites a pattern written relative to a configuration file's directory so that it applies to
   * paths relative to {@code prefix} below that directory; returns empty when it cannot match
   * anything there.
   */
  public static java.util.Optional<String> rebase(String pattern, String prefix) {
    if (prefix.isEmpty()) {
      return java.util.Optional.of(pattern);
    }
    String p = pattern.strip();
    String body = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    boolean anchored = body.startsWith("/") || body.contains("/");
    if (!anchored || p.startsWith("**/")) {
      return java.util.Optional.of(pattern);
    }
    String rel = p.startsWith("/") ? p.substring(1) : p;
    if (rel.startsWith("./")) {
      rel = rel.substring(2);
    }
    if (rel.startsWith(prefix + "/")) {
      return java.util.Optional.of("/" + rel.substring(prefix.length() + 1));
    }
    return java.util.Optional.empty();
  }

  /** The java.util.regex form of this glob (directory-only globs excepted), for combining. */
  public String regex() {
    return regex.pattern();
  }

  public boolean directoryOnly() {
    return directoryOnly;
  }

  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return source;
  }
}
