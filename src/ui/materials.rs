//! The materials check on the evidence plan page: choosing (or dropping, or checking again) the
//! team's materials folder, and what the last check found for the target level — the files
//! of each material, the materials with nothing, the files that match nothing — with taking
//! the result into the entries and its undo. The matching is the core's
//! (`assess::materials`); the folder is read by `web::picker` (names, sizes and dates only).
//!
//! Also here: a material shown as CAICT names its files, under the label 材料编号, so a
//! material code is never taken for a requirement id.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::custom_attribute;
use leptos::{ev, task::spawn_local};

use maturity_core::assess::assessment::EntryKind;
use maturity_core::assess::materials::{
    acceptance_of, check, check_inputs, material_name, size_text, CheckResult, CheckedFile,
    EvidenceCheck,
};
use maturity_core::model::LoadedModel;
use maturity_core::store::persist::Key;
use maturity_core::text::i18n::{self, materials as mt};
use maturity_core::text::{short_time, Lang};

use crate::ui::state::{use_workbook, Workbook};
use crate::web::picker::{self, Folder, FolderError};
use crate::web::{browser, idb};

/// How deep a chosen folder is read, and how many files at most.
const FOLDER_DEPTH: u32 = 8;
const FOLDER_LIMIT: usize = 20_000;
/// Files listed under one material; the rest are counted.
const FILES_SHOWN: usize = 8;

/// A material as CAICT names its files (`CM-VC-VCS-L3-3-《…》`), labelled 材料编号 and styled
/// apart from requirement ids; with its kind when given.
pub fn material_label(
    code: &str,
    title: &str,
    kind: Option<EntryKind>,
    lang: Lang,
) -> impl IntoView {
    let kind = kind.map(|k| view! { <span class="mc-kind">{k.text().get(lang)}</span> });
    view! {
        <span
            class="material"
            data-material-code=code.to_string()
            title=mt::MATERIAL_CODE_HINT.get(lang)
        >
            <span class="mc-label">{mt::MATERIAL_CODE.get(lang)}</span>
            {kind}
            <span class="mc-name">{material_name(code, title, lang)}</span>
        </span>
    }
}

/// The result of the open assessment's last check, read again only when what it depends on
/// changed (not on every status or location typed).
type Shown = Option<Arc<(CheckResult, EvidenceCheck)>>;

fn result_memo(wb: Workbook, model: Arc<LoadedModel>) -> Memo<Shown> {
    let inputs = Memo::new(move |_| wb.with_current(|c| c.and_then(check_inputs)));
    Memo::new_with_compare(
        move |_| {
            // Read, not only tracked: a memo never read never subscribes to its own sources.
            inputs.with(|_| ());
            wb.with_current_untracked(|c| {
                let a = c?;
                let c = a.evidence_check.clone()?;
                Some(Arc::new((check(&model, a, &c.files), c)))
            })
        },
        |a, b| match (a.and_then(Option::as_ref), b.and_then(Option::as_ref)) {
            (Some(a), Some(b)) => a != b,
            (None, None) => false,
            _ => true,
        },
    )
}

/// What the section says while it works or after it acted.
#[derive(Clone, Debug, PartialEq)]
enum Status {
    Idle,
    Checking,
    Said(String),
    Problem(String),
}

