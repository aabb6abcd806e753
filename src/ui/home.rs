//! The home page: the assessments kept in this browser, creating one, renaming, duplicating,
//! deleting (with confirmation and undo), the trash, importing, and the state of storage.

use leptos::prelude::*;

use maturity_core::assess::assessment::{DEFAULT_TARGET, TARGET_LEVELS};
use maturity_core::store::workspace::Summary;
use maturity_core::text::i18n::{self, clarity};
use maturity_core::text::short_time;
use maturity_core::view::route::Route;

use crate::ui::import::ImportInput;
use crate::ui::state::use_workbook;
use crate::ui::widgets::Level;
use crate::web::browser;

#[component]
pub fn Home() -> impl IntoView {
    let wb = use_workbook();
    view! {
        <section class="home" aria-labelledby="home-title">
            <h1 id="home-title">{move || wb.t(i18n::HOME_TITLE)}</h1>
            <p class="hint">{move || wb.t(clarity::HOME_HINT)}</p>
            <AssessmentList />
            <div class="home-grid">
                <CreateForm />
                <section class="card" aria-labelledby="import-heading">
                    <h2 id="import-heading">{move || wb.t(i18n::IMPORT)}</h2>
                    <p class="hint">{move || wb.t(i18n::IMPORT_HINT)}</p>
                    <ImportInput />
                </section>
            </div>
            <Trash />
            <StorageInfo />
        </section>
    }
}

#[component]
fn AssessmentList() -> impl IntoView {
    let wb = use_workbook();
    let list = Memo::new(move |_| wb.summaries());
    view! {
        <div class="table-wrap">
            <table class="data assessments">
                <thead>
                    <tr>
                        <th scope="col">{move || wb.t(i18n::ASSESSMENT_NAME)}</th>
                        <th scope="col">{move || wb.t(i18n::MODEL)}</th>
                        <th scope="col">{move || wb.t(i18n::TARGET)}</th>
                        <th scope="col">{move || wb.t(i18n::OVERALL)}</th>
                        <th scope="col">{move || wb.t(i18n::PROGRESS)}</th>
                        <th scope="col">{move || wb.t(i18n::UPDATED)}</th>
                        <th scope="col">{move || wb.t(clarity::HOME_DOCUMENT)}</th>
                        <th scope="col">
                            <span class="visually-hidden">{move || wb.t(i18n::ACTIONS)}</span>
                        </th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || list.get()
                        key=|s| (
                            s.id.clone(),
                            s.name.clone(),
                            s.updated_at.clone(),
                            s.label,
                            s.last_exported_at.clone(),
                            s.target,
                        )
                        let:s
                    >
                        <AssessmentRow s=s />
                    </For>
                </tbody>
            </table>
        </div>
        {move || {
            list.with(Vec::is_empty)
                .then(|| view! { <p class="empty">{move || wb.t(i18n::NO_ASSESSMENTS)}</p> })
        }}
    }
}

