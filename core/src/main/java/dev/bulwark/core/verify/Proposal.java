package dev.bulwark.core.verify;

import java.util.Objects;

/**
 * Something a model or a template proposes — a patch, a narrative, a rule — before any check has
 * passed: what kind it is, what it is about (a finding's fingerprint, an incident id), who made it
 * (a template's name, or model and prompt version) and its content, kept for evaluation.
 */
public record Proposal(String kind, String subject, String source, String content) {
  public Proposal {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    source = source == null ? "unknown" : source;
    content = content == null ? "" : content;
  }
}
