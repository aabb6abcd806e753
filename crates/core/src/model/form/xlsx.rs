//! The sheets of an `.xlsx` workbook as [`Grid`]s: the workbook part names the sheets in
//! order, its relationships say where each is, shared strings hold most texts (as Excel and
//! WPS write them), inline strings and numbers are read as written, merged ranges kept.
//! Formulas are not run: a cell with a formula gives its stored result. Hidden sheets are read
//! after the visible ones.

use crate::model::form::sheet::{cut_text, parse_range, parse_ref, Grid, MAX_MERGES, MAX_ROWS};
use crate::model::form::xml::{attr, Event, Reader, XmlError};
use crate::model::form::zip::{Archive, Inflate};
use crate::model::form::FormError;

/// The sheets of the workbook, visible ones first, each as it reads.
pub fn read_sheets(bytes: &[u8], inflate: &mut Inflate<'_>) -> Result<Vec<Grid>, FormError> {
    let mut zip = Archive::open(bytes)?;
    let workbook_path = ["xl/workbook.xml"]
        .into_iter()
        .map(str::to_string)
        .chain(
            zip.entries
                .iter()
                .filter(|e| e.name.to_ascii_lowercase().ends_with("workbook.xml"))
                .map(|e| e.name.clone()),
        )
        .find(|p| zip.find(p).is_some())
        .ok_or(FormError::NotASpreadsheet)?;
    let dir = workbook_path
        .rsplit_once('/')
        .map(|(d, _)| format!("{d}/"))
        .unwrap_or_default();
    let workbook = part_text(&mut zip, &workbook_path, inflate)?.unwrap_or_default();
    let rels_path = format!("{dir}_rels/{}.rels", &workbook_path[dir.len()..]);
    let rels = part_text(&mut zip, &rels_path, inflate)?.unwrap_or_default();
    let rels = relationships(&rels).map_err(|e| unreadable(&rels_path, e))?;
    let target = |id: &str| {
        rels.iter().find(|r| r.0 == id).map(|r| {
            if let Some(abs) = r.2.strip_prefix('/') {
                abs.to_string()
            } else {
                format!("{dir}{}", r.2)
            }
        })
    };
    let shared_path = rels
        .iter()
        .find(|r| r.1.ends_with("/sharedStrings"))
        .and_then(|r| target(&r.0))
        .unwrap_or_else(|| format!("{dir}sharedStrings.xml"));
    let shared = match part_text(&mut zip, &shared_path, inflate)? {
        Some(text) => shared_strings(&text).map_err(|e| unreadable(&shared_path, e))?,
        None => Vec::new(),
    };
    let sheets = sheet_list(&workbook).map_err(|e| unreadable(&workbook_path, e))?;
    // Visible sheets first, then hidden ones, each in the workbook's order.
    let ordered = sheets
        .iter()
        .filter(|s| !s.2)
        .chain(sheets.iter().filter(|s| s.2));
    let mut grids = Vec::new();
    // A part named by several sheets is read once, as the first of them: a workbook listing
    // one part thousands of times would otherwise parse it as often.
    let mut read_parts: std::collections::HashMap<String, usize> = Default::default();
    for (name, id, _) in ordered {
        let Some(path) = target(id) else { continue };
        let lower = path.trim_start_matches('/').to_ascii_lowercase();
        if read_parts.insert(lower, 0).is_some() {
            continue;
        }
        let Some(text) = part_text(&mut zip, &path, inflate)? else {
            continue;
        };
        let grid = sheet(name, &text, &shared).map_err(|e| match e {
            SheetError::Xml(x) => unreadable(&path, x),
            SheetError::TooManyRows => FormError::TooManyRows {
                sheet: name.clone(),
                limit: MAX_ROWS,
            },
        })?;
        grids.push(grid);
    }
    if grids.is_empty() {
        return Err(FormError::NoSheets);
    }
    Ok(grids)
}

fn unreadable(part: &str, e: XmlError) -> FormError {
    FormError::Unreadable {
        part: part.to_string(),
        doctype: e == XmlError::Doctype,
    }
}

/// A part as UTF-8 text (None when the archive has no such part).
fn part_text(
    zip: &mut Archive<'_>,
    path: &str,
    inflate: &mut Inflate<'_>,
) -> Result<Option<String>, FormError> {
    let Some(bytes) = zip.read(path, inflate)? else {
        return Ok(None);
    };
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| FormError::Unreadable {
            part: path.to_string(),
            doctype: false,
        })
}

