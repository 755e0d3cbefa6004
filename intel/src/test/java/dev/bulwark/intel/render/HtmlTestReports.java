package dev.bulwark.intel.render;

import dev.bulwark.intel.analysis.IntelReport;

/** The sample report of {@link HtmlTest}, for tests in other packages. */
public final class HtmlTestReports {
  private HtmlTestReports() {}

  public static IntelReport report() {
    return HtmlTest.report();
  }
}
