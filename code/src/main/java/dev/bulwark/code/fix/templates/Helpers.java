package dev.bulwark.code.fix.templates;

/**
 * Helper methods templates add to the class they fix: small, dependency-free, and shaped so that
 * Bulwark's own validators recognise them (a regex match, a normalised prefix check).
 */
final class Helpers {
  private Helpers() {}

  static final String REQUIRE_SAFE_ARGUMENT =
      """
      /** Allowlist hook for command arguments: widen the pattern only for values the command needs. */
      private static String requireSafeArgument(String value) {
        if (value == null || value.startsWith("-") || !value.matches("[A-Za-z0-9._:@/+=,]+")) {
          throw new IllegalArgumentException("argument not allowed");
        }
        return value;
      }\
      """;

  static final String CONFINED_PATH =
      """
      /** Resolves name under base and refuses anything that escapes it. */
      private static String confinedPath(String base, String name) {
        java.nio.file.Path root = java.nio.file.Paths.get(base).toAbsolutePath().normalize();
        java.nio.file.Path resolved = root.resolve(name).normalize();
        if (!resolved.startsWith(root)) {
          throw new IllegalArgumentException("path escapes " + root);
        }
        return resolved.toString();
      }\
      """;

  static final String ALLOWED_URL =
      """
      /** Outgoing requests may go only to these origins: list the services this code must reach. */
      private static final java.util.List<String> ALLOWED_ORIGINS = java.util.List.of("https://api.example.org/");

      /** Refuses a destination outside ALLOWED_ORIGINS. */
      private static String allowedUrl(String url) {
        for (String origin : ALLOWED_ORIGINS) {
          if (url != null && url.startsWith(origin)) {
            return url;
          }
        }
        throw new IllegalArgumentException("destination not allowed");
      }\
      """;

  static final String SITE_LOCAL_REDIRECT =
      """
      /** Only paths on this site are redirect targets; anything else goes to the start page. */
      private static String siteLocalRedirect(String target) {
        if (target != null && target.startsWith("/") && !target.startsWith("//") && !target.startsWith("/\\\\")) {
          return target;
        }
        return "/";
      }\
      """;
}
