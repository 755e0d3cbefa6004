use tokenizer::*;

#[test]
fn tokens_and_identifiers() {
    assert_eq!(count_tokens("  int x = 42 ;\n"), 5);
    assert_eq!(count_tokens(""), 0);
    assert_eq!(count_identifiers("int x1 = _y + 3z;"), 4);
    assert_ne!(is_ident_start('_' as i32), 0);
    assert_eq!(is_ident_start('9' as i32), 0);
}
