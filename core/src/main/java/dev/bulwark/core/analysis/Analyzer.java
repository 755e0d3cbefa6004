package dev.bulwark.core.analysis;

import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.model.RuleDescriptor;
import java.util.List;

/**
 * The extension point every capability implements: it turns evidence found through the {@link
 * ScanContext} into findings. Built-in analyzers are listed in one registry; third-party packs
 * arrive through {@link java.util.ServiceLoader}.
 *
 * <p>Implementations must be thread-safe, check {@link ScanContext#checkCancelled()} regularly and
 * report unreadable inputs as diagnostics instead of failing.
 */
public interface Analyzer {

  AnalyzerInfo info();

  /** The rules this analyzer can report, for SARIF rule metadata and documentation. */
  List<RuleDescriptor> rules();

  /** Whether there is anything for this analyzer in the scanned tree. */
  boolean appliesTo(ScanContext context);

  /**
   * Reads this analyzer's settings from {@code config} before any file is walked, so that a wrong
   * setting stops the command as an input error naming the file, as an unknown key does, instead of
   * failing this analyzer alone after the scan has run and ending "no findings" for the rest.
   */
  default void checkConfig(BulwarkConfig config) throws InputException {}

  void analyze(ScanContext context, FindingSink sink)
      throws AnalysisException, InterruptedException;
}
