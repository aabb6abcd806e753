//! The `.xlsx` export read back: the zip container checked byte by byte (every CRC and size,
//! with an independent CRC and inflater), the workbook read by `calamine` (sheet names, cell
//! values, merged ranges, defined names), text of any kind round-tripping as the guarded,
//! stripped text, and the CAICT workbook's sheets against the scoring engine.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use maturity_workbook::core::xlsx::{cell_text, Cell, Package, Range, Sheet, Style, Workbook};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// A zip reader written for the test, independent of the writer.

/// CRC-32 with a lookup table (the writer computes it bit by bit).
fn crc32(data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (n, slot) in table.iter_mut().enumerate() {
        let mut c = n as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *slot = c;
    }
    let mut crc = !0u32;
    for &b in data {
        crc = table[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

fn u16_at(b: &[u8], at: usize) -> usize {
    usize::from(u16::from_le_bytes([b[at], b[at + 1]]))
}

fn u32_at(b: &[u8], at: usize) -> usize {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]) as usize
}

#[derive(Debug)]
struct Entry {
    name: String,
    method: usize,
    data: Vec<u8>,
}

/// Reads every entry through the central directory, checking that the local headers agree
/// with it, that the entries tile the file, and that every CRC and size is right.
fn read_zip(zip: &[u8]) -> Vec<Entry> {
    let end = zip.len() - 22;
    assert_eq!(
        &zip[end..end + 4],
        b"PK\x05\x06",
        "end record at the very end"
    );
    let count = u16_at(zip, end + 10);
    assert_eq!(count, u16_at(zip, end + 8));
    let cd_size = u32_at(zip, end + 12);
    let cd_offset = u32_at(zip, end + 16);
    assert_eq!(
        cd_offset + cd_size,
        end,
        "central directory ends at the end record"
    );

    let mut entries = Vec::new();
    let mut at = cd_offset;
    let mut expected_local = 0;
    for _ in 0..count {
        let record = at;
        assert_eq!(&zip[at..at + 4], b"PK\x01\x02");
        let method = u16_at(zip, at + 10);
        let crc = u32_at(zip, at + 16);
        let packed = u32_at(zip, at + 20);
        let size = u32_at(zip, at + 24);
        let name_len = u16_at(zip, at + 28);
        let extra = u16_at(zip, at + 30);
        let comment = u16_at(zip, at + 32);
        let local = u32_at(zip, at + 42);
        let name = String::from_utf8(zip[at + 46..at + 46 + name_len].to_vec()).unwrap();
        at += 46 + name_len + extra + comment;

        assert_eq!(local, expected_local, "{name}: entries follow each other");
        assert_eq!(&zip[local..local + 4], b"PK\x03\x04");
        // The local header repeats the central directory's fields, from "version needed" to
        // the uncompressed size, and the name.
        assert_eq!(
            zip[local + 4..local + 26],
            zip[record + 6..record + 28],
            "{name}: local header agrees"
        );
        assert_eq!(&zip[local + 30..local + 30 + name_len], name.as_bytes());
        let local_name_len = u16_at(zip, local + 26);
        let local_extra = u16_at(zip, local + 28);
        let body = local + 30 + local_name_len + local_extra;
        let raw = &zip[body..body + packed];
        expected_local = body + packed;
        let data = match method {
            0 => raw.to_vec(),
            8 => miniz_oxide::inflate::decompress_to_vec(raw).expect("inflates"),
            m => panic!("{name}: method {m}"),
        };
        assert_eq!(data.len(), size, "{name}: size");
        assert_eq!(crc32(&data) as usize, crc, "{name}: CRC");
        entries.push(Entry { name, method, data });
    }
    assert_eq!(
        expected_local, cd_offset,
        "nothing between the entries and the directory"
    );
    entries
}

fn part_text<'a>(entries: &'a [Entry], name: &str) -> &'a str {
    let e = entries
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("{name} missing"));
    std::str::from_utf8(&e.data).unwrap()
}

fn open(zip: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    calamine::open_workbook_from_rs(Cursor::new(zip)).expect("calamine opens the workbook")
}

/// The text of a cell (numbers as written), or "" for an empty one.
fn value(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(other) => panic!("unexpected cell {other:?}"),
    }
}

