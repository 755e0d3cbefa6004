package dev.bulwark.intel.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.bulwark.intel.analysis.IntelReport;
import dev.bulwark.intel.stix.StixBundleReader;

/** The report as JSON: the {@link IntelReport} record, field for field. */
public final class JsonReport {
  private JsonReport() {}

  public static String render(IntelReport r) {
    try {
      return StixBundleReader.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(r)
          + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a report record always serialises", e);
    }
  }
}
