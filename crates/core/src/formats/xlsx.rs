//! A small SpreadsheetML (Office Open XML, `.xlsx`) writer: sheets of text and number cells,
//! shared strings, a fixed handful of styles, column widths, row heights, merged cells, frozen
//! panes, an autofilter, print setup (A4, landscape, fit to width, header rows repeated) and
//! document properties. It writes the standard part layout that Excel, WPS and LibreOffice
//! expect; [`XlsxBook::package`] gives the parts and [`Package::to_zip`] (or a caller that
//! compresses them first, see [`crate::formats::zip`]) the file.
//!
//! Text is made safe on the way in: characters XML 1.0 forbids are dropped, line breaks become
//! `\n`, Excel's `_xHHHH_` escapes are themselves escaped, and text a spreadsheet would run as
//! a formula gets the same apostrophe guard as the CSV exports ([`crate::formats::csv::guard`]).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::formats::csv::guard;
use crate::formats::zip::{self, Part};

/// The application named in the document properties.
pub const CREATOR: &str = "Maturity Workbook";

/// The styles a cell can have. Every style but `Normal`, `Title` and `Note` draws thin
/// borders; every text style wraps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Style {
    #[default]
    Normal,
    /// A sheet's title line: bold, larger.
    Title,
    /// A column header: bold on a tinted fill, centred.
    Header,
    /// Body text, top-left.
    Text,
    /// Body text in bold (group names, merged down a column: named at the top, so the name
    /// prints where the group starts).
    Strong,
    /// Centred (numbers, levels, short codes).
    Center,
    /// Bold, centred on a green fill: a level that reaches the target.
    Good,
    /// Bold, centred on an amber fill: a level below the target.
    Warn,
    /// The label of a field: bold on a light grey fill.
    Label,
    /// Free text without borders (notes under a table).
    Note,
    /// Bold, centred on an orange fill: the target level.
    Target,
}

impl Style {
    /// The index into `cellXfs` of styles.xml.
    fn index(self) -> u8 {
        self as u8
    }
}

const STYLES_XML: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    r#"<fonts count="3">"#,
    r#"<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#,
    r#"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#,
    r#"<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font>"#,
    "</fonts>",
    r#"<fills count="7">"#,
    r#"<fill><patternFill patternType="none"/></fill>"#,
    r#"<fill><patternFill patternType="gray125"/></fill>"#,
    r#"<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill>"#,
    r#"<fill><patternFill patternType="solid"><fgColor rgb="FFC6EFCE"/><bgColor indexed="64"/></patternFill></fill>"#,
    r#"<fill><patternFill patternType="solid"><fgColor rgb="FFFFEB9C"/><bgColor indexed="64"/></patternFill></fill>"#,
    r#"<fill><patternFill patternType="solid"><fgColor rgb="FFF2F2F2"/><bgColor indexed="64"/></patternFill></fill>"#,
    r#"<fill><patternFill patternType="solid"><fgColor rgb="FFF8CBAD"/><bgColor indexed="64"/></patternFill></fill>"#,
    "</fills>",
    r#"<borders count="2">"#,
    "<border><left/><right/><top/><bottom/><diagonal/></border>",
    r#"<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>"#,
    r#"<top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border>"#,
    "</borders>",
    r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
    r#"<cellXfs count="11">"#,
    // Normal
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
    // Title
    r#"<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="center"/></xf>"#,
    // Header
    r#"<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>"#,
    // Text
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"#,
    // Strong
    r#"<xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"#,
    // Center
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>"#,
    // Good
    r#"<xf numFmtId="0" fontId="1" fillId="3" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>"#,
    // Warn
    r#"<xf numFmtId="0" fontId="1" fillId="4" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>"#,
    // Label
    r#"<xf numFmtId="0" fontId="1" fillId="5" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"#,
    // Note
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"#,
    // Target
    r#"<xf numFmtId="0" fontId="1" fillId="6" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>"#,
    "</cellXfs>",
    r#"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#,
    "</styleSheet>"
);

/// A cell's content.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub value: Value,
    pub style: Style,
}

