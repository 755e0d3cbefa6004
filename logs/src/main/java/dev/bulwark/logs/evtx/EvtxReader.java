package dev.bulwark.logs.evtx;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Reads Windows event log files (EVTX, format 3.1 and 3.2) as a stream of 64 KiB chunks, so memory
 * stays at one chunk whatever the file size and compressed or archived logs read the same way. A
 * damaged chunk or record is reported and skipped; every other valid chunk of a dirty or truncated
 * file is still read.
 */
public final class EvtxReader {
  static final int HEADER_SIZE = 4096;
  static final int CHUNK_SIZE = 65536;
  private static final byte[] FILE_MAGIC = "ElfFile\0".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] CHUNK_MAGIC = "ElfChnk\0".getBytes(StandardCharsets.ISO_8859_1);

  /** How values are written: as Windows renders event XML, or as libevtx's evtxexport prints it. */
  public enum Style {
    WINDOWS,
    LIBEVTX
  }

  /** Something wrong in a file that did not stop the read. */
  public record Problem(String where, String message) {}

  /** What a read found. */
  public record Summary(
      int major,
      int minor,
      boolean dirty,
      int chunks,
      int chunksSkipped,
      long records,
      long recordsSkipped) {}

  private EvtxReader() {}

  /** Whether the bytes start like an EVTX file. */
  public static boolean isEvtx(byte[] head, int length) {
    return length >= FILE_MAGIC.length && startsWith(head, FILE_MAGIC);
  }

  /** Reads every record of a file, rendering values as Windows does. */
  public static Summary read(Path file, Consumer<EvtxRecord> records, Consumer<Problem> problems)
      throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), CHUNK_SIZE)) {
      return read(file.toString(), in, Style.WINDOWS, records, problems);
    }
  }

  /**
   * Reads every record from a stream positioned at the file header.
   *
   * @param name how the input is named in problems
   * @throws IOException when the stream fails or does not hold an EVTX file at all
   */
  public static Summary read(
      String name,
      InputStream in,
      Style style,
      Consumer<EvtxRecord> records,
      Consumer<Problem> problems)
      throws IOException {
    byte[] h = in.readNBytes(HEADER_SIZE);
    if (h.length < 128 || !startsWith(h, FILE_MAGIC)) {
      throw new IOException(name + ": not an EVTX file (no ElfFile header)");
    }
    if (h.length < HEADER_SIZE) {
      problems.accept(
          new Problem(
              name,
              "truncated in the file header ("
                  + h.length
                  + " of "
                  + HEADER_SIZE
                  + " bytes); no chunk to read"));
    }
    int minor = le16(h, 36);
    int major = le16(h, 38);
    int flags = le32(h, 120);
    CRC32 crc = new CRC32();
    crc.update(h, 0, 120);
    if ((int) crc.getValue() != le32(h, 124)) {
      problems.accept(
          new Problem(name, "file header checksum mismatch; reading the chunks anyway"));
    }
    if (major != 3) {
      problems.accept(
          new Problem(
              name, "format version " + major + "." + minor + " is not 3.x; trying anyway"));
    }
    int chunks = 0;
    int skipped = 0;
    long recs = 0;
    long recsSkipped = 0;
    int blocks = 0; // chunk-sized blocks on disk, empty (all-zero) ones included
    byte[] chunk = new byte[CHUNK_SIZE];
    for (int index = 0; ; index++) {
      int got = in.readNBytes(chunk, 0, CHUNK_SIZE);
      if (got >= 512) {
        blocks++;
      }
      if (got < 512) {
        if (got > 0 && !allZero(chunk, 0, got)) {
          problems.accept(
              new Problem(name + " chunk " + index, "truncated chunk header; end of file"));
          skipped++;
        }
        break;
      }
      if (!startsWith(chunk, CHUNK_MAGIC)) {
        if (!allZero(chunk, 0, 512)) {
          skipped++;
          problems.accept(
              new Problem(name + " chunk " + index, "not a chunk (bad signature); skipped"));
        }
        continue;
      }
      if (got < CHUNK_SIZE) {
        problems.accept(
            new Problem(
                name + " chunk " + index,
                "truncated to " + got + " bytes; reading the records that are complete"));
      }
      chunks++;
      long[] counts =
          readChunk(chunk, got, name + " chunk " + index, index, style, records, problems);
      recs += counts[0];
      recsSkipped += counts[1];
      if (got < CHUNK_SIZE) {
        break;
      }
    }
    // The header counts the chunks the file was given; fewer on disk means it was cut short, and
    // the records it held are gone: say so rather than report a quiet, empty log.
    int declared = le16(h, 42);
    if (h.length == HEADER_SIZE && blocks < declared) {
      problems.accept(
          new Problem(
              name,
              "the header declares "
                  + declared
                  + " chunks but the file ends after "
                  + blocks
                  + " (truncated?)"));
    }
    return new Summary(major, minor, (flags & 1) != 0, chunks, skipped, recs, recsSkipped);
  }

  private static long[] readChunk(
      byte[] c,
      int length,
      String where,
      int index,
      Style style,
      Consumer<EvtxRecord> records,
      Consumer<Problem> problems) {
    int freeSpace = le32(c, 48);
    int end = freeSpace > 512 && freeSpace <= length ? freeSpace : length;
    CRC32 crc = new CRC32();
    crc.update(c, 0, 120);
    crc.update(c, 128, 384);
    if ((int) crc.getValue() != le32(c, 124)) {
      problems.accept(
          new Problem(where, "chunk header checksum mismatch; records are read one by one"));
    }
    BinXml xml = new BinXml(c, 0, length, style == Style.LIBEVTX);
    long ok = 0;
    long bad = 0;
    int pos = 512;
    while (pos + 28 <= end) {
      String damage = null;
      if (le32(c, pos) != 0x00002a2a) {
        if (allZero(c, pos, Math.min(end, pos + 8))) {
          break;
        }
        damage = "record signature missing";
      } else if (!wholeRecordAt(c, pos, length)) {
        damage = "record size " + le32(c, pos + 4) + " is inconsistent";
      }
      if (damage != null) {
        // One damaged record header must not hide the intact records after it in the chunk: go on
        // at the next place that holds a whole record (signature, size, and the size repeated at
        // its end), as forensic readers of dirty logs do.
        int next = nextRecord(c, pos + 1, end, length);
        problems.accept(
            new Problem(
                where + " offset " + pos,
                damage
                    + (next < 0
                        ? "; the rest of the chunk is skipped"
                        : "; skipped to the next whole record at offset " + next)));
        bad++;
        if (next < 0) {
          break;
        }
        pos = next;
        continue;
      }
      int size = le32(c, pos + 4);
      long id = le64(c, pos + 8);
      long written = le64(c, pos + 16);
      try {
        XmlNode root = Render.root(xml.fragment(pos + 24, pos + size - 4));
        records.accept(new EvtxRecord(id, BinXml.instant(written), root, index));
        ok++;
      } catch (RuntimeException e) {
        problems.accept(
            new Problem(where + " record " + id, "unreadable binary XML: " + e.getMessage()));
        bad++;
      }
      pos += size;
    }
    return new long[] {ok, bad};
  }

  /** Whether a record's signature, size and closing copy of the size agree at {@code pos}. */
  private static boolean wholeRecordAt(byte[] c, int pos, int length) {
    if (pos + 28 > length || le32(c, pos) != 0x00002a2a) {
      return false;
    }
    int size = le32(c, pos + 4);
    return size >= 28 && size <= length - pos && le32(c, pos + size - 4) == size;
  }

  /** The first offset from {@code from} below {@code end} holding a whole record, or -1. */
  private static int nextRecord(byte[] c, int from, int end, int length) {
    for (int p = from; p + 28 <= end; p++) {
      if (c[p] == 0x2a && wholeRecordAt(c, p, length)) {
        return p;
      }
    }
    return -1;
  }

  private static boolean startsWith(byte[] b, byte[] magic) {
    for (int i = 0; i < magic.length; i++) {
      if (b[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  static int le16(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
  }

  static int le32(byte[] b, int at) {
    return (b[at] & 0xff)
        | (b[at + 1] & 0xff) << 8
        | (b[at + 2] & 0xff) << 16
        | (b[at + 3] & 0xff) << 24;
  }

  static long le64(byte[] b, int at) {
    return (le32(b, at) & 0xffffffffL) | ((long) le32(b, at + 4) << 32);
  }
}
