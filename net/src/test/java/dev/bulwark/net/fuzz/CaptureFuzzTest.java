package dev.bulwark.net.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.net.capture.CaptureReader;
import dev.bulwark.net.capture.Captures;
import dev.bulwark.net.capture.RawPacket;
import dev.bulwark.net.decode.Addr;
import dev.bulwark.net.decode.Decoder;
import dev.bulwark.net.flow.Conn;
import dev.bulwark.net.flow.FlowTable;
import dev.bulwark.net.proto.DnsMessage;
import dev.bulwark.net.proto.Ntp;
import dev.bulwark.net.proto.Protocols;
import dev.bulwark.net.proto.Sip;
import dev.bulwark.net.zeek.LogSet;
import dev.bulwark.net.zeek.NetOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Fuzz targets for the pcap/pcapng readers with the whole decoding and flow pipeline behind them,
 * and for the DNS message parser; corpus in {@code CaptureFuzzTestInputs/}.
 */
class CaptureFuzzTest {
  private static final FlowTable.Listener QUIET =
      new FlowTable.Listener() {
        @Override
        public void connection(Conn c) {
          FlowTable.connState(c);
        }

        @Override
        public void weird(
            long ts, Conn c, Addr s, int sp, Addr d, int dp, String name, String addl) {}
      };

  /** Whatever the bytes, reading never throws anything but IOException and never loops. */
  @FuzzTest(maxDuration = "30s")
  void capture_neverThrows(byte[] input) {
    FlowTable flows = new FlowTable(QUIET, List.of(), 1);
    Decoder decoder = new Decoder(flows, true);
    try (CaptureReader r = Captures.open(new ByteArrayInputStream(input))) {
      RawPacket p;
      int n = 0;
      while ((p = r.next()) != null && n++ < 10_000) {
        decoder.decode(p);
      }
      r.problems();
    } catch (IOException notACapture) {
      // reported to the user as an unreadable capture
    }
    flows.flush();
  }

  @FuzzTest(maxDuration = "30s")
  void dns_neverThrows(byte[] input) {
    DnsMessage.parse(input, 0, input.length);
  }

  @FuzzTest(maxDuration = "30s")
  void ntp_neverThrows(byte[] input) {
    Ntp.parse(input, 0, input.length);
  }

  @FuzzTest(maxDuration = "30s")
  void sip_neverThrows(byte[] input) {
    Sip.parse(input, 0, input.length);
  }

  /**
   * Every application analyzer behind the readers and the flow table: whatever the bytes, no
   * analyzer throws (records are produced and dropped, no log is written).
   */
  @FuzzTest(maxDuration = "60s")
  void analyzers_neverThrow(byte[] input) throws IOException {
    try (LogSet logs = new LogSet(null, null, Set.of())) {
      FlowTable flows = new FlowTable(QUIET, Protocols.enabled(NetOptions.defaults(), logs), 1);
      Decoder decoder = new Decoder(flows, false);
      try (CaptureReader r = Captures.open(new ByteArrayInputStream(input))) {
        RawPacket p;
        int n = 0;
        while ((p = r.next()) != null && n++ < 10_000) {
          decoder.decode(p);
        }
      } catch (IOException notACapture) {
        // reported to the user as an unreadable capture
      }
      flows.flush();
    }
  }
}
