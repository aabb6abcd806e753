//! Models: the embedded one and any model file the user loads (an organisation's licensed
//! official wording, or its own variant). A bad file shows every problem with its JSON path.

use std::sync::Arc;

use leptos::prelude::*;

use maturity_core::model::validate::{Problem, MAX_MODEL_BYTES};
use maturity_core::model::LoadedModel;
use maturity_core::text::i18n;
use maturity_core::text::Lang;

use crate::ui::state::use_workbook;
use crate::web::files;

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
            <p class="hint">{move || wb.t(i18n::MODELS_HINT)}</p>
            <div class="table-wrap">
                <table class="data">
                    <thead>
                        <tr>
                            <th scope="col">{move || wb.t(i18n::MODEL)}</th>
                            <th scope="col">"id"</th>
                            <th scope="col">{move || wb.t(i18n::VERSION)}</th>
                            <th scope="col">{move || wb.t(i18n::MODEL_COUNTS)}</th>
                            <th scope="col">"SHA-256"</th>
                            <th scope="col">{move || wb.t(i18n::SOURCE)}</th>
                            <th scope="col">
                                <span class="visually-hidden">{move || wb.t(i18n::ACTIONS)}</span>
                            </th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <section class="card">
                <h2>{move || wb.t(i18n::LOAD_MODEL)}</h2>
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
    view! {
        <tr data-model=key.clone()>
            <th scope="row">{m.title(lang).to_string()}</th>
            <td>
                <code>{m.model.id.clone()}</code>
            </td>
            <td>{m.model.version.clone()}</td>
            <td>
                {format!(
                    "{} / {} / {} / {}",
                    m.domain_count(),
                    m.capability_count(),
                    m.item_count(),
                    m.requirement_count(),
                )}
            </td>
            <td>
                <code title=m.sha256.clone()>{m.sha256[..12].to_string()}</code>
            </td>
            <td>{source}</td>
            <td>
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
