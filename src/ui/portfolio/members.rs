//! The portfolio's members: choosing stored assessments, adding files (picked, dropped or a
//! folder), the files kept and the files refused.

use std::sync::Arc;

use leptos::prelude::*;

use maturity_core::portfolio::{MemberId, Portfolio};
use maturity_core::text::i18n;
use maturity_core::text::Lang;

use super::state::{
    add_files, choose_folder, clear_files, forget_folder, remove_file, reread_folder, set_stored,
    Pf,
};
use crate::ui::state::Workbook;
use crate::web::picker;

/// Choosing stored assessments, adding and listing files, the folder, rejected files.
pub(super) fn members(
    wb: Workbook,
    pf: Pf,
    portfolio: Memo<Arc<Portfolio>>,
    lang: Lang,
) -> impl IntoView {
    let stored = move || {
        let list = wb.summaries();
        let empty = list
            .is_empty()
            .then(|| view! { <li class="empty">{i18n::PORT_NO_STORED.get(lang)}</li> });
        let items = list
            .into_iter()
            .map(|s| {
                let field = format!("pf-stored-{}", s.id);
                let checked = pf.shelf.with_untracked(|shelf| shelf.has_stored(&s.id));
                let label = s.label.map_or_else(|| "-".to_string(), |l| l.to_string());
                let id = s.id.clone();
                view! {
                    <li>
                        <input
                            type="checkbox"
                            id=field.clone()
                            data-portfolio-stored=s.id
                            disabled=move || !pf.ready.get()
                            prop:checked=checked
                            on:change=move |e| set_stored(pf, id.clone(), event_target_checked(&e))
                        />
                        <label for=field>{s.name} " · " {label}</label>
                    </li>
                }
            })
            .collect_view();
        // Drawn again once the remembered portfolio is read, to show what it holds.
        pf.ready.track();
        (empty, items)
    };
    let folder_controls = move || {
        let (remembered, count) = pf.shelf.with(|s| {
            let count = s.files().iter().filter(|f| f.folder).count();
            (s.folder().map(str::to_string), count)
        });
        let can = picker::has_directory_picker();
        let choose = can.then(|| {
            view! {
                <button
                    type="button"
                    data-action="portfolio-folder"
                    disabled=move || !pf.ready.get()
                    on:click=move |_| choose_folder(wb, pf)
                >
                    {i18n::PORT_ADD_FOLDER.get(lang)}
                </button>
            }
        });
        let hint =
            (!can).then(|| view! { <p class="hint">{i18n::PORT_NO_FOLDER_PICKER.get(lang)}</p> });
        let known = remembered.map(|name| {
            view! {
                <p class="folder-name">
                    {i18n::PORT_FOLDER.fmt(lang, &[("name", &name), ("n", &count)])}
                </p>
                <button
                    type="button"
                    class="primary"
                    data-action="portfolio-reread"
                    on:click=move |_| reread_folder(wb, pf)
                >
                    {i18n::PORT_REREAD.get(lang)}
                </button>
                <button
                    type="button"
                    data-action="portfolio-forget-folder"
                    on:click=move |_| forget_folder(pf)
                >
                    {i18n::PORT_FORGET_FOLDER.get(lang)}
                </button>
            }
        });
        view! {
            <div class="actions">{choose}{known}</div>
            {hint}
        }
    };
    let status = move || match (pf.busy.get(), pf.added.get(), pf.ready.get()) {
        (Some(n), _, _) => i18n::PORT_READING.fmt(lang, &[("n", &n)]),
        (None, Some(n), _) => i18n::PORT_ADDED.fmt(lang, &[("n", &n)]),
        (None, None, false) => i18n::LOADING.get(lang).to_string(),
        _ => String::new(),
    };
    view! {
        <section class="card portfolio-members no-print" aria-labelledby="pf-members-title">
            <h2 id="pf-members-title">{i18n::PORT_MEMBERS.get(lang)}</h2>
            <div class="pf-columns">
                <fieldset class="pf-stored">
                    <legend>{i18n::PORT_STORED.get(lang)}</legend>
                    <ul class="plain">{stored}</ul>
                </fieldset>
                <div class="pf-add">
                    <label class="file-input">
                        <span>{i18n::PORT_ADD_FILES.get(lang)}</span>
                        <input
                            type="file"
                            multiple
                            data-action="portfolio-add"
                            disabled=move || !pf.ready.get()
                            accept=".json,.html,.htm,application/json,text/html"
                            on:change=move |e| add_files(wb, pf, picker::files_of_input(&e))
                        />
                    </label>
                    <p class="hint">{i18n::PORT_DROP_HINT.get(lang)}</p>
                    {folder_controls}
                    <p role="status" class="pf-status" data-portfolio-status="">
                        {status}
                    </p>
                </div>
            </div>
            {rejected_list(pf, lang)}
            {file_list(pf, portfolio, lang)}
        </section>
    }
}

