package dev.bulwark.net.proto;

import dev.bulwark.net.flow.Protocol;
import dev.bulwark.net.zeek.LogSet;
import dev.bulwark.net.zeek.NetOptions;
import java.util.ArrayList;
import java.util.List;

/** The application analyzers, listed in one place; {@code --only} picks among them. */
public final class Protocols {
  private Protocols() {}

  /**
   * Names {@code --only} accepts besides the analyzers: logs that need no analyzer, and the other
   * protocols of Zeek's {@code base/protocols/} that Bulwark does not analyze yet — accepted so
   * that a Zeek bare-mode script list translates whole; they write nothing.
   */
  public static final List<String> LOGS =
      List.of(
          "conn",
          "weird",
          "tunnel",
          "dce-rpc",
          "dce_rpc",
          "dnp3",
          "finger",
          "irc",
          "krb",
          "ldap",
          "mqtt",
          "ntlm",
          "postgresql",
          "radius",
          "rdp",
          "rfb",
          "smb",
          "snmp",
          "socks",
          "tunnels",
          "websocket",
          "xmpp");

  public static List<String> names() {
    return List.of(
        "dns", "http", "ssl", "ssh", "ntp", "dhcp", "syslog", "pop3", "smtp", "ftp", "imap",
        "mysql", "sip", "modbus", "redis", "quic");
  }

  public static List<Protocol> enabled(NetOptions options, LogSet logs) {
    List<Protocol> all = new ArrayList<>();
    if (options.runs("dns")) {
      all.add(Dns.udp(logs));
      all.add(Dns.tcp(logs));
    }
    if (options.runs("http")) {
      all.add(new Http(logs));
    }
    if (options.runs("ssl")) {
      all.add(new Tls(logs));
      all.add(new Tls.Dtls(logs));
    }
    // Zeek's QUIC scripts load the TLS ones: the handshake inside QUIC goes to ssl.log either way
    if (options.runs("quic") || options.runs("ssl")) {
      all.add(new Quic(logs));
    }
    if (options.runs("ssh")) {
      all.add(new Ssh(logs));
    }
    if (options.runs("ntp")) {
      all.add(new Ntp(logs));
    }
    if (options.runs("dhcp")) {
      all.add(new Dhcp(logs));
    }
    if (options.runs("syslog")) {
      all.add(Syslog.udp(logs));
      all.add(Syslog.tcp(logs));
    }
    // STARTTLS needs the TLS analyzer loaded, as in Zeek's bare mode with base/protocols/ssl
    if (options.runs("pop3")) {
      all.add(ServiceProbe.pop3(options.runs("ssl") ? logs : null));
    }
    if (options.runs("smtp")) {
      all.add(new Smtp(logs, options.runs("ssl")));
    }
    if (options.runs("ftp")) {
      all.add(new Ftp(logs, options.runs("ssl")));
    }
    if (options.runs("imap")) {
      all.add(ServiceProbe.imap(options.runs("ssl") ? logs : null));
    }
    if (options.runs("redis")) {
      all.add(new Redis(logs));
    }
    if (options.runs("modbus")) {
      all.add(new Modbus(logs));
    }
    if (options.runs("sip")) {
      all.add(new Sip(logs));
    }
    if (options.runs("mysql")) {
      all.add(new Mysql(logs, options.runs("ssl")));
    }
    return all;
  }
}
