package dev.bulwark.secrets.engine;

import dev.bulwark.secrets.rules.SecretRule;

/**
 * A secret found by the engine: which rule, the value (redacted unless revealed), where it is
 * (1-based lines and columns, end column exclusive), the redacted line it sits on, and the
 * assignment key when the rule captured one.
 */
public record SecretMatch(
    SecretRule rule,
    Secret secret,
    int startLine,
    int startColumn,
    int endLine,
    int endColumn,
    String snippet,
    String key) {}
