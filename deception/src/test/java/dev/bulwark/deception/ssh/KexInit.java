package dev.bulwark.deception.ssh;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What an SSH server says before any key is exchanged: its identification line and KEXINIT. */
record KexInit(String identification, List<List<String>> lists) {
  /** RFC 4253 §7.1 order of the name-lists. */
  static final List<String> NAMES =
      List.of(
          "kex",
          "host-key",
          "ciphers c2s",
          "ciphers s2c",
          "macs c2s",
          "macs s2c",
          "compression c2s",
          "compression s2c",
          "languages c2s",
          "languages s2c");

  static KexInit read(String host, int port) throws IOException {
    try (Socket s = new Socket(host, port)) {
      s.setSoTimeout(10_000);
      InputStream in = s.getInputStream();
      String id = line(in);
      s.getOutputStream()
          .write("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10\r\n".getBytes(StandardCharsets.US_ASCII));
      DataInputStream d = new DataInputStream(in);
      int len = d.readInt();
      if (len <= 0 || len > 65536) {
        throw new IOException("implausible packet length " + len);
      }
      byte[] packet = d.readNBytes(len);
      int pad = packet[0] & 0xff;
      if (packet[1] != 20) {
        throw new IOException("first packet is not KEXINIT but " + packet[1]);
      }
      int i = 2 + 16;
      List<List<String>> lists = new ArrayList<>();
      for (int n = 0; n < 10; n++) {
        int l =
            ((packet[i] & 0xff) << 24)
                | ((packet[i + 1] & 0xff) << 16)
                | ((packet[i + 2] & 0xff) << 8)
                | (packet[i + 3] & 0xff);
        String v = new String(packet, i + 4, l, StandardCharsets.US_ASCII);
        lists.add(v.isEmpty() ? List.of() : List.of(v.split(",")));
        i += 4 + l;
      }
      if (i > packet.length - pad) {
        throw new IOException("KEXINIT overruns its padding");
      }
      return new KexInit(id, lists);
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.US_ASCII);
  }
}
