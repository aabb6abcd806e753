//! End-to-end tests: the built single-file workbook (`dist/maturity-workbook.html`) opened
//! through `file://` in headless Chromium, driven through ChromeDriver, and (`firefox.rs`) in
//! headless Firefox ESR, driven through geckodriver with the preferences a real user has.
//! Run with `make test` (which builds dist/ first) or
//! `cargo test --features e2e --test e2e -- --test-threads=2`.

mod form_fixture;
mod support;
mod unzip;

mod a11y;
mod clarity;
mod documents;
mod exchange;
mod firefox;
mod forms;
mod foundation;
mod guard;
mod home;
mod keyboard;
mod materials;
mod models;
mod portfolio;
mod review;
mod storage;
mod views;
mod widths;
