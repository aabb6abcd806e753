//! Reading a model from a spreadsheet form on the Models page: the file is read in the page
//! (`web::inflate`, `web::decode`), the core recognises the layout (`model::form`), and a
//! preview shows the counts, each column's role (changeable), every problem at its cell and the
//! first sub-items as they will appear. Nothing is stored until the user confirms; then the
//! model is checked and stored like any model file.

use std::sync::Arc;

use leptos::prelude::*;

use maturity_core::formats::xlsx::col_name;
use maturity_core::model::form::{
    self, finish, suggest_id, suggest_version, Choice, FormRead, Grid, Layout, Opened, Role,
    MAX_FORM_BYTES,
};
use maturity_core::model::validate::Problem;
use maturity_core::text::i18n::{self, form as msg};
use maturity_core::text::{Lang, Langs};

use crate::ui::state::use_workbook;
use crate::web::{browser, decode, files, inflate};

/// A picked form, its sheets read, and the user's choice of sheet and column roles.
#[derive(Clone)]
struct Picked {
    file: String,
    grids: Arc<Vec<Grid>>,
    choice: Choice,
}

#[derive(Clone)]
enum Status {
    Idle,
    Reading(String),
    Failed(String),
    Loaded(String),
    /// The model did not pass the model file's checks (a bad id typed in, say).
    Invalid(Vec<Problem>),
}

/// Reads a picked file into its sheets, or says why it cannot be read.
async fn read_sheets(file: web_sys::File, lang: Lang) -> Result<Picked, String> {
    let name = file.name();
    let fail =
        |reason: String| msg::FORM_CANNOT_READ.fmt(lang, &[("file", &name), ("reason", &reason)]);
    let bytes = files::read_bytes(file, MAX_FORM_BYTES)
        .await
        .map_err(|e| e.reading(&name, lang))?;
    let grids = match inflate::open_form(&bytes, &name).await {
        Ok(Opened::Sheets(g)) => g,
        Ok(Opened::NeedsGb18030) => {
            let text = decode::gb18030(&bytes)
                .ok_or_else(|| fail(msg::FORM_NO_GB18030.get(lang).into()))?;
            vec![form::csv::grid(&text, form::stem(&name)).map_err(|e| fail(e.message(lang)))?]
        }
        Err(e) => return Err(fail(e.message(lang))),
    };
    Ok(Picked {
        file: name,
        grids: Arc::new(grids),
        choice: Choice::default(),
    })
}

/// The card on the Models page: choose a form, preview it, load it.
#[component]
pub fn FormReader() -> impl IntoView {
    let wb = use_workbook();
    let picked = RwSignal::new(None::<Picked>);
    let status = RwSignal::new(Status::Idle);
    let title = RwSignal::new(String::new());
    let id = RwSignal::new(String::new());
    let version = RwSignal::new(String::new());
    let today = browser::today();
    let read = Memo::new(move |_| {
        picked.with(|p| {
            p.as_ref()
                .map(|p| Arc::new(form::read(&p.grids, &p.choice, &p.file, &today)))
        })
    });
    let on_file = move |e: leptos::ev::Event| {
        let Some(file) = files::first_file_of_input(&e) else {
            return;
        };
        let lang = wb.lang.get_untracked();
        status.set(Status::Reading(file.name()));
        picked.set(None);
        leptos::task::spawn_local(async move {
            match read_sheets(file, lang).await {
                Ok(p) => {
                    let first =
                        form::read(&p.grids, &Choice::default(), &p.file, &browser::today());
                    let new_id = suggest_id(&p.file);
                    title.set(first.model.title.get(first.lang).to_string());
                    version.set(suggest_version(
                        &new_id,
                        &browser::today(),
                        &wb.model_keys(),
                    ));
                    id.set(new_id);
                    picked.set(Some(p));
                    status.set(Status::Idle);
                }
                Err(reason) => status.set(Status::Failed(reason)),
            }
        });
    };
    let confirm = move |_| {
        let Some(r) = read.get_untracked() else {
            return;
        };
        let text = finish(
            &r,
            &title.get_untracked(),
            &id.get_untracked(),
            &version.get_untracked(),
        );
        match wb.load_model_file(&text) {
            Ok(_) => {
                let lang = wb.lang.get_untracked();
                status.set(Status::Loaded(msg::FORM_LOADED.fmt(
                    lang,
                    &[
                        ("title", &title.get_untracked()),
                        ("version", &version.get_untracked()),
                    ],
                )));
                picked.set(None);
            }
            Err(p) => status.set(Status::Invalid(p)),
        }
    };
    let cancel = move |_| {
        picked.set(None);
        status.set(Status::Idle);
    };
    let status_view = move || status_message(status.get(), wb.lang.get());
    let preview = move || {
        wb.lang.track();
        let r = read.get()?;
        let file = picked.with(|p| p.as_ref().map(|p| p.file.clone()))?;
        Some(view! {
            <FormPreview
                read=r
                file=file
                picked=picked
                title=title
                id=id
                version=version
                on_confirm=confirm
                on_cancel=cancel
            />
        })
    };
    view! {
        <section class="card form-reader" aria-labelledby="form-read-title">
            <h2 id="form-read-title">{move || wb.t(msg::FORM_READ_TITLE)}</h2>
            <p class="hint">{move || wb.t(msg::FORM_READ_INTRO)}</p>
            <label class="file-input">
                <span>{move || wb.t(msg::FORM_CHOOSE)}</span>
                <input
                    type="file"
                    data-action="model-from-form"
                    accept=".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
                    on:change=on_file
                />
            </label>
            {status_view}
            {preview}
        </section>
    }
}

