use queue::*;

#[test]
fn bounded_fifo() {
    let mut q = Queue { items: [0; 16], head: 3, size: 2 };
    q_init(&mut q);
    assert_eq!(q_peek(&q), -1);
    for v in 0..16 {
        assert_eq!(q_push(&mut q, v * 10), 0);
    }
    assert_eq!(q_push(&mut q, 1), -1);
    assert_eq!(q_pop(&mut q), (0, 0));
    assert_eq!(q_peek(&q), 10);
}