/// Compresses every part with miniz (raw deflate), standing in for the browser's
/// `CompressionStream('deflate-raw')`.
fn deflate_all(package: &mut Package) {
    for part in &mut package.parts {
        part.deflated = Some(miniz_oxide::deflate::compress_to_vec(&part.data, 6));
    }
}

const LAYOUT_HEAD: [&str; 4] = [
    "[Content_Types].xml",
    "_rels/.rels",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
];
const LAYOUT_TAIL: [&str; 4] = [
    "xl/styles.xml",
    "xl/sharedStrings.xml",
    "docProps/core.xml",
    "docProps/app.xml",
];

fn standard_layout(sheets: usize) -> Vec<String> {
    let mut names: Vec<String> = LAYOUT_HEAD.iter().map(|s| s.to_string()).collect();
    names.extend((1..=sheets).map(|i| format!("xl/worksheets/sheet{i}.xml")));
    names.extend(LAYOUT_TAIL.iter().map(|s| s.to_string()));
    names
}

// ---------------------------------------------------------------------------------------------
// The writer.

fn sample() -> Workbook {
    let mut first = Sheet::new("Data [1]");
    first.push(vec![
        Cell::text("Group", Style::Header),
        Cell::text("Name", Style::Header),
        Cell::text("Count", Style::Header),
    ]);
    first.push(vec![
        Cell::text("A", Style::Strong),
        Cell::text("x & <y>", Style::Text),
        Cell::number(3, Style::Center),
    ]);
    first.push(vec![
        Cell::blank(Style::Strong),
        Cell::text("能力子项", Style::Text),
        Cell::number(2.5, Style::Good),
    ]);
    first.merge(Range::new(1, 0, 2, 0));
    first.freeze_rows = 1;
    first.autofilter = Some(Range::new(0, 0, 2, 2));
    first.print_title_rows = Some((0, 0));
    first.fit_widths(6.0, 40.0);
    let mut second = Sheet::new("It's second");
    second.push(vec![Cell::text("=1+1", Style::Text)]);
    Workbook {
        title: "Sample <title>".into(),
        created: "2025-03-04T05:06:07.000Z".into(),
        sheets: vec![first, second],
    }
}

#[test]
fn the_package_has_the_standard_layout_and_reads_back() {
    let package = sample().package();
    let names: Vec<&str> = package.parts.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, standard_layout(2));
    let zip = package.to_zip();
    let entries = read_zip(&zip);
    assert!(entries.iter().all(|e| e.method == 0), "nothing compressed");

    let mut book = open(zip);
    assert_eq!(book.sheet_names(), vec!["Data 1", "It's second"]);
    let data = book.worksheet_range("Data 1").unwrap();
    assert_eq!(value(&data, 0, 0), "Group");
    assert_eq!(value(&data, 1, 1), "x & <y>");
    assert_eq!(value(&data, 1, 2), "3");
    assert_eq!(value(&data, 2, 1), "能力子项");
    assert_eq!(value(&data, 2, 2), "2.5");
    let merges = book.worksheet_merge_cells("Data 1").unwrap().unwrap();
    assert_eq!(merges.len(), 1);
    assert_eq!((merges[0].start, merges[0].end), ((1, 0), (2, 0)));
    let second = book.worksheet_range("It's second").unwrap();
    assert_eq!(value(&second, 0, 0), "'=1+1", "formula guard");

    let names = book.defined_names().to_vec();
    assert!(
        names
            .iter()
            .any(|(n, f)| n == "_xlnm.Print_Titles" && f == "'Data 1'!$1:$1"),
        "{names:?}"
    );
    assert!(
        names
            .iter()
            .any(|(n, f)| n == "_xlnm._FilterDatabase" && f == "'Data 1'!$A$1:$C$3"),
        "{names:?}"
    );
}

