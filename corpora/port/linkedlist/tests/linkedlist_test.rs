use linkedlist::*;

#[test]
fn push_and_sum() {
    let mut l = None;
    for v in 1..=4 {
        l = list_push(l, v);
    }
    assert_eq!(list_sum(&l), 10);
    assert_eq!(l.as_ref().map(|n| n.value), Some(4));
}
