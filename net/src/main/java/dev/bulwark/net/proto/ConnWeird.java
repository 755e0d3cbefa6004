package dev.bulwark.net.proto;

import dev.bulwark.net.flow.Conn;
import dev.bulwark.net.zeek.LogSet;
import dev.bulwark.net.zeek.Schemas;
import dev.bulwark.net.zeek.ZeekLogWriter.Time;
import java.util.HashSet;
import java.util.Set;

/**
 * The weirds a protocol analyzer finds on its connection, written to weird.log once per name, as
 * Zeek's weird script logs a connection's weird once.
 */
final class ConnWeird {
  private final LogSet logs;
  private final String source;
  private final Set<String> seen = new HashSet<>();

  ConnWeird(LogSet logs, String source) {
    this.logs = logs;
    this.source = source;
  }

  void report(Conn c, long ts, String name, String addl) {
    if (seen.size() > 64 || !seen.add(name)) {
      return;
    }
    logs.write(
        "weird",
        Schemas.WEIRD,
        new Time(ts),
        c.uid,
        c.origH.toString(),
        c.origP,
        c.respH.toString(),
        c.respP,
        name,
        addl,
        false,
        "zeek",
        source);
  }
}
