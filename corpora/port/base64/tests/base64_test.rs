use base64::*;

#[test]
fn lengths_and_values() {
    assert_eq!(b64_encoded_len(0), 0);
    assert_eq!(b64_encoded_len(4), 8);
    assert_eq!(b64_value('A' as i32), 0);
    assert_eq!(b64_value('/' as i32), 63);
    assert_eq!(b64_value('=' as i32), -1);
}

#[test]
fn encodes_rfc4648_vectors() {
    assert_eq!(b64_encode(b"foobar"), "Zm9vYmFy");
    assert_eq!(b64_encode(b"fo"), "Zm8=");
}