#[test]
fn sheet_xml_has_frozen_panes_filter_and_print_setup() {
    let zip = sample().package().to_zip();
    let entries = read_zip(&zip);
    let sheet = part_text(&entries, "xl/worksheets/sheet1.xml");
    assert!(sheet
        .contains(r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#));
    assert!(sheet.contains(r#"<autoFilter ref="A1:C3"/>"#));
    assert!(sheet.contains(r#"paperSize="9" orientation="landscape""#));
    assert!(sheet.contains(r#"<mergeCell ref="A2:A3"/>"#));
    // Child elements in the order the schema requires.
    let order = [
        "<sheetPr",
        "<dimension",
        "<sheetViews",
        "<sheetFormatPr",
        "<cols",
        "<sheetData",
        "<autoFilter",
        "<mergeCells",
        "<pageMargins",
        "<pageSetup",
        "<headerFooter",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|t| sheet.find(t).unwrap_or_else(|| panic!("{t}")))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");

    let core = part_text(&entries, "docProps/core.xml");
    assert!(core.contains("<dc:title>Sample &lt;title&gt;</dc:title>"));
    assert!(core.contains("<dc:creator>Maturity Workbook</dc:creator>"));
    assert!(core.contains(">2025-03-04T05:06:07Z</dcterms:created>"));
    assert!(part_text(&entries, "docProps/app.xml")
        .contains("<Application>Maturity Workbook</Application>"));
}

#[test]
fn deflated_parts_pass_the_integrity_check_and_read_back() {
    let mut package = sample().package();
    deflate_all(&mut package);
    let zip = package.to_zip();
    let stored = sample().package().to_zip();
    assert!(zip.len() < stored.len());
    let entries = read_zip(&zip);
    assert!(entries.iter().filter(|e| e.method == 8).count() >= 8);
    for (e, p) in entries.iter().zip(&sample().package().parts) {
        assert_eq!(e.data, p.data, "{}", e.name);
    }
    let mut book = open(zip);
    let data = book.worksheet_range("Data 1").unwrap();
    assert_eq!(value(&data, 2, 1), "能力子项");
}

#[test]
fn a_corrupted_crc_is_caught() {
    let mut zip = sample().package().to_zip();
    // Flip one byte of the first entry's content.
    zip[30 + "[Content_Types].xml".len() + 10] ^= 1;
    let caught = std::panic::catch_unwind(|| read_zip(&zip)).is_err();
    assert!(caught, "the checker notices");
}

fn text_strategy() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        any::<char>().prop_map(String::from),
        (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap().to_string()),
        Just("]]>".to_string()),
        Just("<".to_string()),
        Just("&".to_string()),
        Just("&amp;".to_string()),
        Just("=".to_string()),
        Just("+".to_string()),
        Just("-".to_string()),
        Just("@".to_string()),
        Just("_x0041_".to_string()),
        Just("_x005F_".to_string()),
        Just(" ".to_string()),
        Just("\r\n".to_string()),
        Just("\u{FFFE}".to_string()),
        Just("能力".to_string()),
    ];
    proptest::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
}

/// XML 1.0's `Char` production.
fn xml_char(c: char) -> bool {
    matches!(u32::from(c), 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

/// What a cell should read back as, written independently of the writer: the characters XML
/// allows, line breaks as `\n`, then the CSV exports' formula guard.
fn expected_text(t: &str) -> String {
    let kept: String = t.chars().filter(|&c| xml_char(c)).collect();
    let lines = kept.replace("\r\n", "\n").replace('\r', "\n");
    maturity_workbook::core::csv::guard(&lines).into_owned()
}

/// Every part is text made only of characters XML 1.0 allows.
fn assert_xml_chars(entries: &[Entry]) {
    for e in entries {
        let text = std::str::from_utf8(&e.data).expect("UTF-8");
        assert!(
            text.chars().all(xml_char),
            "{} has a character XML forbids",
            e.name
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_text_reads_back_as_the_guarded_stripped_text(texts in proptest::collection::vec(text_strategy(), 1..8)) {
        let mut sheet = Sheet::new("T");
        sheet.push(vec![Cell::text("marker", Style::Normal)]);
        for t in &texts {
            sheet.push(vec![Cell::text("k", Style::Normal), Cell::text(t.clone(), Style::Text)]);
        }
        let book = Workbook { title: texts[0].clone(), created: "2025-01-01".into(), sheets: vec![sheet] };
        let mut package = book.package();
        deflate_all(&mut package);
        let zip = package.to_zip();
        assert_xml_chars(&read_zip(&zip));
        let mut read = open(zip);
        let range = read.worksheet_range("T").unwrap();
        for (n, t) in texts.iter().enumerate() {
            let got = value(&range, n as u32 + 1, 1);
            prop_assert_eq!(&got, &expected_text(t), "from {:?}", t);
            prop_assert_eq!(got, cell_text(t));
        }
    }
}