impl Cell {
    pub fn text(value: impl Into<String>, style: Style) -> Cell {
        Cell {
            value: Value::Text(value.into()),
            style,
        }
    }

    pub fn number(value: impl Into<f64>, style: Style) -> Cell {
        Cell {
            value: Value::Number(value.into()),
            style,
        }
    }

    /// An empty cell that still shows its style (borders, fill): the covered cells of a merge.
    pub fn blank(style: Style) -> Cell {
        Cell {
            value: Value::Empty,
            style,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// In points, fixed; None sizes the row to its wrapped text (estimated from the column
    /// widths, see [`wrapped_lines`]).
    pub height: Option<f64>,
}

/// A rectangle of cells, zero-based and inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

impl Range {
    pub fn new(first_row: u32, first_col: u32, last_row: u32, last_col: u32) -> Range {
        Range {
            first_row,
            first_col,
            last_row,
            last_col,
        }
    }

    /// `A1:C4`, or `A1` for one cell.
    pub fn a1(self) -> String {
        let first = cell_ref(self.first_row, self.first_col);
        if (self.first_row, self.first_col) == (self.last_row, self.last_col) {
            first
        } else {
            format!("{first}:{}", cell_ref(self.last_row, self.last_col))
        }
    }

    /// `$A$1:$C$4`, as defined names write it.
    fn absolute(self) -> String {
        format!(
            "${}${}:${}${}",
            col_name(self.first_col),
            self.first_row + 1,
            col_name(self.last_col),
            self.last_row + 1
        )
    }
}

/// The column letters of a zero-based column: 0 → `A`, 26 → `AA`.
pub fn col_name(col: u32) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// `B3` for row 2, column 1 (zero-based).
pub fn cell_ref(row: u32, col: u32) -> String {
    format!("{}{}", col_name(col), row + 1)
}

/// The width a text needs in a column, in Excel's character units (the width of a digit):
/// East Asian wide characters count two, capitals 1.3, most small letters 0.9, spaces and
/// stops 0.5; the longest line counts.
pub fn text_width(text: &str) -> f64 {
    text.split('\n')
        .map(|line| line.chars().map(char_width).sum::<f64>())
        .fold(0.0, f64::max)
}

fn char_width(c: char) -> f64 {
    let wide = matches!(u32::from(c),
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
    // Roughly Calibri's advance widths, in digits, rounded up so that text is not cut.
    if wide {
        2.0
    } else if c.is_ascii_uppercase() || matches!(c, 'm' | 'w') {
        1.3
    } else if matches!(
        c,
        ' ' | '.' | ',' | ';' | ':' | '!' | '\'' | '|' | 'i' | 'j' | 'l'
    ) {
        0.5
    } else if c.is_ascii_lowercase() {
        0.9
    } else {
        1.0
    }
}

/// The width of a column without one, in characters.
const DEFAULT_WIDTH: f64 = 8.43;

/// Points per line of 11-point text, as spreadsheets space it.
const LINE_HEIGHT: f64 = 15.0;

/// How many lines `text` takes wrapped in a column `width` characters wide: words wrap whole
/// where they fit, East Asian text breaks between any two characters, `\n` starts a line.
pub fn wrapped_lines(text: &str, width: f64) -> u32 {
    // A cell's padding takes about one character.
    let room = (width - 1.0).max(1.0);
    let mut lines = 0;
    for paragraph in text.split('\n') {
        lines += 1;
        let mut used = 0.0;
        let mut word = 0.0;
        let place = |w: f64, used: &mut f64, lines: &mut u32| {
            if *used > 0.0 && *used + w > room {
                *lines += 1;
                *used = 0.0;
            }
            *used += w;
            while *used > room {
                *lines += 1;
                *used -= room;
            }
        };
        for c in paragraph.chars() {
            let w = char_width(c);
            if c == ' ' {
                place(word, &mut used, &mut lines);
                word = 0.0;
                used += 1.0;
            } else if w > 1.0 {
                place(word, &mut used, &mut lines);
                word = 0.0;
                place(w, &mut used, &mut lines);
            } else {
                word += w;
            }
        }
        place(word, &mut used, &mut lines);
    }
    lines
}

/// The height in points of a row whose tallest cell takes `lines` lines.
pub fn row_height(lines: u32) -> f64 {
    f64::from(lines.max(1)) * LINE_HEIGHT + 2.0
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    /// At most 31 characters, none of `[]:*?/\`; [`XlsxBook::package`] enforces it.
    pub name: String,
    pub rows: Vec<Row>,
    /// Column widths in character units, from column A; missing columns keep the default.
    pub widths: Vec<f64>,
    pub merges: Vec<Range>,
    /// Rows and columns kept in view while scrolling.
    pub freeze_rows: u32,
    pub freeze_cols: u32,
    pub autofilter: Option<Range>,
    /// Rows (zero-based, inclusive) printed at the top of every page.
    pub print_title_rows: Option<(u32, u32)>,
    pub landscape: bool,
}

impl Sheet {
    pub fn new(name: impl Into<String>) -> Sheet {
        Sheet {
            name: name.into(),
            landscape: true,
            ..Sheet::default()
        }
    }

    /// Appends a row; returns its zero-based index.
    pub fn push(&mut self, cells: Vec<Cell>) -> u32 {
        self.rows.push(Row {
            cells,
            height: None,
        });
        u32::try_from(self.rows.len() - 1).unwrap_or(u32::MAX)
    }

    /// The next row's zero-based index.
    pub fn next_row(&self) -> u32 {
        u32::try_from(self.rows.len()).unwrap_or(u32::MAX)
    }

    /// Merges a rectangle; the covered cells keep their own style (borders), their value is
    /// ignored by spreadsheets.
    pub fn merge(&mut self, range: Range) {
        let ordered = range.first_row <= range.last_row && range.first_col <= range.last_col;
        let several = range.first_row != range.last_row || range.first_col != range.last_col;
        if ordered && several {
            self.merges.push(range);
        }
    }

    /// Whether a cell is covered by a merged range (including its top-left cell).
    fn merged(&self, row: u32, col: u32) -> bool {
        self.merges.iter().any(|m| {
            (m.first_row..=m.last_row).contains(&row) && (m.first_col..=m.last_col).contains(&col)
        })
    }

    /// The height a row needs for its wrapped text, outside merged cells, when more than one
    /// line: not every spreadsheet program sizes rows itself when it opens a file
    /// (LibreOffice keeps them one line high).
    fn needed_height(&self, r: usize) -> Option<f64> {
        let lines = self.rows[r]
            .cells
            .iter()
            .enumerate()
            .filter(|(c, _)| !self.merged(r as u32, *c as u32))
            .map(|(c, cell)| match &cell.value {
                Value::Text(t) if !matches!(cell.style, Style::Normal | Style::Title) => {
                    wrapped_lines(t, self.widths.get(c).copied().unwrap_or(DEFAULT_WIDTH))
                }
                _ => 1,
            })
            .max()
            .unwrap_or(1);
        (lines > 1).then(|| row_height(lines))
    }

    /// Sets each column's width to fit its widest cell outside merged ranges, between `min`
    /// and `max` (wrapped text takes more lines beyond `max`).
    pub fn fit_widths(&mut self, min: f64, max: f64) {
        let mut widths: Vec<f64> = Vec::new();
        for (r, row) in self.rows.iter().enumerate() {
            for (c, cell) in row.cells.iter().enumerate() {
                let merged = self.merged(r as u32, c as u32);
                let w = match &cell.value {
                    Value::Text(t) if !merged => text_width(t) + 2.0,
                    Value::Number(n) if !merged => n.to_string().len() as f64 + 2.0,
                    _ => 0.0,
                };
                if widths.len() <= c {
                    widths.resize(c + 1, min);
                }
                widths[c] = widths[c].max(w.clamp(min, max));
            }
        }
        self.widths = widths;
    }
}

/// The files of an `.xlsx`, in the order they go into the zip.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Package {
    pub parts: Vec<Part>,
}

impl Package {
    /// The `.xlsx` file, with whatever parts were compressed deflated and the others stored.
    pub fn to_zip(&self) -> Vec<u8> {
        zip::write(&self.parts)
    }
}

/// The MIME type of an `.xlsx` file.
pub const MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[derive(Clone, Debug, Default, PartialEq)]
pub struct XlsxBook {
    /// The document title (document properties).
    pub title: String,
    /// `YYYY-MM-DD` or an ISO 8601 time; written as the creation and modification time.
    pub created: String,
    pub sheets: Vec<Sheet>,
}

/// Text made safe for a cell: characters XML 1.0 forbids dropped, line breaks as `\n`, the
/// formula guard, and at most [`MAX_CELL_CHARS`] characters. This is exactly the text a reader
/// gets back.
pub fn cell_text(text: &str) -> String {
    let mut clean = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    clean.push('\n');
                }
            }
            '\t' | '\n' => clean.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => clean.push(c),
        }
    }
    let guarded = guard(&clean);
    let mut units = 0;
    for (at, c) in guarded.char_indices() {
        units += c.len_utf16();
        if units > MAX_CELL_CHARS {
            return guarded[..at].to_string();
        }
    }
    guarded.into_owned()
}

