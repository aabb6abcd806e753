//! What the mutation loops found, each kept as the smallest input that showed it.

use maturity_core::model::synthetic::tiny_model_json;
use maturity_core::model::validate::load_model;

/// A tiny model: two domains, a level the same as the one below, evidence at every level.
const TINY: &[&[&[&str]]] = &[&[&["1 2 s 1", "2 1 1 1"]], &[&["1 1 1 1"], &["3 s 1 2"]]];

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
