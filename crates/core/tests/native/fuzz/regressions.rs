//! What the mutation loops found, each kept as the smallest input that showed it.

use std::sync::{Arc, OnceLock};

use maturity_core::assess::assessment::{Assessment, Edit};
use maturity_core::formats::document;
use maturity_core::formats::exchange::{export, import, ImportKind, MAX_IMPORT_BYTES};
use maturity_core::model::synthetic::tiny_model_json;
use maturity_core::model::validate::{load_model, ProblemKind, MAX_TEXT_CHARS, QUOTE_CHARS};
use maturity_core::model::LoadedModel;
use maturity_core::text::Lang;
use serde_json::{json, Value};

/// A tiny model: two domains, a level the same as the one below, evidence at every level.
const TINY: &[&[&[&str]]] = &[&[&["1 2 s 1", "2 1 1 1"]], &[&["1 1 1 1"], &["3 s 1 2"]]];

/// A page to write workbook documents into.
const PAGE: &str = "<!DOCTYPE html>\n<html><head><title>x</title></head>\n<body>\n<div id=\"wb-app\"></div>\n<script type=\"module\">boot()</script>\n</body></html>\n";

fn tiny() -> Value {
    serde_json::from_str(&tiny_model_json(TINY)).unwrap()
}

fn models() -> &'static [Arc<LoadedModel>] {
    static M: OnceLock<Vec<Arc<LoadedModel>>> = OnceLock::new();
    M.get_or_init(|| vec![Arc::new(load_model(&tiny_model_json(TINY)).unwrap())])
}

fn tiny_model() -> Arc<LoadedModel> {
    Arc::clone(&models()[0])
}

fn exchange_of(a: &Assessment) -> Value {
    serde_json::from_str(&export(&tiny_model(), a, "2026-01-01T00:00:00.000Z")).unwrap()
}

fn fresh() -> Assessment {
    Assessment::new(
        "r1",
        "r",
        &tiny_model(),
        3,
        Lang::Zh,
        "2026-01-01T00:00:00.000Z",
    )
}

/// A model file repeating a key was checked with the last value (as JSON is read everywhere
/// here) and then read again, typed, with the first: "not valid JSON (invalid type: string,
/// expected struct Text)" for a file the check had passed.
#[test]
fn a_model_repeating_a_key_is_read_as_it_was_checked() {
    let text = tiny_model_json(TINY).replacen(
        "\"baseline\": {",
        "\"baseline\": \"<b>first</b>\", \"baseline\": {",
        1,
    );
    let m = load_model(&text).expect("the last value counts, as the check saw it");
    assert_eq!(m.item(0).baseline.en, "Baseline");
}

/// `null` for an optional list or flag passed the check (null is "absent" there) and failed
/// the typed read ("invalid type: null, expected a sequence"); and a level whose requirements
/// were `null` passed the check with none at all.
#[test]
fn null_optional_fields_of_a_model_read_as_absent() {
    let mut v = tiny();
    v["notes"] = Value::Null;
    let item = &mut v["domains"][0]["capabilities"][0]["items"][0];
    item["notes"] = Value::Null;
    item["explanation"] = Value::Null;
    item["levels"][0]["evidence"] = Value::Null;
    item["levels"][0]["same_as_lower"] = Value::Null;
    item["levels"][0]["requirements"][0]["explanation"] = Value::Null;
    let m = load_model(&v.to_string()).expect("null is absent");
    assert!(m.model.notes.is_empty() && m.item(0).levels[0].evidence.is_empty());

    let mut v = tiny();
    v["domains"][0]["capabilities"][0]["items"][0]["levels"][0]["requirements"] = Value::Null;
    let problems = load_model(&v.to_string()).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].kind, ProblemKind::NoRequirements);
    assert_eq!(
        problems[0].path,
        "$.domains[0].capabilities[0].items[0].levels[0].requirements"
    );
}