/// Relationships: (Id, Type, Target).
fn relationships(text: &str) -> Result<Vec<(String, String, String)>, XmlError> {
    let mut out = Vec::new();
    let mut r = Reader::new(text);
    while let Some(ev) = r.next()? {
        if let Event::Start {
            name: "Relationship",
            attrs,
            ..
        } = ev
        {
            let get = |k| attr(attrs, k).map(|v| v.into_owned()).unwrap_or_default();
            out.push((get("Id"), get("Type"), get("Target")));
        }
    }
    Ok(out)
}

/// The sheets named by the workbook: (name, relationship id, hidden).
fn sheet_list(text: &str) -> Result<Vec<(String, String, bool)>, XmlError> {
    let mut out = Vec::new();
    let mut r = Reader::new(text);
    while let Some(ev) = r.next()? {
        if let Event::Start {
            name: "sheet",
            attrs,
            ..
        } = ev
        {
            // Excel allows 31 characters; a longer name is cut, as every problem's cell quotes it.
            let name = attr(attrs, "name").unwrap_or_default();
            let name = crate::model::validate::quote(&name).into_owned();
            let id = attr(attrs, "id").unwrap_or_default().into_owned();
            let hidden = attr(attrs, "state").is_some_and(|s| s != "visible");
            out.push((name, id, hidden));
        }
    }
    Ok(out)
}

