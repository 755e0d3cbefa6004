use checksum::*;

#[test]
fn adler32_of_wikipedia() {
    assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
    assert_eq!(adler32(b""), 1);
}

#[test]
fn xor8_folds_bytes() {
    assert_eq!(xor8(&[0x0f, 0xf0, 0x01]), 0xfe);
    assert_eq!(xor8(&[]), 0);
}

#[test]
fn fletcher16_known_values() {
    assert_eq!(fletcher16(b"abcde"), 0xC8F0);
    assert_eq!(fletcher16(b"abcdef"), 0x2057);
}
