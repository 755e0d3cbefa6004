package dev.bulwark.core.testing;

import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.model.CodeFlow;
import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Fix;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Region;
import dev.bulwark.core.model.RuleDescriptor;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.model.TaxonomyRef;
import dev.bulwark.core.report.AnalyzerRun;
import dev.bulwark.core.report.ScanReport;
import dev.bulwark.core.report.ScanSummary;
import dev.bulwark.core.report.SuppressedFinding;
import dev.bulwark.core.report.ToolInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A deterministic report that exercises every part of the model, for writer tests. */
public final class SampleReports {
  private SampleReports() {}

  public static ScanReport rich() {
    Finding secret =
        Finding.builder("secrets", "github-pat")
            .title("GitHub personal access token (classic)")
            .message("GitHub personal access token ghp_…#3fa2c1d0 is hard-coded.")
            .severity(Severity.HIGH)
            .confidence(Confidence.HIGH)
            .location(
                new Location.File(
                    "config/app env.yml", new Region(12, 14, 12, 54), "token: ghp_…#3fa2c1d0"))
            .taxon(TaxonomyRef.cwe(798))
            .taxon(TaxonomyRef.attack("T1552.001"))
            .remediation("Revoke the token and load it from a secret store.")
            .identity("3fa2c1d0")
            .property("category", "vcs-ci")
            .build();
    Location.File source =
        new Location.File(
            "src/main/java/com/example/Orders.java",
            new Region(21, 20, 21, 52),
            "String id = request.getParameter(\"id\");");
    Location.File sink =
        new Location.File(
            "src/main/java/com/example/Orders.java",
            new Region(24, 5, 24, 40),
            "stmt.executeQuery(sql);");
    Finding sqli =
        Finding.builder("code", "java-sqli")
            .title("SQL injection")
            .message("User input reaches a SQL query <unescaped> & unparameterised.")
            .severity(Severity.CRITICAL)
            .confidence(Confidence.MEDIUM)
            .location(sink)
            .taxon(TaxonomyRef.cwe(89))
            .codeFlow(
                new CodeFlow(
                    "request parameter to query",
                    List.of(
                        new CodeFlow.Step(source, "untrusted input", CodeFlow.Kind.SOURCE),
                        new CodeFlow.Step(
                            new Location.File(
                                "src/main/java/com/example/Orders.java",
                                new Region(22, 5, 22, 60),
                                "String sql = \"select * from o where id=\" + id;"),
                            "concatenated",
                            CodeFlow.Kind.STEP),
                        new CodeFlow.Step(sink, "executed", CodeFlow.Kind.SINK))))
            .fix(
                new Fix(
                    "Bind the value as a parameter",
                    List.of(
                        new Fix.Change(
                            "src/main/java/com/example/Orders.java",
                            List.of(
                                new Fix.Replacement(
                                    new Region(22, 5, 24, 40),
                                    "var ps = conn.prepareStatement(\"select * from o where id=?\");\n    ps.setString(1, id);\n    ps.executeQuery();")))),
                    "--- a/Orders.java\n+++ b/Orders.java\n@@ -22,3 +22,3 @@\n-String sql = \"select * from o where id=\" + id;\n+var ps = conn.prepareStatement(\"select * from o where id=?\");\n",
                    Fix.Status.VERIFIED,
                    "template:sqli-prepared/1"))
            .build();
    Finding logEvent =
        Finding.builder("logs", "proc-creation-win-susp-lolbin")
            .title("Suspicious LOLBin execution")
            .message("certutil.exe downloaded a file.")
            .severity(Severity.MEDIUM)
            .confidence(Confidence.HIGH)
            .location(
                new Location.LogEvent(
                    "logs/Security.evtx",
                    "4711",
                    Instant.parse("2026-01-02T03:04:05Z"),
                    "Security",
                    "WS01"))
            .taxon(TaxonomyRef.attack("T1105"))
            .build();
    Finding pkg =
        Finding.builder("deps", "CVE-2021-44228")
            .title("log4j-core 2.14.1 is vulnerable to Log4Shell")
            .message("Remote code execution through JNDI lookups.")
            .severity(Severity.CRITICAL)
            .location(
                new Location.Package(
                    "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
                    "pom.xml",
                    Region.line(40)))
            .taxon(new TaxonomyRef(TaxonomyRef.Taxonomy.CVE, "CVE-2021-44228"))
            .build();
    Finding mail =
        Finding.builder("mail", "lookalike-domain")
            .title("Look-alike sender domain")
            .message("paypa1.com imitates paypal.com.")
            .severity(Severity.LOW)
            .location(
                new Location.MailPart(
                    "mail/inbox.mbox", 3, "header:From", "From: PayPal <service@paypa1.com>"))
            .build();
    Finding host =
        Finding.builder("deception", "ssh-bruteforce")
            .title("SSH brute force")
            .message("120 failed logins.")
            .severity(Severity.INFO)
            .location(new Location.Host("honeypot-1", "10.0.0.5"))
            .build();
    Finding history =
        Finding.builder("secrets", "aws-access-key-id")
            .title("AWS access key ID")
            .message("AWS access key ID AKIA…#aa11bb22 was committed.")
            .severity(Severity.HIGH)
            .location(
                new Location.GitBlob(
                    "0123456789abcdef0123456789abcdef01234567",
                    "deploy.sh",
                    Region.line(3),
                    "KEY=AKIA…#aa11bb22"))
            .taxon(TaxonomyRef.cwe(798))
            .property("stillPresent", "false")
            .build();
    Finding suppressedFinding =
        Finding.builder("secrets", "generic-password")
            .title("Hard-coded password")
            .message("A password is hard-coded.")
            .severity(Severity.MEDIUM)
            .location(
                new Location.File("test/fixtures/db.env", Region.line(2), "PASSWORD=h…#00112233"))
            .taxon(TaxonomyRef.cwe(259))
            .build();
    List<RuleDescriptor> rules =
        List.of(
            new RuleDescriptor(
                "github-pat",
                "GitHub personal access token (classic)",
                "GitHub token found",
                "A classic GitHub token.\n\n**Remediation.** Revoke it.",
                Severity.HIGH,
                List.of(TaxonomyRef.cwe(798)),
                List.of("secrets")),
            new RuleDescriptor(
                "java-sqli",
                "SQL injection",
                "Untrusted data in SQL",
                "Use parameters.",
                Severity.CRITICAL,
                List.of(TaxonomyRef.cwe(89)),
                List.of("code")));
    ScanSummary summary =
        new ScanSummary(
            "/work/project",
            List.of("/work/project"),
            Instant.parse("2026-11-25T10:00:00Z"),
            Duration.ofMillis(1234),
            42,
            123_456,
            List.of(
                new AnalyzerRun("secrets", "Secrets", 800, 3, AnalyzerRun.Status.COMPLETED),
                new AnalyzerRun("code", "Code", 400, 1, AnalyzerRun.Status.FAILED)),
            true,
            2);
    return new ScanReport(
        new ToolInfo("Bulwark", "1.2.3-test", "https://github.com/bulwark-dev/bulwark"),
        summary,
        rules,
        List.of(sqli, pkg, secret, history, logEvent, mail, host),
        List.of(
            new SuppressedFinding(
                suppressedFinding, SuppressedFinding.Kind.IN_SOURCE, "test fixture password")),
        List.of(
            Diagnostic.error("secrets", "logs/huge.bin", "cannot read: Input/output error"),
            Diagnostic.note("files", null, "3 binary files skipped")));
  }
}
