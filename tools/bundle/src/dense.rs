//! A dense text encoding for binary data inside an HTML `<script type="application/octet-stream">`
//! block: 7 bits per character, almost every character one UTF-8 byte (8/7 ≈ 1.143 bytes per
//! input byte, against 4/3 ≈ 1.333 for base64).
//!
//! The HTML parser changes some characters of script data before any script sees them: CR and
//! CRLF become LF, NUL becomes U+FFFD, and `</script` ends the block (`<!--` starts an escaped
//! state). So the bit stream is cut into 7-bit groups, MSB first, and every group becomes the
//! character with that code, except three that are never written as themselves:
//! NUL (0x00), CR (0x0D) and `<` (0x3C) — so no `<` can ever appear, hence no `</script` and no
//! `<!--`. An excluded group is written together with the next group as one two-byte character:
//! U+0100 + index × 0x80 + next group (U+0100..U+027F); if the excluded group is the last one,
//! as U+0280 + index. Those code points are Latin letters (class 0, no combining marks), which
//! neither the HTML parser nor Unicode NFC changes. The last group is padded with zero bits; the
//! decoder knows the length from the number of groups (⌊7 × groups / 8⌋ bytes).
//!
//! LF is an ordinary character: whatever a tool does to line ends (LF → CRLF, or CR alone), the
//! HTML parser turns it back into LF. The decoder in the page is [`DECODER_JS`]; the Rust
//! [`decode`] below mirrors it for the native tests and for `bundle --check`.

/// The 7-bit groups that are never written as themselves, in index order.
pub const EXCLUDED: [u8; 3] = [0x00, 0x0D, b'<'];
const PAIR_BASE: u32 = 0x100;
const LAST_BASE: u32 = 0x280;

pub fn encode(data: &[u8]) -> String {
    let groups = groups_of(data);
    let mut out = String::with_capacity(groups.len() + groups.len() / 32);
    let mut i = 0;
    while i < groups.len() {
        let g = groups[i];
        match EXCLUDED.iter().position(|&x| x == g) {
            None => out.push(char::from(g)),
            Some(index) => {
                let index = index as u32;
                let code = match groups.get(i + 1) {
                    Some(&next) => {
                        i += 1;
                        PAIR_BASE + index * 0x80 + u32::from(next)
                    }
                    None => LAST_BASE + index,
                };
                // In range by construction (U+0100..U+0282).
                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
            }
        }
        i += 1;
    }
    out
}

fn groups_of(data: &[u8]) -> Vec<u8> {
    let mut groups = Vec::with_capacity((data.len() * 8).div_ceil(7));
    let mut acc: u32 = 0;
    let mut bits = 0;
    for &b in data {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 7 {
            bits -= 7;
            groups.push(((acc >> bits) & 0x7F) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        groups.push(((acc << (7 - bits)) & 0x7F) as u8);
    }
    groups
}

#[derive(Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// A character the encoder never writes, at this character position.
    BadCharacter { at: usize, ch: char },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::BadCharacter { at, ch } => {
                write!(f, "character {:?} (U+{:04X}) at {at}", ch, *ch as u32)
            }
        }
    }
}

/// The inverse of [`encode`], exactly as the page's [`DECODER_JS`] does it.
pub fn decode(text: &str) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::with_capacity(text.len() * 7 / 8);
    let mut acc: u32 = 0;
    let mut bits = 0;
    let mut push = |g: u32, out: &mut Vec<u8>| {
        acc = (acc << 7) | g;
        bits += 7;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    };
    for (at, ch) in text.chars().enumerate() {
        let c = ch as u32;
        if c < 0x80 && !EXCLUDED.contains(&(c as u8)) {
            push(c, &mut out);
        } else if (PAIR_BASE..PAIR_BASE + 3 * 0x80).contains(&c) {
            let k = c - PAIR_BASE;
            push(u32::from(EXCLUDED[(k >> 7) as usize]), &mut out);
            push(k & 0x7F, &mut out);
        } else if (LAST_BASE..LAST_BASE + 3).contains(&c) {
            push(u32::from(EXCLUDED[(c - LAST_BASE) as usize]), &mut out);
        } else {
            return Err(DecodeError::BadCharacter { at, ch });
        }
    }
    Ok(out)
}

