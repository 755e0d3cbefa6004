package dev.bulwark.net.proto;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz targets for the stream parsers of the protocol analyzers; corpus in {@code
 * ProtocolFuzzTestInputs/}. Inputs are a series of segments, each a direction byte ({@code C}
 * client, anything else server), a 2-byte length and the bytes.
 */
class ProtocolFuzzTest {
  interface Side {
    void segment(boolean client, byte[] b, int off, int len);
  }

  static void segments(byte[] in, Side side) {
    int p = 0;
    while (p + 3 <= in.length) {
      boolean client = in[p] == 'C';
      int len = Math.min((in[p + 1] & 0xff) << 8 | (in[p + 2] & 0xff), in.length - p - 3);
      side.segment(client, in, p + 3, len);
      p += 3 + len;
    }
  }

  @FuzzTest(maxDuration = "30s")
  void mysql_neverThrows(byte[] input) {
    Mysql.Packets client = new Mysql.Packets();
    Mysql.Packets server = new Mysql.Packets();
    segments(
        input,
        (c, b, off, len) ->
            (c ? client : server)
                .feed(
                    b,
                    off,
                    len,
                    (seq, p, po, pn) -> {
                      if (pn > 0 && p[po] == 3) {
                        Mysql.queryStart(p, po + 1, po + pn);
                      }
                      Mysql.lenenc(p, new int[] {po}, po + pn);
                      return true;
                    }));
  }

  @FuzzTest(maxDuration = "30s")
  void syslog_neverThrows(byte[] input) {
    segments(input, (c, b, off, len) -> Syslog.parse(b, off, len));
  }

  @FuzzTest(maxDuration = "30s")
  void ssh_neverThrows(byte[] input) {
    Ssh.KexInit k = Ssh.kexInit(input, 0, input.length);
    if (k != null) {
      Ssh.hassh(k, false);
      Ssh.hassh(k, true);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void x509_neverThrows(byte[] input) {
    X509Log.read(input, 0, input.length);
    X509Log.bitStringLength(input);
    X509Log.spkiAlgorithm(input);
  }

  @FuzzTest(maxDuration = "30s")
  void redis_neverThrows(byte[] input) {
    int[] at = {0};
    while (at[0] < input.length) {
      int before = at[0];
      if (Redis.resp(input, at, input.length, 0) == null || at[0] == before) {
        break;
      }
    }
    Redis.inline(new String(input, java.nio.charset.StandardCharsets.ISO_8859_1));
  }
}
