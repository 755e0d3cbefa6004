pub fn adler32(data: &[u8]) -> u32 {
    unimplemented!()
}

pub fn xor8(data: &[u8]) -> u8 {
    unimplemented!()
}

pub fn fletcher16(data: &[u8]) -> u16 {
    unimplemented!()
}
