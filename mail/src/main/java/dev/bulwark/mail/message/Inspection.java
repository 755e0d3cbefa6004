package dev.bulwark.mail.message;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What an attachment is, learnt by reading its bytes and never by opening it: its size and SHA-256,
 * its true type from magic numbers, and for archives and Office files what they hold — entry names
 * from a ZIP's central directory (nothing is decompressed, so a bomb costs nothing), VBA projects
 * in OOXML packages ({@code vbaProject.bin}) and in OLE compound files (the {@code _VBA_PROJECT}
 * stream's directory entry).
 */
public record Inspection(
    long size,
    String sha256,
    byte[] head,
    String kind,
    List<String> entries,
    boolean encryptedEntries,
    boolean macros,
    boolean complete) {

  static final int HEAD = 4096;

  /** Bytes kept for looking inside; larger files are hashed and measured only. */
  static final int INSPECTED = 8 << 20;

  private static final int MAX_ENTRIES = 2_000;
  private static final byte[] VBA_OLE = "_VBA_PROJECT".getBytes(StandardCharsets.UTF_16LE);

  public static Inspection of(InputStream in, long maxBytes) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    long size = 0;
    for (int n; size < maxBytes && (n = in.read(buf)) > 0; ) {
      sha.update(buf, 0, n);
      if (kept.size() < INSPECTED) {
        kept.write(buf, 0, Math.min(n, INSPECTED - kept.size()));
      }
      size += n;
    }
    byte[] bytes = kept.toByteArray();
    boolean whole = size == bytes.length && size < maxBytes;
    byte[] head = java.util.Arrays.copyOf(bytes, Math.min(HEAD, bytes.length));
    String kind = kind(bytes);
    List<String> entries = new ArrayList<>();
    boolean[] encrypted = {false};
    boolean macros = false;
    if (kind.equals("zip") && whole) {
      centralDirectory(bytes, entries, encrypted);
      macros =
          entries.stream()
              .anyMatch(e -> e.toLowerCase(java.util.Locale.ROOT).endsWith("vbaproject.bin"));
    } else if (kind.equals("ole")) {
      macros = indexOf(bytes, VBA_OLE) >= 0;
    }
    return new Inspection(
        size,
        HexFormat.of().formatHex(sha.digest()),
        head,
        kind,
        List.copyOf(entries),
        encrypted[0],
        macros,
        whole);
  }

  /** The true type by magic number. */
  static String kind(byte[] b) {
    if (starts(b, 0, 'M', 'Z')) {
      return "windows-executable";
    }
    if (starts(b, 0, 0x7f, 'E', 'L', 'F')) {
      return "elf-executable";
    }
    if (starts(b, 0, 'P', 'K', 3, 4) || starts(b, 0, 'P', 'K', 5, 6)) {
      return "zip";
    }
    if (starts(b, 0, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
      return "ole";
    }
    if (starts(b, 0, '%', 'P', 'D', 'F')) {
      return "pdf";
    }
    if (starts(b, 0, 0x4C, 0, 0, 0, 0x01, 0x14, 0x02, 0)) {
      return "windows-shortcut";
    }
    if (starts(b, 0, 'R', 'a', 'r', '!')) {
      return "rar";
    }
    if (starts(b, 0, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)) {
      return "7z";
    }
    if (starts(b, 0x8001, 'C', 'D', '0', '0', '1')) {
      return "disk-image";
    }
    if (starts(b, 0, 0x1F, 0x8B)) {
      return "gzip";
    }
    return "data";
  }

  /**
   * Entry names from the central directory at the end of a whole ZIP: the end record is found
   * scanning back, then each record's name is read; sizes and data are never touched.
   */
  private static void centralDirectory(byte[] b, List<String> out, boolean[] encrypted) {
    int end = -1;
    for (int i = b.length - 22; i >= Math.max(0, b.length - 22 - 65_535); i--) {
      if (starts(b, i, 'P', 'K', 5, 6)) {
        end = i;
        break;
      }
    }
    if (end < 0) {
      return;
    }
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int count = Short.toUnsignedInt(bb.getShort(end + 10));
    long offset = Integer.toUnsignedLong(bb.getInt(end + 16));
    int p = (int) Math.min(offset, b.length);
    for (int i = 0; i < Math.min(count, MAX_ENTRIES) && p + 46 <= b.length; i++) {
      if (!starts(b, p, 'P', 'K', 1, 2)) {
        return;
      }
      int flags = Short.toUnsignedInt(bb.getShort(p + 8));
      int nameLength = Short.toUnsignedInt(bb.getShort(p + 28));
      int extra = Short.toUnsignedInt(bb.getShort(p + 30));
      int comment = Short.toUnsignedInt(bb.getShort(p + 32));
      if (p + 46 + nameLength > b.length) {
        return;
      }
      out.add(new String(b, p + 46, nameLength, StandardCharsets.UTF_8));
      encrypted[0] |= (flags & 1) != 0;
      p += 46 + nameLength + extra + comment;
    }
  }

  private static boolean starts(byte[] b, int at, int... magic) {
    if (at + magic.length > b.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((b[at + i] & 0xff) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
