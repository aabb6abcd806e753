//! End-to-end tests: the built single-file workbook (`dist/maturity-workbook.html`) opened
//! through `file://` in headless Chromium, driven through ChromeDriver.
//! Run with `make test` (which builds dist/ first) or
//! `cargo test --features e2e --test e2e -- --test-threads=2`.

mod support;

mod a11y;
mod exchange;
mod foundation;
mod home;
mod keyboard;
mod models;
mod portfolio;
mod storage;
mod views;