fn rejected_list(pf: Pf, lang: Lang) -> impl IntoView {
    move || {
        let rejected = pf.rejected.get();
        let n = rejected.len();
        (n > 0).then(|| {
            let files = rejected
                .into_iter()
                .map(|r| {
                    let detail = r.read_error.as_ref().map(|e| e.reading(&r.name, lang));
                    let problems = r
                        .problems
                        .iter()
                        .map(|p| {
                            let (class, sev) = if p.is_error() {
                                ("error", i18n::ERROR)
                            } else {
                                ("warning", i18n::WARNING)
                            };
                            view! {
                                <li class=class>
                                    <strong>{sev.get(lang)}</strong>
                                    " "
                                    <code>{p.path().to_string()}</code>
                                    " "
                                    {p.message(lang)}
                                </li>
                            }
                        })
                        .collect_view();
                    let hook = r.name.clone();
                    view! {
                        <li data-rejected=hook>
                            <strong class="file-name">{r.name}</strong>
                            {detail.map(|d| view! { <p>{d}</p> })}
                            <ul class="problems">{problems}</ul>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="notice error" role="alert" data-portfolio-rejected="">
                    <p>{i18n::PORT_REJECTED.fmt(lang, &[("n", &n)])}</p>
                    <ul class="rejected">{files}</ul>
                    <button type="button" on:click=move |_| pf.rejected.set(Vec::new())>
                        {i18n::DISMISS.get(lang)}
                    </button>
                </div>
            }
        })
    }
}

fn file_list(pf: Pf, portfolio: Memo<Arc<Portfolio>>, lang: Lang) -> impl IntoView {
    move || {
        let files = pf.shelf.with(|s| s.files().to_vec());
        let empty = files
            .is_empty()
            .then(|| view! { <p class="empty">{i18n::PORT_NO_FILES.get(lang)}</p> });
        let p = portfolio.get();
        let rows = files
            .into_iter()
            .map(|f| {
                let in_matrix = p.position(&MemberId::File(f.key.clone())).is_some();
                let source = if f.folder {
                    i18n::PORT_SOURCE_FOLDER
                } else {
                    i18n::PORT_SOURCE_FILE
                };
                let warnings = (!f.warnings.is_empty()).then(|| {
                    let list = f
                        .warnings
                        .iter()
                        .map(|w| {
                            view! {
                                <li>
                                    <code>{w.path().to_string()}</code>
                                    " "
                                    {w.message(lang)}
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        <details>
                            <summary>
                                {i18n::PORT_WARNINGS.fmt(lang, &[("n", &f.warnings.len())])}
                            </summary>
                            <ul class="problems">{list}</ul>
                        </details>
                    }
                });
                let missing = (!in_matrix)
                    .then(|| i18n::PORT_MODEL_MISSING.fmt(lang, &[("name", &f.assessment.name)]));
                let label = i18n::PORT_REMOVE_FILE.fmt(lang, &[("name", &f.name)]);
                let key = f.key.clone();
                view! {
                    <tr data-portfolio-file=f.key>
                        <td class="file-name">{f.name}</td>
                        <td>{f.assessment.name.clone()}</td>
                        <td>{f.assessment.project_name().to_string()}</td>
                        <td>{source.get(lang)}</td>
                        <td>{warnings} {missing}</td>
                        <td>
                            <button
                                type="button"
                                class="small"
                                data-action="portfolio-remove"
                                aria-label=label
                                on:click=move |_| remove_file(pf, key.clone())
                            >
                                {i18n::PORT_REMOVE.get(lang)}
                            </button>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        let table = empty.is_none().then(|| {
            view! {
                <div class="table-wrap">
                    <table class="data compact pf-files">
                        <caption class="visually-hidden">{i18n::PORT_FILES.get(lang)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{i18n::PORT_FILE.get(lang)}</th>
                                <th scope="col">{i18n::PORT_ASSESSMENT.get(lang)}</th>
                                <th scope="col">{i18n::PF_PROJECT.get(lang)}</th>
                                <th scope="col">{i18n::PORT_SOURCE.get(lang)}</th>
                                <th scope="col">{i18n::WARNING.get(lang)}</th>
                                <th scope="col">
                                    <span class="visually-hidden">{i18n::ACTIONS.get(lang)}</span>
                                </th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <div class="actions">
                    <button
                        type="button"
                        class="danger small"
                        data-action="portfolio-clear"
                        on:click=move |_| clear_files(pf)
                    >
                        {i18n::PORT_CLEAR_FILES.get(lang)}
                    </button>
                </div>
            }
        });
        (empty, table)
    }
}
