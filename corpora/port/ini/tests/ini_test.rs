use ini::*;

#[test]
fn classifies_lines() {
    assert_eq!(ini_is_comment("  ; note"), 1);
    assert_eq!(ini_is_comment("key=1"), 0);
    assert_eq!(ini_is_section("[server]"), 1);
    assert_eq!(ini_is_section("[broken"), 0);
    assert_eq!(ini_key_length("name  = bulwark"), 4);
    assert_eq!(ini_key_length("no equals"), -1);
}
