//! Every reader of what users bring fuzzed by one seeded, deterministic mutation loop
//! ([`harness::run`]): the exchange import, the workbook document reader, the model validator
//! and the spreadsheet-form reader, each from a corpus of valid files ([`seeds`]) mutated by
//! [`mutate`] (bit flips, byte inserts and deletes, truncation, splices of two seeds, deep
//! nesting, long and huge strings, extreme numbers, repeated keys, invalid UTF-8, byte-order
//! marks, markup and placeholders in strings; in a form, its markers and headers, and the parts
//! inside an .xlsx). No input may panic or take more than [`harness::BOUND`], every message
//! must exist in both languages with nothing left unfilled and no megabyte of the file quoted,
//! and what is accepted must be consistent ([`readers`]: written again it reads back the same,
//! and it can be edited). What the loops found is kept in [`regressions`].
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
//! [`seeds`]), as the spreadsheet-form reader was added last: [`readers::form`] opens the bytes
//! (.xlsx inflated natively, CSV in UTF-8, UTF-16 or GB18030), recognises them with the page's
//! default choice and, without errors, finishes a model file that `load_model` must accept and
//! that, written back as a form, reads again the same; [`mutate::form`] mutates the parts
//! inside an .xlsx as well as the file.

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

#[test]
fn form_reader() {
    let seeds = seeds::forms();
    run(
        "form reader",
        &seeds,
        mutate::form(&seeds),
        cases(DEFAULT_CASES),
        BOUND,
        readers::form,
    )
    .assert_clean();
}
