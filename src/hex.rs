//! Lower-case hexadecimal, for digests (file hashes, key hashes, ETags, fingerprints).

/// `bytes` as lower-case hexadecimal, two digits a byte.
pub fn encode(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

/// The SHA-256 of `bytes`, in hexadecimal (file hashes, stored hashes of keys and tokens).
pub fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    encode(&sha2::Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    #[test]
    fn encodes_two_lower_case_digits_a_byte() {
        assert_eq!(super::encode(&[0x00, 0x0f, 0xa0, 0xff]), "000fa0ff");
        assert_eq!(super::encode(&[]), "");
    }
}
