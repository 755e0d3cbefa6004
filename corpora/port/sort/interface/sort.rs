pub fn insertion_sort(a: &mut [i32]) {
    unimplemented!()
}

pub fn is_sorted(a: &[i32]) -> i32 {
    unimplemented!()
}

pub fn count_below(a: &[i32], limit: i32) -> i32 {
    unimplemented!()
}