#[component]
pub fn MaterialsCheck(model: Arc<LoadedModel>) -> impl IntoView {
    let wb = use_workbook();
    let status = RwSignal::new(Status::Idle);
    // The folder chosen through the directory picker, kept for "check again".
    let folder: StoredValue<Option<Folder>, LocalStorage> = StoredValue::new_local(None);
    let remembered = RwSignal::new(None::<String>);
    let can_pick = picker::has_directory_picker();
    if can_pick {
        if let Some(id) = wb.current_id() {
            spawn_local(async move {
                let db = idb::open().await;
                if let Ok(Some(f)) = Folder::recall(&db, &Key::EvidenceFolder(id)).await {
                    remembered.set(Some(f.name()));
                    folder.set_value(Some(f));
                }
            });
        }
    }
    let result = result_memo(wb, Arc::clone(&model));

    let record = move |name: String, files: Vec<(String, web_sys::File)>| {
        record_files(wb, status, name, files)
    };
    let with_paths = |files: Vec<web_sys::File>| -> Vec<(String, web_sys::File)> {
        files
            .into_iter()
            .map(|f| (picker::path_of(&f), f))
            .collect()
    };
    let on_input = move |e: ev::Event| {
        // Timed (a performance measure) for the end-to-end test of a large folder.
        browser::timed("wb-materials-check", || {
            let files = with_paths(picker::files_of_input(&e));
            // A folder input gives paths that start with the chosen folder's name (files given
            // one by one have only their names: no folder).
            let name = files
                .first()
                .and_then(|(p, _)| p.split_once('/'))
                .map(|(folder, _)| folder.to_string())
                .unwrap_or_default();
            record(name, files);
        })
    };
    let on_drop = move |e: ev::DragEvent| {
        e.prevent_default();
        // Dropped here, files are checked, not imported.
        e.stop_propagation();
        record(String::new(), with_paths(picker::files_of_drop(&e)));
    };
    // Reads a chosen folder and records the check; `note` is shown afterwards (a folder that
    // could not be remembered still gets checked).
    let read = move |f: Folder, note: Option<String>| {
        spawn_local(async move {
            let lang = wb.lang.get_untracked();
            if let Err(e) = f.ensure_permission().await {
                status.set(Status::Problem(e.message(lang)));
                return;
            }
            status.set(Status::Checking);
            match f.listing(FOLDER_DEPTH, FOLDER_LIMIT).await {
                Ok(files) => {
                    record(f.name(), files);
                    if let Some(note) = note {
                        status.set(Status::Problem(note));
                    }
                }
                Err(e) => status.set(Status::Problem(e.message(lang))),
            }
        })
    };
    let choose = move |_| {
        let Some(id) = wb.current_id() else {
            return;
        };
        spawn_local(async move {
            let lang = wb.lang.get_untracked();
            match picker::choose_folder().await {
                Ok(f) => {
                    let db = idb::open().await;
                    let kept = match db.fallback() {
                        Some(why) => Err(why.clone()),
                        None => f.remember(&db, &Key::EvidenceFolder(id)).await,
                    };
                    remembered.set(Some(f.name()));
                    folder.set_value(Some(f.clone()));
                    let note = kept
                        .err()
                        .map(|e| mt::NOT_REMEMBERED.fmt(lang, &[("detail", &e.message(lang))]));
                    read(f, note);
                }
                Err(FolderError::Cancelled) => {}
                Err(e) => status.set(Status::Problem(e.message(lang))),
            }
        });
    };
    let recheck = move |_| match folder.get_value() {
        Some(f) => read(f, None),
        None => status.set(Status::Problem(
            FolderError::Denied.message(wb.lang.get_untracked()),
        )),
    };

    let controls = move || {
        folder_controls(
            wb.lang.get(),
            can_pick,
            remembered,
            choose,
            recheck,
            on_input,
        )
    };
    let said = move || {
        let lang = wb.lang.get();
        match status.get() {
            Status::Idle => ("", String::new()),
            Status::Checking => ("", mt::CHECKING.get(lang).to_string()),
            Status::Said(s) => ("", s),
            Status::Problem(s) => ("problem", s),
        }
    };
    let m = Arc::clone(&model);
    view! {
        <section
            class="card materials-check"
            aria-labelledby="materials-check-title"
            on:dragover=|e: ev::DragEvent| e.prevent_default()
            on:drop=on_drop
        >
            <h2 id="materials-check-title">{move || wb.t(mt::CHECK_TITLE)}</h2>
            <p class="hint">{move || wb.t(mt::CHECK_HINT)}</p>
            {controls}
            <p role="status" class="check-status" data-evidence-status="">
                <span class=move || said().0>{move || said().1}</span>
            </p>
            {move || match result.get() {
                Some(r) => Either::Left(result_view(wb, Arc::clone(&m), r, status)),
                None => Either::Right(view! { <p class="hint">{wb.t(mt::NO_CHECK)}</p> }),
            }}
        </section>
    }
}

