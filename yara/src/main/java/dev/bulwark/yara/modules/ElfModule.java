package dev.bulwark.yara.modules;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code elf}: type, machine, entry point (as a file offset), sections and segments. */
final class ElfModule implements YaraModule {
  static final int MAX_ENTRIES = 4096;

  @Override
  public String name() {
    return "elf";
  }

  @Override
  public Set<String> members() {
    return Set.of(
        "type",
        "machine",
        "entry_point",
        "number_of_sections",
        "number_of_segments",
        "sections",
        "segments",
        "ET_NONE",
        "ET_REL",
        "ET_EXEC",
        "ET_DYN",
        "ET_CORE",
        "EM_NONE",
        "EM_386",
        "EM_X86_64",
        "EM_ARM",
        "EM_AARCH64",
        "EM_MIPS",
        "EM_PPC",
        "EM_PPC64",
        "SHT_NULL",
        "SHT_PROGBITS",
        "SHT_SYMTAB",
        "SHT_STRTAB",
        "SHT_DYNAMIC",
        "SHT_NOBITS",
        "SHT_DYNSYM",
        "PT_LOAD",
        "PT_DYNAMIC",
        "PT_INTERP",
        "PT_NOTE");
  }

  @Override
  public Map<String, Object> load(ByteBuffer raw) {
    Map<String, Object> m = new HashMap<>();
    Object[][] c = {
      {"ET_NONE", 0},
      {"ET_REL", 1},
      {"ET_EXEC", 2},
      {"ET_DYN", 3},
      {"ET_CORE", 4},
      {"EM_NONE", 0},
      {"EM_386", 3},
      {"EM_X86_64", 62},
      {"EM_ARM", 40},
      {"EM_AARCH64", 183},
      {"EM_MIPS", 8},
      {"EM_PPC", 20},
      {"EM_PPC64", 21},
      {"SHT_NULL", 0},
      {"SHT_PROGBITS", 1},
      {"SHT_SYMTAB", 2},
      {"SHT_STRTAB", 3},
      {"SHT_DYNAMIC", 6},
      {"SHT_NOBITS", 8},
      {"SHT_DYNSYM", 11},
      {"PT_LOAD", 1},
      {"PT_DYNAMIC", 2},
      {"PT_INTERP", 3},
      {"PT_NOTE", 4}
    };
    for (Object[] e : c) {
      m.put((String) e[0], ((Integer) e[1]).longValue());
    }
    try {
      parse(raw, m);
    } catch (RuntimeException e) {
      // malformed tables end the parse; the header fields read so far stay
    }
    return m;
  }

  private static void parse(ByteBuffer raw, Map<String, Object> m) {
    if (raw.limit() < 52 || raw.getInt(0) != 0x464c457f) {
      return;
    }
    boolean is64 = raw.get(4) == 2;
    ByteBuffer d =
        raw.duplicate().order(raw.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    m.put("type", (long) (d.getShort(16) & 0xffff));
    m.put("machine", (long) (d.getShort(18) & 0xffff));
    long entry = is64 ? d.getLong(24) : d.getInt(24) & 0xffffffffL;
    long phoff = is64 ? d.getLong(32) : d.getInt(28) & 0xffffffffL;
    long shoff = is64 ? d.getLong(40) : d.getInt(32) & 0xffffffffL;
    int hb = is64 ? 52 : 40;
    int phentsize = d.getShort(hb + 2) & 0xffff;
    int phnum = d.getShort(hb + 4) & 0xffff;
    int shentsize = d.getShort(hb + 6) & 0xffff;
    int shnum = d.getShort(hb + 8) & 0xffff;
    int shstrndx = d.getShort(hb + 10) & 0xffff;
    m.put("number_of_sections", (long) shnum);
    m.put("number_of_segments", (long) phnum);
    List<Object> segs = new ArrayList<>();
    List<long[]> loads = new ArrayList<>();
    for (int i = 0; i < Math.min(phnum, MAX_ENTRIES); i++) {
      long o = phoff + (long) i * phentsize;
      if (o < 0 || o + (is64 ? 56 : 32) > d.limit()) {
        break;
      }
      Map<String, Object> s = new HashMap<>();
      long type = d.getInt((int) o) & 0xffffffffL;
      long off, vaddr, fsz, msz, flags;
      if (is64) {
        flags = d.getInt((int) o + 4) & 0xffffffffL;
        off = d.getLong((int) o + 8);
        vaddr = d.getLong((int) o + 16);
        fsz = d.getLong((int) o + 32);
        msz = d.getLong((int) o + 40);
      } else {
        off = d.getInt((int) o + 4) & 0xffffffffL;
        vaddr = d.getInt((int) o + 8) & 0xffffffffL;
        fsz = d.getInt((int) o + 16) & 0xffffffffL;
        msz = d.getInt((int) o + 20) & 0xffffffffL;
        flags = d.getInt((int) o + 24) & 0xffffffffL;
      }
      s.put("type", type);
      s.put("flags", flags);
      s.put("offset", off);
      s.put("virtual_address", vaddr);
      s.put("file_size", fsz);
      s.put("memory_size", msz);
      segs.add(s);
      if (type == 1) {
        loads.add(new long[] {vaddr, off, fsz});
      }
    }
    m.put("segments", segs);
    List<Object> secs = new ArrayList<>();
    List<long[]> raws = new ArrayList<>();
    for (int i = 0; i < Math.min(shnum, MAX_ENTRIES); i++) {
      long o = shoff + (long) i * shentsize;
      if (shoff == 0 || o < 0 || o + (is64 ? 64 : 40) > d.limit()) {
        break;
      }
      long name = d.getInt((int) o) & 0xffffffffL;
      long type = d.getInt((int) o + 4) & 0xffffffffL;
      long flags = is64 ? d.getLong((int) o + 8) : d.getInt((int) o + 8) & 0xffffffffL;
      long addr = is64 ? d.getLong((int) o + 16) : d.getInt((int) o + 12) & 0xffffffffL;
      long off = is64 ? d.getLong((int) o + 24) : d.getInt((int) o + 16) & 0xffffffffL;
      long size = is64 ? d.getLong((int) o + 32) : d.getInt((int) o + 20) & 0xffffffffL;
      raws.add(new long[] {name, type, flags, addr, off, size});
    }
    long strOff = shstrndx < raws.size() ? raws.get(shstrndx)[4] : -1;
    for (long[] r : raws) {
      Map<String, Object> s = new HashMap<>();
      s.put("type", r[1]);
      s.put("flags", r[2]);
      s.put("address", r[3]);
      s.put("offset", r[4]);
      s.put("size", r[5]);
      if (strOff >= 0) {
        StringBuilder sb = new StringBuilder();
        for (long p = strOff + r[0]; p >= 0 && p < d.limit() && sb.length() < 256; p++) {
          byte b = d.get((int) p);
          if (b == 0) {
            break;
          }
          sb.append((char) (b & 0xff));
        }
        s.put("name", YaraModule.bytes(sb.toString()));
      }
      secs.add(s);
      if (r[1] != 8 && r[3] != 0 && loads.isEmpty()) {
        loads.add(new long[] {r[3], r[4], r[5]});
      }
    }
    m.put("sections", secs);
    long type = (Long) m.get("type");
    if (type == 1) {
      return;
    }
    for (long[] l : loads) {
      if (entry >= l[0] && entry < l[0] + l[2]) {
        m.put("entry_point", l[1] + (entry - l[0]));
        return;
      }
    }
  }
}