/// Once a text could lack a language (issue 21), a language written `null` passed the check
/// as absent but the typed read refused it ("invalid type: null, expected a string"): a level
/// name `{"zh": "…", "en": null}` now reads as Chinese only.
#[test]
fn a_language_written_null_reads_as_absent() {
    let mut v = tiny();
    let zh = v["levels"][1]["name"]["zh"].clone();
    v["levels"][1]["name"]["en"] = Value::Null;
    let m = load_model(&v.to_string()).expect("null is absent");
    assert_eq!(m.model.levels[1].name.zh, zh.as_str().unwrap());
    assert!(m.model.levels[1].name.en.is_empty());
}

/// Messages and paths repeated the file's text in full: a megabyte value made a megabyte
/// message in the import dialog and on the Models page.
#[test]
fn messages_and_paths_quote_the_file_cut_short() {
    let big = "中".repeat(100_000);
    let mut v = exchange_of(&fresh());
    v["answers"] = json!({ "D1-C1-I1-L2-1": { "status": big } });
    v["answers"][&big] = json!({ "status": "met" });
    v["assessment"]["project"][&big] = json!("x");
    let report = import(&v.to_string(), models());
    assert!(report.problems.len() >= 3, "{:?}", report.problems.len());
    for p in &report.problems {
        assert!(p.path.chars().count() < 200, "{}", p.path.len());
        for lang in Lang::ALL {
            let m = p.message(lang);
            assert!(m.chars().count() < 400, "{} chars", m.chars().count());
        }
    }
    let bad = report
        .problems
        .iter()
        .find(|p| matches!(p.kind, ImportKind::BadValue { .. }))
        .unwrap();
    let zh = bad.message(Lang::Zh);
    assert!(
        zh.contains(&format!("{}…", "中".repeat(QUOTE_CHARS))),
        "{zh}"
    );
    assert!(
        matches!(&bad.kind, ImportKind::BadValue { found, .. } if found.len() == big.len()),
        "the problem keeps the value; only its message is cut"
    );

    let mut m = tiny();
    m["format"] = json!(big);
    m["levels"][0]["level"] = json!([big]);
    for p in load_model(&m.to_string()).unwrap_err() {
        for lang in Lang::ALL {
            assert!(p.message(lang).chars().count() < 400, "{:?}", p.kind);
        }
    }
}

/// A file within the limit was accepted although what the workbook writes of it is over the
/// limit (pretty-printed, or in a document with every `<` written `\u003c`, six bytes): the
/// team's next export or saved document of it would have been refused.
#[test]
fn an_import_is_refused_when_its_own_export_could_not_be_read_back() {
    let mut a = fresh();
    a.apply(
        &Edit::Notes {
            item: "D1-C1-I1".into(),
            text: "<".repeat(MAX_IMPORT_BYTES / 5),
        },
        "t",
    );
    let file = export(&tiny_model(), &a, "2026-01-01T00:00:00.000Z");
    assert!(
        file.len() < MAX_IMPORT_BYTES,
        "the file itself is within the limit"
    );
    let report = import(&file, models());
    assert!(!report.is_ok());
    let p = report.errors().next().unwrap();
    assert!(
        matches!(p.kind, ImportKind::TooLargeWritten { bytes, limit } if bytes > limit && limit == MAX_IMPORT_BYTES),
        "{:?}",
        p.kind
    );
    for lang in Lang::ALL {
        assert!(p.message(lang).contains(&MAX_IMPORT_BYTES.to_string()));
    }

    // Just under: accepted, and its document reads back.
    a.apply(
        &Edit::Notes {
            item: "D1-C1-I1".into(),
            text: "<".repeat(MAX_IMPORT_BYTES / 6 - 10_000),
        },
        "t",
    );
    let file = export(&tiny_model(), &a, "2026-01-01T00:00:00.000Z");
    let back = import(&file, models())
        .assessment
        .expect("within the limit");
    let doc = document::write(
        PAGE,
        &export(&tiny_model(), &back, "2026-01-02T00:00:00.000Z"),
    )
    .unwrap();
    assert!(document::import_any(&doc, models()).is_ok());
}

