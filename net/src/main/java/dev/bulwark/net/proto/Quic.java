package dev.bulwark.net.proto;

import dev.bulwark.net.flow.AppAnalyzer;
import dev.bulwark.net.flow.Conn;
import dev.bulwark.net.flow.Protocol;
import dev.bulwark.net.zeek.LogSet;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * QUIC (RFC 9000/9001, and version 2 of RFC 9369): the TLS 1.3 handshake carried in Initial packets
 * into ssl.log, as Zeek does. Initial packets are protected with keys every observer can derive
 * from the client's first destination connection id (RFC 9001 section 5.2), so the ClientHello and
 * ServerHello can be read; everything later is protected with the handshake's secrets and stays
 * unread.
 */
public final class Quic implements Protocol {
  static final int V1 = 0x00000001;
  static final int V2 = 0x6b3343cf;

  private static final byte[] SALT_V1 =
      HexFormat.of().parseHex("38762cf7f55934b34d179ae6a4c80cadccbb7f0a");
  private static final byte[] SALT_V2 =
      HexFormat.of().parseHex("0dede3def700a6db819381be6e269dcbf9bd2ed9");

  /** CRYPTO stream bytes kept per side before the hello must have been read. */
  static final int MAX_CRYPTO = 64 * 1024;

  private final LogSet logs;

  public Quic(LogSet logs) {
    this.logs = logs;
  }

  @Override
  public String name() {
    return "quic";
  }

  @Override
  public int transport() {
    return 17;
  }

  @Override
  public Set<Integer> ports() {
    return Set.of(443);
  }

  @Override
  public boolean matches(byte[] b, int off, int len, boolean fromOrig, boolean onPort) {
    if (!fromOrig || len < 7 || (b[off] & 0xc0) != 0xc0) {
      return false;
    }
    int version = i32(b, off + 1);
    return initialType(version) == ((b[off] >> 4) & 3);
  }

  @Override
  public AppAnalyzer attach(Conn c) {
    return new Session(new Tls.Session(logs));
  }

  /** The long-header packet type of an Initial packet, or -1 for versions not read. */
  static int initialType(int version) {
    return version == V1 ? 0 : version == V2 ? 1 : -1;
  }

  /** Initial packet protection of one direction: AEAD key, IV and header-protection key. */
  record Keys(byte[] key, byte[] iv, byte[] hp) {
    static Keys of(int version, byte[] dcid, boolean client) {
      boolean v2 = version == V2;
      byte[] initial = hmac(v2 ? SALT_V2 : SALT_V1, dcid);
      byte[] secret = expandLabel(initial, client ? "client in" : "server in", 32);
      String p = v2 ? "quicv2 " : "quic ";
      return new Keys(
          expandLabel(secret, p + "key", 16),
          expandLabel(secret, p + "iv", 12),
          expandLabel(secret, p + "hp", 16));
    }
  }

  static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** HKDF-Expand-Label of TLS 1.3 with an empty context, for outputs of at most 32 bytes. */
  static byte[] expandLabel(byte[] secret, String label, int length) {
    byte[] l = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
    byte[] info = new byte[2 + 1 + l.length + 1 + 1];
    info[0] = (byte) (length >> 8);
    info[1] = (byte) length;
    info[2] = (byte) l.length;
    System.arraycopy(l, 0, info, 3, l.length);
    info[3 + l.length] = 0; // empty context
    info[info.length - 1] = 1; // HKDF-Expand's first block counter
    return Arrays.copyOf(hmac(secret, info), length);
  }

  static final class Session implements AppAnalyzer {
    private final Tls.Session tls;

    /** The destination connection id of the client's latest Initial: both sides' keys use it. */
    private byte[] clientDcid;

    private final byte[][] crypto = new byte[2][];
    private final boolean[][] have = new boolean[2][];
    private final int[] delivered = new int[2];
    private boolean dead;

    Session(Tls.Session tls) {
      this.tls = tls;
      tls.quic = true;
    }

    @Override
    public void data(Conn c, boolean fromOrig, long ts, byte[] b, int off, int len) {
      int p = off;
      int end = off + len;
      // a datagram may hold several coalesced long-header packets; a short header ends it
      while (!dead && end - p >= 7 && (b[p] & 0x80) != 0) {
        int next = packet(c, fromOrig, ts, b, p, end);
        if (next <= p) {
          return;
        }
        p = next;
      }
    }

    /** Reads one long-header packet; returns where the next one starts, or -1. */
    private int packet(Conn c, boolean fromOrig, long ts, byte[] b, int start, int end) {
      int version = i32(b, start + 1);
      int p = start + 5;
      int dl = b[p] & 0xff;
      if (dl > 20 || p + 1 + dl >= end) {
        return -1;
      }
      byte[] dcid = Arrays.copyOfRange(b, p + 1, p + 1 + dl);
      p += 1 + dl;
      int sl = b[p] & 0xff;
      if (sl > 20 || p + 1 + sl >= end) {
        return -1;
      }
      p += 1 + sl;
      int type = (b[start] >> 4) & 3;
      boolean initial = initialType(version) == type;
      if (initialType(version) < 0) {
        return -1;
      }
      if (initial) {
        long[] tokenLen = varint(b, p, end);
        if (tokenLen == null || p + tokenLen[1] + tokenLen[0] > end) {
          return -1;
        }
        p += (int) (tokenLen[1] + tokenLen[0]);
      } else if (type == (version == V2 ? 0 : 3)) {
        return -1; // Retry: no length field, and nothing of the handshake in it
      }
      long[] length = varint(b, p, end);
      if (length == null) {
        return -1;
      }
      int pnOff = p + (int) length[1];
      if (length[0] > end - pnOff) {
        return -1;
      }
      int next = pnOff + (int) length[0];
      if (!initial) {
        return next;
      }
      if (fromOrig) {
        clientDcid = dcid;
      }
      if (clientDcid != null && length[0] >= 20) {
        byte[] plain = unprotect(version, fromOrig, b, start, pnOff, next);
        if (plain != null) {
          c.addService("quic");
          frames(c, fromOrig, ts, plain);
        }
      }
      return next;
    }