/// Excel's limit on the characters (UTF-16 code units) of one cell; longer text is cut there.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Escapes `&`, `<`, `>` and `"` (the last only matters in attributes).
fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// Escapes a shared string: XML escapes, plus Excel's own `_xHHHH_` notation, which a reader
/// would otherwise decode (`_x0041_` is read as `A`): its underscore becomes `_x005F_`.
fn escape_string(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, _) in text.match_indices('_') {
        let rest = &bytes[i..];
        let is_escape = rest.len() >= 7
            && rest[1] == b'x'
            && rest[2..6].iter().all(u8::is_ascii_hexdigit)
            && rest[6] == b'_';
        if is_escape {
            escape(out, &text[start..i]);
            out.push_str("_x005F_");
            start = i + 1;
        }
    }
    escape(out, &text[start..]);
}

/// A sheet name as Excel allows it: no `[]:*?/\`, not empty, at most 31 characters, unique.
fn sheet_name(name: &str, taken: &[String]) -> String {
    let base: String = name
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') && *c >= ' ')
        .take(31)
        .collect();
    let base = base.trim_matches('\'').to_string();
    let base = if base.is_empty() {
        "Sheet".to_string()
    } else {
        base
    };
    let mut name = base.clone();
    let mut n = 2;
    while taken
        .iter()
        .any(|t| t.to_lowercase() == name.to_lowercase())
    {
        let suffix = format!(" ({n})");
        let keep = 31 - suffix.chars().count();
        name = base.chars().take(keep).collect::<String>() + &suffix;
        n += 1;
    }
    name
}

