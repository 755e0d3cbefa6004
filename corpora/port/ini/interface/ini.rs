pub fn ini_is_comment(line: &str) -> i32 {
    unimplemented!()
}

pub fn ini_is_section(line: &str) -> i32 {
    unimplemented!()
}

pub fn ini_key_length(line: &str) -> i32 {
    unimplemented!()
}
