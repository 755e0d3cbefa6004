package dev.bulwark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.attest.AttestText;
import dev.bulwark.attest.GpuAttestation;
import dev.bulwark.attest.claims.AppraisalPolicy;
import dev.bulwark.attest.claims.ClaimsVersion;
import dev.bulwark.attest.verify.Check;
import dev.bulwark.cli.usecase.AttestService;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.OutputFile;
import dev.bulwark.core.report.RenderOptions;
import dev.bulwark.core.report.ReportFormat;
import dev.bulwark.core.report.ScanReport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bulwark attest}: confidential computing — is this GPU what it claims, running what NVIDIA
 * signed?
 */
@Command(
    name = "attest",
    mixinStandardHelpOptions = true,
    description = "Confidential computing: verify GPU attestation evidence offline.",
    subcommands = {AttestCommand.Gpu.class})
final class AttestCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "gpu",
      mixinStandardHelpOptions = true,
      description = {
        "Verify an NVIDIA GPU's attestation evidence offline: report, certificate chain, nonce,"
            + " reference manifests (RIMs), and an optional appraisal policy.",
        "Every check is listed with pass or fail and why. Exit status 0 when every check passes,"
            + " 1 when any fails, 2 when an input cannot be read."
      })
  static final class Gpu implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--report",
        required = true,
        paramLabel = "FILE",
        description = "The attestation report (hex text or raw bytes).")
    Path report;

    @Option(
        names = "--cert-chain",
        required = true,
        paramLabel = "FILE",
        description = "The GPU's certificate chain, PEM, leaf first.")
    Path certChain;

    @Option(
        names = "--nonce",
        required = true,
        paramLabel = "HEX",
        description = "The 32-byte nonce you gave the GPU, as 64 hex digits.")
    String nonce;

    @Option(
        names = "--driver-rim",
        paramLabel = "FILE",
        description = "The driver's RIM (SWID tag).")
    Path driverRim;

    @Option(names = "--vbios-rim", paramLabel = "FILE", description = "The VBIOS RIM (SWID tag).")
    Path vbiosRim;

    @Option(
        names = "--rim-dir",
        paramLabel = "DIR",
        description =
            "A folder of VBIOS RIMs; the one named by the report's project, SKUs and version is used.")
    Path rimDir;

    @Option(
        names = "--policy",
        paramLabel = "FILE",
        description = "An appraisal policy in the format of NVIDIA's SDK examples (JSON).")
    Path policy;

    @Option(
        names = "--at",
        paramLabel = "TIME",
        description =
            "Judge certificate validity at this time (2024-06-01 or an ISO date-time; default now).")
    String at;

    @Option(
        names = "--claims-version",
        paramLabel = "V",
        description = "Claims layout 2.0 or 3.0 (default: the policy's x-nvidia-ver, else 2.0).")
    String claimsVersion;

    @Option(
        names = "--device-root",
        paramLabel = "FILE",
        description = "Trust this root for the GPU chain instead of NVIDIA's bundled one.")
    Path deviceRoot;

    @Option(
        names = "--rim-root",
        paramLabel = "FILE",
        description = "Trust this root for RIM signatures instead of NVIDIA's bundled one.")
    Path rimRoot;

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        description =
            "text (the check list, default), claims (the claims as JSON), or a report format: json, sarif, markdown, html, terminal.")
    String format = "text";

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FILE",
        description = "Write to this file instead of standard output.")
    Path output;

    @picocli.CommandLine.Mixin OutputPolicy outputPolicy;

    @Override
    public Integer call() throws Exception {
      String f = format.strip().toLowerCase(Locale.ROOT);
      ReportFormat reportFormat = null;
      if (!f.equals("text") && !f.equals("claims")) {
        try {
          reportFormat = ReportFormat.parse(f);
        } catch (IllegalArgumentException e) {
          throw new InputException(
              "--format '"
                  + format
                  + "' is not text, claims, json, sarif, markdown, html or terminal");
        }
      }
      GpuAttestation.Request request =
          new GpuAttestation.Request(
              report,
              certChain,
              nonce,
              Optional.ofNullable(driverRim),
              Optional.ofNullable(vbiosRim),
              Optional.ofNullable(rimDir),
              Optional.ofNullable(policy),
              AttestService.at(at),
              claimsVersion == null
                  ? Optional.empty()
                  : Optional.of(ClaimsVersion.parse(claimsVersion)),
              Optional.ofNullable(deviceRoot),
              Optional.ofNullable(rimRoot));
      OutputFile out = outputPolicy.check(output, request.inputs());
      Instant started = Instant.now();
      AttestService service = new AttestService();
      GpuAttestation.Appraisal a = service.appraise(request);
      String text;
      if (reportFormat != null) {
        ScanReport r = service.report(a, started);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        reportFormat.writer(new RenderOptions(false, 100)).write(r, buf);
        text = buf.toString(StandardCharsets.UTF_8);
      } else if (f.equals("claims")) {
        text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(claims(a)) + "\n";
      } else {
        text = AttestText.render(a);
      }
      if (out == null) {
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
      } else {
        out.writeString(text);
        spec.commandLine().getErr().println("wrote " + f + " report to " + output);
      }
      return a.passed() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    /** The claims, the policy's verdict and every check, as one JSON document. */
    static ObjectNode claims(GpuAttestation.Appraisal a) {
      ObjectNode o = JSON.createObjectNode();
      o.put("result", a.passed());
      o.put("x-nvidia-ver", a.claimsVersion().text());
      o.set("overall", a.claims().overall());
      ObjectNode detached = o.putObject("detached");
      for (Map.Entry<String, ObjectNode> e : a.claims().detached().entrySet()) {
        detached.set(e.getKey(), e.getValue());
      }
      ArrayNode checks = o.putArray("checks");
      for (Check c : a.verification().checks()) {
        checks
            .addObject()
            .put("check", c.id().id())
            .put("status", c.status().name().toLowerCase(Locale.ROOT))
            .put("detail", c.detail());
      }
      if (a.policy().isPresent()) {
        ObjectNode p = o.putObject("policy");
        p.put("file", a.policy().get().source());
        p.put("version", a.policy().get().version());
        p.put("satisfied", a.violations().isEmpty());
        ArrayNode v = p.putArray("violations");
        for (AppraisalPolicy.Violation x : a.violations()) {
          v.add(x.toString());
        }
      }
      return o;
    }
  }
}
