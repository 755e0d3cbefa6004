package dev.bulwark.yara.modules;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;

/** {@code time.now()}: seconds since the epoch. */
final class TimeModule implements YaraModule {
  @Override
  public String name() {
    return "time";
  }

  @Override
  public Set<String> members() {
    return Set.of("now");
  }

  @Override
  public Map<String, Object> load(ByteBuffer data) {
    return Map.of("now", (Fn) args -> args.isEmpty() ? System.currentTimeMillis() / 1000 : null);
  }
}
