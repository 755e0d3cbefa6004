package dev.bulwark.compliance;

import dev.bulwark.compliance.assess.AssessmentDocuments;
import dev.bulwark.compliance.assess.Assessor;
import dev.bulwark.compliance.assess.ControlAssessment;
import dev.bulwark.compliance.assess.GapReport;
import dev.bulwark.compliance.assess.OscalShape;
import dev.bulwark.compliance.attack.AttackMapping;
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
    return assess(profile, catalog, evidenceDir, null, at);
  }

  /** As above, naming in the gap report the ATT&CK techniques failing controls leave open. */
  public Assessment assess(
      Path profile, Path catalog, Path evidenceDir, Path attackMapping, Instant at)
      throws InputException {
    AttackMapping attack =
        attackMapping == null ? AttackMapping.none() : AttackMapping.read(attackMapping);
    Profile p = Profile.read(profile);
    Catalog resolved = ProfileResolver.resolve(p, catalog);
    EvidenceReader.Evidence evidence = EvidenceReader.readDir(evidenceDir);
    List<ControlAssessment> controls =
        new Assessor(MappingLoader.builtIn()).assess(resolved, evidence.scans(), at);
    String href = profile.getFileName().toString();
    String results = AssessmentDocuments.assessmentResults(p.title(), href, controls, at);
    String poam = AssessmentDocuments.poam(p.title(), controls, at);
    conforms("assessment-results", results);
    conforms("plan-of-action-and-milestones", poam);
    return new Assessment(
        resolved,
        controls,
        evidence.problems(),
        results,
        poam,
        GapReport.markdown(p.title(), controls, attack));
  }

  /** The schema problems of an OSCAL JSON file; empty when it conforms. */
  public List<String> validate(Path file) throws InputException {
    try {
      return OscalShape.problems(JSON.readTree(file.toFile()));
    } catch (java.io.IOException e) {
      throw new InputException(file + ": not valid JSON: " + e.getMessage(), e);
    }
  }

  private static void conforms(String what, String json) {
    try {
      List<String> problems = OscalShape.problems(JSON.readTree(json));
      if (!problems.isEmpty()) {
        // a bug in the writer, never the user's input
        throw new IllegalStateException(
            "the " + what + " written breaks the OSCAL schema: " + problems);
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the " + what + " written is not JSON", e);
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
}
