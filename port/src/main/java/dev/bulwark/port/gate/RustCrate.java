package dev.bulwark.port.gate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

/**
 * A library crate written from units (a struct, a constant, a function), remembering which lines
 * each unit occupies so that a compiler or Clippy message can be charged to the unit it is about.
 */
public final class RustCrate {
  /** One item of the crate: key is the C function name, or "struct NAME", "const NAME". */
  public record Unit(String key, String code) {}

  /** The written crate and the first line of each unit. */
  public record Written(Path dir, String lib, TreeMap<Integer, String> starts) {
    /** The unit that owns a line of src/lib.rs, or null for the crate header. */
    public String owner(int line) {
      var e = starts.floorEntry(line);
      return e == null ? null : e.getValue();
    }
  }

  private RustCrate() {}

  public static String header() {
    return "//! Ported from C by bulwark port; every function passed the build, safety, Clippy and\n"
        + "//! differential gates listed in PORT.md.\n#![forbid(unsafe_code)]\n\n";
  }

  public static Written write(Path dir, String name, List<Unit> units) throws IOException {
    Files.createDirectories(dir.resolve("src"));
    Files.writeString(dir.resolve("Cargo.toml"), cargoToml(name, null), StandardCharsets.UTF_8);
    StringBuilder lib = new StringBuilder(header());
    TreeMap<Integer, String> starts = new TreeMap<>();
    for (Unit u : units) {
      int line = (int) lib.chars().filter(c -> c == '\n').count() + 1;
      starts.put(line, u.key());
      lib.append(u.code());
      if (!u.code().endsWith("\n")) {
        lib.append('\n');
      }
      lib.append('\n');
    }
    Files.writeString(dir.resolve("src/lib.rs"), lib.toString(), StandardCharsets.UTF_8);
    return new Written(dir, lib.toString(), starts);
  }

  /** A manifest with no dependencies but, optionally, the ported crate by path. */
  public static String cargoToml(String name, Path dependency) {
    String deps =
        dependency == null
            ? ""
            : "port_under_test = { path = \""
                + dependency.toString().replace("\\", "/")
                + "\", package = \""
                + crateNameOf(dependency)
                + "\" }\n";
    return "[package]\nname = \""
        + name
        + "\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\n"
        + deps
        + "\n[workspace]\n";
  }

  private static String crateNameOf(Path crate) {
    try {
      for (String l : Files.readAllLines(crate.resolve("Cargo.toml"))) {
        if (l.startsWith("name = ")) {
          return l.substring(l.indexOf('"') + 1, l.lastIndexOf('"'));
        }
      }
    } catch (IOException e) {
      // fall through to the directory name
    }
    return crate.getFileName().toString();
  }
}
