//! Every file the workbook hands the user, in one place: the download helpers (a download the
//! browser refuses is told in a toast, never lost silently) and the exports of the open
//! assessment (the JSON exchange file, the three CSV layouts, the CAICT forms as .xlsx). The
//! export menu, the storage alert, the damaged-record page and the portfolio call these.

use std::sync::Arc;

use leptos::prelude::*;

use maturity_core::assess::assessment::Assessment;
use maturity_core::formats::exchange;
use maturity_core::formats::names::assessment_file;
use maturity_core::formats::{caict, csv, xlsx};
use maturity_core::model::LoadedModel;
use maturity_core::store::workspace::Toast;
use maturity_core::text::i18n;

use crate::ui::state::Workbook;
use crate::web::{browser, compress, files};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvLayout {
    Form,
    Requirements,
    Evidence,
}

/// Offers a file for download; if the browser refuses, says so instead of failing silently.
pub fn download(wb: Workbook, name: &str, mime: &str, text: &str) -> bool {
    match files::download(name, mime, text) {
        Ok(()) => true,
        Err(e) => {
            refused(wb, name, e.message(wb.lang.get_untracked()));
            false
        }
    }
}

/// Offers bytes for download, or says why not.
pub fn download_bytes(wb: Workbook, name: &str, mime: &str, bytes: &[u8]) -> bool {
    match files::download_bytes(name, mime, bytes) {
        Ok(()) => true,
        Err(e) => {
            refused(wb, name, e.message(wb.lang.get_untracked()));
            false
        }
    }
}

/// Confirms an export of the open assessment by naming the file it became.
fn exported(wb: Workbook, name: &str) {
    wb.toast.set(Some(Toast::Exported {
        file: name.to_string(),
    }));
}

/// Tells the user the browser refused a download.
fn refused(wb: Workbook, name: &str, detail: String) {
    wb.toast.set(Some(Toast::DownloadFailed {
        name: name.to_string(),
        detail,
    }));
}

/// Offers the raw text kept under a storage key for download (a quarantined record).
pub fn download_raw(wb: Workbook, key: &str) {
    if let Some(text) = wb.raw_stored(key) {
        let name = format!("{}.txt", key.replace(':', "_"));
        download(wb, &name, "text/plain;charset=utf-8", &text);
    }
}

/// The open assessment and its model, cloned for an export.
pub fn open_assessment(wb: Workbook) -> Option<(Arc<LoadedModel>, Assessment)> {
    let model = wb.model.get_untracked()?;
    let a = wb.with_current_untracked(|c| c.cloned())?;
    Some((model, a))
}

/// Downloads the JSON exchange file of the open assessment and records the export.
pub fn export_json(wb: Workbook) {
    let Some((model, a)) = open_assessment(wb) else {
        return;
    };
    let text = exchange::export(&model, &a, &browser::now_iso());
    let lang = wb.lang.get_untracked();
    let name = assessment_file(&model, &a, lang, &browser::today(), None, "json");
    if download(wb, &name, "application/json;charset=utf-8", &text) {
        wb.mark_exported();
        exported(wb, &name);
    }
}

pub fn export_csv(wb: Workbook, sheet: CsvLayout) {
    let Some((model, a)) = open_assessment(wb) else {
        return;
    };
    let lang = wb.lang.get_untracked();
    let (text, suffix) = match sheet {
        CsvLayout::Form => (csv::form(&model, &a, lang), i18n::FILE_FORM),
        CsvLayout::Requirements => (csv::requirements(&model, &a, lang), i18n::FILE_REQUIREMENTS),
        CsvLayout::Evidence => (csv::evidence(&model, &a, lang), i18n::FILE_EVIDENCE),
    };
    let name = assessment_file(
        &model,
        &a,
        lang,
        &browser::today(),
        Some(suffix.get(lang)),
        "csv",
    );
    if download(wb, &name, "text/csv;charset=utf-8", &text) {
        exported(wb, &name);
    }
}

/// Downloads the CAICT forms as one Excel workbook in the chosen language.
pub fn export_xlsx(wb: Workbook) {
    let Some((model, a)) = open_assessment(wb) else {
        return;
    };
    let lang = wb.lang.get_untracked();
    let today = browser::today();
    let package = caict::caict_workbook(&model, &a, lang, &today);
    let name = assessment_file(&model, &a, lang, &today, None, "xlsx");
    leptos::task::spawn_local(async move {
        let bytes = compress::build_xlsx(package).await;
        browser::mark("wb-xlsx-ready");
        if download_bytes(wb, &name, xlsx::MIME, &bytes) {
            exported(wb, &name);
        }
    });
}
