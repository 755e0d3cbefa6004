package dev.bulwark.yara.modules;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code pe}: headers, sections, imports and exports (with ordinals), imphash, resources, rich
 * signature, version info, presence of Authenticode signatures and the overlay. Every read is
 * bounds-checked; tables are capped so a hostile file cannot make the parse unbounded.
 */
final class PeModule implements YaraModule {
  static final int MAX_SECTIONS = 96;
  static final int MAX_IMPORTS = 16_384;
  static final int MAX_EXPORTS = 65_536;
  static final int MAX_RESOURCES = 4096;

  private static final Map<String, Object> CONSTANTS = new LinkedHashMap<>();

  static {
    Object[][] c = {
      {"MACHINE_UNKNOWN", 0x0},
      {"MACHINE_AM33", 0x1d3},
      {"MACHINE_AMD64", 0x8664},
      {"MACHINE_ARM", 0x1c0},
      {"MACHINE_ARMNT", 0x1c4},
      {"MACHINE_ARM64", 0xaa64},
      {"MACHINE_EBC", 0xebc},
      {"MACHINE_I386", 0x14c},
      {"MACHINE_IA64", 0x200},
      {"MACHINE_M32R", 0x9041},
      {"MACHINE_MIPS16", 0x266},
      {"MACHINE_MIPSFPU", 0x366},
      {"MACHINE_MIPSFPU16", 0x466},
      {"MACHINE_POWERPC", 0x1f0},
      {"MACHINE_POWERPCFP", 0x1f1},
      {"MACHINE_R4000", 0x166},
      {"MACHINE_SH3", 0x1a2},
      {"MACHINE_SH3DSP", 0x1a3},
      {"MACHINE_SH4", 0x1a6},
      {"MACHINE_SH5", 0x1a8},
      {"MACHINE_THUMB", 0x1c2},
      {"MACHINE_WCEMIPSV2", 0x169},
      {"SUBSYSTEM_UNKNOWN", 0},
      {"SUBSYSTEM_NATIVE", 1},
      {"SUBSYSTEM_WINDOWS_GUI", 2},
      {"SUBSYSTEM_WINDOWS_CUI", 3},
      {"SUBSYSTEM_OS2_CUI", 5},
      {"SUBSYSTEM_POSIX_CUI", 7},
      {"SUBSYSTEM_NATIVE_WINDOWS", 8},
      {"SUBSYSTEM_WINDOWS_CE_GUI", 9},
      {"SUBSYSTEM_EFI_APPLICATION", 10},
      {"SUBSYSTEM_EFI_BOOT_SERVICE_DRIVER", 11},
      {"SUBSYSTEM_EFI_RUNTIME_DRIVER", 12},
      {"SUBSYSTEM_EFI_ROM_IMAGE", 13},
      {"SUBSYSTEM_XBOX", 14},
      {"SUBSYSTEM_WINDOWS_BOOT_APPLICATION", 16},
      {"RELOCS_STRIPPED", 0x1},
      {"EXECUTABLE_IMAGE", 0x2},
      {"LINE_NUMS_STRIPPED", 0x4},
      {"LOCAL_SYMS_STRIPPED", 0x8},
      {"AGGRESIVE_WS_TRIM", 0x10},
      {"LARGE_ADDRESS_AWARE", 0x20},
      {"BYTES_REVERSED_LO", 0x80},
      {"MACHINE_32BIT", 0x100},
      {"DEBUG_STRIPPED", 0x200},
      {"REMOVABLE_RUN_FROM_SWAP", 0x400},
      {"NET_RUN_FROM_SWAP", 0x800},
      {"SYSTEM", 0x1000},
      {"DLL", 0x2000},
      {"UP_SYSTEM_ONLY", 0x4000},
      {"BYTES_REVERSED_HI", 0x8000},
      {"IMAGE_FILE_MACHINE_I386", 0x14c},
      {"IMAGE_FILE_MACHINE_AMD64", 0x8664},
      {"SECTION_CNT_CODE", 0x20},
      {"SECTION_CNT_INITIALIZED_DATA", 0x40},
      {"SECTION_CNT_UNINITIALIZED_DATA", 0x80},
      {"SECTION_GPREL", 0x8000},
      {"SECTION_MEM_16BIT", 0x20000},
      {"SECTION_LNK_NRELOC_OVFL", 0x1000000},
      {"SECTION_MEM_DISCARDABLE", 0x2000000},
      {"SECTION_MEM_NOT_CACHED", 0x4000000},
      {"SECTION_MEM_NOT_PAGED", 0x8000000},
      {"SECTION_MEM_SHARED", 0x10000000},
      {"SECTION_MEM_EXECUTE", 0x20000000},
      {"SECTION_MEM_READ", 0x40000000},
      {"SECTION_MEM_WRITE", 0x80000000L},
      {"DYNAMIC_BASE", 0x40},
      {"FORCE_INTEGRITY", 0x80},
      {"NX_COMPAT", 0x100},
      {"NO_ISOLATION", 0x200},
      {"NO_SEH", 0x400},
      {"NO_BIND", 0x800},
      {"WDM_DRIVER", 0x2000},
      {"TERMINAL_SERVER_AWARE", 0x8000},
      {"HIGH_ENTROPY_VA", 0x20},
      {"APPCONTAINER", 0x1000},
      {"GUARD_CF", 0x4000},
      {"IMAGE_DIRECTORY_ENTRY_EXPORT", 0},
      {"IMAGE_DIRECTORY_ENTRY_IMPORT", 1},
      {"IMAGE_DIRECTORY_ENTRY_RESOURCE", 2},
      {"IMAGE_DIRECTORY_ENTRY_EXCEPTION", 3},
      {"IMAGE_DIRECTORY_ENTRY_SECURITY", 4},
      {"IMAGE_DIRECTORY_ENTRY_BASERELOC", 5},
      {"IMAGE_DIRECTORY_ENTRY_DEBUG", 6},
      {"IMAGE_DIRECTORY_ENTRY_TLS", 9},
      {"IMAGE_DIRECTORY_ENTRY_IAT", 12},
      {"IMAGE_DIRECTORY_ENTRY_COM_DESCRIPTOR", 14},
      {"IMAGE_NT_OPTIONAL_HDR32_MAGIC", 0x10b},
      {"IMAGE_NT_OPTIONAL_HDR64_MAGIC", 0x20b},
      {"IMAGE_ROM_OPTIONAL_HDR_MAGIC", 0x107},
      {"RESOURCE_TYPE_CURSOR", 1},
      {"RESOURCE_TYPE_BITMAP", 2},
      {"RESOURCE_TYPE_ICON", 3},
      {"RESOURCE_TYPE_MENU", 4},
      {"RESOURCE_TYPE_DIALOG", 5},
      {"RESOURCE_TYPE_STRING", 6},
      {"RESOURCE_TYPE_FONTDIR", 7},
      {"RESOURCE_TYPE_FONT", 8},
      {"RESOURCE_TYPE_ACCELERATOR", 9},
      {"RESOURCE_TYPE_RCDATA", 10},
      {"RESOURCE_TYPE_MESSAGETABLE", 11},
      {"RESOURCE_TYPE_GROUP_CURSOR", 12},
      {"RESOURCE_TYPE_GROUP_ICON", 14},
      {"RESOURCE_TYPE_VERSION", 16},
      {"RESOURCE_TYPE_DLGINCLUDE", 17},
      {"RESOURCE_TYPE_PLUGPLAY", 19},
      {"RESOURCE_TYPE_VXD", 20},
      {"RESOURCE_TYPE_ANICURSOR", 21},
      {"RESOURCE_TYPE_ANIICON", 22},
      {"RESOURCE_TYPE_HTML", 23},
      {"RESOURCE_TYPE_MANIFEST", 24},
      {"IMPORT_STANDARD", 1},
      {"IMPORT_DELAYED", 2},
      {"IMPORT_ANY", 3},
    };
    for (Object[] e : c) {
      CONSTANTS.put((String) e[0], ((Number) e[1]).longValue());
    }
  }

