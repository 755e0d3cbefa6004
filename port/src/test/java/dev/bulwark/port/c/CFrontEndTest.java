package dev.bulwark.port.c;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.port.PortToolchain;
import org.junit.jupiter.api.Test;

class CFrontEndTest {

  @Test
  void bitset_callGraphOrdersLeavesFirst() throws Exception {
    PortToolchain.requireGcc();
    CProgram p = CFrontEnd.parse(PortToolchain.suite().resolve("bitset/src"));
    assertThat(p.functions())
        .extracting(CFunction::name)
        .containsExactly("bs_clear", "bs_set", "bs_test", "popcount32", "bs_count");
    assertThat(p.structs()).containsKey("bitset");
    Analysis a = Analysis.of(p);
    assertThat(a.calls().get("bs_count")).containsExactly("popcount32");
    assertThat(a.order().indexOf("popcount32")).isLessThan(a.order().indexOf("bs_count"));
    assertThat(a.typeUses().get("bs_set")).containsExactly("bitset");
    // functions from system headers are not the project's
    assertThat(p.function("memcpy")).isEmpty();
  }

  @Test
  void hazards_perFunction() throws Exception {
    PortToolchain.requireGcc();
    Analysis strlib = Analysis.of(CFrontEnd.parse(PortToolchain.suite().resolve("strlib/src")));
    assertThat(strlib.hazards().get("str_length")).contains(Hazard.POINTER_ARITHMETIC);
    assertThat(strlib.hazards().get("str_count_char")).containsExactly(Hazard.UNCHECKED_BUFFER);
    Analysis b64 = Analysis.of(CFrontEnd.parse(PortToolchain.suite().resolve("base64/src")));
    assertThat(b64.hazards().get("b64_encode"))
        .contains(Hazard.MANUAL_ALLOCATION, Hazard.UNCHECKED_BUFFER);
    assertThat(b64.hazards().get("b64_encoded_len")).isEmpty();
  }

  @Test
  void unionsAndVarargs_areHazards() throws Exception {
    CProgram p =
        CFrontEnd.parseText(
            """
            union pun { int i; unsigned u; };
            int sum(int n, ...) { return n; }
            int bits(int x) { union pun v; v.i = x; return v.u; }
            """,
            "t.c");
    Analysis a = Analysis.of(p);
    assertThat(a.hazards().get("sum")).containsExactly(Hazard.VARARGS);
    assertThat(a.hazards().get("bits")).contains(Hazard.UNION);
  }
}
