package dev.bulwark.yara;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.yara.engine.CompiledRules;
import dev.bulwark.yara.engine.RuleMatch;
import dev.bulwark.yara.engine.Scanner;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The pe, elf and hash modules on YARA's own small samples (BSD, in test resources), checked
 * against what YARA 4.2.3 reports for them (values printed with its console module).
 */
class ModulesTest {

  static byte[] sample(String name) throws Exception {
    try (InputStream in = ModulesTest.class.getResourceAsStream("samples/" + name)) {
      return in.readAllBytes();
    }
  }

  static List<String> run(String rules, byte[] data) throws Exception {
    CompiledRules c = CompiledRules.compileText("m.yar", rules, Set.of(), null);
    return new Scanner(c, Map.of())
        .scan(ByteBuffer.wrap(data)).stream().map(RuleMatch::rule).toList();
  }

  @Test
  void pe_headersSectionsImportsOverlay_asYaraReports() throws Exception {
    String rules =
        """
        import "pe"
        rule ep { condition: pe.entry_point == 5344 and entrypoint == 5344 }
        rule sections { condition: pe.number_of_sections == 7 and pe.sections[0].name == ".text"
          and pe.section_index(".text") == 0 }
        rule imports { condition: pe.number_of_imported_functions == 48
          and pe.imports("KERNEL32.dll") == 21 and pe.imports("msvcrt.dll", "exit")
          and not pe.imports("kernel32.dll", "ExitProcess") }
        rule imphash { condition: pe.imphash() == "1720bf764274b7a4052bbef0a71adc0d" }
        rule linker { condition: pe.linker_version.major == 2 and pe.timestamp == 1459377848 }
        rule machine { condition: pe.machine == pe.MACHINE_I386 and pe.is_32bit()
          and not pe.is_dll() and pe.number_of_resources == 0 }
        rule overlay { condition: pe.overlay.size == 7 and pe.overlay.offset == 32768 }
        rule loop { condition: for any s in pe.sections : ( s.name == ".data" ) }
        """;
    assertThat(run(rules, sample("tiny")))
        .containsExactly("ep", "sections", "imports", "imphash", "linker", "machine", "loop");
    assertThat(run(rules, sample("tiny-overlay"))).contains("overlay");
  }

  @Test
  void pe_onANonPeFile_isUndefined() throws Exception {
    String rules =
        """
        import "pe"
        rule a { condition: pe.entry_point == 0 }
        rule b { condition: not pe.is_dll() }
        rule c { condition: pe.number_of_sections == 0 or true }
        """;
    assertThat(run(rules, "plain text".getBytes())).containsExactly("c");
  }

  @Test
  void elf_typeMachineSections() throws Exception {
    String rules =
        """
        import "elf"
        rule a { condition: elf.type == elf.ET_EXEC or elf.type == elf.ET_DYN }
        rule b { condition: elf.number_of_sections > 0
          and for any s in elf.sections : ( s.name == ".text" ) }
        """;
    assertThat(run(rules, sample("elf_with_imports"))).containsExactly("a", "b");
  }

  @Test
  void hostilePe_truncatedHeaders_neverThrow() throws Exception {
    byte[] tiny = sample("tiny");
    String rules = "import \"pe\" rule a { condition: pe.number_of_sections >= 0 }";
    for (int cut : new int[] {2, 64, 0x80, 0x100, 0x180, 0x200, 0x400, 4096}) {
      byte[] part = java.util.Arrays.copyOf(tiny, cut);
      run(rules, part);
    }
    // a hostile section count and directory pointing anywhere
    byte[] bad = tiny.clone();
    int pe = ByteBuffer.wrap(bad).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(0x3c);
    bad[pe + 6] = (byte) 0xff;
    bad[pe + 7] = (byte) 0xff;
    run(rules, bad);
  }

  @Test
  void xorSample_matchesEveryKey() throws Exception {
    String rules = "rule x { strings: $a = \"This program cannot\" xor condition: #a >= 2 }";
    assertThat(run(rules, sample("xor.out"))).containsExactly("x");
  }

  @Test
  void dotnet_metadataAssemblyResourcesStreams_asYaraReports() throws Exception {
    // the values YARA 4.2.3 prints for this file with `yara -D`, except the public key token,
    // which it reports without its last byte; the token has eight
    String rules =
        """
        import "dotnet"
        rule basics { condition: dotnet.is_dotnet == 1 and dotnet.version == "v2.0.50727"
          and dotnet.module_name == "hpjsoaputility.Sv.resources.dll" }
        rule assembly { condition: dotnet.assembly.name == "hpjsoaputility.Sv.resources"
          and dotnet.assembly.culture == "pt" and dotnet.assembly.version.major == 1
          and dotnet.assembly.version.minor == 0 and dotnet.assembly.version.build_number == 4400
          and dotnet.assembly.version.revision_number == 37258 }
        rule refs { condition: dotnet.number_of_assembly_refs == 1
          and dotnet.assembly_refs[0].name == "mscorlib"
          and dotnet.assembly_refs[0].version.major == 2
          and dotnet.assembly_refs[0].public_key_or_token == "\\xb7\\x7a\\x5c\\x56\\x19\\x34\\xe0\\x89" }
        rule resources { condition: dotnet.number_of_resources == 1
          and dotnet.resources[0].offset == 724 and dotnet.resources[0].length == 180
          and dotnet.resources[0].name == "hpjsoaputility.XmlStreamSoapExtension.pt.resources" }
        rule streams { condition: dotnet.number_of_streams == 5
          and dotnet.streams[0].name == "#~" and dotnet.streams[0].offset == 1012
          and dotnet.streams[0].size == 244 and dotnet.streams[4].name == "#Blob"
          and dotnet.streams[4].offset == 1596 and dotnet.streams[4].size == 204 }
        rule guids { condition: dotnet.number_of_guids == 1
          and dotnet.guids[0] == "3764d539-e21a-4366-bc7c-b56fa67efbb0" }
        rule user_strings { condition: dotnet.number_of_user_strings == 1
          and dotnet.user_strings[0] == " \\x00" }
        """;
    assertThat(run(rules, sample("dotnet-0ca09bde")))
        .containsExactly(
            "basics", "assembly", "refs", "resources", "streams", "guids", "user_strings");
    // metadata whose version runs off the end of the file is not .NET, and nothing is defined
    String bad =
        """
        import "dotnet"
        rule not_dotnet { condition: dotnet.is_dotnet == 0 }
        rule undefined { condition: not defined dotnet.version
          and not defined dotnet.number_of_streams and not defined dotnet.assembly.name }
        rule pe_is_not_dotnet { condition: dotnet.is_dotnet == 1 }
        """;
    assertThat(run(bad, sample("bad_dotnet_pe"))).containsExactly("not_dotnet", "undefined");
    assertThat(run(bad, sample("tiny"))).containsExactly("not_dotnet", "undefined");
  }
}