/// Model texts are at most a spreadsheet cell long: a model with a megabyte evidence title was
/// accepted, and every export of an assessment of it (which carries the titles) was refused.
#[test]
fn model_texts_are_at_most_a_cell_long() {
    let mut v = tiny();
    let level = &mut v["domains"][1]["capabilities"][0]["items"][0]["levels"][1];
    level["evidence"][0]["title"]["en"] = json!("x".repeat(MAX_TEXT_CHARS));
    assert!(
        load_model(&v.to_string()).is_ok(),
        "the limit itself is allowed"
    );
    let level = &mut v["domains"][1]["capabilities"][0]["items"][0]["levels"][1];
    level["evidence"][0]["title"]["en"] = json!("中".repeat(MAX_TEXT_CHARS + 1));
    v["x-unknown"] = json!(["y".repeat(1 << 20)]);
    let problems = load_model(&v.to_string()).unwrap_err();
    let paths: Vec<(&str, &ProblemKind)> = problems
        .iter()
        .map(|p| (p.path.as_str(), &p.kind))
        .collect();
    assert_eq!(
        paths,
        [
            (
                "$.domains[1].capabilities[0].items[0].levels[1].evidence[0].title.en",
                &ProblemKind::TooLong {
                    chars: MAX_TEXT_CHARS + 1,
                    limit: MAX_TEXT_CHARS
                }
            ),
            (
                "$.x-unknown[0]",
                &ProblemKind::TooLong {
                    chars: 1 << 20,
                    limit: MAX_TEXT_CHARS
                }
            ),
        ]
    );
}

/// An evidence id at the top of the number range (`e4294967295`, from a file) made the next
/// entry's number overflow: a panic in a debug build, and in the shipped build the same id
/// (`e0`) for every entry added after, so removing one removed them all.
#[test]
fn an_entry_added_after_the_largest_id_gets_an_id_of_its_own() {
    let mut v = exchange_of(&fresh());
    let entries = v["items"]["D1-C1-I1"]["evidence"].as_array_mut().unwrap();
    assert!(entries.len() >= 2, "the tiny model expects evidence");
    entries[0]["id"] = json!("e4294967295");
    // An expected entry missing from the file is added again on import.
    entries.remove(1);
    let report = import(&v.to_string(), models());
    let mut a = report.assessment.expect("imports");
    let before = a.items["D1-C1-I1"].evidence.len();
    for _ in 0..3 {
        a.apply(
            &Edit::AddEvidence {
                item: "D1-C1-I1".into(),
            },
            "t",
        );
    }
    let entries = &a.items["D1-C1-I1"].evidence;
    let mut ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), before + 3);
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), before + 3, "every id once: {ids:?}");
    let last = entries.last().unwrap().id.clone();
    a.apply(
        &Edit::RemoveEvidence {
            item: "D1-C1-I1".into(),
            id: last,
        },
        "t",
    );
    assert_eq!(
        a.items["D1-C1-I1"].evidence.len(),
        before + 2,
        "one removed"
    );
}

