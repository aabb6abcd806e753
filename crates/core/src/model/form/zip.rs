//! Reading a zip container (an `.xlsx` is one): the central directory, and the content of
//! the entries a form reader asks for, within limits a hostile file cannot get around.
//!
//! Nothing is inflated here: the caller passes an inflater (raw deflate, RFC 1951) that must
//! stop at the size the directory declares, so a zip bomb costs at most the declared size, and
//! the declared sizes of everything read are counted against [`MAX_INFLATED`] before any byte
//! is inflated. Encrypted entries, zip64 and methods other than stored and deflated are
//! refused; the CRC-32 of every entry read is checked.

use crate::formats::zip::{crc32, DEFLATED, STORED};
use crate::model::form::FormError;

/// The most the parts read from one file may inflate to, in all.
pub const MAX_INFLATED: usize = 50 * 1024 * 1024;
/// More entries than this is not an office document.
pub const MAX_ENTRIES: usize = 10_000;

/// Inflates an entry's raw deflate data (`name`, the data, the size the directory declares) to
/// exactly that size, or fails (more or less output, bad data) without producing more.
pub type Inflate<'a> = dyn FnMut(&str, &[u8], usize) -> Result<Vec<u8>, String> + 'a;

/// One entry of the central directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub method: u16,
    pub crc: u32,
    /// Where its data starts and how long it is in the file.
    data: std::ops::Range<usize>,
    /// The size it inflates to, as the directory declares it.
    pub size: usize,
}

impl Entry {
    /// The entry's stored bytes (raw deflate when `method` is deflated).
    pub fn raw<'z>(&self, zip: &'z [u8]) -> &'z [u8] {
        &zip[self.data.clone()]
    }
}

/// A zip file's directory, and what has been read of it so far.
pub struct Archive<'z> {
    bytes: &'z [u8],
    pub entries: Vec<Entry>,
    /// Declared sizes of the entries read so far.
    inflated: usize,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn damaged(detail: &str) -> FormError {
    FormError::Damaged(detail.to_string())
}

impl<'z> Archive<'z> {
    /// Reads the central directory (searched for from the end, as zip readers do).
    pub fn open(bytes: &'z [u8]) -> Result<Archive<'z>, FormError> {
        let low = bytes.len().saturating_sub(22 + 65_535);
        let eocd = (low..=bytes.len().saturating_sub(22))
            .rev()
            .find(|&i| u32_at(bytes, i) == Some(0x0605_4b50))
            .ok_or_else(|| damaged("no end of central directory"))?;
        let count = usize::from(u16_at(bytes, eocd + 10).unwrap_or(0));
        let cd_size = u32_at(bytes, eocd + 12).unwrap_or(0) as usize;
        let cd_offset = u32_at(bytes, eocd + 16).unwrap_or(0) as usize;
        if count == 0xFFFF || cd_offset == 0xFFFF_FFFF {
            return Err(damaged("zip64 is not supported"));
        }
        if count > MAX_ENTRIES {
            return Err(damaged("too many entries"));
        }
        if cd_offset
            .checked_add(cd_size)
            .is_none_or(|end| end > bytes.len())
        {
            return Err(damaged("central directory outside the file"));
        }
        let mut entries = Vec::with_capacity(count);
        let mut at = cd_offset;
        for _ in 0..count {
            let field = |off: usize| u32_at(bytes, at + off);
            if field(0) != Some(0x0201_4b50) {
                return Err(damaged("bad central directory entry"));
            }
            let flags = u16_at(bytes, at + 8).unwrap_or(0);
            let method = u16_at(bytes, at + 10).unwrap_or(0);
            let crc = field(16).unwrap_or(0);
            let packed = field(20).unwrap_or(0) as usize;
            let size = field(24).unwrap_or(0) as usize;
            let name_len = usize::from(u16_at(bytes, at + 28).unwrap_or(0));
            let extra_len = usize::from(u16_at(bytes, at + 30).unwrap_or(0));
            let comment_len = usize::from(u16_at(bytes, at + 32).unwrap_or(0));
            let local = field(42).unwrap_or(0) as usize;
            let name = bytes
                .get(at + 46..at + 46 + name_len)
                .ok_or_else(|| damaged("entry name outside the file"))?;
            let name = std::str::from_utf8(name).unwrap_or("").replace('\\', "/");
            at += 46 + name_len + extra_len + comment_len;
            if flags & 1 != 0 {
                return Err(FormError::Encrypted);
            }
            if packed == 0xFFFF_FFFF || size == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
                return Err(damaged("zip64 is not supported"));
            }
            // The data follows the local header, whose name and extra field may differ in
            // length from the directory's.
            if u32_at(bytes, local) != Some(0x0403_4b50) {
                return Err(damaged("bad local header"));
            }
            let start = local
                + 30
                + usize::from(u16_at(bytes, local + 26).unwrap_or(0))
                + usize::from(u16_at(bytes, local + 28).unwrap_or(0));
            let end = start
                .checked_add(packed)
                .filter(|&e| e <= bytes.len())
                .ok_or_else(|| damaged("entry data outside the file"))?;
            entries.push(Entry {
                name,
                method,
                crc,
                data: start..end,
                size,
            });
        }
        Ok(Archive {
            bytes,
            entries,
            inflated: 0,
        })
    }

