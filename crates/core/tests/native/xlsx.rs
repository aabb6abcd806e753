//! The `.xlsx` export read back: the zip container checked byte by byte (every CRC and size,
//! with an independent CRC and inflater), the workbook read by `calamine` (sheet names, cell
//! values, merged ranges, defined names), text of any kind round-tripping as the guarded,
//! stripped text, and the CAICT workbook's sheets against the scoring engine.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use maturity_core::formats::xlsx::{cell_text, Cell, Package, Range, Sheet, Style, XlsxBook};
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

fn sample() -> XlsxBook {
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
    XlsxBook {
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
    maturity_core::formats::csv::guard(&lines).into_owned()
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
        let book = XlsxBook { title: texts[0].clone(), created: "2025-01-01".into(), sheets: vec![sheet] };
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

// ---------------------------------------------------------------------------------------------
// The CAICT workbook against the scoring engine.

mod caict {
    use super::*;
    use maturity_core::assess::assessment::{
        Assessment, Edit, EvidenceField, EvidenceStatus, NaKind, ProjectField, Status,
    };
    use maturity_core::assess::gap::evidence_plan;
    use maturity_core::assess::rule::Rule;
    use maturity_core::assess::score::{score, Results};
    use maturity_core::formats::caict::{caict_workbook, workbook};
    use maturity_core::model::validate::load_model;
    use maturity_core::model::LoadedModel;
    use maturity_core::model::EMBEDDED_MODEL;
    use maturity_core::text::Lang;
    use std::sync::OnceLock;

    const TODAY: &str = "2025-06-30";
    const NOW: &str = "2025-06-30T08:00:00Z";

    fn model() -> &'static LoadedModel {
        static MODEL: OnceLock<LoadedModel> = OnceLock::new();
        MODEL.get_or_init(|| load_model(EMBEDDED_MODEL).expect("embedded model loads"))
    }

    /// A partly answered assessment: the first domains mostly met to level 3 (with N/A and
    /// partial answers sprinkled in), the rest barely started; notes, comments that look like
    /// formulas, evidence edits, an entry the team added, and the registration fields.
    fn assessment(target: u8) -> Assessment {
        let m = model();
        let mut a = Assessment::new("x1", "持续交付自评 2025", m, target, Lang::Zh, NOW);
        for r in 0..m.requirement_count() {
            let pos = m.requirement_pos(r);
            let early = pos.item < m.item_count() / 2;
            let status = match (early, pos.level, r % 7) {
                (true, 2..=3, 5) => Some(Status::NotApplicable),
                (true, 2..=3, 4) if pos.item.is_multiple_of(3) => Some(Status::Partial),
                (true, 2..=3, _) => Some(Status::Met),
                (true, 4, 0) => Some(Status::Met),
                (false, 2, 0..=3) => Some(Status::Met),
                (_, _, 1) => Some(Status::NotMet),
                _ => None,
            };
            let id = m.requirement_id(r).to_string();
            a.apply(
                &Edit::Answer {
                    req: id.clone(),
                    status,
                },
                NOW,
            );
            if status == Some(Status::NotApplicable) && r.is_multiple_of(2) {
                a.apply(
                    &Edit::NaReason {
                        req: id.clone(),
                        kind: NaKind::NotUsed,
                        text: "无数据库 no DB".into(),
                    },
                    NOW,
                );
            }
            if r.is_multiple_of(11) {
                a.apply(
                    &Edit::Comment {
                        req: id,
                        text: format!("=HYPERLINK(\"x\") 备注 {r}"),
                    },
                    NOW,
                );
            }
        }
        let first = m.item(0).code.clone();
        a.apply(
            &Edit::Notes {
                item: first.clone(),
                text: "问题：是否需要独立的制品库？\n思路：先评估 <tools> & costs".into(),
            },
            NOW,
        );
        let entry = a.items[&first].evidence[0].id.clone();
        for field in [
            EvidenceField::Status(EvidenceStatus::Ready),
            EvidenceField::Owner("张三".into()),
            EvidenceField::Location("https://wiki.example/cm?a=1&b=2".into()),
            EvidenceField::Due("2025-07-15".into()),
        ] {
            a.apply(
                &Edit::Evidence {
                    item: first.clone(),
                    id: entry.clone(),
                    field,
                },
                NOW,
            );
        }
        a.apply(
            &Edit::AddEvidence {
                item: first.clone(),
            },
            NOW,
        );
        let added = a.items[&first].evidence.last().unwrap().id.clone();
        a.apply(
            &Edit::Evidence {
                item: first,
                id: added,
                field: EvidenceField::Title("自行补充的流程图".into()),
            },
            NOW,
        );
        for (n, f) in ProjectField::ALL.into_iter().enumerate() {
            a.apply(
                &Edit::Project {
                    field: f,
                    value: format!("{f:?} 值 {n}"),
                },
                NOW,
            );
        }
        a
    }

    fn results(a: &Assessment) -> Results {
        score(model(), &a.answers, a.target_level, Rule::default())
    }

    fn read(a: &Assessment, lang: Lang) -> (Xlsx<Cursor<Vec<u8>>>, Vec<Entry>) {
        let mut package = caict_workbook(model(), a, lang, TODAY);
        deflate_all(&mut package);
        let zip = package.to_zip();
        let entries = read_zip(&zip);
        assert_xml_chars(&entries);
        (open(zip), entries)
    }

    const NAMES_ZH: [&str; 5] = ["自评表", "统计结果", "要求明细", "材料清单", "登记表"];
    const NAMES_EN: [&str; 5] = [
        "Self-assessment",
        "Statistics",
        "Requirements",
        "Evidence checklist",
        "Registration",
    ];

    #[test]
    fn sheet_names_in_both_languages_and_the_standard_layout() {
        let a = assessment(3);
        for (lang, names) in [(Lang::Zh, NAMES_ZH), (Lang::En, NAMES_EN)] {
            let package = caict_workbook(model(), &a, lang, TODAY);
            let parts: Vec<&str> = package.parts.iter().map(|p| p.name.as_str()).collect();
            assert_eq!(parts, standard_layout(5));
            let (book, _) = read(&a, lang);
            assert_eq!(book.sheet_names(), names.to_vec());
        }
    }

    /// Rows of the self-assessment form before the first sub-item: title, five header-block
    /// rows (organisation and project, model, target and overall, the "N-" legend, the rule),
    /// the column header.
    const FORM_FIRST: u32 = 7;

    #[test]
    fn the_form_rows_match_the_engine() {
        let m = model();
        for target in [3, 4] {
            let a = assessment(target);
            let r = results(&a);
            for (lang, names) in [(Lang::Zh, NAMES_ZH), (Lang::En, NAMES_EN)] {
                let (mut book, _) = read(&a, lang);
                let form = book.worksheet_range(names[0]).unwrap();
                // Header block.
                assert_eq!(value(&form, 1, 2), a.project.organisation);
                assert_eq!(value(&form, 1, 5), a.project.project);
                assert_eq!(value(&form, 1, 10), TODAY);
                assert!(value(&form, 2, 2).contains(&m.model.version));
                assert!(value(&form, 3, 2).contains(&target.to_string()));
                assert!(value(&form, 3, 5).starts_with(&r.part.label.words(lang)));
                assert!(value(&form, 4, 2).contains("N-"));
                assert!(value(&form, 5, 2).contains(Rule::default().statement().get(lang)));
                let gap_header = value(&form, FORM_FIRST - 1, 10);
                assert!(gap_header.contains(&target.to_string()), "{gap_header}");

                let mut below = 0;
                for i in 0..m.item_count() {
                    let row = FORM_FIRST + i as u32;
                    let it = m.item(i);
                    assert_eq!(
                        value(&form, row, 3),
                        format!("{} {}", it.code, it.name.get(lang))
                    );
                    assert_eq!(
                        value(&form, row, 9),
                        r.items[i].label.to_string(),
                        "{}",
                        it.code
                    );
                    // The gap names exactly the requirements the engine finds blocking.
                    let want: Vec<&str> = r
                        .blocking
                        .iter()
                        .filter(|&&b| m.requirement_pos(b).item == i)
                        .map(|&b| m.requirement_id(b))
                        .collect();
                    let gap = value(&form, row, 10);
                    let named: Vec<&str> = gap
                        .lines()
                        .skip(1)
                        .filter_map(|l| l.split(' ').next())
                        .collect();
                    if r.items[i].level() >= target {
                        assert!(want.is_empty());
                        assert_eq!(gap.lines().count(), 1, "{gap}");
                    } else {
                        below += 1;
                        assert_eq!(named, want, "{}", it.code);
                    }
                    // Level texts: level 2 lists its requirements, numbered.
                    let level2 = value(&form, row, 5);
                    let first_req = &it.levels[0];
                    if !first_req.same_as_lower {
                        assert!(level2.starts_with("1) "), "{level2}");
                        assert!(level2.contains(first_req.requirements[0].text.get(lang)));
                    }
                    assert_eq!(value(&form, row, 4), it.baseline.get(lang));
                }
                assert!(
                    below > 5 && below < m.item_count(),
                    "a mix of met and blocked: {below}"
                );
                // Notes, with their line break.
                assert!(
                    value(&form, FORM_FIRST, 11).starts_with("问题：是否需要独立的制品库？\n思路")
                );
                assert!(form
                    .get_value((FORM_FIRST + m.item_count() as u32, 0))
                    .is_none_or(|d| *d == Data::Empty));
            }
        }
    }

    #[test]
    fn the_form_merges_part_domains_and_capabilities() {
        let m = model();
        let a = assessment(3);
        let (mut book, _) = read(&a, Lang::Zh);
        let form = book.worksheet_range("自评表").unwrap();
        let merges = book.worksheet_merge_cells("自评表").unwrap().unwrap();
        let spans = |col: u32| {
            let mut v: Vec<((u32, u32), (u32, u32))> = merges
                .iter()
                .filter(|d| d.start.1 == col && d.end.1 == col && d.start.0 >= FORM_FIRST)
                .map(|d| (d.start, d.end))
                .collect();
            v.sort();
            v
        };
        let last = FORM_FIRST + m.item_count() as u32 - 1;
        assert_eq!(spans(0), vec![((FORM_FIRST, 0), (last, 0))]);
        assert_eq!(value(&form, FORM_FIRST, 0), m.title(Lang::Zh));
        // Each domain's rows, merged in column B, named in the top cell.
        let domains = spans(1);
        assert_eq!(domains.len(), m.domain_count());
        for (d, ((top, _), (bottom, _))) in domains.into_iter().enumerate() {
            let items: Vec<u32> = (0..m.item_count())
                .filter(|&i| m.item_index(i).domain == d)
                .map(|i| FORM_FIRST + i as u32)
                .collect();
            assert_eq!((top, bottom), (items[0], *items.last().unwrap()));
            let domain = m.domain(d);
            assert_eq!(
                value(&form, top, 1),
                format!("{} {}", domain.code, domain.name.zh)
            );
        }
        // Capabilities with more than one sub-item are merged in column C.
        let caps = spans(2);
        let multi = (0..m.capability_count())
            .filter(|&c| m.capability_items(c).len() > 1)
            .count();
        assert_eq!(caps.len(), multi);
        for ((top, _), (bottom, _)) in caps {
            let c = m.item_index((top - FORM_FIRST) as usize).capability;
            let range = m.capability_items(c);
            assert_eq!(
                (top, bottom),
                (
                    FORM_FIRST + range.start as u32,
                    FORM_FIRST + range.end as u32 - 1
                )
            );
        }
    }

    #[test]
    fn statistics_count_sub_items_per_domain_and_overall() {
        let m = model();
        let a = assessment(3);
        let r = results(&a);
        let (mut book, _) = read(&a, Lang::En);
        let stats = book.worksheet_range("Statistics").unwrap();
        for d in 0..m.domain_count() {
            let row = 2 + d as u32;
            let domain = m.domain(d);
            assert_eq!(
                value(&stats, row, 0),
                format!("{} {}", domain.code, domain.name.en)
            );
            for level in 1..=5u8 {
                let want = (0..m.item_count())
                    .filter(|&i| m.item_index(i).domain == d && r.items[i].level() == level)
                    .count();
                assert_eq!(value(&stats, row, u32::from(level)), want.to_string());
            }
            assert_eq!(value(&stats, row, 7), r.domains[d].label.to_string());
            assert_eq!(value(&stats, row, 8), r.domains[d].blocking.to_string());
        }
        let total = 2 + m.domain_count() as u32;
        for level in 0..5 {
            assert_eq!(
                value(&stats, total, level + 1),
                r.distribution[level as usize].to_string()
            );
        }
        assert_eq!(value(&stats, total, 6), m.item_count().to_string());
        assert_eq!(value(&stats, total, 7), r.part.label.to_string());
        assert_eq!(value(&stats, total, 8), r.blocking.len().to_string());
    }

    #[test]
    fn one_requirement_row_per_requirement() {
        let m = model();
        let a = assessment(3);
        let r = results(&a);
        let (mut book, _) = read(&a, Lang::Zh);
        let sheet = book.worksheet_range("要求明细").unwrap();
        assert_eq!(m.requirement_count(), 284);
        assert_eq!(
            sheet.end().unwrap().0,
            m.requirement_count() as u32,
            "a header and 284 rows"
        );
        for req in 0..m.requirement_count() {
            let row = req as u32 + 1;
            let id = m.requirement_id(req);
            let pos = m.requirement_pos(req);
            assert_eq!(value(&sheet, row, 0), id);
            assert_eq!(value(&sheet, row, 2), pos.level.to_string());
            assert_eq!(value(&sheet, row, 3), m.requirement(req).text.zh);
            let answer = a.answers.get(id);
            let want = match answer.map(|x| x.status) {
                Some(Status::Met) => "满足",
                Some(Status::Partial) => "部分满足",
                Some(Status::NotMet) => "不满足",
                Some(Status::NotApplicable) => "不适用",
                None => "未答",
            };
            assert_eq!(value(&sheet, row, 4), want);
            let comment = answer.map(|x| x.comment.as_str()).unwrap_or("");
            let want_comment = if comment.is_empty() {
                String::new()
            } else {
                format!("'{comment}")
            };
            assert_eq!(
                value(&sheet, row, 5),
                want_comment,
                "formula-like comments are guarded"
            );
            let reason = value(&sheet, row, 6);
            match answer.and_then(|x| x.na_reason.as_ref()) {
                Some(n) if answer.unwrap().status == Status::NotApplicable => {
                    assert_eq!(n.kind, NaKind::NotUsed);
                    assert_eq!(reason, "本系统不涉及：无数据库 no DB");
                }
                _ => assert_eq!(reason, ""),
            }
            let blocks = r.blocking.contains(&req);
            assert_eq!(
                value(&sheet, row, 7),
                if blocks { "是" } else { "" },
                "{id}"
            );
        }
    }

    #[test]
    fn the_evidence_rows_are_the_plan_for_the_target() {
        let m = model();
        for target in [3, 4] {
            let a = assessment(target);
            let plan = evidence_plan(m, &a);
            let (mut book, _) = read(&a, Lang::Zh);
            let sheet = book.worksheet_range("材料清单").unwrap();
            assert!(value(&sheet, 0, 0).contains(&target.to_string()));
            let mut row = 2;
            for p in &plan {
                let item = m.item(p.item);
                for line in &p.lines {
                    let code = line
                        .expected
                        .map(|n| m.item_index(p.item).evidence[n].code.clone())
                        .unwrap_or_else(|| item.code.clone());
                    assert_eq!(value(&sheet, row, 0), code);
                    assert_eq!(
                        value(&sheet, row, 1),
                        format!("{} {}", item.code, item.name.zh)
                    );
                    let levels: Vec<String> = line.levels.iter().map(u8::to_string).collect();
                    assert_eq!(value(&sheet, row, 2), levels.join("/"));
                    let status = match line.status() {
                        EvidenceStatus::Missing => "缺失",
                        EvidenceStatus::InProgress => "准备中",
                        EvidenceStatus::Ready => "已就绪",
                    };
                    assert_eq!(value(&sheet, row, 5), status);
                    let entry = line.entry.as_ref();
                    assert_eq!(
                        value(&sheet, row, 6),
                        entry.map(|e| e.owner.clone()).unwrap_or_default()
                    );
                    assert_eq!(
                        value(&sheet, row, 8),
                        entry.map(|e| e.due.clone()).unwrap_or_default()
                    );
                    row += 1;
                }
            }
            // Under the plan, after a blank row, what a material code is (no check yet).
            assert_eq!(value(&sheet, row, 0), "");
            assert!(value(&sheet, row + 1, 0).starts_with("材料编号 = "));
            assert_eq!(
                sheet.end().unwrap().0,
                row + 1,
                "no more rows than the plan and its note"
            );
            assert!(row > 30, "the plan has rows: {row}");
            // The edited entry and the one the team added.
            assert_eq!(value(&sheet, 2, 5), "已就绪");
            assert_eq!(value(&sheet, 2, 6), "张三");
            assert_eq!(value(&sheet, 2, 7), "https://wiki.example/cm?a=1&b=2");
            assert_eq!(value(&sheet, 2, 8), "2025-07-15");
            let added = (2..row).find(|&r| value(&sheet, r, 4) == "自行补充的流程图");
            assert!(added.is_some(), "the added entry is listed");
        }
    }

    /// The last check of the materials folder: the files found beside each line (one path per
    /// line of the cell), and the check's summary under the table; headers say 材料编号.
    #[test]
    fn the_evidence_sheet_lists_the_files_the_last_check_found() {
        use maturity_core::assess::materials::{check, CheckedFile, EvidenceCheck};
        let m = model();
        let mut a = assessment(3);
        let files = [
            "材料/CM-VC-VCS-L2-1-《版本控制系统基本使用规范》.docx",
            "材料/版本控制系统/版本控制系统基本使用规范-附录.pdf",
            "材料/CM-VC-VCS-L3-3-备份与恢复方案.docx",
            "材料/会议纪要.docx",
        ]
        .map(|p| CheckedFile {
            path: p.into(),
            size: 10,
            modified: String::new(),
        });
        let c = EvidenceCheck::new(m, &a, "2025-06-29T10:00:00.000Z", "材料", files.to_vec());
        a.apply(&Edit::EvidenceCheck(Some(Box::new(c.clone()))), NOW);
        let r = check(m, &a, &c.files);
        for (lang, names) in [(Lang::Zh, NAMES_ZH), (Lang::En, NAMES_EN)] {
            let (mut book, _) = read(&a, lang);
            let sheet = book.worksheet_range(names[3]).unwrap();
            assert_eq!(
                value(&sheet, 1, 0),
                maturity_core::text::i18n::materials::MATERIAL_CODE.get(lang)
            );
            assert_eq!(
                value(&sheet, 1, 9),
                maturity_core::text::i18n::materials::FILES_FOUND.get(lang)
            );
            let row_of = |code: &str| (2..).find(|&r| value(&sheet, r, 0) == code).unwrap();
            assert_eq!(
                value(&sheet, row_of("CM-VC-VCS-L2-1"), 9),
                "材料/CM-VC-VCS-L2-1-《版本控制系统基本使用规范》.docx\n材料/版本控制系统/版本控制系统基本使用规范-附录.pdf"
            );
            assert_eq!(
                value(&sheet, row_of("CM-VC-VCS-L3-3"), 9),
                "材料/CM-VC-VCS-L3-3-备份与恢复方案.docx"
            );
            assert_eq!(value(&sheet, row_of("CM-VC-VCS-L3-4"), 9), "");
            let end = sheet.end().unwrap().0;
            assert_eq!(
                value(&sheet, end, 0),
                maturity_core::text::i18n::materials::CHECK_LINE.fmt(
                    lang,
                    &[
                        ("t", &"2025-06-29 10:00"),
                        ("found", &r.found()),
                        ("needed", &r.needed())
                    ]
                )
            );
            assert_eq!(r.found(), 2);
        }
    }

    #[test]
    fn registration_values_and_document_properties() {
        let a = assessment(3);
        for (lang, names) in [(Lang::Zh, NAMES_ZH), (Lang::En, NAMES_EN)] {
            let (mut book, entries) = read(&a, lang);
            let sheet = book.worksheet_range(names[4]).unwrap();
            assert_eq!(value(&sheet, 2, 1), a.name);
            for (n, f) in ProjectField::ALL.into_iter().enumerate() {
                let row = 3 + n as u32;
                assert_eq!(value(&sheet, row, 0), f.text().get(lang));
                assert_eq!(value(&sheet, row, 1), a.project.get(f));
            }
            let core = part_text(&entries, "docProps/core.xml");
            assert!(
                core.contains(&format!("<dc:title>{} · ", a.project.project)),
                "{core}"
            );
            assert!(core.contains("<dc:creator>Maturity Workbook</dc:creator>"));
            assert!(core.contains(">2025-06-30T00:00:00Z</dcterms:created>"));

            // Print titles on every sheet, filters on the requirements and the evidence.
            let defined = book.defined_names().to_vec();
            let titles = defined
                .iter()
                .filter(|(n, _)| n == "_xlnm.Print_Titles")
                .count();
            assert_eq!(titles, 5, "{defined:?}");
            let filters: Vec<&String> = defined
                .iter()
                .filter(|(n, _)| n == "_xlnm._FilterDatabase")
                .map(|(_, f)| f)
                .collect();
            assert_eq!(filters.len(), 2);
            assert!(
                filters[0].starts_with(&format!("'{}'!$A$1:$H$285", names[2])),
                "{filters:?}"
            );
            assert!(
                filters[1].starts_with(&format!("'{}'!$A$2:$J$", names[3])),
                "{filters:?}"
            );
        }
    }

    #[test]
    fn an_empty_assessment_exports_too() {
        let m = model();
        let a = Assessment::new("e", "空白", m, 3, Lang::En, NOW);
        let r = results(&a);
        assert_eq!(r.part.label.to_string(), "1");
        let book = workbook(m, &a, Lang::En, TODAY);
        assert_eq!(book.sheets.len(), 5);
        let (mut read, _) = read(&a, Lang::En);
        let form = read.worksheet_range("Self-assessment").unwrap();
        assert_eq!(value(&form, FORM_FIRST, 9), "1");
        assert_eq!(
            value(&form, 1, 5),
            "空白",
            "no project name: the assessment's name"
        );
        assert_eq!(value(&form, 1, 2), "", "no organisation given");
    }

    /// Writes both languages to target/xlsx/ to look at in a spreadsheet program:
    /// `cargo test -p maturity-core --test native xlsx -- --ignored write_samples`.
    #[test]
    #[ignore]
    fn write_samples() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/xlsx");
        std::fs::create_dir_all(&dir).unwrap();
        let a = assessment(3);
        for (lang, name) in [(Lang::Zh, "caict-zh.xlsx"), (Lang::En, "caict-en.xlsx")] {
            let mut package = caict_workbook(model(), &a, lang, TODAY);
            deflate_all(&mut package);
            std::fs::write(dir.join(name), package.to_zip()).unwrap();
        }
    }
}
