//! What the mutation loops found, each kept as the smallest input that showed it.

use maturity_core::model::synthetic::tiny_model_json;
use maturity_core::model::validate::{load_model, ProblemKind};
use serde_json::Value;

/// A tiny model: two domains, a level the same as the one below, evidence at every level.
const TINY: &[&[&[&str]]] = &[&[&["1 2 s 1", "2 1 1 1"]], &[&["1 1 1 1"], &["3 s 1 2"]]];

fn tiny() -> Value {
    serde_json::from_str(&tiny_model_json(TINY)).unwrap()
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