/// The spreadsheet-form reader. A form whose rows under the header named no sub-item in the
/// columns recognised (found with separators inserted into the header row of a CSV form, so
/// that the sub-item column moved right of the rows' cells) was read without an error into a
/// model of no domain, which the model file's check then refused on confirming ("$.domains"
/// empty): the preview showed nothing wrong and 0 sub-items.
#[test]
fn a_form_without_sub_items_is_refused_at_its_header_row() {
    use maturity_core::model::form::{self, Choice, FormProblemKind, Opened};
    let header = "能力域,能力子域,能力项,能力子项,1级,2级,3级,4级,5级\n";
    for text in [
        header.to_string(),
        format!(
            "{}{}",
            header.replacen(',', ",,,,,,,,,,,,", 1),
            "运维,备份,数据库,数据库备份,无,1) 每天,1) 每小时,1) 实时,同上\n"
        ),
    ] {
        let Ok(Opened::Sheets(grids)) = form::open(text.as_bytes(), "f.csv", &mut |_, _, _| {
            Err("not a zip".into())
        }) else {
            panic!("a CSV opens");
        };
        let read = form::read(&grids, &Choice::default(), "f.csv", "2026-12-04");
        assert!(read.has_errors(), "{:?}", read.problems);
        assert!(
            read.problems
                .iter()
                .any(|p| p.kind == FormProblemKind::NoItems && p.cell == "f!1:1"),
            "{:?}",
            read.problems
        );
    }
}

