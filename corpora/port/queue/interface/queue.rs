#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Queue {
    pub items: [i32; 16],
    pub head: i32,
    pub size: i32,
}

pub fn q_init(q: &mut Queue) {
    unimplemented!()
}

pub fn q_push(q: &mut Queue, v: i32) -> i32 {
    unimplemented!()
}

pub fn q_pop(q: &mut Queue) -> (i32, i32) {
    unimplemented!()
}

pub fn q_peek(q: &Queue) -> i32 {
    unimplemented!()
}