#[component]
fn AssessmentRow(s: Summary) -> impl IntoView {
    let wb = use_workbook();
    let renaming = RwSignal::new(false);
    let draft = RwSignal::new(s.name.clone());
    let id = s.id.clone();
    let href = Route::Dashboard(id.clone()).href();
    let model_lang = {
        let s = s.clone();
        move || {
            s.model_title
                .as_ref()
                .and_then(|t| t.lang_attr(wb.lang.get()))
        }
    };
    let model_text = {
        let s = s.clone();
        move || match &s.model_title {
            Some(t) => format!("{} · {}", t.get(wb.lang.get()), s.model.version),
            None => i18n::MODEL_NOT_LOADED.fmt(
                wb.lang.get(),
                &[("model", &format!("{} {}", s.model.id, s.model.version))],
            ),
        }
    };
    let name_cell = {
        let (id, name) = (id.clone(), s.name.clone());
        move || {
            if renaming.get() {
                let id = id.clone();
                let field = format!("rename-{id}");
                view! {
                    <form
                        class="rename"
                        on:submit=move |e| {
                            e.prevent_default();
                            wb.rename(&id, &draft.get_untracked());
                            renaming.set(false);
                        }
                    >
                        <label class="visually-hidden" for=field.clone()>
                            {move || wb.t(i18n::ASSESSMENT_NAME)}
                        </label>
                        <input
                            id=field
                            type="text"
                            prop:value=move || draft.get()
                            on:input=move |e| draft.set(event_target_value(&e))
                        />
                        <button type="submit" class="small primary">
                            {move || wb.t(i18n::SAVE)}
                        </button>
                        <button type="button" class="small" on:click=move |_| renaming.set(false)>
                            {move || wb.t(i18n::CANCEL)}
                        </button>
                    </form>
                }
                .into_any()
            } else {
                view! {
                    <a href=href.clone() data-open=id.clone()>
                        {name.clone()}
                    </a>
                }
                .into_any()
            }
        }
    };
    // The workbook document, the file the team keeps and sends (JSON exports do not count).
    let document_state = {
        let id = id.clone();
        move || {
            let lang = wb.lang.get();
            match wb.document(&id) {
                Some(d) => {
                    let saved = i18n::DOC_SAVED_AT
                        .fmt(lang, &[("file", &d.name), ("t", &short_time(&d.saved_at))]);
                    if wb.unsaved_in_document(&id) {
                        format!("{saved} · {}", i18n::DOC_UNSAVED.get(lang))
                    } else {
                        saved
                    }
                }
                None => i18n::DOC_NEVER.get(lang).to_string(),
            }
        }
    };
    let (id_dup, id_del, name_del) = (id.clone(), id.clone(), s.name.clone());
    view! {
        <tr data-assessment=id.clone()>
            <th scope="row">
                {name_cell}
                {s.identity.clone().map(|i| view! { <span class="row-identity">{i}</span> })}
            </th>
            <td lang=model_lang>{model_text}</td>
            <td>{s.target.to_string()}</td>
            <td>
                {s.label.map(|l| view! { <Level label=l code="part".to_string() wide=true /> })}
            </td>
            <td>{format!("{}/{}", s.answered, s.total)}</td>
            <td>{short_time(&s.updated_at)}</td>
            <td class="document-cell" data-document-of=id.clone()>
                {document_state}
            </td>
            <td class="row-actions">
                <button
                    type="button"
                    class="small"
                    data-action="rename"
                    on:click=move |_| renaming.set(true)
                >
                    {move || wb.t(i18n::RENAME)}
                </button>
                <button
                    type="button"
                    class="small"
                    data-action="duplicate"
                    on:click=move |_| {
                        wb.duplicate(&id_dup, wb.t(i18n::COPY_SUFFIX));
                    }
                >
                    {move || wb.t(i18n::DUPLICATE)}
                </button>
                <button
                    type="button"
                    class="small danger"
                    data-action="delete"
                    on:click=move |_| {
                        let question = i18n::CONFIRM_DELETE
                            .fmt(wb.lang.get_untracked(), &[("name", &name_del)]);
                        if browser::confirm(&question) {
                            wb.delete(&id_del);
                        }
                    }
                >
                    {move || wb.t(i18n::DELETE)}
                </button>
            </td>
        </tr>
    }
}

