//! The cells of one sheet, as a form reader sees them: text only (numbers as written), at most
//! [`MAX_ROWS`] rows and [`MAX_COLS`] columns, each cell at most [`MAX_CELL_CHARS`]
//! characters, merged ranges kept. Built from an `.xlsx` sheet ([`super::xlsx`]) or a CSV file
//! ([`super::csv`]).

use crate::formats::xlsx::cell_ref;

/// More rows than this is not a self-assessment form (the CD form has 49, a long layout of
/// every requirement a few hundred); reading stops with a message.
pub const MAX_ROWS: u32 = 20_000;
/// Columns past this are not read (a form has about a dozen).
pub const MAX_COLS: u32 = 64;
/// Excel's own limit on a cell; longer text is cut there and the cell named.
pub const MAX_CELL_CHARS: usize = 32_767;
/// More merged ranges than this are not read.
pub const MAX_MERGES: usize = 20_000;

/// A rectangle of merged cells, zero-based, inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Merge {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

/// One sheet's text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Grid {
    /// The sheet's name (a CSV file's name without extension).
    pub name: String,
    /// The cells by row, as indexes into `strings` (0 is the empty cell).
    rows: Vec<Vec<u32>>,
    strings: Vec<String>,
    pub merges: Vec<Merge>,
    /// Cells whose text was cut at [`MAX_CELL_CHARS`] (row, column).
    pub cut: Vec<(u32, u32)>,
}

/// Text cut to [`MAX_CELL_CHARS`] characters; true when it was longer.
pub fn cut_text(text: &mut String) -> bool {
    match text.char_indices().nth(MAX_CELL_CHARS) {
        Some((at, _)) => {
            text.truncate(at);
            true
        }
        None => false,
    }
}

impl Grid {
    pub fn new(name: impl Into<String>) -> Grid {
        Grid {
            name: name.into(),
            strings: vec![String::new()],
            ..Grid::default()
        }
    }

    /// Adds a text to the sheet's strings (cut to the limit); returns its index for
    /// [`Grid::set_index`] and whether it was cut.
    pub fn add_string(&mut self, mut text: String) -> (u32, bool) {
        let cut = cut_text(&mut text);
        if text.is_empty() {
            return (0, cut);
        }
        self.strings.push(text);
        (u32::try_from(self.strings.len() - 1).unwrap_or(0), cut)
    }

    /// Puts a string (by index) into a cell; cells past the limits are ignored.
    pub fn set_index(&mut self, row: u32, col: u32, index: u32) {
        if row >= MAX_ROWS || col >= MAX_COLS || index == 0 {
            return;
        }
        let (r, c) = (row as usize, col as usize);
        if self.rows.len() <= r {
            self.rows.resize(r + 1, Vec::new());
        }
        let cells = &mut self.rows[r];
        if cells.len() <= c {
            cells.resize(c + 1, 0);
        }
        cells[c] = index;
    }

    /// Puts a text into a cell.
    pub fn set(&mut self, row: u32, col: u32, text: String) {
        if row >= MAX_ROWS || col >= MAX_COLS {
            return;
        }
        let (index, cut) = self.add_string(text);
        if cut {
            self.cut.push((row, col));
        }
        self.set_index(row, col, index);
    }

    /// A cell's text ("" when empty or outside the sheet).
    pub fn get(&self, row: u32, col: u32) -> &str {
        let index = self
            .rows
            .get(row as usize)
            .and_then(|r| r.get(col as usize))
            .copied()
            .unwrap_or(0);
        &self.strings[index as usize]
    }

    pub fn row_count(&self) -> u32 {
        self.rows.len() as u32
    }

    /// The number of columns of the widest row.
    pub fn col_count(&self) -> u32 {
        self.rows.iter().map(Vec::len).max().unwrap_or(0) as u32
    }

    /// Whether a row has no text.
    pub fn row_is_empty(&self, row: u32) -> bool {
        self.rows.get(row as usize).is_none_or(|r| {
            r.iter()
                .all(|&i| self.strings[i as usize].trim().is_empty())
        })
    }

    /// Gives every cell of a merged range its top-left cell's value, as a reader sees it on
    /// the screen. Only within the sheet's rows and columns, so a hostile range costs at
    /// most the sheet's size (and the value is shared, not copied).
    pub fn spread_merges(&mut self) {
        let rows = self.row_count();
        let cols = self.col_count().max(1);
        for m in std::mem::take(&mut self.merges) {
            let value = self
                .rows
                .get(m.first_row as usize)
                .and_then(|r| r.get(m.first_col as usize))
                .copied()
                .unwrap_or(0);
            if value != 0 {
                for r in m.first_row..=m.last_row.min(rows.saturating_sub(1)) {
                    for c in m.first_col..=m.last_col.min(cols - 1) {
                        self.set_index(r, c, value);
                    }
                }
            }
            self.merges.push(m);
        }
    }

    /// `自评表!E7`: a cell's address as a problem names it.
    pub fn address(&self, row: u32, col: u32) -> String {
        format!("{}!{}", self.name, cell_ref(row, col))
    }

    /// `自评表!5:5`: a whole row's address.
    pub fn row_address(&self, row: u32) -> String {
        format!("{}!{}:{}", self.name, row + 1, row + 1)
    }
}

/// A cell reference such as `B12` as (row, column), zero-based.
pub fn parse_ref(text: &str) -> Option<(u32, u32)> {
    let text = text.trim().trim_start_matches('$');
    let letters = text.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let col = text[..letters].bytes().fold(0u32, |n, b| {
        n * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1)
    });
    let row: u32 = text[letters..].trim_start_matches('$').parse().ok()?;
    (row >= 1).then(|| (row - 1, col - 1))
}

/// A range such as `B4:B6` (or one cell).
pub fn parse_range(text: &str) -> Option<Merge> {
    let (a, b) = text.split_once(':').unwrap_or((text, text));
    let (r1, c1) = parse_ref(a)?;
    let (r2, c2) = parse_ref(b)?;
    Some(Merge {
        first_row: r1.min(r2),
        first_col: c1.min(c2),
        last_row: r1.max(r2),
        last_col: c1.max(c2),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_read_as_the_writer_writes_them() {
        assert_eq!(parse_ref("A1"), Some((0, 0)));
        assert_eq!(parse_ref("$AB$12"), Some((11, 27)));
        assert_eq!(parse_ref("A0"), None);
        assert_eq!(parse_ref("12"), None);
        assert_eq!(
            parse_range("B6:B4"),
            Some(Merge {
                first_row: 3,
                first_col: 1,
                last_row: 5,
                last_col: 1
            })
        );
    }

    #[test]
    fn merged_values_spread_within_the_sheet_only() {
        let mut g = Grid::new("S");
        g.set(0, 0, "x".repeat(40_000));
        g.set(3, 2, "end".into());
        g.merges.push(parse_range("A1:ZZ1000000").unwrap());
        g.spread_merges();
        assert_eq!(g.cut, vec![(0, 0)]);
        assert_eq!(g.get(0, 0).chars().count(), MAX_CELL_CHARS);
        assert_eq!(g.get(3, 1).len(), MAX_CELL_CHARS);
        assert_eq!(g.get(3, 2).len(), MAX_CELL_CHARS);
        assert_eq!(g.row_count(), 4);
        assert_eq!(g.address(6, 4), "S!E7");
        assert_eq!(g.row_address(4), "S!5:5");
    }
}
