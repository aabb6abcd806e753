//! A small zip writer: enough for an Office Open XML package. Entries are stored, or deflated
//! with bytes the caller supplies (the browser compresses with `CompressionStream`), so the
//! core carries no compressor. No zip64, no encryption, no comments: a workbook is far below
//! 4 GiB and 65,535 entries.
//!
//! Use: list the [`Part`]s, let whoever can compress fill in [`Part::deflated`] (raw deflate,
//! RFC 1951, no zlib header), then [`write`] assembles the archive. The CRC-32 and sizes are
//! always computed here from [`Part::data`], so a caller cannot get them wrong.

/// One file of the archive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// The path inside the archive, `/`-separated, ASCII.
    pub name: String,
    /// The uncompressed content.
    pub data: Vec<u8>,
    /// The content as raw deflate, when someone compressed it. Used only if smaller.
    pub deflated: Option<Vec<u8>>,
}

impl Part {
    pub fn new(name: impl Into<String>, data: impl Into<Vec<u8>>) -> Part {
        Part {
            name: name.into(),
            data: data.into(),
            deflated: None,
        }
    }
}

/// Compression methods of the zip format.
pub const STORED: u16 = 0;
pub const DEFLATED: u16 = 8;

/// 1980-01-01 00:00 in MS-DOS format: a fixed timestamp keeps exports byte-for-byte
/// reproducible; the workbook's own dates are in its document properties.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;

/// CRC-32 (IEEE 802.3, as zip uses it), bit by bit: a lookup table would cost a kilobyte of
/// wasm to save a few milliseconds on a workbook.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

fn u16le(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn u32le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// Clamps a length to the 32-bit fields of the format (a workbook never comes near).
fn len32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The fields that the local header and the central directory share, from "version needed"
/// to "extra field length".
fn common_header(out: &mut Vec<u8>, method: u16, crc: u32, packed: usize, part: &Part) {
    u16le(out, if method == DEFLATED { 20 } else { 10 }); // version needed to extract
    u16le(out, 0); // flags
    u16le(out, method);
    u16le(out, DOS_TIME);
    u16le(out, DOS_DATE);
    u32le(out, crc);
    u32le(out, len32(packed));
    u32le(out, len32(part.data.len()));
    u16le(out, u16::try_from(part.name.len()).unwrap_or(u16::MAX));
    u16le(out, 0); // extra field length
}

/// Assembles the archive, in the order of `parts`.
pub fn write(parts: &[Part]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for part in parts {
        let (method, body) = match &part.deflated {
            Some(d) if d.len() < part.data.len() => (DEFLATED, d.as_slice()),
            _ => (STORED, part.data.as_slice()),
        };
        let crc = crc32(&part.data);
        let offset = len32(out.len());

        u32le(&mut out, 0x0403_4b50);
        common_header(&mut out, method, crc, body.len(), part);
        out.extend_from_slice(part.name.as_bytes());
        out.extend_from_slice(body);

        u32le(&mut central, 0x0201_4b50);
        u16le(&mut central, 20); // version made by: MS-DOS, 2.0
        common_header(&mut central, method, crc, body.len(), part);
        u16le(&mut central, 0); // comment length
        u16le(&mut central, 0); // disk number
        u16le(&mut central, 0); // internal attributes
        u32le(&mut central, 0); // external attributes
        u32le(&mut central, offset);
        central.extend_from_slice(part.name.as_bytes());
    }
    let central_offset = len32(out.len());
    let count = u16::try_from(parts.len()).unwrap_or(u16::MAX);
    out.extend_from_slice(&central);
    u32le(&mut out, 0x0605_4b50); // end of central directory
    u16le(&mut out, 0); // this disk
    u16le(&mut out, 0); // disk with the central directory
    u16le(&mut out, count);
    u16le(&mut out, count);
    u32le(&mut out, len32(central.len()));
    u32le(&mut out, central_offset);
    u16le(&mut out, 0); // comment length
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard_check_values() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(
            crc32(b"The quick brown fox jumps over the lazy dog"),
            0x414F_A339
        );
    }

    #[test]
    fn an_empty_archive_is_just_the_end_record() {
        let zip = write(&[]);
        assert_eq!(zip.len(), 22);
        assert_eq!(&zip[..4], b"PK\x05\x06");
    }

    #[test]
    fn deflated_bytes_are_used_only_when_smaller() {
        let mut part = Part::new("a.txt", b"abc".to_vec());
        part.deflated = Some(vec![0; 10]);
        let zip = write(std::slice::from_ref(&part));
        // method field of the local header
        assert_eq!(u16::from_le_bytes([zip[8], zip[9]]), STORED);
        assert_eq!(&zip[30 + 5..30 + 8], b"abc");
    }
}