#[component]
fn CreateForm() -> impl IntoView {
    let wb = use_workbook();
    let name = RwSignal::new(String::new());
    let model = RwSignal::new(String::new());
    let target = RwSignal::new(DEFAULT_TARGET);
    let submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let key = {
            let chosen = model.get_untracked();
            if chosen.is_empty() {
                untrack(|| wb.models().embedded().key())
            } else {
                chosen
            }
        };
        // An empty name gets the model's default one (core::assess::identity).
        let n = name.get_untracked();
        if let Some(id) = wb.create(&n, &key, target.get_untracked()) {
            name.set(String::new());
            let first = untrack(|| wb.models())
                .by_key(&key)
                .map(|m| m.item(0).code.clone());
            if let Some(code) = first {
                browser::go(&Route::Item(id, code).href());
            }
        }
    };
    view! {
        <section class="card" aria-labelledby="create-heading">
            <h2 id="create-heading">{move || wb.t(i18n::NEW_ASSESSMENT)}</h2>
            <form class="create" on:submit=submit>
                <div class="field">
                    <label for="new-name">{move || wb.t(i18n::ASSESSMENT_NAME)}</label>
                    <input
                        id="new-name"
                        type="text"
                        prop:value=move || name.get()
                        on:input=move |e| name.set(event_target_value(&e))
                        placeholder=move || wb.t(i18n::DEFAULT_ASSESSMENT_NAME)
                    />
                </div>
                <div class="field">
                    <label for="new-model">{move || wb.t(i18n::MODEL)}</label>
                    <select id="new-model" on:change=move |e| model.set(event_target_value(&e))>
                        {move || {
                            wb.models()
                                .all()
                                .iter()
                                .map(|m| {
                                    let key = m.key();
                                    let label = format!(
                                        "{} · {}",
                                        m.title(wb.lang.get()),
                                        m.model.version,
                                    );
                                    let k2 = key.clone();
                                    let title_lang = m.model.title.lang_attr(wb.lang.get());
                                    view! {
                                        <option
                                            value=key
                                            lang=title_lang
                                            selected=move || model.get() == k2
                                        >
                                            {label}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                <div class="field">
                    <label for="new-target">{move || wb.t(i18n::TARGET_LEVEL)}</label>
                    <select
                        id="new-target"
                        on:change=move |e| {
                            if let Ok(t) = event_target_value(&e).parse() {
                                target.set(t)
                            }
                        }
                    >
                        {TARGET_LEVELS
                            .map(|t| {
                                view! {
                                    <option value=t.to_string() selected=t == DEFAULT_TARGET>
                                        {t.to_string()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <button type="submit" class="primary" data-action="new-assessment">
                    {move || wb.t(i18n::CREATE)}
                </button>
            </form>
        </section>
    }
}

#[component]
fn Trash() -> impl IntoView {
    let wb = use_workbook();
    move || {
        let list = wb.trash();
        (!list.is_empty()).then(|| {
            let rows = list
                .into_iter()
                .map(|t| {
                    let (k1, k2) = (t.key.clone(), t.key.clone());
                    let name = t.name.clone();
                    view! {
                        <li data-trash=t.key.clone()>
                            <span>{t.name.clone()}</span>
                            <span class="muted">
                                {move || {
                                    i18n::DELETED_AT
                                        .fmt(wb.lang.get(), &[("t", &short_time(&t.at))])
                                }}
                            </span>
                            <button
                                type="button"
                                class="small"
                                data-action="restore"
                                on:click=move |_| {
                                    if let Some(id) = wb.restore(&k1) {
                                        browser::go(&Route::Dashboard(id).href());
                                    }
                                }
                            >
                                {move || wb.t(i18n::RESTORE)}
                            </button>
                            <button
                                type="button"
                                class="small danger"
                                data-action="purge"
                                on:click=move |_| {
                                    let q = i18n::CONFIRM_PURGE
                                        .fmt(wb.lang.get_untracked(), &[("name", &name)]);
                                    if browser::confirm(&q) {
                                        wb.purge(&k2);
                                    }
                                }
                            >
                                {move || wb.t(i18n::PURGE)}
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="card trash" aria-labelledby="trash-heading">
                    <h2 id="trash-heading">{move || wb.t(i18n::TRASH)}</h2>
                    <p class="hint">{move || wb.t(i18n::TRASH_HINT)}</p>
                    <ul>{rows}</ul>
                </section>
            }
        })
    }
}

#[component]
fn StorageInfo() -> impl IntoView {
    let wb = use_workbook();
    let scope = browser::storage_scope();
    let state = move || wb.t(wb.health.get().text());
    let persisted = move || {
        let lang = wb.lang.get();
        match wb.persisted.get() {
            Some(true) => i18n::PERSIST_GRANTED.get(lang),
            Some(false) => i18n::PERSIST_DENIED.get(lang),
            None => i18n::PERSIST_UNKNOWN.get(lang),
        }
    };
    view! {
        <section class="card storage-info" aria-labelledby="storage-heading">
            <h2 id="storage-heading">{move || wb.t(i18n::STORAGE)}</h2>
            <p data-storage="health">{state}</p>
            <p data-storage="persist">{persisted}</p>
            <p class="hint" data-storage="scope" data-scope=scope.code()>
                {move || wb.t(scope.text())}
            </p>
        </section>
    }
}
