//! Every reader of what users bring fuzzed by one seeded, deterministic mutation loop
//! ([`harness::run`]): the exchange import, the workbook document reader and the model
//! validator, each from a corpus of valid files ([`seeds`]) mutated by [`mutate`] (bit flips,
//! byte inserts and deletes, truncation, splices of two seeds, deep nesting, long and huge
//! strings, extreme numbers, repeated keys, invalid UTF-8, byte-order marks, markup and
//! placeholders in strings). No input may panic or take more than [`harness::BOUND`], every
//! message must exist in both languages with nothing left unfilled and no megabyte of the file
//! quoted, and what is accepted must be consistent ([`readers`]: written again it reads back
//! the same, and it can be edited). What the loops found is kept in [`regressions`].
//!
//! `make test-native` runs 5,000 inputs per reader in the optimised `fuzz` profile (overflow
//! checks on); `make fuzz` runs 100,000 each and prints count, time and the slowest input; a
//! plain `cargo test -p maturity-core` (debug) runs 200 each as a smoke test. `FUZZ_CASES`,
//! `FUZZ_SEED` and `FUZZ_CASE` (see [`harness`]) choose how many, which stream, and replay one
//! case; a failing input is also saved under `target/tmp/fuzz/`.
//!
//! A new reader is a test here calling
//! `run(name, &seeds, mutator, cases(DEFAULT_CASES), BOUND, reader).assert_clean()` with a
//! closure from bytes to an [`harness::Outcome`] (in [`readers`]) and valid files (in
//! [`seeds`]). The slot of the spreadsheet-form reader (`model::form`) is at the end of this
//! file.

mod harness;
mod mutate;
mod readers;
mod regressions;
mod seeds;

use harness::{cases, run, BOUND, DEFAULT_CASES};

#[test]
fn exchange_import() {
    let seeds = seeds::exchange();
    run(
        "exchange import",
        &seeds,
        mutate::json(&seeds),
        cases(DEFAULT_CASES),
        BOUND,
        readers::exchange,
    )
    .assert_clean();
}

#[test]
fn document_reader() {
    let seeds = seeds::documents();
    run(
        "document reader",
        &seeds,
        mutate::document,
        cases(DEFAULT_CASES),
        BOUND,
        readers::document,
    )
    .assert_clean();
}

#[test]
fn model_validator() {
    let seeds = seeds::models_files();
    run(
        "model validator",
        &seeds,
        mutate::json(&seeds),
        cases(DEFAULT_CASES),
        BOUND,
        readers::model,
    )
    .assert_clean();
}

// (4) The spreadsheet-form reader (`maturity_core::model::form`, branch `forms`). Plugging it
// in is three additions:
// - `readers::form(bytes) -> Outcome`: `form::open(bytes, "form.xlsx", &mut inflate)` (inflate
//   with miniz_oxide natively) then `form::read(&grids, &Choice::default(), "form.xlsx", date)`;
//   refused (`Outcome::refused`) with the `FormError` or the `FormProblem`s' messages (each
//   through `message(&address, |l| p.message(l))`); accepted when `form::finish(..)` gives a
//   text `load_model` accepts, consistent when that model written back as a form reads again
//   to the same model (`Outcome::accepted(warnings, inconsistency)`);
// - `seeds::forms()`: the CD and tiny models written as forms (`form::write`), as .xlsx and as
//   .csv (UTF-8, UTF-8 with BOM);
// - this test, and `i18n::form::ALL` in `harness::CATALOGUES`:
//
// #[test]
// fn form_reader() {
//     let seeds = seeds::forms();
//     run("form reader", &seeds, mutate::bytes, cases(DEFAULT_CASES), BOUND, readers::form)
//         .assert_clean();
// }
