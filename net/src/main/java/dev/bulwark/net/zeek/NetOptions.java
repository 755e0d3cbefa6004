package dev.bulwark.net.zeek;

import java.util.Set;

/**
 * How to turn captures into logs.
 *
 * @param only the analyzers and logs to run, as Zeek's bare mode with {@code base/protocols/X};
 *     {@code null} runs everything
 * @param ignoreChecksums as {@code zeek -C}: analyse packets whose checksums do not verify
 */
public record NetOptions(Set<String> only, boolean ignoreChecksums, ZeekLogWriter.Format format) {
  public NetOptions {
    only = only == null ? null : Set.copyOf(only);
    format = format == null ? ZeekLogWriter.Format.TSV : format;
  }

  public static NetOptions defaults() {
    return new NetOptions(null, false, ZeekLogWriter.Format.TSV);
  }

  public boolean runs(String name) {
    return only == null || only.contains(name);
  }
}
