package dev.bulwark.net.proto;

import dev.bulwark.net.flow.AppAnalyzer;
import dev.bulwark.net.flow.Conn;
import dev.bulwark.net.flow.Protocol;
import dev.bulwark.net.zeek.LogSet;
import dev.bulwark.net.zeek.Schemas;
import dev.bulwark.net.zeek.ZeekLogWriter.Time;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * TLS (and SSL 3) handshakes into ssl.log: versions, cipher, group, SNI, ALPN, the certificate
 * chain's SHA-256 fingerprints (TLS 1.2 and earlier), the handshake history, and JA3/JA4 inputs.
 */
public final class Tls implements Protocol {
  static final Set<Integer> PORTS = Set.of(443, 563, 585, 614, 636, 989, 990, 992, 993, 995, 5223);

  /** A handshake message larger than this is not followed (certificate chains fit easily). */
  static final int MAX_HANDSHAKE = 256 * 1024;

  private final LogSet logs;

  public Tls(LogSet logs) {
    this.logs = logs;
  }

  @Override
  public String name() {
    return "ssl";
  }

  @Override
  public int transport() {
    return 6;
  }

  @Override
  public Set<Integer> ports() {
    return PORTS;
  }

  @Override
  public boolean matches(byte[] b, int off, int len, boolean fromOrig, boolean onPort) {
    if (len >= 3 && b[off] == 0x16 && b[off + 1] == 3 && (b[off + 2] & 0xff) <= 4) {
      return true;
    }
    // SSLv2-compatible ClientHello
    return fromOrig && len >= 3 && (b[off] & 0x80) != 0 && b[off + 2] == 1;
  }

  @Override
  public AppAnalyzer attach(Conn c) {
    return new Session(logs);
  }

  /** DTLS over UDP: the same handshake with 13-byte record and 12-byte handshake headers. */
  public static final class Dtls implements Protocol {
    private final LogSet logs;

    public Dtls(LogSet logs) {
      this.logs = logs;
    }

    @Override
    public String name() {
      return "ssl";
    }

    @Override
    public int transport() {
      return 17;
    }

    @Override
    public Set<Integer> ports() {
      return Set.of(443, 4433, 5061, 3391);
    }

    @Override
    public boolean matches(byte[] b, int off, int len, boolean fromOrig, boolean onPort) {
      return len >= 25 && b[off] == 0x16 && (b[off + 1] & 0xff) == 0xfe && b[off + 13] == 1;
    }

    @Override
    public AppAnalyzer attach(Conn c) {
      Session s = new Session(logs);
      s.datagram = true;
      return s;
    }
  }

  static final class Session implements AppAnalyzer {
    boolean datagram;

    /** The handshake arrives in QUIC CRYPTO frames (no TLS records around it). */
    boolean quic;

    private final LogSet logs;
    private final byte[][] rec = {new byte[0], new byte[0]};
    private final byte[][] hs = {new byte[0], new byte[0]};
    private final boolean[] encrypted = new boolean[2];
    private final boolean[] appData = new boolean[2];
    private final boolean[] ccs = new boolean[2];
    private final StringBuilder history = new StringBuilder();
    private long ts;
    private boolean started;
    private boolean dead;
    private Integer version;
    private Integer cipher;
    private String curve;
    private String sni;
    private String alpn;
    private boolean resumed;
    private byte[] clientSession = new byte[0];
    private String lastAlert;
    private final List<String> fps = new ArrayList<>();
    private final List<String> clientFps = new ArrayList<>();
    private X509Certificate leaf;
    private boolean logged;
    private boolean confirmed;
    private TlsFingerprints.ClientHello hello;
    private String ja3s;

    Session(LogSet logs) {
      this.logs = logs;
    }

    /** The time of the segment being read. */
    private long now;