  private static final Set<String> MEMBERS = new HashSet<>(CONSTANTS.keySet());

  static {
    MEMBERS.addAll(
        List.of(
            "is_pe",
            "machine",
            "number_of_sections",
            "timestamp",
            "pointer_to_symbol_table",
            "number_of_symbols",
            "size_of_optional_header",
            "characteristics",
            "entry_point",
            "entry_point_raw",
            "image_base",
            "number_of_rva_and_sizes",
            "number_of_version_infos",
            "version_info",
            "version_info_list",
            "opthdr_magic",
            "size_of_code",
            "size_of_initialized_data",
            "size_of_uninitialized_data",
            "base_of_code",
            "base_of_data",
            "section_alignment",
            "file_alignment",
            "linker_version",
            "os_version",
            "image_version",
            "subsystem_version",
            "win32_version_value",
            "size_of_image",
            "size_of_headers",
            "checksum",
            "subsystem",
            "dll_characteristics",
            "size_of_stack_reserve",
            "size_of_stack_commit",
            "size_of_heap_reserve",
            "size_of_heap_commit",
            "loader_flags",
            "data_directories",
            "sections",
            "overlay",
            "rich_signature",
            "number_of_imports",
            "number_of_imported_functions",
            "number_of_delayed_imports",
            "number_of_delayed_imported_functions",
            "number_of_exports",
            "dll_name",
            "export_timestamp",
            "export_details",
            "import_details",
            "resource_timestamp",
            "resource_version",
            "resources",
            "number_of_resources",
            "pdb_path",
            "number_of_signatures",
            "is_signed",
            "signatures",
            "imphash",
            "section_index",
            "exports",
            "exports_index",
            "imports",
            "is_dll",
            "is_32bit",
            "is_64bit",
            "rva_to_offset"));
  }

