package dev.bulwark.cli.usecase;

import dev.bulwark.attest.AttestFindings;
import dev.bulwark.attest.GpuAttestation;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.report.ScanReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * GPU attestation: appraise one GPU's evidence from files and present it as a finding set (for the
 * report writers), the human check list, or the claims.
 */
public final class AttestService {

  /** {@code --at}: an ISO instant, an offset date-time or a date (midnight UTC); now when empty. */
  public static Instant at(String text) throws InputException {
    if (text == null || text.isBlank()) {
      return Instant.now();
    }
    String t = text.strip();
    try {
      if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeException e) {
      throw new InputException(
          "--at '" + t + "' is not a date (2024-06-01) or a date-time (2024-06-01T00:00:00Z)");
    }
  }

  public GpuAttestation.Appraisal appraise(GpuAttestation.Request request)
      throws IOException, InputException {
    return GpuAttestation.appraise(request);
  }

  /** The appraisal as a scan report over its input files: a failed check is a finding. */
  public ScanReport report(GpuAttestation.Appraisal a, Instant started) throws IOException {
    List<Path> inputs = a.request().inputs();
    long bytes = 0;
    for (Path p : inputs) {
      if (Files.isRegularFile(p)) {
        bytes += Files.size(p);
      }
    }
    Path report = a.request().report().toAbsolutePath();
    return ScanReport.ofSingleRun(
        report.getParent() == null ? "." : report.getParent().toString(),
        inputs.stream().map(Path::toString).toList(),
        started,
        inputs.size(),
        bytes,
        AttestFindings.ANALYZER,
        "GPU attestation",
        AttestFindings.rules(),
        AttestFindings.of(a),
        List.of());
  }
}