    @Override
    public void data(Conn c, boolean fromOrig, long t, byte[] b, int off, int len) {
      now = t;
      if (dead) {
        return;
      }
      int side = fromOrig ? 0 : 1;
      if (!started) {
        started = true;
        ts = t;
      }
      if (datagram) {
        dtls(c, side, b, off, len);
        return;
      }
      byte[] buf = concat(rec[side], b, off, len);
      int p = 0;
      while (buf.length - p >= 5) {
        int type = buf[p] & 0xff;
        int rlen = (buf[p + 3] & 0xff) << 8 | (buf[p + 4] & 0xff);
        if (type < 20 || type > 24 || (buf[p + 1] & 0xff) != 3 || rlen > 18432) {
          dead = true;
          return;
        }
        if (buf.length - p - 5 < rlen) {
          break;
        }
        record(c, side, type, buf, p + 5, rlen);
        p += 5 + rlen;
      }
      rec[side] = Arrays.copyOfRange(buf, p, buf.length);
      if (rec[side].length > 32 * 1024) {
        dead = true;
      }
    }

    @Override
    public void gap(Conn c, boolean fromOrig, long len) {
      dead = true;
    }

    /** In-order bytes of a QUIC CRYPTO stream: handshake messages without a record layer. */
    void quicHandshake(Conn c, boolean fromOrig, long t, byte[] b, int off, int len) {
      now = t;
      if (dead) {
        return;
      }
      if (!started) {
        started = true;
        ts = t;
      }
      record(c, fromOrig ? 0 : 1, 22, b, off, len);
    }

    /** A DTLS handshake message larger than this is not reassembled. */
    static final int MAX_DTLS_MESSAGE = 256 * 1024;

    /** Per side: the fragmented handshake message being put together, and its bytes so far. */
    private final byte[][] dtlsMessage = new byte[2][];

    private final int[] dtlsHave = new int[2];
    private final int[] dtlsSeq = {-1, -1};

    /**
     * One datagram of DTLS records. Handshake messages split into fragments are put together (in
     * order, as they normally come) before they are read.
     */
    private void dtls(Conn c, int side, byte[] b, int off, int len) {
      int p = off;
      int end = off + len;
      while (end - p >= 13) {
        int type = b[p] & 0xff;
        int epoch = u16(b, p + 3);
        int rlen = u16(b, p + 11);
        if (type < 20 || type > 24 || p + 13 + rlen > end) {
          return;
        }
        int body = p + 13;
        if (type == 22 && epoch == 0) {
          int q = body;
          while (q + 12 <= body + rlen) {
            int mt = b[q] & 0xff;
            int fragOff = (b[q + 6] & 0xff) << 16 | (b[q + 7] & 0xff) << 8 | (b[q + 8] & 0xff);
            int fragLen = (b[q + 9] & 0xff) << 16 | (b[q + 10] & 0xff) << 8 | (b[q + 11] & 0xff);
            if (q + 12 + fragLen > body + rlen) {
              break;
            }
            int total = (b[q + 1] & 0xff) << 16 | (b[q + 2] & 0xff) << 8 | (b[q + 3] & 0xff);
            int seq = u16(b, q + 4);
            if (fragOff == 0 && fragLen >= total) {
              handshake(c, side, mt, b, q + 12, fragLen, true);
            } else if (total <= MAX_DTLS_MESSAGE) {
              if (fragOff == 0 || dtlsSeq[side] != seq || dtlsMessage[side] == null) {
                dtlsMessage[side] = new byte[total];
                dtlsHave[side] = 0;
                dtlsSeq[side] = seq;
              }
              if (fragOff == dtlsHave[side] && fragOff + fragLen <= total) {
                System.arraycopy(b, q + 12, dtlsMessage[side], fragOff, fragLen);
                dtlsHave[side] += fragLen;
                if (dtlsHave[side] == total) {
                  byte[] whole = dtlsMessage[side];
                  dtlsMessage[side] = null;
                  handshake(c, side, mt, whole, 0, total, true);
                }
              }
            }
            q += 12 + fragLen;
          }
        } else if (type != 22) {
          record(c, side, type, b, body, rlen);
        }
        p = body + rlen;
      }
    }

