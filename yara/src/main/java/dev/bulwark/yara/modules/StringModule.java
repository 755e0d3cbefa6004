package dev.bulwark.yara.modules;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;

/** {@code string.to_int(s [, base])} and {@code string.length(s)}. */
final class StringModule implements YaraModule {
  @Override
  public String name() {
    return "string";
  }

  @Override
  public Set<String> members() {
    return Set.of("to_int", "length");
  }

  @Override
  public Map<String, Object> load(ByteBuffer data) {
    return Map.of(
        "to_int",
        (Fn)
            args -> {
              String s = YaraModule.text(args.isEmpty() ? null : args.get(0));
              if (s == null) {
                return null;
              }
              int base = 10;
              if (args.size() > 1 && args.get(1) instanceof Long b) {
                if (b != 0 && (b < 2 || b > 36)) {
                  return null;
                }
                base = b.intValue();
              }
              try {
                s = s.strip();
                if (base == 0 || (base == 16 && s.toLowerCase().startsWith("0x"))) {
                  return Long.decode(s);
                }
                return Long.parseLong(s, base);
              } catch (NumberFormatException e) {
                return null;
              }
            },
        "length",
        (Fn) args -> args.size() == 1 && args.get(0) instanceof byte[] b ? (long) b.length : null);
  }
}
