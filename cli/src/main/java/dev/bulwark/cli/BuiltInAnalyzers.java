package dev.bulwark.cli;

import dev.bulwark.ai.llm.LlmSettings;
import dev.bulwark.code.CodeAnalyzer;
import dev.bulwark.core.analysis.Analyzer;
import dev.bulwark.core.config.ConfigShape;
import dev.bulwark.deps.DepsAnalyzer;
import dev.bulwark.deps.plan.PlanSettings;
import dev.bulwark.logs.LogHunt;
import dev.bulwark.logs.LogsAnalyzer;
import dev.bulwark.mail.MailAnalyzer;
import dev.bulwark.mail.MailSettings;
import dev.bulwark.net.NetAnalyzer;
import dev.bulwark.secrets.GitHistoryAnalyzer;
import dev.bulwark.secrets.SecretsAnalyzer;
import dev.bulwark.secrets.SecretsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

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
                new MailAnalyzer(),
                new NetAnalyzer()));
    for (Analyzer a : ServiceLoader.load(Analyzer.class)) {
      list.add(a);
    }
    return list;
  }

  /**
   * Top-level sections of bulwark.yaml and the keys each may hold, as the modules that read them
   * declare. Sections no module reads yet are free-form until one does.
   */
  static Map<String, ConfigShape> configSections() {
    return Map.of(
        "secrets", SecretsConfig.KEYS,
        "deps", PlanSettings.KEYS,
        "logs", LogHunt.Settings.KEYS,
        "assets", LogHunt.Settings.ASSETS,
        "mail", MailSettings.KEYS,
        "llm", LlmSettings.KEYS,
        "code", ConfigShape.free(),
        "ai", ConfigShape.free(),
        "server", ConfigShape.free(),
        "mcp", ConfigShape.free());
  }
}
