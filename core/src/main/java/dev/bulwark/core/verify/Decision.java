package dev.bulwark.core.verify;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of verifying one proposal. A rejection names the check that failed and why; an
 * acceptance lists every check passed. {@code content} is the proposal itself (bounded), so that
 * rejected proposals can be studied and models compared.
 */
public record Decision(
    String kind,
    String subject,
    String source,
    boolean accepted,
    List<String> passed,
    String failedCheck,
    String reason,
    Instant at,
    String content) {

  static final int MAX_CONTENT = 20_000;

  public Decision {
    passed = List.copyOf(passed);
    if (content != null && content.length() > MAX_CONTENT) {
      content = content.substring(0, MAX_CONTENT) + "\n[truncated]";
    }
  }
}