/// Excel's `_xHHHH_` escapes in stored text (`_x000D_` a carriage return, `_x005F_` an
/// underscore), decoded.
pub fn unescape_excel(text: &str) -> String {
    if !text.contains("_x") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("_x") {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let code = tail
            .get(2..6)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .filter(|_| tail.as_bytes().get(6) == Some(&b'_'))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32);
        match code {
            Some(c) => {
                out.push(c);
                rest = &tail[7..];
            }
            None => {
                out.push_str("_x");
                rest = &tail[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The shared strings, each cut to the cell limit; the flag says it was cut. Phonetic runs
/// (`<rPh>`, furigana) are not part of the text.
fn shared_strings(text: &str) -> Result<Vec<(String, bool)>, XmlError> {
    let mut out = Vec::new();
    let mut r = Reader::new(text);
    let mut current: Option<String> = None;
    while let Some(ev) = r.next()? {
        match ev {
            Event::Start {
                name: "si",
                empty: false,
                ..
            } => current = Some(String::new()),
            Event::Start {
                name: "si",
                empty: true,
                ..
            } => out.push((String::new(), false)),
            Event::Start {
                name: "rPh",
                empty: false,
                ..
            } => r.skip_element()?,
            Event::Start {
                name: "t",
                empty: false,
                ..
            } => {
                let t = r.text_until_end("t")?;
                if let Some(s) = current.as_mut() {
                    // Stop collecting far past the limit: the rest would be cut anyway.
                    if s.len() < 4 * crate::model::form::sheet::MAX_CELL_CHARS {
                        s.push_str(&t);
                    }
                }
            }
            Event::End { name: "si" } => {
                let mut s = unescape_excel(&current.take().unwrap_or_default());
                let cut = cut_text(&mut s);
                out.push((s, cut));
            }
            _ => {}
        }
    }
    Ok(out)
}

enum SheetError {
    Xml(XmlError),
    TooManyRows,
}

impl From<XmlError> for SheetError {
    fn from(e: XmlError) -> SheetError {
        SheetError::Xml(e)
    }
}

/// One sheet's cells and merged ranges.
fn sheet(name: &str, text: &str, shared: &[(String, bool)]) -> Result<Grid, SheetError> {
    let mut grid = Grid::new(name);
    // Shared strings enter the grid's strings when first used, once.
    let mut shared_index: Vec<u32> = vec![u32::MAX; shared.len()];
    let mut r = Reader::new(text);
    let mut row: u32 = 0;
    let mut next_row: u32 = 0;
    let mut col: u32 = 0;
    while let Some(ev) = r.next()? {
        match ev {
            Event::Start {
                name: "row", attrs, ..
            } => {
                row = attr(attrs, "r")
                    .and_then(|v| v.trim().parse::<u32>().ok())
                    .filter(|&n| n >= 1)
                    .map_or(next_row, |n| n - 1);
                next_row = row.saturating_add(1);
                col = 0;
            }
            Event::Start {
                name: "c",
                attrs,
                empty,
            } => {
                let (r_ref, c_ref) = attr(attrs, "r")
                    .and_then(|v| parse_ref(&v))
                    .unwrap_or((row, col));
                col = c_ref.saturating_add(1);
                if empty {
                    continue;
                }
                let kind = attr(attrs, "t").map(|v| v.into_owned()).unwrap_or_default();
                let value = cell_value(&mut r)?;
                let Some(value) = value else { continue };
                if value.trim().is_empty() {
                    continue;
                }
                if r_ref >= MAX_ROWS {
                    return Err(SheetError::TooManyRows);
                }
                match kind.as_str() {
                    "s" => {
                        let Some(n) = value
                            .trim()
                            .parse::<usize>()
                            .ok()
                            .filter(|&n| n < shared.len())
                        else {
                            continue;
                        };
                        if shared_index[n] == u32::MAX {
                            shared_index[n] = grid.add_string(shared[n].0.clone()).0;
                        }
                        if shared[n].1 {
                            grid.cut.push((r_ref, c_ref));
                        }
                        grid.set_index(r_ref, c_ref, shared_index[n]);
                    }
                    "b" => grid.set(
                        r_ref,
                        c_ref,
                        if value.trim() == "1" { "TRUE" } else { "FALSE" }.into(),
                    ),
                    _ => grid.set(r_ref, c_ref, unescape_excel(&value)),
                }
            }
            Event::Start {
                name: "mergeCell",
                attrs,
                ..
            } if grid.merges.len() < MAX_MERGES => {
                if let Some(m) = attr(attrs, "ref").and_then(|v| parse_range(&v)) {
                    grid.merges.push(m);
                }
            }
            _ => {}
        }
    }
    grid.spread_merges();
    Ok(grid)
}

/// The value of the cell just opened: `<v>` (number, shared string index, stored formula
/// result) or an inline string `<is><t>…</t></is>`. The reader is left after `</c>`.
fn cell_value(r: &mut Reader<'_>) -> Result<Option<String>, XmlError> {
    let mut value = None;
    let mut depth = 0usize;
    while let Some(ev) = r.next()? {
        match ev {
            Event::Start {
                name: "v" | "t",
                empty: false,
                ..
            } => {
                let text = r.text_until_end_any()?;
                value.get_or_insert_with(String::new).push_str(&text);
            }
            Event::Start {
                name: "rPh",
                empty: false,
                ..
            } => r.skip_element()?,
            Event::Start { empty: false, .. } => depth += 1,
            Event::End { name: "c" } if depth == 0 => return Ok(value),
            Event::End { .. } => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Err(XmlError::Broken("cell not closed"))
}

impl Reader<'_> {
    /// The text up to the next end tag of the element just opened (`<v>` or `<t>`).
    fn text_until_end_any(&mut self) -> Result<String, XmlError> {
        let mut out = String::new();
        while let Some(ev) = self.next()? {
            match ev {
                Event::Text(t) => {
                    if out.len() < 4 * crate::model::form::sheet::MAX_CELL_CHARS {
                        out.push_str(&t)
                    }
                }
                Event::End { .. } => return Ok(out),
                Event::Start { empty: false, .. } => self.skip_element()?,
                Event::Start { .. } => {}
            }
        }
        Err(XmlError::Broken("element not closed"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_escapes_decode() {
        assert_eq!(unescape_excel("a_x000D_b_x005F_x0041_"), "a\rb_x0041_");
        assert_eq!(unescape_excel("_x12_ _xZZZZ_"), "_x12_ _xZZZZ_");
    }

    #[test]
    fn a_sheet_reads_cells_strings_and_merges() {
        let shared = vec![
            ("能力项".to_string(), false),
            ("版本控制".to_string(), false),
        ];
        let xml = r#"<worksheet><sheetData><row r="2"><c r="B2" t="s"><v>0</v></c><c t="inlineStr"><is><t>x</t><rPh><t>ignored</t></rPh></is></c><c r="E2"><f>1+1</f><v>2</v></c></row><row><c t="s"><v>1</v></c><c t="s"><v>99</v></c></row></sheetData><mergeCells><mergeCell ref="A3:A4"/></mergeCells></worksheet>"#;
        let Ok(g) = sheet("S", xml, &shared) else {
            panic!()
        };
        assert_eq!(g.get(1, 1), "能力项");
        assert_eq!(g.get(1, 2), "x");
        assert_eq!(g.get(1, 4), "2");
        assert_eq!(g.get(2, 0), "版本控制");
        assert_eq!(g.get(2, 1), "");
        assert_eq!(g.merges.len(), 1);
    }
}
