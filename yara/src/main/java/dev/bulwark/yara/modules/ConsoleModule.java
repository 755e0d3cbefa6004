package dev.bulwark.yara.modules;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code console.log(…)} and {@code console.hex(…)}: true, and the message is kept in the
 * structure's {@code _log} list so the scan can add it to the report.
 */
final class ConsoleModule implements YaraModule {
  @Override
  public String name() {
    return "console";
  }

  @Override
  public Set<String> members() {
    return Set.of("log", "hex");
  }

  @Override
  public Map<String, Object> load(ByteBuffer data) {
    List<String> log = new ArrayList<>();
    Map<String, Object> m = new HashMap<>();
    m.put("_log", log);
    m.put(
        "log",
        (Fn)
            args -> {
              StringBuilder sb = new StringBuilder();
              for (Object a : args) {
                sb.append(a instanceof byte[] b ? YaraModule.text(b) : String.valueOf(a));
              }
              if (log.size() < 1000) {
                log.add(sb.toString());
              }
              return 1L;
            });
    m.put(
        "hex",
        (Fn)
            args -> {
              StringBuilder sb = new StringBuilder();
              for (Object a : args) {
                sb.append(
                    a instanceof Long l
                        ? "0x" + Long.toHexString(l)
                        : a instanceof byte[] b ? YaraModule.text(b) : String.valueOf(a));
              }
              if (log.size() < 1000) {
                log.add(sb.toString());
              }
              return 1L;
            });
    return m;
  }
}