    /** Removes header protection and decrypts one Initial packet; null when it does not open. */
    private byte[] unprotect(
        int version, boolean fromOrig, byte[] b, int start, int pnOff, int end) {
      Keys k = Keys.of(version, clientDcid, fromOrig);
      try {
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k.hp(), "AES"));
        byte[] mask = ecb.doFinal(b, pnOff + 4, 16);
        byte[] header = Arrays.copyOfRange(b, start, pnOff + 4);
        header[0] ^= (byte) (mask[0] & 0x0f);
        int pnLen = (header[0] & 3) + 1;
        header = Arrays.copyOf(header, pnOff - start + pnLen);
        long pn = 0;
        for (int i = 0; i < pnLen; i++) {
          header[pnOff - start + i] ^= mask[1 + i];
          pn = pn << 8 | (header[pnOff - start + i] & 0xff);
        }
        byte[] nonce = k.iv().clone();
        for (int i = 0; i < 8; i++) {
          nonce[11 - i] ^= (byte) (pn >>> (8 * i));
        }
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(
            Cipher.DECRYPT_MODE,
            new SecretKeySpec(k.key(), "AES"),
            new GCMParameterSpec(128, nonce));
        gcm.updateAAD(header);
        int body = pnOff + pnLen;
        return gcm.doFinal(b, body, end - body);
      } catch (GeneralSecurityException notOurs) {
        // a packet that does not authenticate is not an Initial this connection can read
        return null;
      }
    }

    /** The frames of a decrypted Initial packet: CRYPTO data goes to the TLS reader. */
    private void frames(Conn c, boolean fromOrig, long ts, byte[] f) {
      int p = 0;
      while (p < f.length) {
        long[] type = varint(f, p, f.length);
        if (type == null) {
          return;
        }
        p += (int) type[1];
        int t = (int) type[0];
        if (t == 0x00 || t == 0x01) {
          continue; // PADDING, PING
        }
        if (t == 0x02 || t == 0x03) { // ACK: largest, delay, range count, first range, ranges
          long[] v = new long[4];
          for (int i = 0; i < 4; i++) {
            long[] x = varint(f, p, f.length);
            if (x == null) {
              return;
            }
            v[i] = x[0];
            p += (int) x[1];
          }
          long more = 2 * v[2] + (t == 0x03 ? 3 : 0);
          for (long i = 0; i < more; i++) {
            long[] x = varint(f, p, f.length);
            if (x == null) {
              return;
            }
            p += (int) x[1];
          }
        } else if (t == 0x06) {
          long[] o = varint(f, p, f.length);
          if (o == null) {
            return;
          }
          p += (int) o[1];
          long[] l = varint(f, p, f.length);
          if (l == null || l[0] > f.length - p - l[1]) {
            return;
          }
          p += (int) l[1];
          crypto(c, fromOrig, ts, o[0], f, p, (int) l[0]);
          p += (int) l[0];
        } else {
          return; // CONNECTION_CLOSE or a frame an Initial may not carry: nothing more to read
        }
      }
    }

    /** Places CRYPTO bytes at their offset and hands the in-order prefix to the TLS reader. */
    private void crypto(
        Conn c, boolean fromOrig, long ts, long offset, byte[] b, int off, int len) {
      int side = fromOrig ? 0 : 1;
      if (offset + len > MAX_CRYPTO) {
        return;
      }
      int need = (int) offset + len;
      if (crypto[side] == null || crypto[side].length < need) {
        // grown as the stream needs, never past MAX_CRYPTO
        int size = Math.min(MAX_CRYPTO, Math.max(need, crypto[side] == null ? 4096 : 2 * need));
        crypto[side] = crypto[side] == null ? new byte[size] : Arrays.copyOf(crypto[side], size);
        have[side] = have[side] == null ? new boolean[size] : Arrays.copyOf(have[side], size);
      }
      System.arraycopy(b, off, crypto[side], (int) offset, len);
      Arrays.fill(have[side], (int) offset, (int) offset + len, true);
      int from = delivered[side];
      int to = from;
      while (to < have[side].length && have[side][to]) {
        to++;
      }
      if (to > from) {
        delivered[side] = to;
        tls.quicHandshake(c, fromOrig, ts, crypto[side], from, to - from);
      }
    }

    @Override
    public void end(Conn c) {
      tls.end(c);
    }
  }

  /** A QUIC variable-length integer at {@code p}: its value and its size, or null if cut. */
  static long[] varint(byte[] b, int p, int end) {
    if (p >= end) {
      return null;
    }
    int n = 1 << ((b[p] & 0xff) >> 6);
    if (p + n > end) {
      return null;
    }
    long v = b[p] & 0x3f;
    for (int i = 1; i < n; i++) {
      v = v << 8 | (b[p + i] & 0xff);
    }
    return new long[] {v, n};
  }

  static int i32(byte[] b, int off) {
    return (b[off] & 0xff) << 24
        | (b[off + 1] & 0xff) << 16
        | (b[off + 2] & 0xff) << 8
        | (b[off + 3] & 0xff);
  }
}
