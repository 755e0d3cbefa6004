package dev.bulwark.cli.usecase;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.net.NetSummary;
import dev.bulwark.net.ZeekRun;
import dev.bulwark.net.proto.Protocols;
import dev.bulwark.net.zeek.NetOptions;
import dev.bulwark.net.zeek.ZeekLogWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Network forensics: captures into Zeek-compatible logs. */
public final class NetService {

  /** Options from the command line's words: {@code --only}, {@code --log-format}, {@code -C}. */
  public NetOptions options(List<String> only, String logFormat, boolean ignoreChecksums)
      throws InputException {
    Set<String> names = null;
    if (only != null && !only.isEmpty()) {
      names = new LinkedHashSet<>();
      List<String> known = new ArrayList<>(Protocols.names());
      known.addAll(Protocols.LOGS);
      for (String o : only) {
        for (String n : o.split(",")) {
          String name = n.trim().toLowerCase(Locale.ROOT);
          if (name.isEmpty()) {
            continue;
          }
          if (!known.contains(name)) {
            throw new InputException(
                "--only: unknown analyzer or log '"
                    + name
                    + "' (known: "
                    + String.join(", ", known)
                    + ")");
          }
          names.add(name);
        }
      }
    }
    ZeekLogWriter.Format format =
        switch (logFormat == null ? "tsv" : logFormat.toLowerCase(Locale.ROOT)) {
          case "tsv" -> ZeekLogWriter.Format.TSV;
          case "json" -> ZeekLogWriter.Format.JSON;
          default -> throw new InputException("--log-format: tsv or json, not " + logFormat);
        };
    return new NetOptions(names, ignoreChecksums, format);
  }

  /** Reads every capture under {@code inputs} and writes the logs into {@code out}. */
  public NetSummary zeek(List<Path> inputs, Path out, NetOptions options) throws InputException {
    for (Path p : inputs) {
      if (!Files.exists(p)) {
        throw new InputException(p + ": no such file or directory");
      }
    }
    try {
      return ZeekRun.run(inputs, out, options);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new InputException("cannot write logs to " + out + ": " + e.getMessage());
    }
  }
}
