package dev.bulwark.yara.modules;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;

/**
 * {@code magic.type()} and {@code magic.mime_type()} from the leading bytes of common formats (PE,
 * ELF, PDF, ZIP, gzip, OLE, PNG, JPEG, GIF, RTF, plain text). Bulwark does not use libmagic, so
 * descriptions are short and other formats are undefined.
 */
final class MagicModule implements YaraModule {
  @Override
  public String name() {
    return "magic";
  }

  @Override
  public Set<String> members() {
    return Set.of("type", "mime_type");
  }

  private static boolean starts(ByteBuffer d, int... sig) {
    if (d.limit() < sig.length) {
      return false;
    }
    for (int i = 0; i < sig.length; i++) {
      if ((d.get(i) & 0xff) != sig[i]) {
        return false;
      }
    }
    return true;
  }

  static String[] sniff(ByteBuffer d) {
    if (starts(d, 'M', 'Z')) {
      return new String[] {"application/x-dosexec", "PE32 executable"};
    }
    if (starts(d, 0x7f, 'E', 'L', 'F')) {
      return new String[] {"application/x-executable", "ELF"};
    }
    if (starts(d, '%', 'P', 'D', 'F')) {
      return new String[] {"application/pdf", "PDF document"};
    }
    if (starts(d, 'P', 'K', 3, 4)) {
      return new String[] {"application/zip", "Zip archive data"};
    }
    if (starts(d, 0x1f, 0x8b)) {
      return new String[] {"application/gzip", "gzip compressed data"};
    }
    if (starts(d, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
      return new String[] {"application/CDFV2", "Composite Document File V2 Document"};
    }
    if (starts(d, 0x89, 'P', 'N', 'G')) {
      return new String[] {"image/png", "PNG image data"};
    }
    if (starts(d, 0xff, 0xd8, 0xff)) {
      return new String[] {"image/jpeg", "JPEG image data"};
    }
    if (starts(d, 'G', 'I', 'F', '8')) {
      return new String[] {"image/gif", "GIF image data"};
    }
    if (starts(d, '{', '\\', 'r', 't', 'f')) {
      return new String[] {"text/rtf", "Rich Text Format data"};
    }
    int n = Math.min(d.limit(), 4096);
    if (n == 0) {
      return new String[] {"application/x-empty", "empty"};
    }
    for (int i = 0; i < n; i++) {
      int b = d.get(i) & 0xff;
      if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f') {
        return null;
      }
    }
    return new String[] {"text/plain", "ASCII text"};
  }

  @Override
  public Map<String, Object> load(ByteBuffer data) {
    String[] s = sniff(data);
    return Map.of(
        "mime_type", (Fn) args -> s == null ? null : YaraModule.bytes(s[0]),
        "type", (Fn) args -> s == null ? null : YaraModule.bytes(s[1]));
  }
}
