package dev.bulwark.yara.modules;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code dotnet}, the basics: whether a PE carries .NET metadata, the runtime version it names, its
 * metadata streams, GUIDs, user strings, the module's and the assembly's names, the assembly's
 * version and culture, the assemblies it references, and its embedded resources. Read as YARA reads
 * them (offsets are file offsets, strings are raw bytes). Every read is bounds-checked and every
 * list capped, so a hostile file only yields fewer fields.
 *
 * <p>Metadata tables are laid out one after another with row sizes that depend on the row counts of
 * other tables and on the heap sizes, so reaching the Assembly or ManifestResource table means
 * sizing every table before it: {@link #SCHEMA} lists each table's columns as ECMA-335 II.22
 * defines them.
 */
final class DotnetModule implements YaraModule {
  static final int MAX_STREAMS = 32;
  static final int MAX_ITEMS = 16_384;
  static final int MAX_NAME = 1024;

  private static final Set<String> MEMBERS =
      Set.of(
          "is_dotnet",
          "version",
          "module_name",
          "number_of_streams",
          "streams",
          "number_of_guids",
          "guids",
          "number_of_user_strings",
          "user_strings",
          "assembly",
          "number_of_assembly_refs",
          "assembly_refs",
          "number_of_resources",
          "resources");

  @Override
  public String name() {
    return "dotnet";
  }

  @Override
  public Set<String> members() {
    return MEMBERS;
  }

  // column kinds of the metadata tables
  private static final int C2 = -1; // 2-byte constant
  private static final int C4 = -2; // 4-byte constant
  private static final int STR = -3; // #Strings index
  private static final int GUID = -4; // #GUID index
  private static final int BLOB = -5; // #Blob index
  // 0..63: an index into that table; 100 + n: coded index number n of CODED
  private static final int TYPE_DEF_OR_REF = 100;
  private static final int HAS_CONSTANT = 101;
  private static final int HAS_CUSTOM_ATTRIBUTE = 102;
  private static final int HAS_FIELD_MARSHAL = 103;
  private static final int HAS_DECL_SECURITY = 104;
  private static final int MEMBER_REF_PARENT = 105;
  private static final int HAS_SEMANTICS = 106;
  private static final int METHOD_DEF_OR_REF = 107;
  private static final int MEMBER_FORWARDED = 108;
  private static final int IMPLEMENTATION = 109;
  private static final int CUSTOM_ATTRIBUTE_TYPE = 110;
  private static final int RESOLUTION_SCOPE = 111;
  private static final int TYPE_OR_METHOD_DEF = 112;

  /** Per coded index: its tag bits, then the tables it may point into. */
  private static final int[][] CODED = {
    {2, 0x02, 0x01, 0x1B},
    {2, 0x04, 0x08, 0x17},
    {
      5, 0x06, 0x04, 0x01, 0x02, 0x08, 0x09, 0x0A, 0x00, 0x0E, 0x17, 0x14, 0x11, 0x1A, 0x1B, 0x20,
      0x23, 0x26, 0x27, 0x28, 0x2A, 0x2C, 0x2B
    },
    {1, 0x04, 0x08},
    {2, 0x02, 0x06, 0x20},
    {3, 0x02, 0x01, 0x1A, 0x06, 0x1B},
    {1, 0x14, 0x17},
    {1, 0x06, 0x0A},
    {1, 0x04, 0x06},
    {2, 0x26, 0x23, 0x27},
    {3, 0x06, 0x0A},
    {2, 0x00, 0x1A, 0x23, 0x01},
    {1, 0x02, 0x06}
  };

  /** Columns of tables 0x00–0x2C (ECMA-335 II.22). */
  private static final int[][] SCHEMA = {
    {C2, STR, GUID, GUID, GUID}, // 0x00 Module
    {RESOLUTION_SCOPE, STR, STR}, // 0x01 TypeRef
    {C4, STR, STR, TYPE_DEF_OR_REF, 0x04, 0x06}, // 0x02 TypeDef
    {0x04}, // 0x03 FieldPtr
    {C2, STR, BLOB}, // 0x04 Field
    {0x06}, // 0x05 MethodPtr
    {C4, C2, C2, STR, BLOB, 0x08}, // 0x06 MethodDef
    {0x08}, // 0x07 ParamPtr
    {C2, C2, STR}, // 0x08 Param
    {0x02, TYPE_DEF_OR_REF}, // 0x09 InterfaceImpl
    {MEMBER_REF_PARENT, STR, BLOB}, // 0x0A MemberRef
    {C2, HAS_CONSTANT, BLOB}, // 0x0B Constant
    {HAS_CUSTOM_ATTRIBUTE, CUSTOM_ATTRIBUTE_TYPE, BLOB}, // 0x0C CustomAttribute
    {HAS_FIELD_MARSHAL, BLOB}, // 0x0D FieldMarshal
    {C2, HAS_DECL_SECURITY, BLOB}, // 0x0E DeclSecurity
    {C2, C4, 0x02}, // 0x0F ClassLayout
    {C4, 0x04}, // 0x10 FieldLayout
    {BLOB}, // 0x11 StandAloneSig
    {0x02, 0x14}, // 0x12 EventMap
    {0x14}, // 0x13 EventPtr
    {C2, STR, TYPE_DEF_OR_REF}, // 0x14 Event
    {0x02, 0x17}, // 0x15 PropertyMap
    {0x17}, // 0x16 PropertyPtr
    {C2, STR, BLOB}, // 0x17 Property
    {C2, 0x06, HAS_SEMANTICS}, // 0x18 MethodSemantics
    {0x02, METHOD_DEF_OR_REF, METHOD_DEF_OR_REF}, // 0x19 MethodImpl
    {STR}, // 0x1A ModuleRef
    {BLOB}, // 0x1B TypeSpec
    {C2, MEMBER_FORWARDED, STR, 0x1A}, // 0x1C ImplMap
    {C4, 0x04}, // 0x1D FieldRVA
    {C4, C4}, // 0x1E EncLog
    {C4}, // 0x1F EncMap
    {C4, C2, C2, C2, C2, C4, BLOB, STR, STR}, // 0x20 Assembly
    {C4}, // 0x21 AssemblyProcessor
    {C4, C4, C4}, // 0x22 AssemblyOS
    {C2, C2, C2, C2, C4, BLOB, STR, STR, BLOB}, // 0x23 AssemblyRef
    {C4, 0x23}, // 0x24 AssemblyRefProcessor
    {C4, C4, C4, 0x23}, // 0x25 AssemblyRefOS
    {C4, STR, BLOB}, // 0x26 File
    {C4, C4, STR, STR, IMPLEMENTATION}, // 0x27 ExportedType
    {C4, C4, STR, IMPLEMENTATION}, // 0x28 ManifestResource
    {0x02, 0x02}, // 0x29 NestedClass
    {C2, C2, TYPE_OR_METHOD_DEF, STR}, // 0x2A GenericParam
    {METHOD_DEF_OR_REF, BLOB}, // 0x2B MethodSpec
    {0x2A, TYPE_DEF_OR_REF} // 0x2C GenericParamConstraint
  };

  private static final int MODULE = 0x00;
  private static final int ASSEMBLY = 0x20;
  private static final int ASSEMBLY_REF = 0x23;
  private static final int MANIFEST_RESOURCE = 0x28;

  @Override
  public Map<String, Object> load(ByteBuffer raw) {
    ByteBuffer d = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    Map<String, Object> m = new HashMap<>();
    m.put("is_dotnet", 0L);
    m.put("streams", new ArrayList<>());
    m.put("guids", new ArrayList<>());
    m.put("user_strings", new ArrayList<>());
    m.put("assembly_refs", new ArrayList<>());
    m.put("resources", new ArrayList<>());
    Map<String, Object> assembly = new HashMap<>();
    assembly.put("version", new HashMap<String, Object>());
    m.put("assembly", assembly);
    try {
      parse(new Reader(d), m, assembly);
    } catch (RuntimeException e) {
      // a malformed structure ends the parse; what was read so far stays
    }
    return m;
  }

  /** Bounds-checked little-endian reads; -1 where the file has no such bytes. */
  private record Reader(ByteBuffer d) {
    int u8(long o) {
      return o >= 0 && o < d.limit() ? d.get((int) o) & 0xff : -1;
    }

    long u16(long o) {
      return o >= 0 && o + 2 <= d.limit() ? d.getShort((int) o) & 0xffff : -1;
    }

    long u32(long o) {
      return o >= 0 && o + 4 <= d.limit() ? d.getInt((int) o) & 0xffffffffL : -1;
    }

    long u64(long o) {
      return o >= 0 && o + 8 <= d.limit() ? d.getLong((int) o) : -1;
    }

    /** Bytes up to a NUL (not included), at most {@code max}; null when out of the file. */
    byte[] cstring(long o, long end, int max) {
      if (o < 0 || o >= d.limit()) {
        return null;
      }
      long stop = Math.min(Math.min(end, d.limit()), o + max);
      int n = 0;
      while (o + n < stop && d.get((int) (o + n)) != 0) {
        n++;
      }
      return bytes(o, n);
    }

    byte[] bytes(long o, long n) {
      if (o < 0 || n < 0 || o + n > d.limit()) {
        return null;
      }
      byte[] b = new byte[(int) n];
      d.get((int) o, b);
      return b;
    }
  }

  private static void parse(Reader r, Map<String, Object> m, Map<String, Object> assembly) {
    if (r.u16(0) != 0x5a4d) {
      return;
    }
    long pe = r.u32(0x3c);
    if (pe < 0 || r.u32(pe) != 0x4550) {
      return;
    }
    long nsec = r.u16(pe + 6);
    long optSize = r.u16(pe + 20);
    long opt = pe + 24;
    long magic = r.u16(opt);
    if (magic != 0x10b && magic != 0x20b) {
      return;
    }
    long dirs = opt + (magic == 0x20b ? 112 : 96);
    if (r.u32(dirs - 4) <= 14) {
      return;
    }
    long cliRva = r.u32(dirs + 14 * 8);
    if (cliRva <= 0) {
      return;
    }
    List<PeModule.Section> sections = new ArrayList<>();
    long sec = opt + optSize;
    for (int i = 0; i < Math.min(nsec, PeModule.MAX_SECTIONS); i++) {
      long s = sec + 40L * i;
      sections.add(
          new PeModule.Section(
              "", r.u32(s + 12), r.u32(s + 8), r.u32(s + 20), r.u32(s + 16), r.u32(s + 36)));
    }
    long headers = r.u32(opt + 60);
    long limit = r.d().limit();
    long cli = PeModule.rvaToOffset(sections, cliRva, headers, limit);
    long mdRva = r.u32(cli + 8);
    long md = mdRva <= 0 ? -1 : PeModule.rvaToOffset(sections, mdRva, headers, limit);
    if (cli < 0 || md < 0 || r.u32(md) != 0x424A5342) {
      return;
    }
    // as YARA: the version's length is 1–255, a multiple of 4 and inside the file, or this is
    // not .NET metadata
    long versionLength = r.u32(md + 12);
    if (versionLength <= 0
        || versionLength > 255
        || versionLength % 4 != 0
        || md + 16 + versionLength > limit) {
      return;
    }
    m.put("is_dotnet", 1L);
    byte[] version = r.cstring(md + 16, md + 16 + versionLength, (int) versionLength);
    if (version != null) {
      m.put("version", version);
    }
    long p = md + 16 + versionLength;
    long streamCount = r.u16(p + 2);
    p += 4;
    List<Object> streams = list(m, "streams");
    Map<String, long[]> byName = new HashMap<>();
    for (int i = 0; i < Math.min(streamCount, MAX_STREAMS); i++) {
      long off = r.u32(p);
      long size = r.u32(p + 4);
      byte[] name = r.cstring(p + 8, p + 8 + 32, 32);
      if (off < 0 || size < 0 || name == null) {
        break;
      }
      Map<String, Object> s = new HashMap<>();
      s.put("name", name);
      s.put("offset", md + off);
      s.put("size", size);
      streams.add(s);
      byName.putIfAbsent(
          new String(name, java.nio.charset.StandardCharsets.ISO_8859_1),
          new long[] {md + off, size});
      p += 8 + ((name.length + 4) & ~3L);
    }
    m.put("number_of_streams", (long) streams.size());
    long[] guid = byName.get("#GUID");
    if (guid != null) {
      guids(r, guid, list(m, "guids"));
      m.put("number_of_guids", (long) list(m, "guids").size());
    }
    long[] us = byName.get("#US");
    if (us != null) {
      userStrings(r, us, list(m, "user_strings"));
      m.put("number_of_user_strings", (long) list(m, "user_strings").size());
    }
    long[] tables = byName.containsKey("#~") ? byName.get("#~") : byName.get("#-");
    if (tables != null) {
      long resources = -1;
      long resRva = r.u32(cli + 24);
      if (resRva > 0) {
        resources = PeModule.rvaToOffset(sections, resRva, headers, limit);
      }
      tables(r, tables[0], byName, m, assembly, resources);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Map<String, Object> m, String key) {
    return (List<Object>) m.get(key);
  }

  private static void guids(Reader r, long[] stream, List<Object> out) {
    for (long i = 0; i < stream[1] / 16 && out.size() < MAX_ITEMS; i++) {
      long o = stream[0] + 16 * i;
      long a = r.u32(o);
      long b = r.u16(o + 4);
      long c = r.u16(o + 6);
      byte[] rest = r.bytes(o + 8, 8);
      if (a < 0 || b < 0 || c < 0 || rest == null) {
        return;
      }
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%08x-%04x-%04x-", a, b, c));
      for (int k = 0; k < 8; k++) {
        sb.append(String.format(Locale.ROOT, k == 2 ? "-%02x" : "%02x", rest[k] & 0xff));
      }
      out.add(YaraModule.bytes(sb.toString()));
    }
  }

  /** A blob's compressed length at {@code o}: {length, bytes the length took}, or null. */
  private static long[] blobLength(Reader r, long o) {
    int b = r.u8(o);
    if (b < 0) {
      return null;
    }
    if ((b & 0x80) == 0) {
      return new long[] {b, 1};
    }
    if ((b & 0xc0) == 0x80) {
      int b2 = r.u8(o + 1);
      return b2 < 0 ? null : new long[] {((long) (b & 0x3f) << 8) | b2, 2};
    }
    if ((b & 0xe0) == 0xc0) {
      int b2 = r.u8(o + 1);
      int b3 = r.u8(o + 2);
      int b4 = r.u8(o + 3);
      if (b4 < 0) {
        return null;
      }
      // big-endian on disk, the top three bits mark the form
      return new long[] {((long) (b & 0x1f) << 24) | (b2 << 16) | (b3 << 8) | b4, 4};
    }
    return null;
  }

  /** The #US heap: each blob's UTF-16 text without its final flag byte; empty ones skipped. */
  private static void userStrings(Reader r, long[] stream, List<Object> out) {
    long o = stream[0] + 1;
    long end = stream[0] + stream[1];
    while (o < end && out.size() < MAX_ITEMS) {
      long[] len = blobLength(r, o);
      if (len == null) {
        return;
      }
      o += len[1];
      if (len[0] > 1) {
        byte[] s = r.bytes(o, Math.min(len[0] - 1, end - o));
        if (s == null) {
          return;
        }
        out.add(s);
      }
      o += len[0];
    }
  }

  private static void tables(
      Reader r,
      long t,
      Map<String, long[]> heaps,
      Map<String, Object> m,
      Map<String, Object> assembly,
      long resources) {
    int heapSizes = r.u8(t + 6);
    long valid = r.u64(t + 8);
    if (heapSizes < 0 || r.u32(t + 20) < 0) {
      return;
    }
    long[] rows = new long[64];
    long p = t + 24;
    for (int i = 0; i < 64; i++) {
      if ((valid & (1L << i)) != 0) {
        rows[i] = r.u32(p);
        if (rows[i] < 0) {
          return;
        }
        p += 4;
      }
    }
    int str = (heapSizes & 1) != 0 ? 4 : 2;
    int guid = (heapSizes & 2) != 0 ? 4 : 2;
    int blob = (heapSizes & 4) != 0 ? 4 : 2;
    long[] start = new long[SCHEMA.length];
    long[] rowSize = new long[SCHEMA.length];
    for (int i = 0; i < SCHEMA.length; i++) {
      start[i] = p;
      int size = 0;
      for (int c : SCHEMA[i]) {
        size += columnSize(c, rows, str, guid, blob);
      }
      rowSize[i] = size;
      p += rows[i] * size;
      if (p > r.d().limit()) {
        // later tables lie beyond the file; the ones before stay readable
        for (int k = i + 1; k < SCHEMA.length; k++) {
          start[k] = -1;
        }
        break;
      }
    }
    Tables tb = new Tables(r, start, rowSize, rows, str, guid, blob, heaps);
    if (rows[MODULE] > 0) {
      put(m, "module_name", tb.string(tb.column(MODULE, 0, 1)));
    }
    if (rows[ASSEMBLY] > 0 && tb.row(ASSEMBLY, 0) >= 0) {
      @SuppressWarnings("unchecked")
      Map<String, Object> version = (Map<String, Object>) assembly.get("version");
      version(tb, ASSEMBLY, 0, 1, version);
      put(assembly, "name", tb.string(tb.column(ASSEMBLY, 0, 7)));
      put(assembly, "culture", tb.string(tb.column(ASSEMBLY, 0, 8)));
    }
    List<Object> refs = list(m, "assembly_refs");
    for (int i = 0;
        i < Math.min(rows[ASSEMBLY_REF], MAX_ITEMS) && tb.row(ASSEMBLY_REF, i) >= 0;
        i++) {
      Map<String, Object> ref = new HashMap<>();
      Map<String, Object> version = new HashMap<>();
      version(tb, ASSEMBLY_REF, i, 0, version);
      ref.put("version", version);
      put(ref, "public_key_or_token", tb.blob(tb.column(ASSEMBLY_REF, i, 5)));
      put(ref, "name", tb.string(tb.column(ASSEMBLY_REF, i, 6)));
      refs.add(ref);
    }
    if (rows[ASSEMBLY_REF] > 0) {
      m.put("number_of_assembly_refs", (long) refs.size());
    }
    List<Object> res = list(m, "resources");
    for (int i = 0;
        i < Math.min(rows[MANIFEST_RESOURCE], MAX_ITEMS) && tb.row(MANIFEST_RESOURCE, i) >= 0;
        i++) {
      // resources in other files (a non-zero Implementation) have no bytes here
      if (tb.column(MANIFEST_RESOURCE, i, 3) != 0 || resources < 0) {
        continue;
      }
      long at = resources + tb.column(MANIFEST_RESOURCE, i, 0);
      long length = r.u32(at);
      if (length < 0) {
        continue;
      }
      Map<String, Object> one = new HashMap<>();
      one.put("offset", at + 4);
      one.put("length", length);
      put(one, "name", tb.string(tb.column(MANIFEST_RESOURCE, i, 2)));
      res.add(one);
    }
    if (rows[MANIFEST_RESOURCE] > 0) {
      m.put("number_of_resources", (long) res.size());
    }
  }

  private static void version(Tables tb, int table, int row, int first, Map<String, Object> v) {
    String[] keys = {"major", "minor", "build_number", "revision_number"};
    for (int k = 0; k < 4; k++) {
      long x = tb.column(table, row, first + k);
      if (x >= 0) {
        v.put(keys[k], x);
      }
    }
  }

  /** Sets a field unless it is missing or empty (YARA leaves empty strings undefined). */
  private static void put(Map<String, Object> m, String key, Object v) {
    if (v != null && !(v instanceof byte[] b && b.length == 0)) {
      m.put(key, v);
    }
  }

  private static int columnSize(int c, long[] rows, int str, int guid, int blob) {
    return switch (c) {
      case C2 -> 2;
      case C4 -> 4;
      case STR -> str;
      case GUID -> guid;
      case BLOB -> blob;
      default -> {
        if (c < 64) {
          yield rows[c] < 65536 ? 2 : 4;
        }
        int[] coded = CODED[c - 100];
        long max = 0;
        for (int i = 1; i < coded.length; i++) {
          max = Math.max(max, rows[coded[i]]);
        }
        yield max < (1L << (16 - coded[0])) ? 2 : 4;
      }
    };
  }

  /** Reads cells of the laid-out tables and the heaps they point into. */
  private record Tables(
      Reader r,
      long[] start,
      long[] rowSize,
      long[] rows,
      int str,
      int guid,
      int blob,
      Map<String, long[]> heaps) {
    /** The file offset of a row, or -1 when it lies outside the file. */
    long row(int table, long i) {
      if (start[table] < 0 || i >= rows[table]) {
        return -1;
      }
      long o = start[table] + i * rowSize[table];
      return o + rowSize[table] <= r.d().limit() ? o : -1;
    }

    /** A cell's value (indices as stored), or -1. */
    long column(int table, long i, int column) {
      long o = row(table, i);
      if (o < 0) {
        return -1;
      }
      for (int c = 0; c < column; c++) {
        o += columnSize(SCHEMA[table][c], rows, str, guid, blob);
      }
      int size = columnSize(SCHEMA[table][column], rows, str, guid, blob);
      return size == 2 ? r.u16(o) : r.u32(o);
    }

    byte[] string(long index) {
      long[] h = heaps.get("#Strings");
      if (h == null || index < 0 || index >= h[1]) {
        return null;
      }
      return r.cstring(h[0] + index, h[0] + h[1], MAX_NAME);
    }

    byte[] blob(long index) {
      long[] h = heaps.get("#Blob");
      if (h == null || index < 0 || index >= h[1]) {
        return null;
      }
      long[] len = blobLength(r, h[0] + index);
      if (len == null || index + len[1] + len[0] > h[1]) {
        return null;
      }
      return r.bytes(h[0] + index + len[1], len[0]);
    }
  }
}
