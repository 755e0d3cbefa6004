use strlib::*;

#[test]
fn lengths_counts_prefixes() {
    assert_eq!(str_length(""), 0);
    assert_eq!(str_length("hello"), 5);
    assert_eq!(str_count_char("banana", 'a' as i32), 3);
    assert_eq!(str_starts_with("bulwark", "bul"), 1);
    assert_eq!(str_starts_with("bul", "bulwark"), 0);
    assert_eq!(str_starts_with("x", ""), 1);
}
