package dev.bulwark.logs.evtx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The reader on real files, and on damaged copies of them: what is intact is still read. */
class EvtxReaderTest {

  static byte[] fixture(String name) throws IOException {
    try (InputStream in = EvtxReaderTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  private record Read(
      EvtxReader.Summary summary, List<EvtxRecord> records, List<EvtxReader.Problem> problems) {}

  private static Read read(byte[] file) throws IOException {
    List<EvtxRecord> records = new ArrayList<>();
    List<EvtxReader.Problem> problems = new ArrayList<>();
    EvtxReader.Summary s =
        EvtxReader.read(
            "test.evtx",
            new ByteArrayInputStream(file),
            EvtxReader.Style.WINDOWS,
            records::add,
            problems::add);
    return new Read(s, records, problems);
  }

  @Test
  void readsASysmonProcessCreation() throws IOException {
    Read r = read(fixture("sysmon-process-creation.evtx"));
    assertThat(r.problems()).isEmpty();
    assertThat(r.summary().major()).isEqualTo(3);
    assertThat(r.records()).hasSize(1);
    XmlNode event = r.records().get(0).xml();
    assertThat(event.name()).isEqualTo("Event");
    assertThat(event.child("System").child("EventID").text()).isEqualTo("1");
    assertThat(event.child("System").child("Provider").attributes())
        .containsEntry("Name", "Microsoft-Windows-Sysmon");
    assertThat(event.toXml())
        .contains("<Data Name=\"CommandLine\">\"C:\\WINDOWS\\system32\\reg.exe\" add");
  }

  /** Header, then the fixture's chunk three times: the middle one damaged. */
  private static byte[] threeChunks(byte[] one, boolean damageMiddle) {
    byte[] header = Arrays.copyOf(one, EvtxReader.HEADER_SIZE);
    byte[] chunk =
        Arrays.copyOfRange(
            one, EvtxReader.HEADER_SIZE, EvtxReader.HEADER_SIZE + EvtxReader.CHUNK_SIZE);
    byte[] out = new byte[EvtxReader.HEADER_SIZE + 3 * EvtxReader.CHUNK_SIZE];
    System.arraycopy(header, 0, out, 0, header.length);
    for (int i = 0; i < 3; i++) {
      System.arraycopy(
          chunk, 0, out, EvtxReader.HEADER_SIZE + i * EvtxReader.CHUNK_SIZE, chunk.length);
    }
    out[42] = 3; // chunk count
    out[120] |= 1; // dirty flag, as a log copied from a running system
    CRC32 crc = new CRC32();
    crc.update(out, 0, 120);
    int v = (int) crc.getValue();
    for (int i = 0; i < 4; i++) {
      out[124 + i] = (byte) (v >>> (8 * i));
    }
    if (damageMiddle) {
      int base = EvtxReader.HEADER_SIZE + EvtxReader.CHUNK_SIZE;
      Arrays.fill(out, base, base + 8, (byte) 'X'); // chunk signature gone
    }
    return out;
  }

  @Test
  void damagedChunkIsSkippedAndTheOthersRead() throws IOException {
    Read r = read(threeChunks(fixture("security-task-deleted.evtx"), true));
    assertThat(r.summary().dirty()).isTrue();
    assertThat(r.records()).hasSize(2);
    assertThat(r.records()).extracting(EvtxRecord::chunk).containsExactly(0, 2);
    assertThat(r.summary().chunksSkipped()).isEqualTo(1);
    assertThat(r.problems()).anySatisfy(p -> assertThat(p.message()).contains("bad signature"));
  }

  @Test
  void truncatedFileKeepsCompleteRecords() throws IOException {
    byte[] full = threeChunks(fixture("security-task-deleted.evtx"), false);
    byte[] cut = Arrays.copyOf(full, EvtxReader.HEADER_SIZE + EvtxReader.CHUNK_SIZE + 3000);
    Read r = read(cut);
    assertThat(r.records()).hasSizeGreaterThanOrEqualTo(1);
    assertThat(r.records().get(0).chunk()).isZero();
    assertThat(r.problems()).anySatisfy(p -> assertThat(p.message()).contains("truncated"));
  }

  @Test
  void corruptRecordSizeIsReportedNotThrown() throws IOException {
    byte[] file = fixture("sysmon-process-creation.evtx").clone();
    int record = EvtxReader.HEADER_SIZE + 512;
    file[record + 4] = (byte) 0xff;
    file[record + 5] = (byte) 0xff;
    Read r = read(file);
    assertThat(r.records()).isEmpty();
    assertThat(r.summary().recordsSkipped()).isEqualTo(1);
    assertThat(r.problems()).anySatisfy(p -> assertThat(p.message()).contains("inconsistent"));
  }

  /**
   * A header declaring more chunks than the file holds means a cut-short file; empty chunks the
   * file does hold (all zero, as a log not yet filled) count as present.
   */
  @Test
  void chunksDeclaredButMissing_areReported_emptyChunksPresentAreNot() throws IOException {
    byte[] three = threeChunks(fixture("security-task-deleted.evtx"), false);
    Read whole = read(three);
    assertThat(whole.problems()).isEmpty();
    byte[] lastEmpty = three.clone();
    Arrays.fill(
        lastEmpty, EvtxReader.HEADER_SIZE + 2 * EvtxReader.CHUNK_SIZE, lastEmpty.length, (byte) 0);
    assertThat(read(lastEmpty).problems()).isEmpty();
    Read cut = read(Arrays.copyOf(three, EvtxReader.HEADER_SIZE + EvtxReader.CHUNK_SIZE));
    assertThat(cut.records()).hasSize(1);
    assertThat(cut.problems())
        .extracting(EvtxReader.Problem::message)
        .containsExactly("the header declares 3 chunks but the file ends after 1 (truncated?)");
    Read inHeader = read(Arrays.copyOf(three, 2000));
    assertThat(inHeader.problems())
        .extracting(EvtxReader.Problem::message)
        .anySatisfy(m -> assertThat(m).startsWith("truncated in the file header (2000 of 4096"));
  }

  @Test
  void notAnEvtxFileIsAnError() {
    assertThatThrownBy(() -> read("just text".getBytes()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not an EVTX file");
  }
}
