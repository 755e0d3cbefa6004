package dev.bulwark.yara.modules;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;

/**
 * {@code cuckoo}: rules about a sandbox's behaviour report. Bulwark scans files without a sandbox
 * report, so every function is undefined — as in YARA when no report is given with {@code -x
 * cuckoo=…}. Rules that combine cuckoo with strings still load and match on strings.
 */
final class CuckooModule implements YaraModule {
  @Override
  public String name() {
    return "cuckoo";
  }

  @Override
  public Set<String> members() {
    return Set.of("network", "registry", "filesystem", "sync", "process");
  }

  @Override
  public Map<String, Object> load(ByteBuffer data) {
    Fn none = args -> null;
    return Map.of(
        "network",
            Map.of(
                "dns_lookup",
                none,
                "http_get",
                none,
                "http_post",
                none,
                "http_request",
                none,
                "http_user_agent",
                none,
                "host",
                none,
                "tcp",
                none,
                "udp",
                none),
        "registry", Map.of("key_access", none),
        "filesystem", Map.of("file_access", none),
        "sync", Map.of("mutex", none),
        "process", Map.of("executed_command", none));
  }
}