/// Checks files given with their paths: matched by path first, and only the files the check
/// keeps are asked for their size and date (each a look at the disk for the browser).
fn record_files(
    wb: Workbook,
    status: RwSignal<Status>,
    name: String,
    files: Vec<(String, web_sys::File)>,
) {
    if files.is_empty() {
        status.set(Status::Problem(wb.t(mt::NO_FILES).into()));
        return;
    }
    let paths = files
        .iter()
        .map(|(path, _)| CheckedFile {
            path: path.clone(),
            ..CheckedFile::default()
        })
        .collect();
    let by_path: HashMap<&str, &web_sys::File> =
        files.iter().map(|(p, f)| (p.as_str(), f)).collect();
    let metadata = |f: &mut CheckedFile| {
        if let Some(file) = by_path.get(f.path.as_str()) {
            *f = picker::with_metadata(std::mem::take(&mut f.path), file);
        }
    };
    wb.record_evidence_check(&name, paths, &metadata);
    status.set(Status::Idle);
}

/// The ways to give the check its files: a folder input, the directory picker (remembered), and
/// checking the remembered folder again.
fn folder_controls(
    lang: Lang,
    can_pick: bool,
    remembered: RwSignal<Option<String>>,
    choose: impl Fn(ev::MouseEvent) + Copy + Send + Sync + 'static,
    recheck: impl Fn(ev::MouseEvent) + Copy + Send + Sync + 'static,
    on_input: impl Fn(ev::Event) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let pick = can_pick.then(|| {
        view! {
            <button type="button" data-action="evidence-folder-pick" on:click=choose>
                {mt::CHOOSE_AND_REMEMBER.get(lang)}
            </button>
        }
    });
    let again = move || {
        remembered.get().map(|name| {
            view! {
                <button
                    type="button"
                    class="primary"
                    data-action="evidence-recheck"
                    on:click=recheck
                >
                    {mt::RECHECK.fmt(lang, &[("name", &name)])}
                </button>
            }
        })
    };
    view! {
        <div class="actions">
            <label class="file-input">
                <span>{mt::CHOOSE_FOLDER.get(lang)}</span>
                <input
                    type="file"
                    multiple
                    {..custom_attribute("webkitdirectory", "")}
                    data-action="evidence-folder"
                    on:change=on_input
                />
            </label>
            {pick}
            {again}
        </div>
        <p class="hint">{mt::DROP_HINT.get(lang)}</p>
    }
}