/// `'Sheet name'` as formulas and defined names refer to a sheet.
fn quoted_sheet(name: &str) -> String {
    format!("'{}'", name.replace('\'', "''"))
}

/// W3CDTF for the document properties, from a date or an ISO 8601 time.
fn w3cdtf(created: &str) -> String {
    let b = created.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| r.clone().all(|i| b.get(i).is_some_and(u8::is_ascii_digit));
    let date_ok = digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10);
    if !date_ok {
        return "1980-01-01T00:00:00Z".to_string();
    }
    let time_ok = b.get(10) == Some(&b'T')
        && digits(11..13)
        && b.get(13) == Some(&b':')
        && digits(14..16)
        && b.get(16) == Some(&b':')
        && digits(17..19);
    if time_ok {
        format!("{}Z", &created[..19])
    } else {
        format!("{}T00:00:00Z", &created[..10])
    }
}

#[derive(Default)]
struct SharedStrings {
    index: BTreeMap<String, usize>,
    list: Vec<String>,
    uses: usize,
}

impl SharedStrings {
    fn add(&mut self, text: &str) -> usize {
        self.uses += 1;
        let text = cell_text(text);
        if let Some(&n) = self.index.get(&text) {
            return n;
        }
        self.list.push(text.clone());
        self.index.insert(text, self.list.len() - 1);
        self.list.len() - 1
    }