/// The page's decoder: `wbDense(text)` returns a `Uint8Array`; it throws on characters outside
/// the encoding where that is cheap to see (a damaged payload also fails zlib's checksum when
/// inflated). ES5 syntax, so it parses wherever the guard does. The browser turns
/// the text into UTF-8 natively (one byte per group, two per pair), and eight one-byte groups in
/// a row, the common case, become seven bytes at once: several times faster than a character
/// loop before the JavaScript engine has optimised it, which is when the page starts.
pub const DECODER_JS: &str = r#"function wbDense(s) {
  var u = new TextEncoder().encode(s), n = u.length, out = new Uint8Array(Math.floor(n * 7 / 8));
  var i = 0, o = 0, acc = 0, bits = 0, ex = [0, 13, 60], g, k;
  while (i < n) {
    if (bits === 0 && i + 8 <= n) {
      var a0 = u[i], a1 = u[i + 1], a2 = u[i + 2], a3 = u[i + 3],
        a4 = u[i + 4], a5 = u[i + 5], a6 = u[i + 6], a7 = u[i + 7];
      if ((a0 | a1 | a2 | a3 | a4 | a5 | a6 | a7) < 128) {
        out[o] = (a0 << 1) | (a1 >> 6); out[o + 1] = (a1 << 2) | (a2 >> 5);
        out[o + 2] = (a2 << 3) | (a3 >> 4); out[o + 3] = (a3 << 4) | (a4 >> 3);
        out[o + 4] = (a4 << 5) | (a5 >> 2); out[o + 5] = (a5 << 6) | (a6 >> 1);
        out[o + 6] = (a6 << 7) | a7;
        o += 7; i += 8;
        continue;
      }
    }
    g = u[i++];
    k = -1;
    if (g === 0 || g === 13 || g === 60) throw new Error("payload: byte " + g + " at " + (i - 1));
    if (g >= 128) {
      k = (((g & 31) << 6) | (u[i++] & 63)) - 256;
      if (g < 0xc4 || g > 0xca || k > 386) throw new Error("payload: unexpected character at " + (i - 2));
      if (k >= 384) { g = ex[k - 384]; k = -1; } else { g = ex[k >> 7]; k &= 127; }
    }
    acc = (acc << 7) | g; bits += 7;
    if (bits >= 8) { bits -= 8; out[o++] = acc >> bits; acc &= (1 << bits) - 1; }
    if (k >= 0) {
      acc = (acc << 7) | k; bits += 7;
      if (bits >= 8) { bits -= 8; out[o++] = acc >> bits; acc &= (1 << bits) - 1; }
    }
  }
  return out.subarray(0, o);
}"#;

#[cfg(test)]
mod tests {
    use super::*;

    /// What the HTML parser does to script data before a script reads it (the input-stream
    /// preprocessing: CRLF and CR to LF, NUL to U+FFFD in script data).
    fn html_preprocess(s: &str) -> String {
        s.replace("\r\n", "\n")
            .replace('\r', "\n")
            .replace('\0', "\u{FFFD}")
    }

    /// A small deterministic generator (xorshift), so failures reproduce.
    fn random_bytes(seed: u64, len: usize) -> Vec<u8> {
        let mut x = seed.max(1);
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect()
    }

    fn assert_safe_and_round_trips(data: &[u8]) {
        let text = encode(data);
        assert!(!text.contains('<'), "a '<' in the payload");
        assert!(!text.contains('\r') && !text.contains('\0'));
        assert!(!text.to_ascii_lowercase().contains("</script"));
        assert_eq!(html_preprocess(&text), text, "the parser would change it");
        assert_eq!(decode(&text).as_deref(), Ok(data), "round trip of {data:?}");
        // Line ends rewritten by a tool come back as LF through the parser.
        let crlf = text.replace('\n', "\r\n");
        assert_eq!(decode(&html_preprocess(&crlf)).as_deref(), Ok(data));
    }

    #[test]
    fn every_byte_value_round_trips() {
        let all: Vec<u8> = (0..=255).collect();
        assert_safe_and_round_trips(&all);
        for b in 0..=255u8 {
            for len in 1..=9 {
                assert_safe_and_round_trips(&vec![b; len]);
            }
        }
    }

    #[test]
    fn every_length_and_every_excluded_group_at_the_end_round_trips() {
        assert_safe_and_round_trips(&[]);
        for len in 0..64 {
            assert_safe_and_round_trips(&random_bytes(len as u64 + 7, len));
        }
        // Data whose last 7-bit group is an excluded value (written as U+0280 + index): with
        // 7·k bytes there is no padding and the last group is the low 7 bits of the last byte.
        for (index, &g) in EXCLUDED.iter().enumerate() {
            for len in [7usize, 14, 21] {
                let mut data = random_bytes(len as u64, len);
                // The group before the last is 2 (not excluded), so the last stands alone.
                data[len - 2] = 0x01;
                data[len - 1] = g;
                assert_eq!(groups_of(&data).last(), Some(&g));
                let last = encode(&data).chars().last().map(|c| c as u32);
                assert_eq!(last, Some(LAST_BASE + index as u32));
                assert_safe_and_round_trips(&data);
            }
        }
    }

    #[test]
    fn random_data_round_trips() {
        for seed in 1..200u64 {
            let len = (seed as usize * 37) % 5000;
            assert_safe_and_round_trips(&random_bytes(seed, len));
        }
        assert_safe_and_round_trips(&random_bytes(99, 1 << 20));
    }

    #[test]
    fn the_excluded_groups_use_pairs() {
        // 0x00 0x00: groups 0,0,0 (+ pad) — the first two form a pair, the third is last.
        let text = encode(&[0, 0]);
        let codes: Vec<u32> = text.chars().map(|c| c as u32).collect();
        assert_eq!(codes, vec![0x100, 0x280]);
        assert_eq!(decode(&text), Ok(vec![0, 0]));
        // Density: exactly one UTF-8 byte per 7-bit group (a pair is two groups in two bytes),
        // so 8/7 bytes per input byte, plus at most one byte of padding.
        let data = random_bytes(5, 70_000);
        let text = encode(&data);
        assert_eq!(text.len(), 80_000);
        assert!(text.chars().count() < 80_000);
    }

    #[test]
    fn decode_rejects_characters_never_written() {
        assert_eq!(
            decode("ab<"),
            Err(DecodeError::BadCharacter { at: 2, ch: '<' })
        );
        assert!(decode("\u{FFFD}").is_err());
        assert!(decode("\u{283}").is_err());
    }
}
