package dev.bulwark.yara.modules;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A YARA module ({@code import "pe"}): the members it declares, checked when rules compile, and the
 * structure it builds for one scanned file. Values are Long, Double, byte[] (strings), Map
 * (structures), List (arrays), {@link Dict} (dictionaries) and {@link Fn} (functions); an absent
 * value is null, YARA's "undefined".
 */
public interface YaraModule {
  String name();

  Set<String> members();

  /** The module's structure for {@code data}; never throws on malformed input. */
  Map<String, Object> load(ByteBuffer data);

  /** A module function; returns null (undefined) when the arguments do not fit. */
  @FunctionalInterface
  interface Fn {
    Object call(List<Object> args);
  }

  /** A dictionary, as {@code pe.version_info["CompanyName"]}. */
  record Dict(Map<String, Object> entries) {}

  /** The modules this engine provides, by name. */
  static Map<String, YaraModule> standard() {
    return Map.of(
        "pe", new PeModule(),
        "math", new MathModule(),
        "hash", new HashModule(),
        "elf", new ElfModule(),
        "console", new ConsoleModule(),
        "time", new TimeModule(),
        "string", new StringModule(),
        "cuckoo", new CuckooModule(),
        "magic", new MagicModule(),
        "dotnet", new DotnetModule());
  }

  static byte[] bytes(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  static String text(Object o) {
    return o instanceof byte[] b
        ? new String(b, java.nio.charset.StandardCharsets.ISO_8859_1)
        : null;
  }

  static Long integer(Object o) {
    return o instanceof Long l ? l : null;
  }
}