/// What the reader says about its state: reading, a file it cannot read, a model loaded, or
/// the problems of a model that did not pass the model file's checks.
fn status_message(status: Status, lang: Lang) -> Option<AnyView> {
    match status {
        Status::Idle => None,
        Status::Reading(file) => Some(
            view! {
                <p class="notice" role="status">
                    {msg::FORM_READING.fmt(lang, &[("file", &file)])}
                </p>
            }
            .into_any(),
        ),
        Status::Failed(reason) => Some(
            view! {
                <div class="notice error" role="alert" data-form-error>
                    <p>{reason}</p>
                </div>
            }
            .into_any(),
        ),
        Status::Loaded(text) => Some(
            view! {
                <p class="notice ok" role="status" data-form-loaded>
                    {text}
                </p>
            }
            .into_any(),
        ),
        Status::Invalid(list) => {
            let items = list
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
                .collect_view();
            Some(
                view! {
                    <div
                        class="notice error"
                        role="alert"
                        data-model-problems=list.len().to_string()
                    >
                        <ul class="problems">{items}</ul>
                    </div>
                }
                .into_any(),
            )
        }
    }
}

/// Every problem of the form at its cell, or a line saying there is none.
fn problem_box(read: &FormRead, lang: Lang) -> AnyView {
    let errors = read.problems.iter().filter(|p| !p.is_warning()).count();
    let notes = read.problems.len() - errors;
    let has_errors = read.has_errors();
    let problems = read
        .problems
        .iter()
        .map(|p| {
            let (class, mark) = if p.is_warning() {
                ("warning", msg::FORM_NOTE_MARK)
            } else {
                ("error", i18n::ERROR)
            };
            view! {
                <li class=class data-form-problem data-cell=p.cell.clone()>
                    <strong>{mark.get(lang)}</strong>
                    " "
                    <code>{p.cell.clone()}</code>
                    " "
                    {p.message(lang)}
                </li>
            }
        })
        .collect_view();
    if read.problems.is_empty() {
        view! { <p class="notice ok">{msg::FORM_NO_PROBLEMS.get(lang)}</p> }.into_any()
    } else {
        let class = if has_errors {
            "notice error"
        } else {
            "notice warn"
        };
        view! {
            <div class=class role="alert">
                <p>{msg::FORM_PROBLEMS.fmt(lang, &[("e", &errors), ("w", &notes)])}</p>
                <ul class="problems">{problems}</ul>
            </div>
        }
        .into_any()
    }
}

/// A row per column of the sheet: its letter, its header, and the role it is read in.
fn column_rows(read: &FormRead, picked: RwSignal<Option<Picked>>, lang: Lang) -> impl IntoView {
    read.columns
        .iter()
        .enumerate()
        .map(|(n, col)| {
            let options = Role::ALL
                .into_iter()
                .map(|role| {
                    view! {
                        <option value=role.code() selected=role == col.role>
                            {role.name(lang)}
                        </option>
                    }
                })
                .collect_view();
            let letter = col_name(n as u32);
            let count = read.columns.len();
            view! {
                <tr>
                    <td>
                        <code>{letter}</code>
                    </td>
                    <td>{col.header.clone()}</td>
                    <td>
                        <select
                            data-column=n.to_string()
                            aria-label=format!("{} {}", msg::FORM_COLUMN.get(lang), n + 1)
                            on:change=move |e| {
                                let Some(role) = Role::from_code(&event_target_value(&e)) else {
                                    return;
                                };
                                picked
                                    .update(|p| {
                                        if let Some(c) = p.as_mut().map(|p| &mut p.choice) {
                                            c.roles.resize(count.max(c.roles.len()), Role::Ignore);
                                            c.roles[n] = role;
                                        }
                                    });
                            }
                        >
                            {options}
                        </select>
                    </td>
                </tr>
            }
        })
        .collect_view()
}

