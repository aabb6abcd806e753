//! Entry point of the browser build: everything lives in the library so that browser tests can
//! mount the same components.

fn main() {
    maturity_workbook::start();
}
