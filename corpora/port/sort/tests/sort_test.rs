use sort::*;

#[test]
fn sorts_in_place() {
    let mut v = [5, -1, 3, 3, 0, i32::MIN, i32::MAX];
    insertion_sort(&mut v);
    assert_eq!(v, [i32::MIN, -1, 0, 3, 3, 5, i32::MAX]);
    assert_eq!(is_sorted(&v), 1);
}

#[test]
fn detects_unsorted_and_counts() {
    assert_eq!(is_sorted(&[2, 1]), 0);
    assert_eq!(is_sorted(&[]), 1);
    assert_eq!(count_below(&[1, 5, -3, 9], 5), 2);
}
