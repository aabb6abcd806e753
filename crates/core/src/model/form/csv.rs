//! A form saved as CSV: its encoding told from its bytes, and its cells read leniently (as a
//! spreadsheet program would: a stray quote inside a field is kept as a character).
//!
//! UTF-8 with or without a byte-order mark and UTF-16 with one are decoded here. Anything
//! else is what WPS and Excel write on Chinese Windows, GB18030 (of which GBK is a part): the
//! page decodes it with the browser's `TextDecoder('gb18030')`, which the core does not carry.

use crate::model::form::sheet::{Grid, MAX_COLS, MAX_ROWS};
use crate::model::form::FormError;

/// The encoding a CSV file's bytes are in, as far as the core can tell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decoded {
    Text(String),
    /// Not UTF-8 nor UTF-16: GB18030 (GBK) from a Chinese Windows, to be decoded by the page.
    Gb18030,
}

/// Decodes UTF-8 (a BOM dropped) and UTF-16 with a BOM; anything else is left to GB18030.
pub fn decode(bytes: &[u8]) -> Decoded {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let utf16 = |rest: &[u8], le: bool| {
        let units = rest.chunks_exact(2).map(|p| {
            if le {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        });
        char::decode_utf16(units)
            .map(|c| c.unwrap_or('\u{FFFD}'))
            .collect::<String>()
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Decoded::Text(utf16(rest, true));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Decoded::Text(utf16(rest, false));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Decoded::Text(s.to_string()),
        Err(_) => Decoded::Gb18030,
    }
}

/// The separator of the file: the one of comma, tab and semicolon that the first lines use most
/// (outside quotes).
fn separator(text: &str) -> char {
    let head: String = text.lines().take(30).collect::<Vec<_>>().join("\n");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in head.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            '\t' if !quoted => counts[1] += 1,
            ';' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [',', '\t', ';'][best]
}

/// The cells of a CSV text, as one sheet named `name`.
pub fn grid(text: &str, name: &str) -> Result<Grid, FormError> {
    let text = text.trim_start_matches('\u{feff}');
    if text.contains('\0') {
        return Err(FormError::NotASpreadsheet);
    }
    let sep = separator(text);
    let mut g = Grid::new(name);
    let (mut row, mut col) = (0u32, 0u32);
    let mut cur = String::new();
    let mut quoted = false;
    let mut at_start = true;
    let mut chars = text.chars().peekable();
    let push = |g: &mut Grid, row: u32, col: u32, cur: &mut String| {
        let value = std::mem::take(cur);
        if !value.trim().is_empty() {
            g.set(row, col, value);
        }
    };
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cur.push('"');
                }
                '"' => quoted = false,
                '\r' if chars.peek() == Some(&'\n') => {}
                _ => cur.push(c),
            }
            continue;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                at_start = false;
            }
            c if c == sep => {
                push(&mut g, row, col, &mut cur);
                col = col.saturating_add(1);
                at_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                push(&mut g, row, col, &mut cur);
                row += 1;
                col = 0;
                at_start = true;
                if row >= MAX_ROWS {
                    if chars.any(|c| !c.is_whitespace()) {
                        return Err(FormError::TooManyRows {
                            sheet: name.to_string(),
                            limit: MAX_ROWS,
                        });
                    }
                    break;
                }
            }
            _ => {
                // Past the columns read, the field is skipped without being kept.
                if col < MAX_COLS && cur.len() < 4 * crate::model::form::sheet::MAX_CELL_CHARS {
                    cur.push(c);
                }
                at_start = false;
            }
        }
    }
    push(&mut g, row, col, &mut cur);
    Ok(g)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_told_apart() {
        assert_eq!(decode(b"\xEF\xBB\xBFa,b"), Decoded::Text("a,b".into()));
        assert_eq!(decode("能力项".as_bytes()), Decoded::Text("能力项".into()));
        assert_eq!(
            decode(b"\xFF\xFEa\x00,\x00b\x00"),
            Decoded::Text("a,b".into())
        );
        // "能力" in GBK.
        assert_eq!(decode(b"\xC4\xDC\xC1\xA6"), Decoded::Gb18030);
    }

    #[test]
    fn cells_read_leniently_with_the_separator_in_use() {
        let g = grid("a,\"b,\"\"c\"\"\nd\",e\"f\r\n\r\nx\ty", "S").unwrap();
        assert_eq!(g.get(0, 0), "a");
        assert_eq!(g.get(0, 1), "b,\"c\"\nd");
        assert_eq!(g.get(0, 2), "e\"f");
        assert_eq!(g.get(2, 0), "x\ty");
        let t = grid("能力项\t1级\t2级\n版本控制\t无\t1) 有", "T").unwrap();
        assert_eq!(t.get(1, 2), "1) 有");
    }
}
