#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bitset {
    pub words: [u32; 4],
}

pub fn bs_clear(b: &mut Bitset) {
    unimplemented!()
}

pub fn bs_set(b: &mut Bitset, bit: i32) {
    unimplemented!()
}

pub fn bs_test(b: &Bitset, bit: i32) -> i32 {
    unimplemented!()
}

pub fn popcount32(x: u32) -> i32 {
    unimplemented!()
}

pub fn bs_count(b: &Bitset) -> i32 {
    unimplemented!()
}
