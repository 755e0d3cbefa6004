#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ring {
    pub buf: [u8; 8],
    pub head: usize,
    pub count: usize,
}

pub fn rb_init(r: &mut Ring) {
    unimplemented!()
}

pub fn rb_push(r: &mut Ring, v: u8) -> i32 {
    unimplemented!()
}

pub fn rb_pop(r: &mut Ring) -> (i32, u8) {
    unimplemented!()
}

pub fn rb_len(r: &Ring) -> usize {
    unimplemented!()
}