/// Form messages quoted the file in full: a 32,767-character code in the ID column, a
/// megabyte-long sheet name in every cell's address, a zip inflater's reason holding the
/// bytes it inflated.
#[test]
fn form_messages_quote_the_file_cut_short() {
    use maturity_core::model::form::{FormError, FormProblem, FormProblemKind};
    let big = "x".repeat(40_000);
    let problems = [
        FormProblem {
            cell: "f!A5".into(),
            kind: FormProblemKind::IdNotUsed(big.clone()),
        },
        FormProblem {
            cell: "f!A5".into(),
            kind: FormProblemKind::BadLevel(big.clone()),
        },
        FormProblem {
            cell: "f!A5".into(),
            kind: FormProblemKind::DuplicateItem {
                name: big.clone(),
                first: "f!A4".into(),
            },
        },
    ];
    let errors = [
        FormError::Damaged(big.clone()),
        FormError::Unreadable {
            part: big.clone(),
            doctype: false,
        },
        FormError::TooManyRows {
            sheet: big.clone(),
            limit: 1,
        },
    ];
    for lang in Lang::ALL {
        for m in problems
            .iter()
            .map(|p| p.message(lang))
            .chain(errors.iter().map(|e| e.message(lang)))
        {
            assert!(m.chars().count() < 400, "{} chars", m.chars().count());
        }
    }
    // A sheet's name is cut when the workbook is read, as every problem's address holds it.
    let sheet = r#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>"#;
    let workbook = format!(
        r#"<workbook xmlns:r="r"><sheets><sheet name="{big}" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    );
    let zip = maturity_core::formats::zip::write(&[
        maturity_core::formats::zip::Part::new("xl/workbook.xml", workbook),
        maturity_core::formats::zip::Part::new(
            "xl/_rels/workbook.xml.rels",
            r#"<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        maturity_core::formats::zip::Part::new("xl/worksheets/sheet1.xml", sheet),
    ]);
    let opened =
        maturity_core::model::form::open(&zip, "f.xlsx", &mut |_, _, _| Err("stored only".into()));
    let Ok(maturity_core::model::form::Opened::Sheets(grids)) = opened else {
        panic!("the workbook opens: {opened:?}");
    };
    assert!(
        grids[0].name.chars().count() <= QUOTE_CHARS + 1,
        "{}",
        grids[0].name.len()
    );
}

/// A numbering marker followed only by a `说明：` line (`2)` then `说明： 要求`), or a long
/// layout's requirement cell that is only an explanation, gave a requirement without text: the
/// form read without an error, and the model file's check refused it ("NoText"). Its
/// explanation is now its text.
#[test]
fn a_requirement_with_only_an_explanation_takes_it_as_its_text() {
    use maturity_core::model::form::cells::{requirements, Req};
    assert_eq!(
        requirements("1) 要求\n2)\n说明： 补充"),
        vec![
            Req {
                text: "要求".into(),
                explanation: None
            },
            Req {
                text: "补充".into(),
                explanation: None
            },
        ]
    );
    assert_eq!(
        requirements("(1) \nNote: measured"),
        vec![Req {
            text: "measured".into(),
            explanation: None
        }]
    );
    assert_eq!(
        requirements("说明：只有说明"),
        vec![Req {
            text: "只有说明".into(),
            explanation: None
        }]
    );
}

/// A CSV form read with the page's default choice (no inflater: CSV only).
fn read_csv_form(text: &str) -> maturity_core::model::form::FormRead {
    use maturity_core::model::form::{self, Choice, Opened};
    let Ok(Opened::Sheets(grids)) = form::open(text.as_bytes(), "f.csv", &mut |_, _, _| {
        Err("not a zip".into())
    }) else {
        panic!("a CSV opens: {text:?}");
    };
    form::read(&grids, &Choice::default(), "f.csv", "2026-12-04")
}

const FORM_HEADER: &str = "能力域,能力子域,能力项,能力子项,1级,2级,3级,4级,5级\n";

/// A level cell (or a sub-item's cell) of control characters only was read as a requirement
/// (a name): the form read without an error, but written back the characters are dropped (a
/// spreadsheet cannot hold them) and the form read again had an empty level cell (no name). A
/// cell's control characters are now dropped when it is read, so the first read says so too.
#[test]
fn a_cell_of_control_characters_only_is_empty_on_the_first_read() {
    use maturity_core::model::form::FormProblemKind;
    let level = read_csv_form(&format!(
        "{FORM_HEADER}运维,备份,数据库,数据库备份,无,1) 每天,1) 每小时,\"\u{1}\u{1}\",同上\n"
    ));
    assert_eq!(level.problems.len(), 1, "{:?}", level.problems);
    assert_eq!(level.problems[0].kind, FormProblemKind::EmptyLevel(4));
    assert_eq!(level.problems[0].cell, "f!H2");
    let name = read_csv_form(&format!(
        "{FORM_HEADER}运维,备份,数据库,\u{1}\u{1}\u{1},无,1) 每天,1) 每小时,1) 实时,同上\n"
    ));
    assert_eq!(name.problems.len(), 1, "{:?}", name.problems);
    assert_eq!(name.problems[0].kind, FormProblemKind::ItemWithoutName);
    assert_eq!(name.problems[0].cell, "f!D2");
    // Inside a text they are dropped as the writer drops them.
    let inside = read_csv_form(&format!(
        "{FORM_HEADER}运维,备份,数据库,数据\u{7}库备份,无,1) 每天,1) 每小时,1) 实时,同上\n"
    ));
    assert!(!inside.has_errors(), "{:?}", inside.problems);
    assert_eq!(
        inside.model.domains[0].capabilities[0].items[0].name.zh,
        "数据库备份"
    );
}

/// An ID column value with an empty part (`D2--I1`) was taken as a sub-item's code, and its
/// capability's code made from it (`D2-`, not prefixed by its domain's `D2` and a part more):
/// the form read without an error, its model file was refused. Such a value is now not usable
/// as a code: the ID column is not used (a warning at its cell) and codes come from positions.
#[test]
fn an_id_column_code_with_an_empty_part_is_not_used() {
    use maturity_core::model::form::{self, FormProblemKind};
    let header = "编号,能力子域,能力项,能力子项,1级,2级,3级,4级,5级\n";
    for bad in ["D2--I1", "D2-C1-", "-D2-C1-I1"] {
        let text = format!(
            "{header}D1-C1-I1,备份,数据库,数据库备份,无,1) 每天,1) 每小时,1) 实时,同上\n\
             {bad},监控,告警,告警收敛,无,1) 有告警,1) 分级,1) 收敛,同上\n"
        );
        let read = read_csv_form(&text);
        assert!(!read.has_errors(), "{bad}: {:?}", read.problems);
        assert_eq!(
            read.problems
                .iter()
                .map(|p| (p.cell.as_str(), &p.kind))
                .collect::<Vec<_>>(),
            [("f!A3", &FormProblemKind::IdNotUsed(bad.into()))],
            "{bad}"
        );
        let model = form::finish(&read, "备份", "f", "2026-12-04");
        load_model(&model).unwrap_or_else(|p| panic!("{bad}: {p:?}"));
    }
    // Codes of the ID column that would give a capability the code of another row's sub-item
    // (`A-B-C` under `A-B`, and `A-B-C-D` under `A-B-C`) are not made parents either.
    let text = format!(
        "{header}A-B-C,备份,数据库,数据库备份,无,1) 每天,1) 每小时,1) 实时,同上\n\
         A-B-C-D,监控,告警,告警收敛,无,1) 有告警,1) 分级,1) 收敛,同上\n"
    );
    let read = read_csv_form(&text);
    assert!(!read.has_errors(), "{:?}", read.problems);
    load_model(&form::finish(&read, "备份", "f", "2026-12-04")).expect("codes apart");
}

/// The form's CSV wrote a title starting with `<` unquoted (a file starting so is not read as
/// CSV: "not a spreadsheet"), texts holding more `;` than the form has commas unquoted (the
/// reader took `;` for the separator and found no header), and texts as the model has them,
/// a NUL of a level's name (from an .xlsx header cell) included ("not a spreadsheet" again).
/// Such fields are now quoted, and texts written as the .xlsx writes them.
#[test]
fn the_form_csv_reads_back_whatever_its_texts_hold() {
    use maturity_core::model::form::{self, write};
    let semicolons = "a;".repeat(200);
    let read = read_csv_form(&format!(
        "{FORM_HEADER}运维,备份,数据库,数据库备份,无,\"1) {semicolons}\",1) 每小时,1) 实时,同上\n"
    ));
    assert!(!read.has_errors(), "{:?}", read.problems);
    let loaded = load_model(&form::finish(&read, "<t>{x}", "f", "2026-12-04")).unwrap();
    let csv = write::form_csv(&loaded.model, Lang::Zh, "2026-12-04");
    let again = read_csv_form(&csv);
    assert!(!again.has_errors(), "{:?}", again.problems);
    assert_eq!(again.model.title.zh, "<t>{x}");
    assert_eq!(
        again.model.domains[0].capabilities[0].items[0].levels[0].requirements[0]
            .text
            .zh,
        semicolons
    );
    let mut model = loaded.model.clone();
    model.levels[1].name = maturity_core::text::Text::only(Lang::Zh, "基\u{0}础级");
    let again = read_csv_form(&write::form_csv(&model, Lang::Zh, "2026-12-04"));
    assert!(!again.has_errors(), "{:?}", again.problems);
    assert_eq!(again.model.levels[1].name.zh, "基础级");
}

/// A workbook naming one sheet part 8,909 times was read in 0.9 to 1 s (the loop's bound): the
/// part was parsed once per name. A part named by several sheets is now read once.
#[test]
fn a_sheet_part_named_many_times_is_read_once() {
    use maturity_core::formats::zip::{write, Part};
    use maturity_core::model::form::{self, Opened};
    let sheets = r#"<sheet name="x" r:id="rId1"/>"#.repeat(5000);
    let workbook = format!(r#"<workbook xmlns:r="r"><sheets>{sheets}</sheets></workbook>"#);
    let zip = write(&[
        Part::new("xl/workbook.xml", workbook),
        Part::new(
            "xl/_rels/workbook.xml.rels",
            r#"<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        Part::new(
            "xl/worksheets/sheet1.xml",
            r#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>"#,
        ),
    ]);
    let opened = form::open(&zip, "f.xlsx", &mut |_, _, _| Err("stored only".into()));
    let Ok(Opened::Sheets(grids)) = opened else {
        panic!("the workbook opens: {opened:?}");
    };
    assert_eq!(grids.len(), 1);
}
