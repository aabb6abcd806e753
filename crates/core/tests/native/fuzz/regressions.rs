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