    /// The entry of a path, compared without case (as Office does).
    pub fn find(&self, name: &str) -> Option<&Entry> {
        let name = name.trim_start_matches('/');
        self.entries
            .iter()
            .find(|e| e.name.eq_ignore_ascii_case(name))
    }

    /// The content of an entry, inflated if need be, within [`MAX_INFLATED`] for the whole
    /// archive. None when there is no such entry.
    pub fn read(
        &mut self,
        name: &str,
        inflate: &mut Inflate<'_>,
    ) -> Result<Option<Vec<u8>>, FormError> {
        let Some(entry) = self.find(name).cloned() else {
            return Ok(None);
        };
        let total = self.inflated.saturating_add(entry.size);
        if total > MAX_INFLATED {
            return Err(FormError::TooLarge {
                limit: MAX_INFLATED,
            });
        }
        self.inflated = total;
        let raw = entry.raw(self.bytes);
        let data = match entry.method {
            STORED if raw.len() == entry.size => raw.to_vec(),
            STORED => return Err(damaged("stored entry of the wrong size")),
            DEFLATED => inflate(&entry.name, raw, entry.size).map_err(|e| damaged(&e))?,
            _ => return Err(damaged("unsupported compression method")),
        };
        if data.len() != entry.size || crc32(&data) != entry.crc {
            return Err(damaged("an entry does not match its checksum"));
        }
        Ok(Some(data))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::zip::{write, Part};

    fn stored_only(_: &str, _: &[u8], _: usize) -> Result<Vec<u8>, String> {
        Err("no inflater".into())
    }

    #[test]
    fn reads_back_what_the_writer_stored() {
        let zip = write(&[
            Part::new("a.txt", b"hello".to_vec()),
            Part::new("xl/b.xml", b"<x/>".to_vec()),
        ]);
        let mut ar = Archive::open(&zip).unwrap();
        assert_eq!(ar.entries.len(), 2);
        assert_eq!(
            ar.read("XL/B.xml", &mut stored_only).unwrap(),
            Some(b"<x/>".to_vec())
        );
        assert_eq!(ar.read("missing", &mut stored_only).unwrap(), None);
    }

    #[test]
    fn a_declared_size_past_the_limit_is_refused_before_inflating() {
        let mut zip = write(&[Part::new("big.xml", b"abc".to_vec())]);
        // Declare 60 MB in the central directory (uncompressed size at +24 of the entry).
        let cd = zip.len() - 22 - (46 + 7);
        zip[cd + 24..cd + 28].copy_from_slice(&(60u32 << 20).to_le_bytes());
        let mut called = false;
        let mut ar = Archive::open(&zip).unwrap();
        let got = ar.read("big.xml", &mut |_, _, _| {
            called = true;
            Ok(Vec::new())
        });
        assert!(matches!(got, Err(FormError::TooLarge { .. })), "{got:?}");
        assert!(!called);
    }

    #[test]
    fn damage_is_told_not_panicked() {
        let zip = write(&[Part::new("a.txt", b"hello".to_vec())]);
        for cut in 0..zip.len() {
            let _ = Archive::open(&zip[..cut]).map(|mut a| a.read("a.txt", &mut stored_only));
        }
        let mut flipped = zip.clone();
        let at = 30 + 5; // the stored data
        flipped[at] ^= 0xFF;
        let mut ar = Archive::open(&flipped).unwrap();
        assert!(matches!(
            ar.read("a.txt", &mut stored_only),
            Err(FormError::Damaged(_))
        ));
    }
}
