package dev.bulwark.mail;

import dev.bulwark.core.analysis.AnalysisException;
import dev.bulwark.core.analysis.AnalyzerInfo;
import dev.bulwark.core.analysis.FindingSink;
import dev.bulwark.core.analysis.Phase;
import dev.bulwark.core.analysis.ScanContext;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.SourceFile;
import dev.bulwark.core.model.RuleDescriptor;
import dev.bulwark.mail.message.MailMessage;
import dev.bulwark.mail.message.MailSettings;
import java.io.IOException;
import java.util.List;

/** Judges the .eml files of a scanned tree; a message that cannot be parsed is a diagnostic. */
public final class MailAnalyzer implements dev.bulwark.core.analysis.Analyzer {
  private static final AnalyzerInfo INFO =
      new AnalyzerInfo(
          "mail",
          "Mail",
          "Phishing and malware delivery in .eml messages and mbox mailboxes",
          Phase.FILES);

  @Override
  public AnalyzerInfo info() {
    return INFO;
  }

  @Override
  public List<RuleDescriptor> rules() {
    return MailFindings.rules();
  }

  static boolean isMail(SourceFile f) {
    return Mailboxes.isMail(f.fileName());
  }

  @Override
  public boolean appliesTo(ScanContext context) {
    return context.tree().files().stream().anyMatch(MailAnalyzer::isMail);
  }

  @Override
  public void checkConfig(BulwarkConfig config) throws InputException {
    MailSettings.from(config);
  }

  @Override
  public void analyze(ScanContext ctx, FindingSink sink) throws AnalysisException {
    MailSettings settings;
    try {
      settings = MailSettings.from(ctx.config());
    } catch (InputException e) {
      throw new AnalysisException(e.getMessage(), e);
    }
    for (SourceFile f : ctx.tree().files()) {
      if (!isMail(f)) {
        continue;
      }
      ctx.checkCancelled();
      try {
        Mailboxes.read(
            f.path(),
            f.relativePath(),
            new Mailboxes.Visitor() {
              @Override
              public void message(MailMessage m) {
                MailFindings.of(MailChecks.judge(m, settings)).ifPresent(sink::accept);
              }

              @Override
              public void problem(String source, int index, String problem) {
                ctx.diagnostics()
                    .report(
                        Diagnostic.error(
                            "mail",
                            source,
                            (index > 0 ? "message " + index + ": " : "") + problem));
              }
            });
      } catch (IOException | RuntimeException e) {
        ctx.diagnostics()
            .report(
                Diagnostic.error(
                    "mail", f.relativePath(), "unreadable message: " + e.getMessage()));
      }
    }
  }
}
