//! Importing an exchange file (file picker or drag and drop): the file is read and validated,
//! every problem is listed, and a preview says what would be added or replaced. Nothing is
//! stored until the user chooses "as a new assessment" or "replace".

use leptos::prelude::*;

use std::sync::Arc;

use maturity_core::assess::assessment::Assessment;
use maturity_core::assess::score::score;
use maturity_core::formats::document;
use maturity_core::formats::exchange::{ImportReport, Severity, MAX_IMPORT_BYTES};
use maturity_core::model::LoadedModel;
use maturity_core::store::workspace::Summary;
use maturity_core::text::i18n;
use maturity_core::text::{short_time, Lang};
use maturity_core::view::route::Route;

use crate::ui::mtext::mtext;
use crate::ui::state::{use_documents, use_workbook, Workbook};
use crate::web::{browser, docfile, files};

#[derive(Clone, Debug)]
pub struct ImportPreview {
    pub file_name: String,
    pub report: Option<ImportReport>,
    /// Reading the file failed before it could be parsed.
    pub read_error: Option<files::FileError>,
    pub existing: Option<Summary>,
}

impl ImportPreview {
    /// The preview of the document this page was opened from, when it cannot be opened.
    pub fn of_document(report: ImportReport) -> ImportPreview {
        ImportPreview {
            file_name: docfile::page_file_name().unwrap_or_default(),
            report: Some(report),
            read_error: None,
            existing: None,
        }
    }
}

#[derive(Clone, Copy)]
pub struct ImportState(pub RwSignal<Option<ImportPreview>>);

pub fn use_import() -> RwSignal<Option<ImportPreview>> {
    expect_context::<ImportState>().0
}

/// Reads a file and opens the preview.
pub fn start_import(wb: Workbook, state: RwSignal<Option<ImportPreview>>, file: web_sys::File) {
    let file_name = file.name();
    leptos::task::spawn_local(async move {
        let preview = match files::read_text(file, MAX_IMPORT_BYTES).await {
            Ok(text) => {
                let models = untrack(|| wb.models());
                let report = document::import_any(&text, models.all());
                let existing = report.assessment.as_ref().and_then(|a| {
                    untrack(|| wb.summaries())
                        .into_iter()
                        .find(|x| x.id == a.id)
                });
                ImportPreview {
                    file_name,
                    report: Some(report),
                    read_error: None,
                    existing,
                }
            }
            Err(e) => ImportPreview {
                file_name,
                report: None,
                read_error: Some(e),
                existing: None,
            },
        };
        state.set(Some(preview));
    });
}

/// The file input that starts an import.
#[component]
pub fn ImportInput() -> impl IntoView {
    let wb = use_workbook();
    let state = use_import();
    view! {
        <label class="file-input">
            <span>{move || wb.t(i18n::IMPORT_CHOOSE)}</span>
            <input
                type="file"
                data-action="import"
                accept=".json,.html,.htm,application/json,text/html"
                on:change=move |e| {
                    if let Some(f) = files::first_file_of_input(&e) {
                        start_import(wb, state, f)
                    }
                }
            />
        </label>
    }
}

#[component]
pub fn ImportPanel() -> impl IntoView {
    let wb = use_workbook();
    let state = use_import();
    move || {
        let preview = state.get()?;
        let lang = wb.lang.get();
        let alert = problems_alert(&preview, lang);
        let details = preview
            .report
            .as_ref()
            .and_then(|r| r.assessment.clone().map(|a| (a, r.model.clone())));
        // A model the file brought is added before its assessment is stored.
        let carried = preview.report.as_ref().and_then(|r| r.carried.clone());
        let body = details
            .map(|(a, model)| preview_body(a, model, carried, preview.existing.clone(), lang));
        Some(view! {
            <div class="overlay">
                <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="import-title">
                    <h2 id="import-title">
                        {i18n::IMPORT_PREVIEW.fmt(lang, &[("file", &preview.file_name)])}
                    </h2>
                    {alert}
                    {body}
                    <div class="actions">
                        <button
                            type="button"
                            data-action="import-cancel"
                            on:click=move |_| state.set(None)
                        >
                            {i18n::CANCEL.get(lang)}
                        </button>
                    </div>
                </div>
            </div>
        })
    }
}

