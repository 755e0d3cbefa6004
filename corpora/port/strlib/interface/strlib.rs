pub fn str_length(s: &str) -> usize {
    unimplemented!()
}

pub fn str_count_char(s: &str, c: i32) -> i32 {
    unimplemented!()
}

pub fn str_starts_with(s: &str, prefix: &str) -> i32 {
    unimplemented!()
}
