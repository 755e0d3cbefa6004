package dev.bulwark.compliance;

import dev.bulwark.compliance.assess.AssessmentDocuments;
import dev.bulwark.compliance.assess.Assessor;
import dev.bulwark.compliance.assess.ControlAssessment;
import dev.bulwark.compliance.assess.GapReport;
import dev.bulwark.compliance.evidence.EvidenceReader;
import dev.bulwark.compliance.evidence.MappingLoader;
import dev.bulwark.compliance.oscal.Catalog;
import dev.bulwark.compliance.oscal.Profile;
import dev.bulwark.compliance.oscal.ProfileResolver;
import dev.bulwark.core.errors.InputException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Compliance from evidence: resolve a profile, read Bulwark results, judge each control, and write
 * OSCAL assessment results, a POA&amp;M and a gap report.
 */
public final class ComplianceService {

  /** Everything one assessment produces. */
  public record Assessment(
      Catalog resolved,
      List<ControlAssessment> controls,
      List<String> evidenceProblems,
      String assessmentResultsJson,
      String poamJson,
      String gapReportMarkdown) {}

  public Catalog resolve(Path profile, Path catalog) throws InputException {
    return ProfileResolver.resolve(Profile.read(profile), catalog);
  }

  public Assessment assess(Path profile, Path catalog, Path evidenceDir, Instant at)
      throws InputException {
    Profile p = Profile.read(profile);
    Catalog resolved = ProfileResolver.resolve(p, catalog);
    EvidenceReader.Evidence evidence = EvidenceReader.readDir(evidenceDir);
    List<ControlAssessment> controls =
        new Assessor(MappingLoader.builtIn()).assess(resolved, evidence.scans(), at);
    String href = profile.getFileName().toString();
    return new Assessment(
        resolved,
        controls,
        evidence.problems(),
        AssessmentDocuments.assessmentResults(p.title(), href, controls, at),
        AssessmentDocuments.poam(p.title(), controls, at),
        GapReport.markdown(p.title(), controls));
  }
}
