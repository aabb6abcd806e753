//! Models: the embedded one and any other the user loaded, read from a form, or received inside
//! a document. Each shows its title, a readable version, its languages and its size, and offers
//! its model file (JSON) and its form (.xlsx); a model file can be loaded (a bad one shows every
//! problem with its JSON path), and a spreadsheet form read ([`crate::ui::formread`]).

use std::sync::Arc;

use leptos::prelude::*;

use maturity_core::formats::summary::file_name;
use maturity_core::formats::xlsx;
use maturity_core::model::form::write::{form_lang, form_package};
use maturity_core::model::validate::{Problem, MAX_MODEL_BYTES};
use maturity_core::model::{LoadedModel, EMBEDDED_MODEL};
use maturity_core::store::workspace::Toast;
use maturity_core::text::i18n::{self, form as msg};
use maturity_core::text::Lang;

use crate::ui::formread::FormReader;
use crate::ui::mtext::mtext;
use crate::ui::state::{use_workbook, Workbook};
use crate::web::{browser, compress, files};

/// A file name part safe on Windows shares.
fn safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// Offers the model file (JSON): the text it was loaded from, or the embedded model's.
fn download_model(wb: Workbook, m: &LoadedModel, embedded: bool) {
    let text = if embedded {
        EMBEDDED_MODEL.to_string()
    } else {
        m.file_text()
    };
    let lang = wb.lang.get_untracked();
    let name = file_name(
        m.title(lang),
        &safe(&m.model.id),
        &safe(&m.model.version),
        "json",
    );
    if let Err(e) = files::download(&name, "application/json;charset=utf-8", &text) {
        wb.toast.set(Some(Toast::DownloadFailed {
            name,
            detail: e.message(lang),
        }));
    }
}

/// Offers the model's form (.xlsx in CAICT's layout with an ID column), in the interface
/// language when the model has it.
fn download_form(wb: Workbook, m: Arc<LoadedModel>) {
    let ui = wb.lang.get_untracked();
    let lang = form_lang(&m, ui);
    let today = browser::today();
    let package = form_package(&m.model, lang, &today);
    let title = format!("{}-{}", m.title(lang), msg::FORM_SHEET.get(lang));
    let name = file_name(&title, &safe(&m.model.id), &safe(&m.model.version), "xlsx");
    leptos::task::spawn_local(async move {
        let bytes = compress::build_xlsx(package).await;
        browser::mark("wb-model-form-ready");
        if let Err(e) = files::download_bytes(&name, xlsx::MIME, &bytes) {
            wb.toast.set(Some(Toast::DownloadFailed {
                name,
                detail: e.message(ui),
            }));
        }
    });
}

#[component]
pub fn ModelsPage() -> impl IntoView {
    let wb = use_workbook();
    let problems = RwSignal::new(None::<(String, Vec<Problem>)>);
    let loaded = RwSignal::new(None::<String>);
    let read_error = RwSignal::new(None::<(String, files::FileError)>);
    let on_file = move |e: leptos::ev::Event| {
        let Some(file) = files::first_file_of_input(&e) else {
            return;
        };
        let name = file.name();
        leptos::task::spawn_local(async move {
            read_error.set(None);
            match files::read_text(file, MAX_MODEL_BYTES).await {
                Ok(text) => match wb.load_model_file(&text) {
                    Ok(key) => {
                        problems.set(None);
                        loaded.set(Some(key));
                    }
                    Err(p) => {
                        loaded.set(None);
                        problems.set(Some((name, p)));
                    }
                },
                Err(err) => {
                    loaded.set(None);
                    read_error.set(Some((name, err)));
                }
            }
        });
    };
    let rows = move || {
        let lang = wb.lang.get();
        let models = wb.models();
        models
            .all()
            .iter()
            .map(|m| model_row(m, models.is_embedded(&m.key()), lang))
            .collect_view()
    };
    view! {
        <section class="models" aria-labelledby="models-title">
            <h1 id="models-title">{move || wb.t(i18n::MODELS)}</h1>
            <p class="hint">{move || wb.t(msg::MODELS_INTRO)}</p>
            <div class="table-wrap">
                <table class="data">
                    <thead>
                        <tr>
                            <th scope="col">{move || wb.t(i18n::MODEL)}</th>
                            <th scope="col">{move || wb.t(i18n::VERSION)}</th>
                            <th scope="col">{move || wb.t(msg::MODEL_LANGS)}</th>
                            <th scope="col">{move || wb.t(i18n::MODEL_COUNTS)}</th>
                            <th scope="col">{move || wb.t(i18n::SOURCE)}</th>
                            <th scope="col">
                                <span class="visually-hidden">{move || wb.t(i18n::ACTIONS)}</span>
                            </th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <FormReader />
            <section class="card">
                <h2>{move || wb.t(i18n::LOAD_MODEL)}</h2>
                <p class="hint">{move || wb.t(i18n::MODELS_HINT)}</p>
                <label class="file-input">
                    <span>{move || wb.t(i18n::LOAD_MODEL_CHOOSE)}</span>
                    <input
                        type="file"
                        data-action="load-model"
                        accept=".json,application/json"
                        on:change=on_file
                    />
                </label>
                {move || {
                    read_error
                        .get()
                        .map(|(file, e)| {
                            view! {
                                <div class="notice error" role="alert">
                                    <p>{e.reading(&file, wb.lang.get())}</p>
                                </div>
                            }
                        })
                }}
                {move || {
                    loaded
                        .get()
                        .map(|k| {
                            view! {
                                <p class="notice ok" role="status">
                                    {i18n::MODEL_LOADED.fmt(wb.lang.get(), &[("key", &k)])}
                                </p>
                            }
                        })
                }}
                {move || {
                    problems.get().map(|(file, list)| problems_notice(&file, &list, wb.lang.get()))
                }}
            </section>
        </section>
    }
}

