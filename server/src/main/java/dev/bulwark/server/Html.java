package dev.bulwark.server;

/** HTML escaping for the console's server-rendered pages. */
final class Html {
  private Html() {}

  static String esc(Object o) {
    return o == null ? "" : dev.bulwark.core.text.HtmlText.escape(o.toString());
  }
}