#[component]
fn FormPreview(
    read: Arc<FormRead>,
    file: String,
    picked: RwSignal<Option<Picked>>,
    title: RwSignal<String>,
    id: RwSignal<String>,
    version: RwSignal<String>,
    on_confirm: impl Fn(leptos::ev::MouseEvent) + 'static,
    on_cancel: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let wb = use_workbook();
    let lang = wb.lang.get_untracked();
    let (d, c, i, r) = read.counts();
    let has_errors = read.has_errors();
    let mut langs = Langs::BOTH;
    read.model.for_each_text(&mut |t| langs.narrow(t));
    let layout = match read.layout {
        Layout::Caict => msg::FORM_LAYOUT_CAICT,
        Layout::Long => msg::FORM_LAYOUT_LONG,
    };
    let problem_box = problem_box(&read, lang);
    let sheet = read.sheets.get(read.sheet).cloned().unwrap_or_default();
    let columns = column_rows(&read, picked, lang);
    // Before the first change, the roles in the choice are the recognised ones.
    let roles: Vec<Role> = read.columns.iter().map(|c| c.role).collect();
    picked.update_untracked(|p| {
        if let Some(p) = p.as_mut().filter(|p| p.choice.roles.is_empty()) {
            p.choice.roles = roles;
        }
    });
    let (shown, sample) = read.sample(3);
    let sample_lang = read.lang.attr_in(lang);
    let field = move |label: i18n::T, name: &'static str, value: RwSignal<String>| {
        view! {
            <label class="field">
                <span>{label.get(lang)}</span>
                <input
                    type="text"
                    name=name
                    prop:value=move || value.get()
                    on:input=move |e| value.set(event_target_value(&e))
                />
            </label>
        }
    };
    view! {
        <div
            class="form-preview"
            data-form-preview
            data-domains=d.to_string()
            data-capabilities=c.to_string()
            data-items=i.to_string()
            data-requirements=r.to_string()
        >
            <h3>{msg::FORM_PREVIEW_TITLE.fmt(lang, &[("file", &format!("{file} · {sheet}"))])}</h3>
            <p class="form-counts">
                <strong>
                    {msg::FORM_COUNTS.fmt(lang, &[("d", &d), ("c", &c), ("i", &i), ("r", &r)])}
                </strong>
                " · "
                {msg::FORM_LANG_LAYOUT
                    .fmt(lang, &[("langs", &langs.describe(lang)), ("layout", &layout.get(lang))])}
            </p>
            {problem_box}
            <details class="form-columns" open=has_errors>
                <summary>{msg::FORM_COLUMNS.get(lang)}</summary>
                <div class="table-wrap">
                    <table class="data">
                        <thead>
                            <tr>
                                <th scope="col">{msg::FORM_COLUMN.get(lang)}</th>
                                <th scope="col">{msg::FORM_HEADER.get(lang)}</th>
                                <th scope="col">{msg::FORM_ROLE.get(lang)}</th>
                            </tr>
                        </thead>
                        <tbody>{columns}</tbody>
                    </table>
                </div>
            </details>
            <fieldset class="form-fields">
                <legend>{msg::FORM_FIELDS.get(lang)}</legend>
                {field(msg::FORM_TITLE_LABEL, "form-title", title)}
                {field(msg::FORM_ID_LABEL, "form-id", id)}
                {field(msg::FORM_VERSION_LABEL, "form-version", version)}
            </fieldset>
            <h4>{msg::FORM_FIRST_ITEMS.fmt(lang, &[("n", &shown)])}</h4>
            <div class="form-sample" lang=sample_lang>
                {sample}
            </div>
            <div class="actions">
                <button
                    type="button"
                    class="primary"
                    data-action="form-load"
                    disabled=has_errors
                    on:click=on_confirm
                >
                    {msg::FORM_LOAD.get(lang)}
                </button>
                <button type="button" data-action="form-cancel" on:click=on_cancel>
                    {i18n::CANCEL.get(lang)}
                </button>
            </div>
        </div>
    }
}
