//! Handing results on: the export menu (JSON, the CAICT .xlsx, the three CSV sheets; the
//! exports themselves are in `downloads.rs`), and the share page that prepares an e-mail to
//! the assessor (the workbook document is the file to send) and copies the summary.

use leptos::prelude::*;

use maturity_core::formats::summary::{mailto, summary};
use maturity_core::text::i18n::{self, clarity};
use maturity_core::view::route::Route;

use crate::ui::downloads::{export_csv, export_json, export_xlsx, open_assessment, CsvLayout};
use crate::ui::state::{use_documents, use_workbook, Workbook};
use crate::web::browser;

/// The export menu in the assessment header.
#[component]
pub fn ExportMenu() -> impl IntoView {
    let wb = use_workbook();
    let open = RwSignal::new(false);
    let item = move |action: &'static str, text: i18n::T, run: fn(Workbook)| {
        view! {
            <li>
                <button
                    type="button"
                    role="menuitem"
                    data-action=action
                    on:click=move |_| {
                        run(wb);
                        open.set(false);
                    }
                >
                    {move || wb.t(text)}
                </button>
            </li>
        }
    };
    view! {
        <div class="menu">
            <button
                type="button"
                class="menu-button"
                aria-haspopup="true"
                aria-expanded=move || open.get().to_string()
                data-action="export-menu"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || wb.t(i18n::EXPORT_MENU)}
                " ▾"
            </button>
            <ul class="menu-list" role="menu" hidden=move || !open.get()>
                {item("export-json", i18n::EXPORT_JSON, export_json)}
                {item("export-xlsx", i18n::EXPORT_XLSX, export_xlsx)}
                {item(
                    "export-csv-form",
                    i18n::EXPORT_CSV_FORM,
                    |wb| export_csv(wb, CsvLayout::Form),
                )}
                {item(
                    "export-csv-requirements",
                    i18n::EXPORT_CSV_REQUIREMENTS,
                    |wb| export_csv(wb, CsvLayout::Requirements),
                )}
                {item(
                    "export-csv-evidence",
                    i18n::EXPORT_CSV_EVIDENCE,
                    |wb| export_csv(wb, CsvLayout::Evidence),
                )}
                {item(
                    "open-report",
                    i18n::REPORT_AND_PDF,
                    |wb| browser::go(&Route::Report(wb.current_id().unwrap_or_default()).href()),
                )}
                {item(
                    "open-share",
                    i18n::MAIL_TO_ASSESSOR,
                    |wb| browser::go(&Route::Share(wb.current_id().unwrap_or_default()).href()),
                )}
            </ul>
        </div>
    }
}

/// Prepares the e-mail to the assessor and copies the summary.
#[component]
pub fn SharePage() -> impl IntoView {
    let wb = use_workbook();
    let docs = use_documents();
    let to = RwSignal::new(String::new());
    let copied = RwSignal::new(None::<bool>);
    let text = Memo::new(move |_| {
        let lang = wb.lang.get();
        let model = wb.model.get()?;
        wb.with_current(|c| {
            c.map(|a| {
                let s = summary(&model, a, lang, &browser::today());
                (s.subject, s.text, s.markdown)
            })
        })
    });
    let copy = move |markdown: bool| {
        let Some((_, plain, md)) = text.get_untracked() else {
            return;
        };
        let body = if markdown { md } else { plain };
        leptos::task::spawn_local(async move {
            copied.set(Some(browser::copy_text(&body).await));
        });
    };
    view! {
        <section class="share" aria-labelledby="share-title">
            <h1 id="share-title">{move || wb.t(i18n::MAIL_TO_ASSESSOR)}</h1>
            <p class="what-to-send" data-what-to-send="">
                {move || wb.t(clarity::WHAT_TO_SEND)}
            </p>
            <ol class="steps">
                <li>
                    {move || wb.t(clarity::SHARE_STEP_SAVE)} " "
                    <button
                        type="button"
                        class="primary"
                        data-action="share-save"
                        disabled=move || docs.saving.get()
                        on:click=move |_| wb.save(docs, false)
                    >
                        {move || wb.t(i18n::SAVE)}
                    </button> " "
                    <button
                        type="button"
                        disabled=move || docs.saving.get()
                        on:click=move |_| wb.save(docs, true)
                    >
                        {move || wb.t(i18n::SAVE_AS)}
                    </button>
                </li>
                <li>
                    {move || wb.t(clarity::SHARE_STEP_PDF)} " "
                    <a
                        class="button"
                        href=move || Route::Report(wb.current_id().unwrap_or_default()).href()
                    >
                        {move || wb.t(i18n::REPORT_AND_PDF)}
                    </a>
                </li>
                <li>{move || wb.t(clarity::SHARE_STEP_MAIL)}</li>
            </ol>
            <div class="field">
                <label for="mail-to">{move || wb.t(i18n::ASSESSOR_ADDRESS)}</label>
                <input
                    id="mail-to"
                    type="email"
                    prop:value=move || to.get()
                    on:input=move |e| to.set(event_target_value(&e))
                />
            </div>
            <p class="reminder" role="note">
                {move || wb.t(clarity::ATTACH_REMINDER)}
            </p>
            <div class="actions">
                <button
                    type="button"
                    class="primary"
                    data-action="mail"
                    on:click=move |_| {
                        let Some((model, a)) = open_assessment(wb) else { return };
                        let s = summary(&model, &a, wb.lang.get_untracked(), &browser::today());
                        browser::open_mailto(&mailto(&to.get_untracked(), &s));
                    }
                >
                    {move || wb.t(i18n::OPEN_MAIL)}
                </button>
                <button type="button" data-action="copy-summary" on:click=move |_| copy(false)>
                    {move || wb.t(i18n::COPY_SUMMARY)}
                </button>
                <button
                    type="button"
                    data-action="copy-summary-markdown"
                    on:click=move |_| copy(true)
                >
                    {move || wb.t(i18n::COPY_MARKDOWN)}
                </button>
                <span role="status" class="copied">
                    {move || {
                        copied
                            .get()
                            .map(|ok| if ok { wb.t(i18n::COPIED) } else { wb.t(i18n::COPY_FAILED) })
                    }}
                </span>
            </div>
            <h2>{move || wb.t(i18n::SUMMARY_PREVIEW)}</h2>
            <p class="subject">
                <strong>{move || wb.t(i18n::SUBJECT)} ": "</strong>
                {move || text.get().map(|t| t.0)}
            </p>
            <label class="visually-hidden" for="summary-text">
                {move || wb.t(i18n::SUMMARY_PREVIEW)}
            </label>
            <textarea
                id="summary-text"
                readonly
                rows="16"
                prop:value=move || text.get().map(|t| t.1).unwrap_or_default()
            ></textarea>
            <p class="hint">
                {move || {
                    text.get()
                        .map(|t| {
                            i18n::SUMMARY_LENGTH.fmt(wb.lang.get(), &[("n", &t.1.chars().count())])
                        })
                }}
            </p>
        </section>
    }
}