    private void record(Conn c, int side, int type, byte[] b, int off, int len) {
      boolean orig = side == 0;
      switch (type) {
        case 20 -> {
          history.append(orig ? 'I' : 'i');
          ccs[side] = true;
          encrypted[side] = true;
        }
        case 21 -> {
          if (!encrypted[side] && len >= 2) {
            lastAlert = alertName(b[off + 1] & 0xff);
            history.append(orig ? 'L' : 'l');
          }
        }
        case 22 -> {
          if (encrypted[side]) {
            return; // Finished and later messages are encrypted
          }
          byte[] buf = concat(hs[side], b, off, len);
          int p = 0;
          while (buf.length - p >= 4) {
            int mt = buf[p] & 0xff;
            int ml = (buf[p + 1] & 0xff) << 16 | (buf[p + 2] & 0xff) << 8 | (buf[p + 3] & 0xff);
            if (ml > MAX_HANDSHAKE) {
              dead = true;
              return;
            }
            if (buf.length - p - 4 < ml) {
              break;
            }
            handshake(c, side, mt, buf, p + 4, ml);
            p += 4 + ml;
          }
          hs[side] = Arrays.copyOfRange(buf, p, buf.length);
        }
        case 23 -> {
          appData[side] = true;
          if (isTls13() && appData[0] && appData[1]) {
            established(c);
          }
        }
        default -> {}
      }
    }

    private boolean isTls13() {
      return version != null && (version == 0x0304 || (version >> 8) == 0x7f || version == 0x7e01);
    }

    private boolean est;

    private void established(Conn c) {
      est = true;
    }

    private void handshake(Conn c, int side, int type, byte[] b, int off, int len) {
      handshake(c, side, type, b, off, len, false);
    }

    private void handshake(Conn c, int side, int type, byte[] b, int off, int len, boolean dtls) {
      boolean orig = side == 0;
      char h =
          switch (type) {
            case 0 -> 'H';
            case 1 -> 'C';
            case 2 -> 'S';
            case 3 -> 'V';
            case 4 -> 'T';
            case 8 -> 'O';
            case 11 -> 'X';
            case 12 -> 'K';
            case 13 -> 'R';
            case 14 -> 'N';
            case 15 -> 'Y';
            case 16 -> 'G';
            case 20 -> 'F';
            case 22 -> 'U';
            default -> 'Z';
          };
      history.append(orig ? h : Character.toLowerCase(h));
      try {
        switch (type) {
          case 1 -> clientHello(b, off, len, dtls);
          case 2 -> serverHello(c, b, off, len);
          case 11 -> certificates(orig ? clientFps : fps, orig, b, off, len);
          case 12 -> keyExchange(b, off, len);
          default -> {}
        }
      } catch (ArrayIndexOutOfBoundsException damaged) {
        // a damaged hello keeps what was read before the damage
      }
      if (type == 2 && !confirmed) {
        confirmed = true;
        c.addService("ssl");
      }
    }