/// The last check: the summary, taking the result (and its undo), each material of the plan
/// with its files, and the files that match nothing.
fn result_view(
    wb: Workbook,
    model: Arc<LoadedModel>,
    shown: Arc<(CheckResult, EvidenceCheck)>,
    status: RwSignal<Status>,
) -> impl IntoView {
    let lang = wb.lang.get();
    let (r, c) = (&shown.0, &shown.1);
    let target = wb.target.get();
    let (found, needed) = (r.found(), r.needed());
    let summary = mt::FOUND_SUMMARY.fmt(
        lang,
        &[
            ("n", &target),
            ("found", &found),
            ("needed", &needed),
            ("missing", &(needed - found)),
        ],
    );
    let when = short_time(&c.checked_at);
    let seen = c.files.len() + c.not_kept as usize;
    let source = if c.folder.is_empty() {
        mt::CHECKED_DROPPED.fmt(lang, &[("t", &when), ("files", &seen)])
    } else {
        mt::CHECKED_FOLDER.fmt(
            lang,
            &[("t", &when), ("folder", &c.folder), ("files", &seen)],
        )
    };
    let extra = [
        (c.not_kept > 0).then(|| mt::NOT_KEPT.fmt(lang, &[("n", &c.not_kept)])),
        (!r.elsewhere.is_empty()).then(|| mt::ELSEWHERE.fmt(lang, &[("n", &r.elsewhere.len())])),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    view! {
        <div class="check-result">
            <p data-evidence-found="" data-found=found data-needed=needed>
                <strong>{summary}</strong>
                " "
                {source}
            </p>
            <p class="hint">{extra}</p>
            {take_controls(wb, Arc::clone(&model), Arc::clone(&shown), status, lang)}
            {lines_table(wb, &model, &shown, lang)}
            {unmatched_list(r, &c.files, lang)}
        </div>
    }
}

/// "Take the result" with its counts, its undo, and forgetting the check.
fn take_controls(
    wb: Workbook,
    model: Arc<LoadedModel>,
    shown: Arc<(CheckResult, EvidenceCheck)>,
    status: RwSignal<Status>,
    lang: Lang,
) -> impl IntoView {
    let counts = move || {
        wb.with_current(|a| {
            a.map(|a| {
                let t = acceptance_of(&model, a, &shown.0, &shown.1.files);
                (t.statuses, t.locations)
            })
            .unwrap_or_default()
        })
    };
    let take = move |_| {
        let (s, l) = wb.take_evidence_check();
        status.set(Status::Said(
            mt::ACCEPTED.fmt(wb.lang.get_untracked(), &[("s", &s), ("l", &l)]),
        ));
    };
    let undo = move |_| {
        if wb.undo_evidence_take() {
            status.set(Status::Said(wb.t(mt::UNDONE).into()));
        }
    };
    let forget = move |_| {
        if browser::confirm(mt::CONFIRM_FORGET.get(wb.lang.get_untracked())) {
            wb.forget_evidence_check();
            status.set(Status::Idle);
        }
    };
    view! {
        <div class="actions">
            {move || {
                let (s, l) = counts();
                if s + l == 0 {
                    return Either::Right(mt::NOTHING_TO_ACCEPT.get(lang));
                }
                Either::Left(
                    view! {
                        <button
                            type="button"
                            class="primary"
                            data-action="evidence-accept"
                            data-statuses=s
                            data-locations=l
                            on:click=take
                        >
                            {mt::ACCEPT.fmt(lang, &[("s", &s), ("l", &l)])}
                        </button>
                    },
                )
            }}
            {move || {
                wb.can_undo_evidence_take()
                    .then(|| {
                        view! {
                            <button type="button" data-action="evidence-accept-undo" on:click=undo>
                                {mt::UNDO_ACCEPT.get(lang)}
                            </button>
                        }
                    })
            }}
            <button type="button" class="small" data-action="evidence-check-forget" on:click=forget>
                {mt::FORGET.get(lang)}
            </button>
        </div>
        <p class="hint">{mt::ACCEPT_HINT.get(lang)}</p>
    }
}

/// Each material of the plan with the files found for it (or "not found").
fn lines_table(
    wb: Workbook,
    model: &LoadedModel,
    shown: &(CheckResult, EvidenceCheck),
    lang: Lang,
) -> impl IntoView {
    let (r, c) = shown;
    let rows = wb.with_current_untracked(|a| {
        r.lines
            .iter()
            .map(|l| {
                let item = model.item(l.item);
                let entry = a.and_then(|a| a.items.get(&item.code)).and_then(|w| {
                    w.evidence
                        .iter()
                        .find(|e| Some(&e.id) == l.entry_id.as_ref())
                });
                let expected = l.expected.map(|n| &model.item_index(l.item).evidence[n]);
                let (code, title) = match expected {
                    Some(x) => (l.reference.clone(), x.title.get(lang).to_string()),
                    None => (
                        item.code.clone(),
                        entry.map(|e| e.title.clone()).unwrap_or_default(),
                    ),
                };
                let kind = entry
                    .map(|e| e.kind)
                    .or(expected.map(|x| x.kind.into()))
                    .unwrap_or(EntryKind::Other);
                // A material with many files shows the first few and counts the rest.
                let listed = l
                    .files
                    .iter()
                    .map(|&f| (f, false))
                    .chain(l.doubts.iter().map(|&f| (f, true)));
                let more = (l.files.len() + l.doubts.len()).saturating_sub(FILES_SHOWN);
                let expected = doubt_note(kind, lang);
                let files = listed
                    .take(FILES_SHOWN)
                    .map(|(f, doubt)| {
                        file_item(
                            &c.files[f],
                            Some(&l.reference),
                            doubt.then(|| expected.clone()),
                        )
                    })
                    .collect_view();
                let more = (more > 0).then(|| {
                    view! { <li class="more">{mt::MORE_FILES.fmt(lang, &[("n", &more)])}</li> }
                });
                let found = l.is_found();
                let missing = (!found).then(|| l.reference.clone());
                let nothing = (!found && l.doubts.is_empty()).then(
                    || view! { <span class="not-found">{mt::MATERIAL_NOT_FOUND.get(lang)}</span> },
                );
                view! {
                    <tr
                        class=if found { "found" } else { "missing" }
                        data-evidence-missing=missing
                        data-ref=l.reference.clone()
                        data-item=item.code.clone()
                    >
                        <td class="nowrap">{item.code.clone()}</td>
                        <td>{material_label(&code, &title, Some(kind), lang)}</td>
                        <td>{nothing} <ul class="plain check-files">{files} {more}</ul></td>
                    </tr>
                }
            })
            .collect_view()
    });
    let n = r.lines.len();
    view! {
        <details class="check-lines" open=true>
            <summary>{mt::LINES_TITLE.fmt(lang, &[("n", &n)])}</summary>
            <div class="table-wrap">
                <table class="data check-table">
                    <thead>
                        <tr>
                            <th scope="col">{i18n::SUB_ITEM.get(lang)}</th>
                            <th scope="col">{mt::COL_MATERIAL.get(lang)}</th>
                            <th scope="col">{mt::COL_FILES.get(lang)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </details>
    }
}

/// A file as the check lists it: serving a material (`reference`), in doubt for one (with what
/// kind was expected), or serving none. One shape for all three keeps the page's code small.
fn file_item(f: &CheckedFile, reference: Option<&str>, doubt: Option<String>) -> impl IntoView {
    let flag = |on: bool| on.then_some("");
    let (serves, in_doubt) = (reference.is_some(), doubt.is_some());
    view! {
        <li
            class=if in_doubt { "doubt" } else { "" }
            data-evidence-file=flag(serves && !in_doubt)
            data-evidence-doubt=flag(in_doubt)
            data-evidence-unmatched=flag(!serves)
            data-ref=reference.map(str::to_string)
            data-path=f.path.clone()
        >
            <span class="path">{f.path.clone()}</span>
            " "
            <span class="meta">{meta_text(f)}</span>
            " "
            <span class="doubt-note">{doubt}</span>
        </li>
    }
}

/// What a doubt says: the kind the material should have been.
fn doubt_note(kind: EntryKind, lang: Lang) -> String {
    mt::DOUBT.fmt(lang, &[("kind", &kind.text().get(lang))])
}

fn meta_text(f: &CheckedFile) -> String {
    let date: String = f.modified.chars().take(10).collect();
    if date.is_empty() {
        size_text(f.size)
    } else {
        format!("{} · {date}", size_text(f.size))
    }
}

/// The files that match no material, with the hint to rename them.
fn unmatched_list(r: &CheckResult, files: &[CheckedFile], lang: Lang) -> impl IntoView {
    let n = r.unmatched.len();
    (n > 0).then(|| {
        let items = r
            .unmatched
            .iter()
            .map(|&f| file_item(&files[f], None, None))
            .collect_view();
        view! {
            <details class="unmatched" open=true>
                <summary>{mt::UNMATCHED_TITLE.fmt(lang, &[("n", &n)])}</summary>
                <p class="hint">{mt::UNMATCHED_HINT.get(lang)}</p>
                <ul class="plain check-files">{items}</ul>
            </details>
        }
    })
}
