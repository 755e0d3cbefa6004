use ringbuf::*;

#[test]
fn fifo_with_wraparound() {
    let mut r = Ring { buf: [0; 8], head: 5, count: 3 };
    rb_init(&mut r);
    for v in 0..8u8 {
        assert_eq!(rb_push(&mut r, v), 1);
    }
    assert_eq!(rb_push(&mut r, 99), 0);
    assert_eq!(rb_pop(&mut r), (1, 0));
    assert_eq!(rb_push(&mut r, 8), 1);
    for v in 1..=8u8 {
        assert_eq!(rb_pop(&mut r), (1, v));
    }
    assert_eq!(rb_pop(&mut r).0, 0);
    assert_eq!(rb_len(&r), 0);
}
