package dev.bulwark.core.report;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a scan report in one format; a pure function of the report. */
public interface ReportWriter {
  void write(ScanReport report, OutputStream out) throws IOException;
}
