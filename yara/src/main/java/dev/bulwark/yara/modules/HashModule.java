package dev.bulwark.yara.modules;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * {@code hash.md5/sha1/sha256(offset, size)} or {@code (string)}: lowercase hex digests; {@code
 * hash.crc32(…)}: an integer; {@code hash.checksum32(…)}: the sum of the bytes.
 */
final class HashModule implements YaraModule {
  @Override
  public String name() {
    return "hash";
  }

  @Override
  public Set<String> members() {
    return Set.of("md5", "sha1", "sha256", "crc32", "checksum32");
  }

  @Override
  public Map<String, Object> load(ByteBuffer data) {
    Map<String, Object> m = new HashMap<>();
    Map<String, Object> cache = new HashMap<>();
    m.put("md5", (Fn) args -> digest("MD5", data, args, cache));
    m.put("sha1", (Fn) args -> digest("SHA-1", data, args, cache));
    m.put("sha256", (Fn) args -> digest("SHA-256", data, args, cache));
    m.put(
        "crc32",
        (Fn)
            args -> {
              ByteBuffer r = range(data, args);
              if (r == null) {
                return null;
              }
              CRC32 c = new CRC32();
              c.update(r);
              return c.getValue();
            });
    m.put(
        "checksum32",
        (Fn)
            args -> {
              ByteBuffer r = range(data, args);
              if (r == null) {
                return null;
              }
              long sum = 0;
              while (r.hasRemaining()) {
                sum = (sum + (r.get() & 0xff)) & 0xffffffffL;
              }
              return sum;
            });
    return m;
  }

  /** The bytes named by (offset, size) of the file, or by one string argument. */
  static ByteBuffer range(ByteBuffer data, List<Object> args) {
    if (args.size() == 1 && args.get(0) instanceof byte[] b) {
      return ByteBuffer.wrap(b);
    }
    if (args.size() == 2 && args.get(0) instanceof Long off && args.get(1) instanceof Long len) {
      if (off < 0 || len < 0 || off > data.limit() || off + len > data.limit()) {
        return null;
      }
      return data.duplicate().position(off.intValue()).limit((int) (off + len)).slice();
    }
    return null;
  }

  private static Object digest(
      String alg, ByteBuffer data, List<Object> args, Map<String, Object> cache) {
    String key =
        alg
            + args.stream()
                .map(a -> a instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(a))
                .toList();
    if (cache.containsKey(key)) {
      return cache.get(key);
    }
    ByteBuffer r = range(data, args);
    if (r == null) {
      return null;
    }
    try {
      MessageDigest md = MessageDigest.getInstance(alg);
      md.update(r);
      byte[] out = YaraModule.bytes(HexFormat.of().formatHex(md.digest()));
      if (cache.size() < 10_000) {
        cache.put(key, out);
      }
      return out;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + alg, e);
    }
  }
}
