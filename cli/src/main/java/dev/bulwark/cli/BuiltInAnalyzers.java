package dev.bulwark.cli;

import dev.bulwark.code.CodeAnalyzer;
import dev.bulwark.core.analysis.Analyzer;
import dev.bulwark.deps.DepsAnalyzer;
import dev.bulwark.logs.LogsAnalyzer;
import dev.bulwark.mail.MailAnalyzer;
import dev.bulwark.secrets.GitHistoryAnalyzer;
import dev.bulwark.secrets.SecretsAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Every analyzer that ships with Bulwark, listed here and nowhere else; third-party packs are added
 * through {@link ServiceLoader}.
 */
final class BuiltInAnalyzers {
  private BuiltInAnalyzers() {}

  static List<Analyzer> all() {
    List<Analyzer> list =
        new ArrayList<>(
            List.of(
                new SecretsAnalyzer(),
                new GitHistoryAnalyzer(),
                new CodeAnalyzer(),
                new DepsAnalyzer(),
                new LogsAnalyzer(),
                new MailAnalyzer()));
    for (Analyzer a : ServiceLoader.load(Analyzer.class)) {
      list.add(a);
    }
    return list;
  }

  /** Top-level sections of bulwark.yaml that capabilities read. */
  static Set<String> configSections() {
    return Set.of(
        "secrets", "code", "deps", "logs", "mail", "ai", "llm", "server", "assets", "mcp");
  }
}