    private void clientHello(byte[] b, int off, int len, boolean dtls) {
      int end = off + len;
      int p = off + 2 + 32;
      int sid = b[p] & 0xff;
      clientSession = Arrays.copyOfRange(b, p + 1, p + 1 + sid);
      p += 1 + sid;
      if (dtls) {
        p += 1 + (b[p] & 0xff); // the cookie
      }
      int cs = u16(b, p);
      List<Integer> ciphers = new ArrayList<>();
      for (int i = 0; i + 1 < cs; i += 2) {
        ciphers.add(u16(b, p + 2 + i));
      }
      p += 2 + cs;
      p += 1 + (b[p] & 0xff);
      List<Integer> exts = new ArrayList<>();
      List<Integer> groups = new ArrayList<>();
      List<Integer> formats = new ArrayList<>();
      List<Integer> versions = new ArrayList<>();
      List<Integer> sigs = new ArrayList<>();
      String firstAlpn = null;
      boolean hasSni = false;
      if (p + 2 <= end) {
        int el = u16(b, p);
        p += 2;
        int stop = Math.min(end, p + el);
        while (p + 4 <= stop) {
          int et = u16(b, p);
          int l = u16(b, p + 2);
          int d = p + 4;
          exts.add(et);
          if (et == 0) {
            hasSni = true;
          }
          if (et == 0 && l >= 5) {
            int nl = u16(b, d + 3);
            sni = Text.of(b, d + 5, Math.min(nl, l - 5));
          } else if (et == 10 && l >= 2) {
            for (int i = 0; i + 1 < u16(b, d) && d + 2 + i + 1 < d + l; i += 2) {
              groups.add(u16(b, d + 2 + i));
            }
          } else if (et == 11 && l >= 1) {
            for (int i = 0; i < (b[d] & 0xff) && i + 1 < l; i++) {
              formats.add(b[d + 1 + i] & 0xff);
            }
          } else if (et == 43 && l >= 1) {
            for (int i = 0; i + 1 < (b[d] & 0xff) && d + 2 + i < d + l; i += 2) {
              versions.add(u16(b, d + 1 + i));
            }
          } else if (et == 13 && l >= 2) {
            for (int i = 0; i + 1 < u16(b, d) && d + 2 + i + 1 < d + l; i += 2) {
              sigs.add(u16(b, d + 2 + i));
            }
          } else if (et == 16 && l >= 3 && firstAlpn == null) {
            firstAlpn = Text.of(b, d + 3, Math.min(b[d + 2] & 0xff, l - 3));
          }
          p = d + l;
        }
      }
      hello =
          new TlsFingerprints.ClientHello(
              u16(b, off), ciphers, exts, groups, formats, versions, sigs, firstAlpn, hasSni);
    }

    private void serverHello(Conn c, byte[] b, int off, int len) {
      int end = off + len;
      version = u16(b, off);
      int helloVersion = version;
      int p = off + 2 + 32;
      int sid = b[p] & 0xff;
      byte[] session = Arrays.copyOfRange(b, p + 1, p + 1 + sid);
      p += 1 + sid;
      cipher = u16(b, p);
      p += 3;
      List<Integer> exts = new ArrayList<>();
      if (sid > 0 && Arrays.equals(session, clientSession)) {
        resumed = true;
      }
      if (p + 2 <= end) {
        int el = u16(b, p);
        p += 2;
        int stop = Math.min(end, p + el);
        while (p + 4 <= stop) {
          int et = u16(b, p);
          int l = u16(b, p + 2);
          int d = p + 4;
          exts.add(et);
          if (et == 43 && l == 2) {
            version = u16(b, d);
          } else if ((et == 51 || et == 40) && l >= 2) {
            // 40 is key_share's number in the TLS 1.3 drafts up to 22 (and Google's 0x7e01)
            curve = TlsNames.group(u16(b, d));
          } else if (et == 16 && l >= 3) {
            alpn = Text.of(b, d + 3, Math.min(b[d + 2] & 0xff, l - 3));
          } else if (et == 41) {
            resumed = true;
          }
          p = d + l;
        }
      }
      ja3s = TlsFingerprints.ja3s(helloVersion, cipher, exts);
    }

    private void keyExchange(byte[] b, int off, int len) {
      // ECDHE parameters start with curve type 3 (named curve) and the group id
      if (cipher != null && TlsNames.cipher(cipher).contains("ECDHE") && len >= 3 && b[off] == 3) {
        curve = TlsNames.group(u16(b, off + 1));
      }
    }

