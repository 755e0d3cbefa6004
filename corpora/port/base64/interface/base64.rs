pub fn b64_encoded_len(n: usize) -> usize {
    unimplemented!()
}

pub fn b64_value(c: i32) -> i32 {
    unimplemented!()
}

pub fn b64_encode(input: &[u8]) -> String {
    unimplemented!()
}
