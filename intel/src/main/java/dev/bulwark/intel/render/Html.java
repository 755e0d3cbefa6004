package dev.bulwark.intel.render;

import dev.bulwark.core.html.HtmlTemplates;
import dev.bulwark.intel.analysis.IntelReport;

/**
 * The report as one self-contained HTML page (no scripts, no remote resources), from {@code
 * intel/src/main/jte/intel.jte}: every value the data brings is escaped by the template.
 */
public final class Html {
  private Html() {}

  private static final HtmlTemplates TEMPLATES =
      HtmlTemplates.of(Html.class, "dev.bulwark.intel.render");

  public static String render(IntelReport r) {
    return TEMPLATES.render("intel.jte", r);
  }
}