/// Every problem of the file, errors first in the count, or why it could not be read.
fn problems_alert(preview: &ImportPreview, lang: Lang) -> Option<impl IntoView> {
    let problems = preview
        .report
        .as_ref()
        .map(|r| r.problems.clone())
        .unwrap_or_default();
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    (!problems.is_empty() || preview.read_error.is_some()).then(|| {
        let list = problems
            .iter()
            .map(|p| {
                let class = if p.severity == Severity::Error {
                    "error"
                } else {
                    "warning"
                };
                let sev = if p.severity == Severity::Error {
                    i18n::ERROR
                } else {
                    i18n::WARNING
                };
                view! {
                    <li class=class>
                        <strong>{sev.get(lang)}</strong>
                        " "
                        <code>{p.path.clone()}</code>
                        " "
                        {p.message(lang)}
                    </li>
                }
            })
            .collect_view();
        let class = if errors > 0 || preview.read_error.is_some() {
            "notice error"
        } else {
            "notice warn"
        };
        view! {
            <div class=class role="alert">
                <p>
                    {preview
                        .read_error
                        .as_ref()
                        .map(|e| e.reading(&preview.file_name, lang))
                        .unwrap_or_else(|| {
                            i18n::IMPORT_PROBLEMS.fmt(lang, &[("e", &errors), ("w", &warnings)])
                        })}
                </p>
                <ul class="problems">{list}</ul>
            </div>
        }
    })
}

/// What the file holds, and the choices: add it as a new assessment, or replace (or merge
/// into) the copy this browser already has.
fn preview_body(
    a: Assessment,
    model: Option<Arc<LoadedModel>>,
    carried: Option<Arc<LoadedModel>>,
    existing: Option<Summary>,
    lang: Lang,
) -> impl IntoView {
    let wb = use_workbook();
    let docs = use_documents();
    let state = use_import();
    let carried = StoredValue::new(carried);
    let adopt = move || {
        carried.with_value(|c| {
            if let Some(m) = c {
                wb.adopt_model(m);
            }
        })
    };
    let notes = a.items.values().filter(|w| !w.notes.is_empty()).count();
    let entries: usize = a.items.values().map(|w| w.evidence.len()).sum();
    let label = model
        .as_ref()
        .map(|m| {
            score(m, &a.answers, a.target_level, Default::default())
                .part
                .label
                .to_string()
        })
        .unwrap_or_default();
    let replace = existing.map(|ex| {
        let a2 = a.clone();
        let a4 = a.clone();
        view! {
            <p>
                {i18n::IMPORT_EXISTS
                    .fmt(
                        lang,
                        &[
                            ("name", &ex.name),
                            ("t", &short_time(&ex.updated_at)),
                            ("label", &ex.label.map_or("-".to_string(), |l| l.to_string())),
                        ],
                    )}
            </p>
            <button
                type="button"
                class="danger"
                data-action="import-replace"
                on:click=move |_| {
                    adopt();
                    let id = wb.import_replace(a2.clone());
                    state.set(None);
                    browser::go(&Route::Dashboard(id).href());
                }
            >
                {i18n::IMPORT_REPLACE.get(lang)}
            </button>
            <button
                type="button"
                data-action="import-merge"
                on:click=move |_| {
                    let id = a4.id.clone();
                    state.set(None);
                    browser::go(&Route::Dashboard(id).href());
                    adopt();
                    wb.start_merge(docs, &a4);
                }
            >
                {i18n::MERGE_INTO.get(lang)}
            </button>
        }
    });
    let a3 = a.clone();
    view! {
        <dl class="preview">
            <dt>{i18n::ASSESSMENT_NAME.get(lang)}</dt>
            <dd>{a.name.clone()}</dd>
            <dt>{i18n::MODEL.get(lang)}</dt>
            <dd>
                {model
                    .as_ref()
                    .map(|m| {
                        view! {
                            {mtext(&m.model.title, lang)}
                            {format!(" · {}", m.model.version)}
                        }
                    })}
            </dd>
            <dt>{i18n::TARGET_LEVEL.get(lang)}</dt>
            <dd>{a.target_level.to_string()}</dd>
            <dt>{i18n::OVERALL.get(lang)}</dt>
            <dd>{label}</dd>
            <dt>{i18n::ANSWERS.get(lang)}</dt>
            <dd>{a.answers.len().to_string()}</dd>
            <dt>{i18n::NOTES.get(lang)}</dt>
            <dd>{notes.to_string()}</dd>
            <dt>{i18n::EVIDENCE.get(lang)}</dt>
            <dd>{entries.to_string()}</dd>
            <dt>{i18n::SET_ASIDE.get(lang)}</dt>
            <dd>{a.set_aside.len().to_string()}</dd>
            <dt>{i18n::UPDATED.get(lang)}</dt>
            <dd>{short_time(&a.updated_at)}</dd>
        </dl>
        <div class="actions">
            <button
                type="button"
                class="primary"
                data-action="import-as-new"
                on:click=move |_| {
                    adopt();
                    let id = wb.import_as_new(a3.clone());
                    state.set(None);
                    browser::go(&Route::Dashboard(id).href());
                }
            >
                {i18n::IMPORT_AS_NEW.get(lang)}
            </button>
            {replace}
        </div>
    }
}
