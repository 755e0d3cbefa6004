package dev.bulwark.net.proto;

import dev.bulwark.net.flow.AppAnalyzer;
import dev.bulwark.net.flow.Conn;
import dev.bulwark.net.flow.Protocol;
import dev.bulwark.net.zeek.LogSet;
import dev.bulwark.net.zeek.Schemas;
import dev.bulwark.net.zeek.ZeekLogWriter.Time;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * SSH into ssh.log: the banners, then the clear-text key exchange of SSH 2 — both sides' KEXINIT
 * name lists, negotiated as Zeek does (the client's first choice the server also offers), the
 * server's host key (its SHA-256 fingerprint) — and the direction relative to the local (private)
 * address space. The HASSH and HASSHServer fingerprints of the two KEXINITs are kept too ({@link
 * #hassh}).
 */
public final class Ssh implements Protocol {
  /** A clear-text SSH packet larger than this is not read (RFC 4253 asks for 35000 at least). */
  static final int MAX_PACKET = 64 * 1024;

  private final LogSet logs;

  public Ssh(LogSet logs) {
    this.logs = logs;
  }

  @Override
  public String name() {
    return "ssh";
  }

  @Override
  public int transport() {
    return 6;
  }

  @Override
  public Set<Integer> ports() {
    return Set.of(22);
  }

  @Override
  public boolean matches(byte[] b, int off, int len, boolean fromOrig, boolean onPort) {
    return len >= 4 && new String(b, off, 4, StandardCharsets.ISO_8859_1).equals("SSH-");
  }

  /** The ten name lists of a KEXINIT message, in the order RFC 4253 sends them. */
  public record KexInit(List<List<String>> lists) {
    public List<String> kex() {
      return lists.get(0);
    }

    public List<String> hostKey() {
      return lists.get(1);
    }

    public List<String> cipherToServer() {
      return lists.get(2);
    }

    public List<String> cipherToClient() {
      return lists.get(3);
    }

    public List<String> macToServer() {
      return lists.get(4);
    }

    public List<String> macToClient() {
      return lists.get(5);
    }

    public List<String> compressionToServer() {
      return lists.get(6);
    }

    public List<String> compressionToClient() {
      return lists.get(7);
    }
  }

  /**
   * Reads a KEXINIT payload (message number 20 at {@code off}); {@code null} when it is cut short
   * or malformed.
   */
  public static KexInit kexInit(byte[] b, int off, int len) {
    int end = off + len;
    int p = off + 1 + 16; // message number, cookie
    if (len < 1 || b[off] != 20 || p > end) {
      return null;
    }
    List<List<String>> lists = new ArrayList<>(10);
    for (int i = 0; i < 10; i++) {
      if (p + 4 > end) {
        return null;
      }
      long n = u32(b, p);
      p += 4;
      if (n > end - p) {
        return null;
      }
      String s = new String(b, p, (int) n, StandardCharsets.ISO_8859_1);
      p += (int) n;
      lists.add(s.isEmpty() ? List.of() : List.of(s.split(",", -1)));
    }
    return new KexInit(List.copyOf(lists));
  }

  /** The client's first choice that the server also offers, or {@code null}. */
  static String negotiate(List<String> client, List<String> server) {
    for (String c : client) {
      if (server.contains(c)) {
        return c;
      }
    }
    return null;
  }

  /** One algorithm when both directions agree, else both, as Zeek words it. */
  static String bidirectional(String toServer, String toClient) {
    if (toServer == null && toClient == null) {
      return null;
    }
    if (toServer != null && toServer.equals(toClient)) {
      return toServer;
    }
    return "to_server: " + toServer + ", to_client: " + toClient;
  }

  /**
   * HASSH (client) or HASSHServer: the MD5 of the key-exchange, cipher, MAC and compression lists
   * the side sent (client-to-server lists for the client, server-to-client for the server).
   */
  public static String hassh(KexInit k, boolean server) {
    String s =
        String.join(",", k.kex())
            + ";"
            + String.join(",", server ? k.cipherToClient() : k.cipherToServer())
            + ";"
            + String.join(",", server ? k.macToClient() : k.macToServer())
            + ";"
            + String.join(",", server ? k.compressionToClient() : k.compressionToServer());
    try {
      byte[] d = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.ISO_8859_1));
      return java.util.HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every Java runtime", e);
    }
  }

  /** Zeek's host key fingerprint: "SHA256:" and the unpadded base64 of the first 24 bytes. */
  static String fingerprint(byte[] key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key);
      return "SHA256:"
          + Base64.getEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(d, 24));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  static long u32(byte[] b, int p) {
    return (b[p] & 0xffL) << 24
        | (b[p + 1] & 0xffL) << 16
        | (b[p + 2] & 0xffL) << 8
        | (b[p + 3] & 0xffL);
  }

  /** One side: its banner line, then its binary packets until it switches on encryption. */
  private static final class Side {
    final StringBuilder line = new StringBuilder();
    String banner;
    final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    boolean encrypted;
    boolean lost;
    KexInit kex;
  }

  @Override
  public AppAnalyzer attach(Conn c) {
    return new AppAnalyzer() {
      final Side[] side = {new Side(), new Side()};
      long ts;
      String hostKey;
      // Zeek's guess at authentication from the sizes of encrypted segments
      boolean hadGap;
      boolean decided;
      boolean clientEncrypted;
      boolean skippedBanner;
      int serviceAcceptSize;
      int failureSize;
      Boolean authSuccess;
      int authAttempts;

      @Override
      public void gap(Conn conn, boolean fromOrig, long len) {
        hadGap = true;
      }

      /**
       * One segment of encrypted bytes: the server's answer to the service request sets the size of
       * reference; an answer 16 bytes shorter is a success, repeats of the first other size are
       * failures (a first answer larger by more than 256 bytes is a banner and skipped).
       */
      private void encrypted(boolean fromOrig, int len) {
        if (decided || len <= 0 || !version2()) {
          return;
        }
        if (fromOrig) {
          clientEncrypted = true;
          return;
        }
        if (!clientEncrypted) {
          return;
        }
        if (serviceAcceptSize == 0) {
          serviceAcceptSize = len;
          return;
        }
        if (failureSize == 0 && len + 16 == serviceAcceptSize) {
          decided = true;
          attempt(true);
          return;
        }
        if (failureSize == 0) {
          if (!skippedBanner && len - serviceAcceptSize > 256) {
            skippedBanner = true;
            return;
          }
          failureSize = len;
          return;
        }
        if (len == failureSize) {
          attempt(false);
          return;
        }
        if (len - serviceAcceptSize == -16) {
          decided = true;
          attempt(true);
        }
      }

      private void attempt(boolean success) {
        if (Boolean.TRUE.equals(authSuccess)) {
          return;
        }
        authSuccess = success;
        authAttempts++;
      }

      private boolean version2() {
        String c = side[0].banner;
        String v = side[1].banner;
        return c != null
            && v != null
            && !(c.startsWith("SSH-1.") && !c.startsWith("SSH-1.99"))
            && !(v.startsWith("SSH-1.") && !v.startsWith("SSH-1.99"));
      }

      @Override
      public void data(Conn conn, boolean fromOrig, long t, byte[] b, int off, int len) {
        Side s = side[fromOrig ? 0 : 1];
        if (ts == 0) {
          ts = t;
        }
        if (hadGap) {
          return;
        }
        if (s.encrypted) {
          encrypted(fromOrig, len);
          return;
        }
        int i = off;
        int end = off + len;
        while (i < end && s.banner == null) {
          char ch = (char) (b[i++] & 0xff);
          if (ch == '\n') {
            String l = s.line.toString().replace("\r", "");
            s.line.setLength(0);
            if (l.startsWith("SSH-")) {
              s.banner = l;
              if (side[0].banner != null && side[1].banner != null) {
                conn.addService("ssh");
              }
            }
          } else if (s.line.length() < 255) {
            s.line.append(ch);
          }
        }
        if (s.banner == null
            || s.encrypted
            || i >= end
            || s.banner.startsWith("SSH-1.") && !s.banner.startsWith("SSH-1.99")) {
          return;
        }
        s.buf.write(b, i, end - i);
        packets(s, !fromOrig);
      }

      /** Reads whole clear-text packets; returns the bytes left after NEWKEYS, if it came. */
      private int packets(Side s, boolean server) {
        byte[] d = s.buf.toByteArray();
        int p = 0;
        while (!s.encrypted && d.length - p >= 5) {
          long plen = u32(d, p);
          if (plen < 1 || plen > MAX_PACKET) {
            s.lost = true; // not clear-text SSH framing: stop reading this side
            break;
          }
          if (d.length - p - 4 < plen) {
            break;
          }
          int pad = d[p + 4] & 0xff;
          int payload = (int) plen - 1 - pad;
          if (payload >= 1) {
            message(s, server, d, p + 5, payload);
          }
          p += 4 + (int) plen;
        }
        s.buf.reset();
        if (s.encrypted) {
          return d.length - p;
        }
        if (!s.lost && d.length - p <= MAX_PACKET) {
          s.buf.write(d, p, d.length - p);
        }
        return 0;
      }

      private void message(Side s, boolean server, byte[] d, int off, int len) {
        int type = d[off] & 0xff;
        if (type == 20) {
          s.kex = kexInit(d, off, len);
        } else if (type == 21) {
          s.encrypted = true; // NEWKEYS: what follows is encrypted
        } else if (server && (type == 31 || type == 33) && hostKey == null && len >= 5) {
          // the key exchange reply starts with the host key; in group exchange 31 is the group
          String kex = negotiatedKex();
          boolean gex = kex != null && kex.contains("group-exchange");
          if (type == 33 || !gex) {
            long kl = u32(d, off + 1);
            if (kl > 0 && kl <= len - 5) {
              byte[] key = java.util.Arrays.copyOfRange(d, off + 5, off + 5 + (int) kl);
              hostKey = fingerprint(key);
            }
          }
        }
      }

      private String negotiatedKex() {
        KexInit cl = side[0].kex;
        KexInit sv = side[1].kex;
        return cl == null || sv == null ? null : negotiate(cl.kex(), sv.kex());
      }

      @Override
      public void end(Conn conn) {
        String client = side[0].banner;
        String server = side[1].banner;
        if (client == null && server == null) {
          return;
        }
        Integer version = null;
        if (client != null && server != null) {
          boolean v1 = client.startsWith("SSH-1.") && !client.startsWith("SSH-1.99");
          boolean s1 = server.startsWith("SSH-1.") && !server.startsWith("SSH-1.99");
          version = v1 || s1 ? 1 : 2;
        }
        KexInit cl = side[0].kex;
        KexInit sv = side[1].kex;
        boolean both = cl != null && sv != null && Integer.valueOf(2).equals(version);
        boolean origLocal = conn.origH.privateRange();
        boolean respLocal = conn.respH.privateRange();
        String direction =
            origLocal && !respLocal ? "OUTBOUND" : !origLocal && respLocal ? "INBOUND" : null;
        logs.write(
            "ssh",
            Schemas.SSH,
            new Time(ts),
            conn.uid,
            conn.origH.toString(),
            conn.origP,
            conn.respH.toString(),
            conn.respP,
            version,
            authSuccess,
            authAttempts,
            direction,
            client,
            server,
            both
                ? bidirectional(
                    negotiate(cl.cipherToServer(), sv.cipherToServer()),
                    negotiate(cl.cipherToClient(), sv.cipherToClient()))
                : null,
            both
                ? bidirectional(
                    negotiate(cl.macToServer(), sv.macToServer()),
                    negotiate(cl.macToClient(), sv.macToClient()))
                : null,
            both
                ? bidirectional(
                    negotiate(cl.compressionToServer(), sv.compressionToServer()),
                    negotiate(cl.compressionToClient(), sv.compressionToClient()))
                : null,
            both ? negotiate(cl.kex(), sv.kex()) : null,
            both ? negotiate(cl.hostKey(), sv.hostKey()) : null,
            Integer.valueOf(2).equals(version) ? hostKey : null,
            cl == null ? null : hassh(cl, false),
            sv == null ? null : hassh(sv, true));
      }
    };
  }
}