  @Override
  public String name() {
    return "pe";
  }

  @Override
  public Set<String> members() {
    return MEMBERS;
  }

  record Section(String name, long va, long vsize, long rawOff, long rawSize, long chars) {}

  record Import(String dll, String fn, long ordinal, boolean delayed) {}

  record Export(String name, long ordinal, long rva) {}

  private static int u8(ByteBuffer d, long o) {
    return o >= 0 && o < d.limit() ? d.get((int) o) & 0xff : -1;
  }

  private static long u16(ByteBuffer d, long o) {
    return o >= 0 && o + 2 <= d.limit() ? d.getShort((int) o) & 0xffff : -1;
  }

  private static long u32(ByteBuffer d, long o) {
    return o >= 0 && o + 4 <= d.limit() ? d.getInt((int) o) & 0xffffffffL : -1;
  }

  private static long u64(ByteBuffer d, long o) {
    return o >= 0 && o + 8 <= d.limit() ? d.getLong((int) o) : -1;
  }

  private static String cstring(ByteBuffer d, long o, int max) {
    if (o < 0 || o >= d.limit()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (long i = o; i < d.limit() && sb.length() < max; i++) {
      int b = d.get((int) i) & 0xff;
      if (b == 0) {
        return sb.toString();
      }
      sb.append((char) b);
    }
    return sb.length() >= max ? sb.toString() : null;
  }

  @Override
  public Map<String, Object> load(ByteBuffer raw) {
    ByteBuffer d = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    Map<String, Object> m = new HashMap<>(CONSTANTS);
    m.put("is_pe", 0L);
    List<Object> sectionsOut = new ArrayList<>();
    m.put("sections", sectionsOut);
    List<Import> imports = new ArrayList<>();
    List<Export> exports = new ArrayList<>();
    List<Section> sections = new ArrayList<>();
    functions(m, d, imports, exports, sections);
    try {
      parse(d, m, sections, sectionsOut, imports, exports);
    } catch (RuntimeException e) {
      // a malformed header ends the parse; what was read so far stays
    }
    return m;
  }

  private static void parse(
      ByteBuffer d,
      Map<String, Object> m,
      List<Section> sections,
      List<Object> sectionsOut,
      List<Import> imports,
      List<Export> exports) {
    if (u16(d, 0) != 0x5a4d) {
      return;
    }
    long pe = u32(d, 0x3c);
    if (pe < 0 || u32(d, pe) != 0x4550) {
      return;
    }
    long machine = u16(d, pe + 4);
    long nsec = u16(d, pe + 6);
    long optSize = u16(d, pe + 20);
    long chars = u16(d, pe + 22);
    long opt = pe + 24;
    long magic = u16(d, opt);
    if (machine < 0 || magic < 0) {
      return;
    }
    boolean pe64 = magic == 0x20b;
    m.put("is_pe", 1L);
    m.put("machine", machine);
    m.put("number_of_sections", nsec);
    m.put("timestamp", u32(d, pe + 8));
    m.put("pointer_to_symbol_table", u32(d, pe + 12));
    m.put("number_of_symbols", u32(d, pe + 16));
    m.put("size_of_optional_header", optSize);
    m.put("characteristics", chars);
    m.put("opthdr_magic", magic);
    m.put("linker_version", Map.of("major", (long) u8(d, opt + 2), "minor", (long) u8(d, opt + 3)));
    m.put("size_of_code", u32(d, opt + 4));
    m.put("size_of_initialized_data", u32(d, opt + 8));
    m.put("size_of_uninitialized_data", u32(d, opt + 12));
    long epRva = u32(d, opt + 16);
    m.put("entry_point_raw", epRva);
    m.put("base_of_code", u32(d, opt + 20));
    if (!pe64) {
      m.put("base_of_data", u32(d, opt + 24));
    }
    long imageBase = pe64 ? u64(d, opt + 24) : u32(d, opt + 28);
    m.put("image_base", imageBase);
    m.put("section_alignment", u32(d, opt + 32));
    long fileAlign = u32(d, opt + 36);
    m.put("file_alignment", fileAlign);
    m.put("os_version", Map.of("major", u16(d, opt + 40), "minor", u16(d, opt + 42)));
    m.put("image_version", Map.of("major", u16(d, opt + 44), "minor", u16(d, opt + 46)));
    m.put("subsystem_version", Map.of("major", u16(d, opt + 48), "minor", u16(d, opt + 50)));
    m.put("win32_version_value", u32(d, opt + 52));
    m.put("size_of_image", u32(d, opt + 56));
    long sizeOfHeaders = u32(d, opt + 60);
    m.put("size_of_headers", sizeOfHeaders);
    m.put("checksum", u32(d, opt + 64));
    m.put("subsystem", u16(d, opt + 68));
    m.put("dll_characteristics", u16(d, opt + 70));
    int w = pe64 ? 8 : 4;
    long p = opt + 72;
    m.put("size_of_stack_reserve", pe64 ? u64(d, p) : u32(d, p));
    m.put("size_of_stack_commit", pe64 ? u64(d, p + w) : u32(d, p + w));
    m.put("size_of_heap_reserve", pe64 ? u64(d, p + 2 * w) : u32(d, p + 2 * w));
    m.put("size_of_heap_commit", pe64 ? u64(d, p + 3 * w) : u32(d, p + 3 * w));
    long dirs = p + 4 * w + 4;
    m.put("loader_flags", u32(d, dirs - 4));
    long nrva = u32(d, dirs);
    m.put("number_of_rva_and_sizes", nrva);
    dirs += 4;
    List<Object> dirList = new ArrayList<>();
    long[][] dir = new long[16][2];
    for (int i = 0; i < 16 && i < Math.max(nrva, 0); i++) {
      dir[i][0] = Math.max(u32(d, dirs + i * 8L), 0);
      dir[i][1] = Math.max(u32(d, dirs + i * 8L + 4), 0);
      dirList.add(Map.of("virtual_address", dir[i][0], "size", dir[i][1]));
    }
    m.put("data_directories", dirList);
    long sec = opt + optSize;
    long lastEnd = 0;
    for (int i = 0; i < Math.min(nsec, MAX_SECTIONS); i++) {
      long s = sec + i * 40L;
      if (s + 40 > d.limit()) {
        break;
      }
      byte[] nb = new byte[8];
      d.get((int) s, nb);
      int len = 0;
      while (len < 8 && nb[len] != 0) {
        len++;
      }
      String name = new String(nb, 0, len, StandardCharsets.ISO_8859_1);
      Section sc =
          new Section(
              name, u32(d, s + 12), u32(d, s + 8), u32(d, s + 20), u32(d, s + 16), u32(d, s + 36));
      sections.add(sc);
      Map<String, Object> so = new HashMap<>();
      so.put("name", YaraModule.bytes(name));
      so.put("full_name", YaraModule.bytes(name));
      so.put("virtual_address", sc.va());
      so.put("virtual_size", sc.vsize());
      so.put("raw_data_offset", sc.rawOff());
      so.put("raw_data_size", sc.rawSize());
      so.put("characteristics", sc.chars());
      so.put("pointer_to_relocations", u32(d, s + 24));
      so.put("pointer_to_line_numbers", u32(d, s + 28));
      so.put("number_of_relocations", u16(d, s + 32));
      so.put("number_of_line_numbers", u16(d, s + 34));
      sectionsOut.add(so);
      if (sc.rawSize() > 0) {
        lastEnd = Math.max(lastEnd, sc.rawOff() + sc.rawSize());
      }
    }
    long ep = rvaToOffset(sections, epRva, sizeOfHeaders, d.limit());
    if (ep >= 0) {
      m.put("entry_point", ep);
    }
    if (lastEnd > 0 && lastEnd <= d.limit()) {
      m.put(
          "overlay",
          Map.of(
              "offset", lastEnd == d.limit() ? 0L : lastEnd, "size", (long) d.limit() - lastEnd));
    } else {
      m.put("overlay", Map.of("offset", 0L, "size", 0L));
    }
    readImports(d, sections, sizeOfHeaders, dir[1][0], pe64, imports, false);
    readImports(d, sections, sizeOfHeaders, dir[13][0], pe64, imports, true);
    long std = imports.stream().filter(i -> !i.delayed()).count();
    m.put("number_of_imported_functions", std);
    m.put(
        "number_of_imports",
        imports.stream()
            .filter(i -> !i.delayed())
            .map(Import::dll)
            .map(x -> x.toLowerCase(Locale.ROOT))
            .distinct()
            .count());
    m.put("number_of_delayed_imported_functions", imports.size() - std);
    m.put(
        "number_of_delayed_imports",
        imports.stream()
            .filter(Import::delayed)
            .map(Import::dll)
            .map(x -> x.toLowerCase(Locale.ROOT))
            .distinct()
            .count());
    readExports(d, sections, sizeOfHeaders, dir[0][0], m, exports);
    m.put("number_of_exports", (long) exports.size());
    List<Object> resources = new ArrayList<>();
    Map<String, Object> versionInfo = new LinkedHashMap<>();
    readResources(d, sections, sizeOfHeaders, dir[2][0], resources, versionInfo);
    m.put("resources", resources);
    m.put("number_of_resources", (long) resources.size());
    m.put("version_info", new Dict(versionInfo));
    m.put("number_of_version_infos", (long) versionInfo.size());
    // Authenticode: the security directory holds WIN_CERTIFICATE entries (file offsets)
    long certOff = dir[4][0];
    long certSize = dir[4][1];
    long sigs = 0;
    if (certOff > 0 && certSize > 8 && certOff + certSize <= d.limit()) {
      long q = certOff;
      while (q + 8 <= certOff + certSize && sigs < 64) {
        long len = u32(d, q);
        if (len < 8) {
          break;
        }
        sigs++;
        q += (len + 7) & ~7L;
      }
    }
    m.put("number_of_signatures", sigs);
    m.put("is_signed", sigs > 0 ? 1L : 0L);
    readRich(d, pe, m);
  }

  static long rvaToOffset(List<Section> sections, long rva, long sizeOfHeaders, long limit) {
    if (rva < 0) {
      return -1;
    }
    Section best = null;
    for (Section s : sections) {
      long size = Math.max(s.vsize(), s.rawSize());
      if (rva >= s.va() && rva < s.va() + size) {
        if (best == null || s.va() > best.va()) {
          best = s;
        }
      }
    }
    if (best == null) {
      return rva < limit ? rva : -1;
    }
    long off = (best.rawOff() & ~0x1ffL) + (rva - best.va());
    return off < limit ? off : -1;
  }

  private static void readImports(
      ByteBuffer d,
      List<Section> sections,
      long hdr,
      long rva,
      boolean pe64,
      List<Import> out,
      boolean delayed) {
    if (rva == 0) {
      return;
    }
    long desc = rvaToOffset(sections, rva, hdr, d.limit());
    int entrySize = delayed ? 32 : 20;
    for (int i = 0; desc >= 0 && i < 1024 && out.size() < MAX_IMPORTS; i++) {
      long e = desc + (long) i * entrySize;
      if (e + entrySize > d.limit()) {
        return;
      }
      long nameRva = u32(d, e + (delayed ? 4 : 12));
      long thunkRva = delayed ? u32(d, e + 16) : u32(d, e);
      if (!delayed && thunkRva == 0) {
        thunkRva = u32(d, e + 16);
      }
      if (nameRva == 0 && thunkRva == 0) {
        return;
      }
      String dll = cstring(d, rvaToOffset(sections, nameRva, hdr, d.limit()), 256);
      if (dll == null || dll.isEmpty()) {
        continue;
      }
      long t = rvaToOffset(sections, thunkRva, hdr, d.limit());
      for (int k = 0; t >= 0 && k < 4096 && out.size() < MAX_IMPORTS; k++) {
        long v = pe64 ? u64(d, t + k * 8L) : u32(d, t + k * 4L);
        if (v == 0 || v == -1 && (pe64 ? t + k * 8L + 8 > d.limit() : true)) {
          break;
        }
        boolean byOrdinal = pe64 ? v < 0 : (v & 0x80000000L) != 0;
        if (byOrdinal) {
          out.add(new Import(dll, null, v & 0xffff, delayed));
        } else {
          String fn = cstring(d, rvaToOffset(sections, (v & 0x7fffffffL) + 2, hdr, d.limit()), 512);
          if (fn == null) {
            break;
          }
          out.add(new Import(dll, fn, -1, delayed));
        }
      }
    }
  }

  private static void readExports(
      ByteBuffer d,
      List<Section> sections,
      long hdr,
      long rva,
      Map<String, Object> m,
      List<Export> out) {
    if (rva == 0) {
      return;
    }
    long e = rvaToOffset(sections, rva, hdr, d.limit());
    if (e < 0 || e + 40 > d.limit()) {
      return;
    }
    m.put("export_timestamp", u32(d, e + 4));
    String dllName = cstring(d, rvaToOffset(sections, u32(d, e + 12), hdr, d.limit()), 256);
    if (dllName != null) {
      m.put("dll_name", YaraModule.bytes(dllName));
    }
    long base = u32(d, e + 16);
    long nfun = Math.min(u32(d, e + 20), MAX_EXPORTS);
    long nnames = Math.min(u32(d, e + 24), MAX_EXPORTS);
    long funcs = rvaToOffset(sections, u32(d, e + 28), hdr, d.limit());
    long names = rvaToOffset(sections, u32(d, e + 32), hdr, d.limit());
    long ords = rvaToOffset(sections, u32(d, e + 36), hdr, d.limit());
    String[] nameOf = new String[(int) Math.max(nfun, 0)];
    for (int i = 0; names >= 0 && ords >= 0 && i < nnames; i++) {
      long idx = u16(d, ords + i * 2L);
      long nr = u32(d, names + i * 4L);
      if (idx < 0 || nr < 0) {
        break;
      }
      if (idx < nameOf.length) {
        nameOf[(int) idx] = cstring(d, rvaToOffset(sections, nr, hdr, d.limit()), 512);
      }
    }
    for (int i = 0; funcs >= 0 && i < nfun; i++) {
      long f = u32(d, funcs + i * 4L);
      if (f < 0) {
        break;
      }
      if (f == 0 && nameOf[i] == null) {
        continue;
      }
      out.add(new Export(nameOf[i], base + i, f));
    }
    List<Object> details = new ArrayList<>();
    for (Export x : out) {
      Map<String, Object> em = new HashMap<>();
      if (x.name() != null) {
        em.put("name", YaraModule.bytes(x.name()));
      }
      em.put("ordinal", x.ordinal());
      em.put("rva", x.rva());
      long off = rvaToOffset(sections, x.rva(), hdr, d.limit());
      if (off >= 0) {
        em.put("offset", off);
      }
      details.add(em);
    }
    m.put("export_details", details);
  }

  private static void readResources(
      ByteBuffer d,
      List<Section> sections,
      long hdr,
      long rva,
      List<Object> out,
      Map<String, Object> versionInfo) {
    if (rva == 0) {
      return;
    }
    long root = rvaToOffset(sections, rva, hdr, d.limit());
    if (root < 0) {
      return;
    }
    Set<Long> visited = new HashSet<>();
    walk(d, sections, hdr, root, root, 0, new Object[3], out, visited, versionInfo);
  }

  /** Walks type → name → language directories; visited offsets stop loops in the tree. */
  private static void walk(
      ByteBuffer d,
      List<Section> sections,
      long hdr,
      long root,
      long dir,
      int level,
      Object[] ids,
      List<Object> out,
      Set<Long> visited,
      Map<String, Object> versionInfo) {
    if (level > 2 || !visited.add(dir) || dir + 16 > d.limit() || out.size() >= MAX_RESOURCES) {
      return;
    }
    long n = u16(d, dir + 12) + u16(d, dir + 14);
    for (int i = 0; i < n && i < 4096 && out.size() < MAX_RESOURCES; i++) {
      long e = dir + 16 + i * 8L;
      long name = u32(d, e);
      long off = u32(d, e + 4);
      if (name < 0 || off < 0) {
        return;
      }
      Object id;
      if ((name & 0x80000000L) != 0) {
        long so = root + (name & 0x7fffffffL);
        long len = u16(d, so);
        StringBuilder sb = new StringBuilder();
        for (int k = 0; len > 0 && k < Math.min(len, 256); k++) {
          long ch = u16(d, so + 2 + k * 2L);
          if (ch < 0) {
            break;
          }
          sb.append((char) ch);
        }
        id = sb.toString();
      } else {
        id = name;
      }
      ids[level] = id;
      if ((off & 0x80000000L) != 0) {
        walk(
            d,
            sections,
            hdr,
            root,
            root + (off & 0x7fffffffL),
            level + 1,
            ids,
            out,
            visited,
            versionInfo);
      } else if (level == 2) {
        long de = root + off;
        long dataRva = u32(d, de);
        long size = u32(d, de + 4);
        Map<String, Object> r = new HashMap<>();
        long fo = rvaToOffset(sections, dataRva, hdr, d.limit());
        if (fo >= 0) {
          r.put("offset", fo);
        }
        r.put("rva", dataRva);
        r.put("length", size);
        put(r, "type", ids[0]);
        put(r, "id", ids[1]);
        put(r, "language", ids[2]);
        out.add(r);
        if (Long.valueOf(16).equals(ids[0]) && fo >= 0 && versionInfo.isEmpty()) {
          versionStrings(d, fo, Math.min(size, 64 * 1024), versionInfo);
        }
      }
    }
  }

  private static void put(Map<String, Object> r, String key, Object id) {
    if (id instanceof Long l) {
      r.put(key, l);
    } else if (id instanceof String s) {
      r.put(key + "_string", s.getBytes(StandardCharsets.UTF_16LE));
    }
  }

  /** Reads the String entries of a VS_VERSIONINFO block: UTF-16 key, then UTF-16 value. */
  private static void versionStrings(ByteBuffer d, long off, long size, Map<String, Object> out) {
    long end = Math.min(off + size, d.limit());
    // find each "String" structure by scanning for (wLength, wValueLength, wType=1, key)
    for (long p = off; p + 6 < end && out.size() < 64; p += 2) {
      long len = u16(d, p);
      long vlen = u16(d, p + 2);
      long type = u16(d, p + 4);
      if (type != 1 || len < 8 || vlen == 0 || p + len > end) {
        continue;
      }
      StringBuilder key = new StringBuilder();
      long q = p + 6;
      while (q + 2 <= end && key.length() < 64) {
        long ch = u16(d, q);
        q += 2;
        if (ch == 0) {
          break;
        }
        if (ch < 0x20 || ch > 0x7e) {
          key.setLength(0);
          break;
        }
        key.append((char) ch);
      }
      if (key.isEmpty()) {
        continue;
      }
      q = (q + 3) & ~3L;
      StringBuilder val = new StringBuilder();
      for (long k = 0; k < vlen && q + 2 <= p + len; k++, q += 2) {
        long ch = u16(d, q);
        if (ch == 0) {
          break;
        }
        val.append((char) ch);
      }
      if (!key.toString().equals("StringFileInfo")
          && !key.toString().equals("VarFileInfo")
          && !key.toString().equals("VS_VERSION_INFO")
          && !key.toString().matches("[0-9A-Fa-f]{8}")) {
        out.putIfAbsent(key.toString(), YaraModule.bytes(val.toString()));
        p += len - 2;
      }
    }
  }

  private static void readRich(ByteBuffer d, long peOff, Map<String, Object> m) {
    long limit = Math.min(peOff, 1024);
    for (long p = 0x40; p + 8 <= limit; p += 4) {
      if (u32(d, p) == 0x68636952L) { // "Rich"
        long key = u32(d, p + 4);
        long start = -1;
        for (long q = p - 4; q >= 0x40; q -= 4) {
          if ((u32(d, q) ^ key) == 0x536e6144L) { // "DanS"
            start = q;
            break;
          }
        }
        if (start < 0) {
          return;
        }
        byte[] clear = new byte[(int) (p - start)];
        for (int i = 0; i < clear.length; i += 4) {
          long v = u32(d, start + i) ^ key;
          clear[i] = (byte) v;
          clear[i + 1] = (byte) (v >> 8);
          clear[i + 2] = (byte) (v >> 16);
          clear[i + 3] = (byte) (v >> 24);
        }
        byte[] rawBytes = new byte[(int) (p + 8 - start)];
        d.get((int) start, rawBytes);
        Map<String, Object> rs = new HashMap<>();
        rs.put("offset", start);
        rs.put("length", p - start);
        rs.put("key", key);
        rs.put("raw_data", rawBytes);
        rs.put("clear_data", clear);
        m.put("rich_signature", rs);
        return;
      }
    }
  }

  private static void functions(
      Map<String, Object> m,
      ByteBuffer d,
      List<Import> imports,
      List<Export> exports,
      List<Section> sections) {
    m.put(
        "section_index",
        (Fn)
            args -> {
              if (args.size() != 1) {
                return null;
              }
              for (int i = 0; i < sections.size(); i++) {
                Section s = sections.get(i);
                if (args.get(0) instanceof byte[] b && s.name().equals(YaraModule.text(b))) {
                  return (long) i;
                }
                if (args.get(0) instanceof Long a && a >= s.va() && a < s.va() + s.vsize()) {
                  return (long) i;
                }
              }
              return null;
            });
    m.put(
        "imports",
        (Fn)
            args -> {
              if (args.isEmpty()) {
                return null;
              }
              int flags = 1;
              List<Object> a = args;
              if (a.get(0) instanceof Long f && a.size() >= 2) {
                flags = f.intValue();
                a = a.subList(1, a.size());
              }
              final int fl = flags;
              if (a.get(0) instanceof byte[] dllB) {
                String dll = YaraModule.text(dllB);
                List<Import> hits =
                    imports.stream()
                        .filter(
                            i -> ((fl & 1) != 0 && !i.delayed()) || ((fl & 2) != 0 && i.delayed()))
                        .filter(i -> i.dll().equalsIgnoreCase(dll))
                        .toList();
                if (a.size() == 1) {
                  return (long) hits.size();
                }
                if (a.get(1) instanceof byte[] fnB) {
                  String fn = YaraModule.text(fnB);
                  return hits.stream().anyMatch(i -> fn.equalsIgnoreCase(i.fn())) ? 1L : 0L;
                }
                if (a.get(1) instanceof Long ord) {
                  return hits.stream().anyMatch(i -> i.ordinal() == ord) ? 1L : 0L;
                }
              }
              return null;
            });
    m.put(
        "exports",
        (Fn)
            args -> {
              if (args.size() != 1) {
                return null;
              }
              if (args.get(0) instanceof byte[] b) {
                String n = YaraModule.text(b);
                return exports.stream().anyMatch(e -> n.equalsIgnoreCase(e.name())) ? 1L : 0L;
              }
              if (args.get(0) instanceof Long o) {
                return exports.stream().anyMatch(e -> e.ordinal() == o) ? 1L : 0L;
              }
              return null;
            });
    m.put(
        "exports_index",
        (Fn)
            args -> {
              for (int i = 0; i < exports.size() && args.size() == 1; i++) {
                Export e = exports.get(i);
                if ((args.get(0) instanceof byte[] b
                        && YaraModule.text(b).equalsIgnoreCase(e.name()))
                    || (args.get(0) instanceof Long o && e.ordinal() == o)) {
                  return (long) i;
                }
              }
              return null;
            });
    m.put(
        "imphash",
        (Fn)
            args -> {
              if (!args.isEmpty() || !Long.valueOf(1).equals(m.get("is_pe"))) {
                return null;
              }
              StringBuilder sb = new StringBuilder();
              for (Import i : imports) {
                if (i.delayed()) {
                  continue;
                }
                String dll = i.dll().toLowerCase(Locale.ROOT);
                int dot = dll.lastIndexOf('.');
                if (dot > 0 && Set.of("ocx", "sys", "dll").contains(dll.substring(dot + 1))) {
                  dll = dll.substring(0, dot);
                }
                String fn =
                    i.fn() != null
                        ? i.fn().toLowerCase(Locale.ROOT)
                        : OrdinalNames.name(dll, i.ordinal()).toLowerCase(Locale.ROOT);
                if (!sb.isEmpty()) {
                  sb.append(',');
                }
                sb.append(dll).append('.').append(fn);
              }
              try {
                byte[] md5 =
                    MessageDigest.getInstance("MD5")
                        .digest(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
                return YaraModule.bytes(HexFormat.of().formatHex(md5));
              } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
              }
            });
    m.put(
        "is_dll",
        (Fn)
            args ->
                m.get("characteristics") instanceof Long c ? ((c & 0x2000) != 0 ? 1L : 0L) : null);
    m.put(
        "is_32bit",
        (Fn) args -> m.get("opthdr_magic") instanceof Long c ? (c == 0x10b ? 1L : 0L) : null);
    m.put(
        "is_64bit",
        (Fn) args -> m.get("opthdr_magic") instanceof Long c ? (c == 0x20b ? 1L : 0L) : null);
    m.put(
        "rva_to_offset",
        (Fn)
            args -> {
              if (args.size() != 1
                  || !(args.get(0) instanceof Long rva)
                  || !Long.valueOf(1).equals(m.get("is_pe"))) {
                return null;
              }
              long o =
                  rvaToOffset(
                      sections, rva, m.get("size_of_headers") instanceof Long h ? h : 0, d.limit());
              return o >= 0 ? o : null;
            });
  }

  /** Names of well-known ordinal-only imports, as imphash writes them. */
  static final class OrdinalNames {
    static String name(String dll, long ordinal) {
      return "ord" + ordinal;
    }
  }
}
