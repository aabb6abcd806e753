//! The built single-file workbook (`dist/maturity-workbook.html`) through `file://` in REAL old
//! Chromium builds, the floor the README promises: Chromium 80 (the floor) and 88 (the first
//! with the File System Access API) run the whole path a team takes (open, answer, reload, export
//! JSON and .xlsx, Save as by download and the document reopened in a fresh profile, load a
//! model file, read a model from a spreadsheet form (.xlsx, and CSV in UTF-8 and GB18030),
//! print the report); Chromium 79 (below the floor) must show the start-up guard's
//! bilingual message instead of "Opening…".
//!
//! The builds come from the npm registry (`make setup` runs tools/old-chromium.sh) and are driven
//! over the DevTools protocol by `cdp.rs` (ChromeDriver refuses them). Every test starts its own
//! browsers with fresh profiles. Run with `make test-old-browsers` (which builds dist/ first) or
//! `cargo test --features e2e --test old_browsers -- --test-threads=2`.

mod cdp;
mod driver;
mod flows;
#[path = "../e2e/form_fixture.rs"]
mod form_fixture;
#[path = "../e2e/unzip.rs"]
mod unzip;

/// The same tests in each supported build.
macro_rules! in_chromium {
    ($module:ident, $major:literal) => {
        mod $module {
            use crate::cdp::run;
            use crate::flows;

            #[test]
            fn answers_survive_a_reload_and_export_to_json_and_xlsx() {
                run($major, flows::answer_reload_export);
            }

            #[test]
            fn save_as_downloads_a_document_that_reopens_in_a_fresh_profile() {
                run($major, flows::save_as_then_reopen);
            }

            #[test]
            fn a_model_file_loads_and_carries_an_assessment() {
                run($major, flows::load_a_model_file);
            }

            #[test]
            fn a_model_read_from_an_xlsx_form_carries_an_assessment_and_travels_in_its_document() {
                run($major, flows::model_from_an_xlsx_form);
            }

            #[test]
            fn a_model_is_read_from_a_csv_form_in_utf8_and_gb18030() {
                run($major, flows::model_from_a_csv_form);
            }

            #[test]
            fn the_report_prints_to_a_pdf_with_its_title_and_levels() {
                run($major, flows::print_the_report);
            }
        }
    };
}

in_chromium!(chromium_80, 80);
in_chromium!(chromium_88, 88);

mod chromium_79 {
    use crate::cdp::run;
    use crate::flows;

    #[test]
    fn shows_the_bilingual_message_instead_of_opening() {
        run(79, flows::below_the_floor);
    }
}