    fn xml(&self) -> String {
        let mut out = String::from(XML_DECL);
        let _ = write!(
            out,
            r#"<sst xmlns="{MAIN_NS}" count="{}" uniqueCount="{}">"#,
            self.uses,
            self.list.len()
        );
        for s in &self.list {
            let preserve = s.starts_with(char::is_whitespace) || s.ends_with(char::is_whitespace);
            out.push_str(if preserve {
                r#"<si><t xml:space="preserve">"#
            } else {
                "<si><t>"
            });
            escape_string(&mut out, s);
            out.push_str("</t></si>");
        }
        out.push_str("</sst>");
        out
    }
}

const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

fn sheet_xml(sheet: &Sheet, selected: bool, strings: &mut SharedStrings) -> String {
    let mut out = String::from(XML_DECL);
    let _ = write!(out, r#"<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">"#);
    out.push_str(r#"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#);

    let last_row = sheet.next_row().saturating_sub(1);
    let last_col = sheet
        .rows
        .iter()
        .map(|r| r.cells.len())
        .max()
        .unwrap_or(0)
        .saturating_sub(1) as u32;
    let _ = write!(
        out,
        r#"<dimension ref="{}"/>"#,
        Range::new(0, 0, last_row, last_col).a1()
    );

    let _ = write!(
        out,
        r#"<sheetViews><sheetView workbookViewId="0"{}>"#,
        if selected { r#" tabSelected="1""# } else { "" }
    );
    let (fr, fc) = (sheet.freeze_rows, sheet.freeze_cols);
    if fr > 0 || fc > 0 {
        let pane = match (fr > 0, fc > 0) {
            (true, true) => "bottomRight",
            (true, false) => "bottomLeft",
            _ => "topRight",
        };
        out.push_str("<pane");
        if fc > 0 {
            let _ = write!(out, r#" xSplit="{fc}""#);
        }
        if fr > 0 {
            let _ = write!(out, r#" ySplit="{fr}""#);
        }
        let _ = write!(
            out,
            r#" topLeftCell="{}" activePane="{pane}" state="frozen"/><selection pane="{pane}" activeCell="{0}" sqref="{0}"/>"#,
            cell_ref(fr, fc)
        );
    }
    out.push_str("</sheetView></sheetViews>");
    out.push_str(r#"<sheetFormatPr defaultRowHeight="15"/>"#);

    if !sheet.widths.is_empty() {
        out.push_str("<cols>");
        for (c, w) in sheet.widths.iter().enumerate() {
            let _ = write!(
                out,
                r#"<col min="{0}" max="{0}" width="{1:.2}" customWidth="1"/>"#,
                c + 1,
                w
            );
        }
        out.push_str("</cols>");
    }

    out.push_str("<sheetData>");
    for (r, row) in sheet.rows.iter().enumerate() {
        let _ = write!(out, r#"<row r="{}""#, r + 1);
        if let Some(h) = row.height {
            let _ = write!(out, r#" ht="{h:.2}" customHeight="1""#);
        } else if let Some(h) = sheet.needed_height(r) {
            let _ = write!(out, r#" ht="{h:.2}""#);
        }
        out.push('>');
        for (c, cell) in row.cells.iter().enumerate() {
            let at = cell_ref(r as u32, c as u32);
            let s = cell.style.index();
            match &cell.value {
                Value::Empty if cell.style == Style::Normal => {}
                Value::Empty => {
                    let _ = write!(out, r#"<c r="{at}" s="{s}"/>"#);
                }
                Value::Text(t) => {
                    let n = strings.add(t);
                    let _ = write!(out, r#"<c r="{at}" s="{s}" t="s"><v>{n}</v></c>"#);
                }
                Value::Number(x) if x.is_finite() => {
                    let _ = write!(out, r#"<c r="{at}" s="{s}"><v>{x}</v></c>"#);
                }
                Value::Number(_) => {
                    let _ = write!(out, r#"<c r="{at}" s="{s}"/>"#);
                }
            }
        }
        out.push_str("</row>");
    }
    out.push_str("</sheetData>");

    if let Some(f) = sheet.autofilter {
        let _ = write!(out, r#"<autoFilter ref="{}"/>"#, f.a1());
    }
    if !sheet.merges.is_empty() {
        let _ = write!(out, r#"<mergeCells count="{}">"#, sheet.merges.len());
        for m in &sheet.merges {
            let _ = write!(out, r#"<mergeCell ref="{}"/>"#, m.a1());
        }
        out.push_str("</mergeCells>");
    }
    out.push_str(
        r#"<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.6" header="0.3" footer="0.3"/>"#,
    );
    let _ = write!(
        out,
        r#"<pageSetup paperSize="9" orientation="{}" fitToWidth="1" fitToHeight="0"/>"#,
        if sheet.landscape {
            "landscape"
        } else {
            "portrait"
        }
    );
    // Footer: sheet name and "page / pages", the same in every language.
    out.push_str(
        "<headerFooter><oddFooter>&amp;L&amp;A&amp;R&amp;P / &amp;N</oddFooter></headerFooter>",
    );
    out.push_str("</worksheet>");
    out
}

impl XlsxBook {
    /// Every part of the package, uncompressed.
    pub fn package(&self) -> Package {
        let mut names: Vec<String> = Vec::new();
        for s in &self.sheets {
            let name = sheet_name(&s.name, &names);
            names.push(name);
        }
        let n = self.sheets.len();
        let content_types = content_types(n);
        let root_rels = root_rels();
        let workbook = self.workbook_xml(&names);
        let workbook_rels = workbook_rels(n);
        let mut strings = SharedStrings::default();
        let sheets: Vec<String> = self
            .sheets
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mut s = s.clone();
                s.name.clone_from(&names[i]);
                sheet_xml(&s, i == 0, &mut strings)
            })
            .collect();
        let core = self.core_xml();
        let app = app_xml();

        let mut parts = vec![
            Part::new("[Content_Types].xml", content_types),
            Part::new("_rels/.rels", root_rels),
            Part::new("xl/workbook.xml", workbook),
            Part::new("xl/_rels/workbook.xml.rels", workbook_rels),
        ];
        for (i, xml) in sheets.into_iter().enumerate() {
            parts.push(Part::new(format!("xl/worksheets/sheet{}.xml", i + 1), xml));
        }
        parts.push(Part::new("xl/styles.xml", STYLES_XML));
        parts.push(Part::new("xl/sharedStrings.xml", strings.xml()));
        parts.push(Part::new("docProps/core.xml", core));
        parts.push(Part::new("docProps/app.xml", app));
        Package { parts }
    }

    /// `xl/workbook.xml`: the sheets by name, and the names Excel defines for filters and
    /// print titles.
    fn workbook_xml(&self, names: &[String]) -> String {
        let mut workbook = String::from(XML_DECL);
        let _ = write!(
            workbook,
            r#"<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><bookViews><workbookView/></bookViews><sheets>"#
        );
        for (i, name) in names.iter().enumerate() {
            workbook.push_str("<sheet name=\"");
            escape(&mut workbook, name);
            let _ = write!(workbook, r#"" sheetId="{0}" r:id="rId{0}"/>"#, i + 1);
        }
        workbook.push_str("</sheets>");
        let mut defined = String::new();
        for (i, (sheet, name)) in self.sheets.iter().zip(names).enumerate() {
            let quoted = quoted_sheet(name);
            if let Some(f) = sheet.autofilter {
                let _ = write!(
                    defined,
                    r#"<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">"#
                );
                escape(&mut defined, &format!("{quoted}!{}", f.absolute()));
                defined.push_str("</definedName>");
            }
            if let Some((first, last)) = sheet.print_title_rows {
                let _ = write!(
                    defined,
                    r#"<definedName name="_xlnm.Print_Titles" localSheetId="{i}">"#
                );
                escape(
                    &mut defined,
                    &format!("{quoted}!${}:${}", first + 1, last + 1),
                );
                defined.push_str("</definedName>");
            }
        }
        if !defined.is_empty() {
            let _ = write!(workbook, "<definedNames>{defined}</definedNames>");
        }
        workbook.push_str("</workbook>");
        workbook
    }

    /// `docProps/core.xml`: title, creator, times.
    fn core_xml(&self) -> String {
        let when = w3cdtf(&self.created);
        let mut core = String::from(XML_DECL);
        core.push_str(concat!(
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>"
        ));
        escape(&mut core, &cell_text(&self.title));
        let _ = write!(
            core,
            concat!(
                "</dc:title><dc:creator>{0}</dc:creator><cp:lastModifiedBy>{0}</cp:lastModifiedBy>",
                r#"<dcterms:created xsi:type="dcterms:W3CDTF">{1}</dcterms:created>"#,
                r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{1}</dcterms:modified>"#,
                "</cp:coreProperties>"
            ),
            CREATOR, when
        );
        core
    }
}

/// `[Content_Types].xml` for `n` sheets.
fn content_types(n: usize) -> String {
    let mut content_types = String::from(XML_DECL);
    content_types.push_str(concat!(
        r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
        r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
        r#"<Default Extension="xml" ContentType="application/xml"/>"#,
        r#"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    ));
    for i in 1..=n {
        let _ = write!(
            content_types,
            r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        );
    }
    content_types.push_str(concat!(
        r#"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
        r#"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#,
        r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
        r#"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#,
        "</Types>"
    ));
    content_types
}

/// `_rels/.rels`: the workbook and the document properties.
fn root_rels() -> String {
    let mut root_rels = String::from(XML_DECL);
    let _ = write!(
        root_rels,
        concat!(
            r#"<Relationships xmlns="{0}">"#,
            r#"<Relationship Id="rId1" Type="{1}/officeDocument" Target="xl/workbook.xml"/>"#,
            r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
            r#"<Relationship Id="rId3" Type="{1}/extended-properties" Target="docProps/app.xml"/>"#,
            "</Relationships>"
        ),
        PKG_REL_NS, REL_NS
    );
    root_rels
}

/// `xl/_rels/workbook.xml.rels` for `n` sheets, the styles and the shared strings.
fn workbook_rels(n: usize) -> String {
    let mut workbook_rels = String::from(XML_DECL);
    let _ = write!(workbook_rels, r#"<Relationships xmlns="{PKG_REL_NS}">"#);
    for i in 1..=n {
        let _ = write!(
            workbook_rels,
            r#"<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>"#
        );
    }
    let _ = write!(
        workbook_rels,
        concat!(
            r#"<Relationship Id="rId{0}" Type="{2}/styles" Target="styles.xml"/>"#,
            r#"<Relationship Id="rId{1}" Type="{2}/sharedStrings" Target="sharedStrings.xml"/>"#,
            "</Relationships>"
        ),
        n + 1,
        n + 2,
        REL_NS
    );
    workbook_rels
}

/// `docProps/app.xml`: the application that wrote the file.
fn app_xml() -> String {
    let mut app = String::from(XML_DECL);
    let _ = write!(
        app,
        concat!(
            r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" "#,
            r#"xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#,
            "<Application>{}</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>",
            "</Properties>"
        ),
        CREATOR
    );
    app
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_style_has_its_entry_in_styles_xml() {
        let count = |tag: &str, open: &str| {
            let start = STYLES_XML.find(open).expect(open);
            let end = start
                + STYLES_XML[start..]
                    .find(&format!("</{}", &open[1..]))
                    .expect("closed");
            STYLES_XML[start..end].matches(tag).count()
        };
        assert_eq!(
            count("<xf ", "<cellXfs"),
            usize::from(Style::Target.index()) + 1
        );
        assert!(STYLES_XML.contains(&format!(
            r#"<cellXfs count="{}">"#,
            Style::Target.index() + 1
        )));
        assert!(STYLES_XML.contains(&format!(r#"<fills count="{}">"#, count("<fill>", "<fills"))));
        assert!(STYLES_XML.contains(&format!(r#"<fonts count="{}">"#, count("<font>", "<fonts"))));
        assert!(STYLES_XML.contains(&format!(
            r#"<borders count="{}">"#,
            count("<border>", "<borders")
        )));
    }

    #[test]
    fn column_names() {
        for (c, want) in [
            (0, "A"),
            (25, "Z"),
            (26, "AA"),
            (27, "AB"),
            (701, "ZZ"),
            (702, "AAA"),
        ] {
            assert_eq!(col_name(c), want);
        }
        assert_eq!(Range::new(0, 0, 2, 3).a1(), "A1:D3");
        assert_eq!(Range::new(4, 1, 4, 1).a1(), "B5");
        assert_eq!(Range::new(0, 0, 9, 6).absolute(), "$A$1:$G$10");
    }

    #[test]
    fn cell_text_strips_what_xml_forbids_and_guards_formulas() {
        for (input, want) in [
            ("plain", "plain"),
            ("a\u{0}b\u{1}c\u{1f}", "abc"),
            ("tab\there", "tab\there"),
            ("one\r\ntwo\rthree", "one\ntwo\nthree"),
            ("=SUM(A1)", "'=SUM(A1)"),
            ("\u{7}=1+1", "'=1+1"),
            ("@x", "'@x"),
            ("3-", "3-"),
            ("\u{FFFE}\u{FFFF}ok", "ok"),
        ] {
            assert_eq!(cell_text(input), want, "{input:?}");
        }
        let long = "能".repeat(MAX_CELL_CHARS + 5);
        assert_eq!(cell_text(&long).chars().count(), MAX_CELL_CHARS);
        let emoji = "😀".repeat(MAX_CELL_CHARS);
        assert_eq!(cell_text(&emoji).chars().count(), MAX_CELL_CHARS / 2);
    }

    #[test]
    fn shared_strings_escape_xml_and_excel_escapes() {
        let mut out = String::new();
        escape_string(&mut out, "a<b>&\"c\" _x0041_ _x12_ _xZZZZ_ __x00e9_");
        assert_eq!(
            out,
            "a&lt;b&gt;&amp;&quot;c&quot; _x005F_x0041_ _x12_ _xZZZZ_ __x005F_x00e9_"
        );
    }

    #[test]
    fn sheet_names_are_made_valid_and_unique() {
        let taken = vec!["Data".to_string()];
        assert_eq!(sheet_name("a/b:c*?[d]", &[]), "abcd");
        assert_eq!(sheet_name("", &[]), "Sheet");
        assert_eq!(sheet_name("data", &taken), "data (2)");
        assert_eq!(sheet_name(&"x".repeat(40), &[]).chars().count(), 31);
        assert_eq!(quoted_sheet("it's"), "'it''s'");
    }

    #[test]
    fn document_times() {
        assert_eq!(w3cdtf("2025-03-04"), "2025-03-04T00:00:00Z");
        assert_eq!(w3cdtf("2025-03-04T05:06:07.891Z"), "2025-03-04T05:06:07Z");
        assert_eq!(w3cdtf("soon"), "1980-01-01T00:00:00Z");
    }

    #[test]
    fn widths_count_wide_characters_twice() {
        assert_eq!(text_width("123"), 3.0);
        assert_eq!(text_width("AB-1"), 4.6);
        assert_eq!(text_width("能力域"), 6.0);
        assert_eq!(text_width("12\n能力"), 4.0);
        assert_eq!(text_width("a b"), 2.3);
    }

    #[test]
    fn wrapped_lines_follow_words_and_wide_characters() {
        assert_eq!(wrapped_lines("", 10.0), 1);
        assert_eq!(wrapped_lines("123", 10.0), 1);
        assert_eq!(wrapped_lines("one\ntwo\n", 10.0), 3);
        // Ten wide characters per line of 21 (one character of padding).
        assert_eq!(wrapped_lines(&"能".repeat(40), 21.0), 4);
        assert_eq!(wrapped_lines(&"能".repeat(41), 21.0), 5);
        // Words move to the next line whole: "12345 12345" needs two lines of 9 digits.
        assert_eq!(wrapped_lines("12345 12345", 10.0), 2);
        assert_eq!(wrapped_lines("12345 12", 10.0), 1);
        // A word longer than the line breaks inside.
        assert_eq!(wrapped_lines(&"1".repeat(20), 11.0), 2);
        assert_eq!(row_height(0), row_height(1));
        assert!(row_height(3) > 2.0 * row_height(1));
    }
}
