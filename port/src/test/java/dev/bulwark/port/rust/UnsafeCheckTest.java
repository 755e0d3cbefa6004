package dev.bulwark.port.rust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnsafeCheckTest {

  @Test
  void unsafeBlock_inCode_isAViolation() throws Exception {
    assertThat(UnsafeCheck.violations("pub fn f(p: *const u8) -> u8 {\n    unsafe { *p }\n}\n"))
        .containsExactly("line 2: unsafe");
  }

  @Test
  void unsafeWord_inCommentsStringsAndRawIdentifiers_isNot() throws Exception {
    String src =
        """
        // unsafe in a line comment
        /* outer /* nested unsafe */ still a comment: unsafe */
        pub fn f() -> &'static str {
            let r#unsafe = 1;
            let _ = r#unsafe;
            let _c = 'u';
            let _b = b"unsafe";
            let _raw = r#"unsafe "quoted" text"#;
            "unsafe \\" escaped"
        }
        """;
    assertThat(UnsafeCheck.violations(src)).isEmpty();
  }

  @Test
  void externBlocksAndNoMangle_areViolations() throws Exception {
    assertThat(
            UnsafeCheck.violations(
                "extern \"C\" { fn abs(x: i32) -> i32; }\n#[no_mangle]\npub fn g() {}\n"))
        .containsExactly("line 1: extern (foreign functions)", "line 2: #[no_mangle]");
    assertThat(UnsafeCheck.violations("extern crate std;\n")).isEmpty();
  }

  @Test
  void lifetimes_areNotCharLiterals() throws Exception {
    assertThat(UnsafeCheck.violations("pub fn f<'a>(s: &'a str) -> &'a str { s }\n")).isEmpty();
  }

  @Test
  void unterminatedComment_isALexError() {
    assertThatThrownBy(() -> UnsafeCheck.violations("fn f() {} /* unsafe"))
        .isInstanceOf(RustLexer.LexException.class)
        .hasMessageContaining("unterminated block comment");
  }

  @Test
  void items_findFunctionsAndTheirSignatures() throws Exception {
    RustItems.Items items =
        RustItems.read(
            "pub struct Ring { pub head: usize }\n\npub fn rb_len(r: &Ring) -> usize {\n    r.head\n}\n");
    assertThat(items.definition("Ring")).isPresent();
    assertThat(items.function("rb_len").orElseThrow().signature())
        .isEqualTo(RustItems.normalise("pub fn rb_len(r: &Ring) -> usize"));
  }
}