/// A loaded model: its title, id, version, size, fingerprint, where it comes from, and removing
/// a loaded file (not the embedded model, nor one an assessment uses).
fn model_row(m: &Arc<LoadedModel>, embedded: bool, lang: Lang) -> impl IntoView {
    let wb = use_workbook();
    let key = m.key();
    let in_use = wb.model_in_use(&key);
    let k2 = key.clone();
    let source = if embedded {
        i18n::EMBEDDED.get(lang)
    } else {
        i18n::LOADED_FILE.get(lang)
    };
    let source_text = m.model.source.get(lang).to_string();
    let details = msg::MODEL_DETAILS.fmt(lang, &[("id", &m.model.id), ("sha", &&m.sha256[..12])]);
    let m_json = Arc::clone(m);
    let m_form = Arc::clone(m);
    view! {
        <tr data-model=key.clone()>
            <th scope="row">
                {mtext(&m.model.title, lang)}
                <div class="small-text model-details" title=m.sha256.clone()>
                    {details}
                </div>
            </th>
            <td title=msg::MODEL_VERSION_HINT
                .get(
                    lang,
                )>{msg::MODEL_VERSION_VALUE.fmt(lang, &[("version", &m.model.version)])}</td>
            <td>{m.languages().describe(lang)}</td>
            <td>
                {format!(
                    "{} / {} / {} / {}",
                    m.domain_count(),
                    m.capability_count(),
                    m.item_count(),
                    m.requirement_count(),
                )}
            </td>
            <td title=source_text>{source}</td>
            <td class="model-actions">
                <button
                    type="button"
                    class="small"
                    data-action="model-download"
                    title=msg::MODEL_DOWNLOAD_HINT.get(lang)
                    on:click=move |_| download_model(wb, &m_json, embedded)
                >
                    {msg::MODEL_DOWNLOAD.get(lang)}
                </button>
                <button
                    type="button"
                    class="small"
                    data-action="model-download-form"
                    title=msg::MODEL_DOWNLOAD_FORM_HINT.get(lang)
                    on:click=move |_| download_form(wb, Arc::clone(&m_form))
                >
                    {msg::MODEL_DOWNLOAD_FORM.get(lang)}
                </button>
                {(!embedded)
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="small danger"
                                disabled=in_use
                                title=move || { if in_use { wb.t(i18n::MODEL_IN_USE) } else { "" } }
                                on:click=move |_| wb.remove_model(&k2)
                            >
                                {move || wb.t(i18n::REMOVE)}
                            </button>
                        }
                    })}
            </td>
        </tr>
    }
}

/// Every problem of a model file that was not loaded.
fn problems_notice(file: &str, list: &[Problem], lang: Lang) -> impl IntoView {
    view! {
        <div class="notice error" role="alert" data-model-problems=list.len().to_string()>
            <p>{i18n::MODEL_PROBLEMS.fmt(lang, &[("file", &file), ("n", &list.len())])}</p>
            <ul class="problems">
                {list
                    .iter()
                    .map(|p| {
                        view! {
                            <li>
                                <code>{p.path.clone()}</code>
                                " "
                                {p.message(lang)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}