    private void certificates(List<String> into, boolean orig, byte[] b, int off, int len) {
      if (isTls13()) {
        return;
      }
      int total = (b[off] & 0xff) << 16 | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff);
      int p = off + 3;
      int end = Math.min(off + len, p + total);
      while (p + 3 <= end) {
        int cl = (b[p] & 0xff) << 16 | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff);
        p += 3;
        if (p + cl > end) {
          break;
        }
        String fp = sha256(b, p, cl);
        boolean first = into.isEmpty();
        into.add(fp);
        X509Log.log(logs, now, fp, b, p, cl, !orig && first, orig && first);
        if (!orig && leaf == null) {
          leaf = parse(b, p, cl);
        }
        p += cl;
      }
    }

    private static X509Certificate parse(byte[] b, int off, int len) {
      try {
        return (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(b, off, len));
      } catch (Exception unparsable) {
        return null;
      }
    }

    private Boolean sniMatches() {
      if (sni == null || leaf == null) {
        return null;
      }
      List<String> names = new ArrayList<>();
      try {
        if (leaf.getSubjectAlternativeNames() != null) {
          for (List<?> san : leaf.getSubjectAlternativeNames()) {
            if (Integer.valueOf(2).equals(san.get(0))) {
              names.add(String.valueOf(san.get(1)));
            }
          }
        }
      } catch (Exception ignored) {
        // no names to compare
      }
      String dn = leaf.getSubjectX500Principal().getName();
      for (String part : dn.split(",")) {
        if (part.startsWith("CN=")) {
          names.add(part.substring(3));
        }
      }
      String host = sni.toLowerCase(Locale.ROOT);
      for (String n : names) {
        String pat = n.toLowerCase(Locale.ROOT);
        if (pat.equals(host)) {
          return true;
        }
        if (pat.startsWith("*.")
            && host.endsWith(pat.substring(1))
            && host.indexOf('.') == host.length() - pat.length() + 1) {
          return true;
        }
      }
      return false;
    }

    @Override
    public void end(Conn c) {
      if (logged || history.isEmpty()) {
        return;
      }
      logged = true;
      boolean established = est || (!isTls13() && ccs[0] && ccs[1]);
      logs.write(
          "ssl",
          Schemas.SSL,
          new Time(ts),
          c.uid,
          c.origH.toString(),
          c.origP,
          c.respH.toString(),
          c.respP,
          version == null ? null : TlsNames.version(version),
          cipher == null ? null : TlsNames.cipher(cipher),
          curve,
          sni,
          resumed,
          lastAlert,
          alpn,
          established,
          history.toString(),
          isTls13() ? null : fps,
          isTls13() ? null : clientFps,
          sniMatches(),
          hello == null ? null : TlsFingerprints.ja3(hello),
          ja3s,
          hello == null ? null : TlsFingerprints.ja4(hello, quic ? 'q' : datagram ? 'd' : 't'));
    }

    private static String alertName(int d) {
      return switch (d) {
        case 0 -> "close_notify";
        case 10 -> "unexpected_message";
        case 20 -> "bad_record_mac";
        case 40 -> "handshake_failure";
        case 42 -> "bad_certificate";
        case 43 -> "unsupported_certificate";
        case 44 -> "certificate_revoked";
        case 45 -> "certificate_expired";
        case 46 -> "certificate_unknown";
        case 47 -> "illegal_parameter";
        case 48 -> "unknown_ca";
        case 50 -> "decode_error";
        case 51 -> "decrypt_error";
        case 70 -> "protocol_version";
        case 71 -> "insufficient_security";
        case 80 -> "internal_error";
        case 86 -> "inappropriate_fallback";
        case 90 -> "user_canceled";
        case 100 -> "no_renegotiation";
        case 109 -> "missing_extension";
        case 110 -> "unsupported_extension";
        case 112 -> "unrecognized_name";
        case 116 -> "certificate_required";
        case 120 -> "no_application_protocol";
        default -> "unknown-" + d;
      };
    }
  }

  static String sha256(byte[] b, int off, int len) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(b, off, len);
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] concat(byte[] a, byte[] b, int off, int len) {
    byte[] r = Arrays.copyOf(a, a.length + len);
    System.arraycopy(b, off, r, a.length, len);
    return r;
  }

  static int u16(byte[] b, int off) {
    return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
  }
}
