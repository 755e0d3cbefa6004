package dev.bulwark.net.proto;

import dev.bulwark.net.NetOptions;
import dev.bulwark.net.flow.Protocol;
import dev.bulwark.net.zeek.LogSet;
import java.util.ArrayList;
import java.util.List;

/** The application analyzers, listed in one place; {@code --only} picks among them. */
public final class Protocols {
  private Protocols() {}

  /** Names {@code --only} accepts besides the analyzers: logs that need no analyzer. */
  public static final List<String> LOGS = List.of("conn", "weird", "tunnel");

  public static List<String> names() {
    return List.of("dns", "http", "ssl", "ssh");
  }

  public static List<Protocol> enabled(NetOptions options, LogSet logs) {
    List<Protocol> all = new ArrayList<>();
    if (options.runs("dns")) {
      all.add(new Dns.Udp(logs));
      all.add(new Dns.Tcp(logs));
    }
    if (options.runs("http")) {
      all.add(new Http(logs));
    }
    if (options.runs("ssl")) {
      all.add(new Tls(logs));
    }
    if (options.runs("ssh")) {
      all.add(new Ssh(logs));
    }
    return all;
  }
}
