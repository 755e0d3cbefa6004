package dev.bulwark.cli;

import dev.bulwark.ai.llm.LlmSettings;
import dev.bulwark.code.CodeAnalyzer;
import dev.bulwark.config.ConfigAnalyzer;
import dev.bulwark.core.analysis.Analyzer;
import dev.bulwark.core.config.ConfigShape;
import dev.bulwark.deps.DepsAnalyzer;
import dev.bulwark.deps.plan.PlanSettings;
import dev.bulwark.logs.LogHunt;
import dev.bulwark.logs.LogsAnalyzer;
import dev.bulwark.mail.MailAnalyzer;
import dev.bulwark.mail.message.MailSettings;
import dev.bulwark.net.NetAnalyzer;
import dev.bulwark.secrets.GitHistoryAnalyzer;
import dev.bulwark.secrets.SecretsAnalyzer;
import dev.bulwark.secrets.SecretsConfig;
import java.nio.file.Path;
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
    return all(null);
  }

  /**
   * The analyzers, with {@code dataDir} as the data directory those that read one use (the log
   * rules release installed there); null for Bulwark's default data directory.
   */
  static List<Analyzer> all(Path dataDir) {
    List<Analyzer> list =
        new ArrayList<>(
            List.of(
                new SecretsAnalyzer(),
                new GitHistoryAnalyzer(),
                new CodeAnalyzer(),
                new DepsAnalyzer(),
                new LogsAnalyzer(dataDir),
                new MailAnalyzer(),
                new ConfigAnalyzer(),
                new dev.bulwark.yara.YaraAnalyzer(),
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
    return Map.ofEntries(
        Map.entry("secrets", SecretsConfig.KEYS),
        Map.entry("deps", PlanSettings.KEYS),
        Map.entry("logs", LogHunt.Settings.KEYS),
        Map.entry("assets", LogHunt.Settings.ASSETS),
        Map.entry("mail", MailSettings.KEYS),
        Map.entry("yara", dev.bulwark.yara.YaraAnalyzer.KEYS),
        Map.entry("intel", dev.bulwark.intel.profile.OrgProfile.KEYS),
        Map.entry("threatmodel", dev.bulwark.threatmodel.evidence.AssetMarks.KEYS),
        Map.entry("llm", LlmSettings.KEYS),
        Map.entry("code", CodeAnalyzer.KEYS),
        Map.entry("ai", ConfigShape.free()),
        Map.entry("server", ConfigShape.free()),
        Map.entry("mcp", ConfigShape.free()));
  }
}
