pub fn is_ident_start(c: i32) -> i32 {
    unimplemented!()
}

pub fn count_tokens(s: &str) -> i32 {
    unimplemented!()
}

pub fn count_identifiers(s: &str) -> i32 {
    unimplemented!()
}
