//! Reading a zip file (an exported .xlsx) back in tests, independently of the writer's
//! container code: every entry through the local headers, inflated, its CRC checked. Shared by
//! the end-to-end tests and the old-browser tests (tests/old_browsers).

/// Every entry of a zip file, inflated, with its stored CRC checked (local headers in order).
pub fn zip_entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use maturity_core::formats::zip::crc32;
    let le16 = |b: &[u8], at: usize| u16::from_le_bytes([b[at], b[at + 1]]) as usize;
    let le32 = |b: &[u8], at: usize| u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]);
    let mut out = Vec::new();
    let mut at = 0;
    while at + 30 <= bytes.len() && le32(bytes, at) == 0x0403_4b50 {
        let method = le16(bytes, at + 8);
        let crc = le32(bytes, at + 14);
        let size = le32(bytes, at + 18) as usize;
        let name_len = le16(bytes, at + 26);
        let extra = le16(bytes, at + 28);
        let name = String::from_utf8(bytes[at + 30..at + 30 + name_len].to_vec()).unwrap();
        let start = at + 30 + name_len + extra;
        let raw = &bytes[start..start + size];
        let data = match method {
            0 => raw.to_vec(),
            8 => miniz_oxide::inflate::decompress_to_vec(raw).expect("inflates"),
            m => panic!("method {m}"),
        };
        assert_eq!(crc32(&data), crc, "CRC of {name}");
        out.push((name, data));
        at = start + size;
    }
    out
}
