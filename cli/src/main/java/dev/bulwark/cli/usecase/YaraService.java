package dev.bulwark.cli.usecase;

import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.yara.YaraScan;
import dev.bulwark.yara.engine.CompiledRules;
import dev.bulwark.yara.engine.RulesCache;
import dev.bulwark.yara.lang.YaraSyntaxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * YARA rules: compile rule files (a folder means every {@code .yar}/{@code .yara} file in it) and
 * scan files, folders and archives with them.
 */
public final class YaraService {

  /** Parses {@code NAME=VALUE}: true/false, an integer, a decimal number or a string. */
  public static Map<String, Object> externals(List<String> defines) throws InputException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String d : defines) {
      int eq = d.indexOf('=');
      if (eq <= 0) {
        throw new InputException("--define needs NAME=VALUE, got '" + d + "'");
      }
      String name = d.substring(0, eq);
      String v = d.substring(eq + 1);
      Object value;
      if (v.equals("true") || v.equals("false")) {
        value = Boolean.parseBoolean(v);
      } else if (v.matches("-?[0-9]+")) {
        try {
          value = Long.parseLong(v);
        } catch (NumberFormatException e) {
          throw new InputException("--define " + name + ": integer out of range: " + v);
        }
      } else if (v.matches("-?[0-9]+\\.[0-9]+")) {
        value = Double.parseDouble(v);
      } else {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        value = v.getBytes(StandardCharsets.UTF_8);
      }
      out.put(name, value);
    }
    return out;
  }

  /** The rule files named: files as given, folders walked for {@code .yar}/{@code .yara}. */
  public List<Path> ruleFiles(List<Path> rules) throws InputException {
    List<Path> out = new ArrayList<>();
    for (Path p : rules) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(Files::isRegularFile)
              .filter(f -> f.toString().endsWith(".yar") || f.toString().endsWith(".yara"))
              .sorted()
              .forEach(out::add);
        } catch (IOException e) {
          throw new InputException(p + ": cannot list rule folder: " + e.getMessage());
        }
      } else if (Files.isRegularFile(p)) {
        out.add(p);
      } else {
        throw new InputException(p + ": no such rule file");
      }
    }
    if (out.isEmpty()) {
      throw new InputException("no rule files in " + rules);
    }
    return out;
  }

  /** Compiles every rule file into one set; the first error names file, line and column. */
  public CompiledRules compile(List<Path> rules, Map<String, Object> externals)
      throws InputException {
    return load(rules, externals, null).rules();
  }

  /**
   * The rule set of every rule file, read from the compiled-rules cache in {@code cacheDir} when a
   * current entry is there, else compiled (and the entry written); {@code cacheDir} null compiles
   * without a cache. The first error names file, line and column.
   */
  public RulesCache.Load load(List<Path> rules, Map<String, Object> externals, Path cacheDir)
      throws InputException {
    try {
      List<Path> files = ruleFiles(rules);
      return cacheDir == null
          ? RulesCache.uncached(files, externals.keySet())
          : RulesCache.in(cacheDir).load(files, externals.keySet());
    } catch (YaraSyntaxException e) {
      throw new InputException(e.getMessage());
    } catch (IOException e) {
      throw new InputException("cannot read rules: " + e.getMessage());
    }
  }

  public YaraScan.Result scan(
      List<Path> targets,
      CompiledRules rules,
      Map<String, Object> externals,
      DiagnosticSink diagnostics,
      int threads) {
    return YaraScan.run(targets, rules, externals, diagnostics, threads);
  }
}
