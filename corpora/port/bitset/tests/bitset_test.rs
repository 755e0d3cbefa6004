use bitset::*;

#[test]
fn set_test_count() {
    let mut b = Bitset { words: [7; 4] };
    bs_clear(&mut b);
    assert_eq!(bs_count(&b), 0);
    bs_set(&mut b, 0);
    bs_set(&mut b, 127);
    bs_set(&mut b, 128);
    bs_set(&mut b, -1);
    assert_eq!(bs_test(&b, 127), 1);
    assert_eq!(bs_test(&b, 5), 0);
    assert_eq!(bs_count(&b), 2);
    assert_eq!(popcount32(u32::MAX), 32);
}
