package dev.bulwark.deception.http;

import java.util.List;
import java.util.Map;

/**
 * The decoy's pages: fixed HTML per admin panel plus the configured site's name, escaped. No page
 * takes any part of a request — not the path, not a field, not a header — so nothing an attacker
 * sends can come back to a browser.
 */
final class Pages {
  /** A log-in page the decoy imitates and the form fields its real counterpart posts. */
  record Panel(String title, String action, List<String> userFields, List<String> passwordFields) {
    String userField(Map<String, String> form) {
      return first(form, userFields);
    }

    String passwordField(Map<String, String> form) {
      return first(form, passwordFields);
    }

    private static String first(Map<String, String> form, List<String> names) {
      for (String n : names) {
        if (form.containsKey(n)) {
          return form.get(n);
        }
      }
      return null;
    }
  }

  private static final Panel WORDPRESS =
      new Panel("Log In &lsaquo; WordPress", "/wp-login.php", List.of("log"), List.of("pwd"));
  private static final Panel PHPMYADMIN =
      new Panel(
          "phpMyAdmin", "/phpmyadmin/index.php", List.of("pma_username"), List.of("pma_password"));
  private static final Panel GENERIC_FIELDS =
      new Panel(
          "",
          "/login",
          List.of("username", "user", "login", "email", "log"),
          List.of("password", "pass", "passwd", "pwd"));

  private final String site;

  Pages(String site) {
    this.site = escape(site);
  }

  /** The panel a path belongs to, or null when it is not a log-in page. */
  static Panel panel(String path) {
    return switch (path) {
      case "/wp-login.php", "/wp-admin", "/wp-admin/" -> WORDPRESS;
      case "/phpmyadmin", "/phpmyadmin/", "/phpmyadmin/index.php", "/pma/", "/pma/index.php" ->
          PHPMYADMIN;
      case "/login",
          "/admin",
          "/admin/",
          "/admin/login",
          "/admin/login.php",
          "/login.php",
          "/user/login" ->
          GENERIC_FIELDS;
      default -> null;
    };
  }

  String login(Panel p, boolean failed) {
    String title = p == GENERIC_FIELDS ? site : p.title();
    String user = p.userFields().getFirst();
    String pass = p.passwordFields().getFirst();
    return page(
        title,
        "<h1>"
            + title
            + "</h1>\n"
            + (failed ? "<p class=\"error\">Invalid username or password.</p>\n" : "")
            + "<form method=\"post\" action=\""
            + p.action()
            + "\">\n<label>Username <input name=\""
            + user
            + "\" autocomplete=\"username\"></label>\n<label>Password <input type=\"password\" name=\""
            + pass
            + "\" autocomplete=\"current-password\"></label>\n"
            + "<button type=\"submit\">Log in</button>\n</form>");
  }

  String index() {
    return page(site, "<h1>" + site + "</h1>\n<p><a href=\"/login\">Administration</a></p>");
  }

  String notFound() {
    return "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not"
        + " Found</h1></center>\r\n<hr><center>"
        + HttpHoneypot.SERVER
        + "</center>\r\n</body>\r\n</html>\r\n";
  }

  String unavailable() {
    return "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n"
        + "<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>"
        + HttpHoneypot.SERVER
        + "</center>\r\n</body>\r\n</html>\r\n";
  }

  private static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"
        + title
        + "</title></head>\n<body>\n"
        + body
        + "\n</body></html>\n";
  }

  /** HTML-escapes text for element content and double-quoted attributes. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
