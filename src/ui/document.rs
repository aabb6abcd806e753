//! The workbook document's views: the document bar (Save, Save as, autosave, where it was
//! saved), the name asked once, the dialog when a document meets another version here (take
//! the file's, keep this one, or merge), and the merge dialog that shows every conflict side
//! by side. The actions themselves are the workbook's (`ui/state/documents.rs`).

use leptos::prelude::*;

use maturity_core::assess::assessment::{Answer, EvidenceEntry};
use maturity_core::store::merge::{Conflict, Side, Version};
use maturity_core::store::workspace::{Meeting, Summary};
use maturity_core::text::i18n;
use maturity_core::text::{short_time, Lang};

use crate::ui::state::{use_documents, use_workbook, Workbook};
use crate::web::docfile;

/// The line under an assessment's name: where it was saved and whether there is more.
#[component]
pub fn DocumentBar() -> impl IntoView {
    let wb = use_workbook();
    let docs = use_documents();
    let status = move || {
        let lang = wb.lang.get();
        let id = wb.current_id_tracked()?;
        let unsaved = wb.unsaved_in_document(&id);
        let text = match wb.document(&id) {
            Some(d) if !unsaved => {
                i18n::DOC_SAVED_AT.fmt(lang, &[("file", &d.name), ("t", &short_time(&d.saved_at))])
            }
            Some(d) => format!(
                "{} · {}",
                i18n::DOC_SAVED_AT.fmt(lang, &[("file", &d.name), ("t", &short_time(&d.saved_at))]),
                i18n::DOC_UNSAVED.get(lang)
            ),
            None => i18n::DOC_NEVER.get(lang).to_string(),
        };
        Some((text, unsaved))
    };
    let in_place = docfile::can_save_in_place();
    let autosave = move || wb.autosave();
    view! {
        <div
            class="document-bar"
            data-document-status=move || {
                status().map(|(_, unsaved)| if unsaved { "unsaved" } else { "saved" })
            }
        >
            <span class="document-status" role="status">
                {move || status().map(|(t, _)| t)}
            </span>
            <button
                type="button"
                class="small primary"
                data-action="save"
                disabled=move || docs.saving.get()
                title=move || wb.t(i18n::KEY_SAVE)
                on:click=move |_| wb.save(docs, false)
            >
                {move || wb.t(i18n::SAVE)}
            </button>
            <button
                type="button"
                class="small"
                data-action="save-document"
                disabled=move || docs.saving.get()
                on:click=move |_| wb.save(docs, true)
            >
                {move || wb.t(i18n::SAVE_AS)}
            </button>
            {in_place
                .then(|| {
                    view! {
                        <label class="check small-text">
                            <input
                                type="checkbox"
                                data-action="autosave"
                                prop:checked=autosave
                                on:change=move |e| wb.set_autosave(event_target_checked(&e))
                            />
                            {move || wb.t(i18n::AUTOSAVE)}
                        </label>
                    }
                })}
            {(!in_place)
                .then(|| {
                    view! {
                        <span class="hint small-text">{move || wb.t(i18n::NO_FILE_ACCESS)}</span>
                    }
                })}
        </div>
    }
}

/// Asks the user's name once, before the first save.
#[component]
pub fn NameDialog() -> impl IntoView {
    let wb = use_workbook();
    let docs = use_documents();
    let name = RwSignal::new(String::new());
    let done = move |keep: bool| {
        let as_new = docs.asking_name.get_untracked().unwrap_or(false);
        let given = if keep {
            name.get_untracked()
        } else {
            String::new()
        };
        wb.set_user_name(&given);
        docs.asking_name.set(None);
        wb.save(docs, as_new);
    };
    move || {
        docs.asking_name.get().map(|_| {
            view! {
                <div class="overlay">
                    <form
                        class="dialog"
                        role="dialog"
                        aria-modal="true"
                        aria-labelledby="name-title"
                        on:submit=move |e| {
                            e.prevent_default();
                            done(true);
                        }
                    >
                        <h2 id="name-title">{move || wb.t(i18n::NAME_TITLE)}</h2>
                        <p class="hint" id="name-hint">
                            {move || wb.t(i18n::NAME_HINT)}
                        </p>
                        <label class="visually-hidden" for="user-name">
                            {move || wb.t(i18n::NAME_TITLE)}
                        </label>
                        <input
                            id="user-name"
                            type="text"
                            autocomplete="name"
                            aria-describedby="name-hint"
                            prop:value=move || name.get()
                            on:input=move |e| name.set(event_target_value(&e))
                        />
                        <div class="actions">
                            <button type="submit" class="primary" data-action="name-save">
                                {move || wb.t(i18n::SAVE)}
                            </button>
                            <button
                                type="button"
                                data-action="name-skip"
                                on:click=move |_| done(false)
                            >
                                {move || wb.t(i18n::SKIP)}
                            </button>
                        </div>
                    </form>
                </div>
            }
        })
    }
}

/// "Last changed 2026-05-01 10:00 by 张三" for a version of an assessment.
fn last_change(s: &Summary, lang: Lang) -> String {
    let by = if s.updated_by.is_empty() {
        String::new()
    } else {
        i18n::DOC_BY.fmt(lang, &[("name", &s.updated_by)])
    };
    i18n::DOC_LAST_CHANGE.fmt(lang, &[("t", &short_time(&s.updated_at)), ("by", &by)])
}

/// A document met another version of its assessment here: which is newer, and the choice.
#[component]
pub fn MeetingDialog() -> impl IntoView {
    let wb = use_workbook();
    let docs = use_documents();
    move || {
        let Some(Meeting::Differ {
            here,
            there,
            newer,
            file,
            incoming,
        }) = docs.meeting.get()
        else {
            return None;
        };
        let lang = wb.lang.get();
        let verdict = match newer {
            Some(Side::There) => i18n::DOC_NEWER_FILE,
            Some(Side::Here) => i18n::DOC_NEWER_HERE,
            None => i18n::DOC_SAME_TIME,
        };
        let describe = |title: i18n::T, s: &Summary, side: &'static str| {
            view! {
                <div class="version" data-version=side>
                    <h3>{title.get(lang)}</h3>
                    <p>{last_change(s, lang)}</p>
                    <p>
                        {i18n::OVERALL.get(lang)} " "
                        {s.label.map(|l| l.to_string()).unwrap_or_default()} " · "
                        {i18n::ANSWERED_N_OF_M.fmt(lang, &[("n", &s.answered), ("m", &s.total)])}
                    </p>
                </div>
            }
        };
        let (take, merge_with) = ((*incoming).clone(), (*incoming).clone());
        let file2 = file.clone();
        Some(view! {
            <div class="overlay">
                <div
                    class="dialog wide"
                    role="dialog"
                    aria-modal="true"
                    aria-labelledby="meeting-title"
                    data-dialog="document-meeting"
                >
                    <h2 id="meeting-title">{i18n::DOC_OPEN_TITLE.fmt(lang, &[("file", &file)])}</h2>
                    <p>{i18n::DOC_DIFFERS.get(lang)}</p>
                    <p class="verdict" data-newer=format!("{newer:?}").to_lowercase()>
                        <strong>{verdict.get(lang)}</strong>
                    </p>
                    <div class="versions">
                        {describe(i18n::DOC_VERSION_FILE, &there, "file")}
                        {describe(i18n::DOC_VERSION_HERE, &here, "browser")}
                    </div>
                    <div class="actions">
                        <button
                            type="button"
                            class="primary"
                            data-action="document-take-file"
                            on:click=move |_| {
                                wb.take_document(take.clone(), &file2);
                                docs.meeting.set(None);
                            }
                        >
                            {i18n::DOC_TAKE_FILE.get(lang)}
                        </button>
                        <button
                            type="button"
                            data-action="document-keep-browser"
                            on:click=move |_| docs.meeting.set(None)
                        >
                            {i18n::DOC_KEEP_HERE.get(lang)}
                        </button>
                        <button
                            type="button"
                            data-action="document-merge"
                            on:click=move |_| {
                                wb.start_merge(docs, &merge_with);
                                docs.meeting.set(None);
                            }
                        >
                            {i18n::DOC_MERGE.get(lang)}
                        </button>
                    </div>
                </div>
            </div>
        })
    }
}

/// What one version of a conflicting value says, with when and by whom.
fn version_text<T>(v: &Version<T>, show: impl Fn(&T) -> String, lang: Lang) -> String {
    let value = match &v.value {
        Some(x) => show(x),
        None => i18n::MERGE_CLEARED.get(lang).to_string(),
    };
    match &v.stamp {
        Some(s) if s.by.is_empty() => format!("{value} · {}", short_time(&s.at)),
        Some(s) => format!("{value} · {} · {}", short_time(&s.at), s.by),
        None => value,
    }
}

/// One conflict's subject and both sides, as text.
fn conflict_texts(c: &Conflict, wb: Workbook, lang: Lang) -> (String, String, String) {
    let answer = |a: &Answer| {
        let mut t = a.status.text().get(lang).to_string();
        if !a.comment.is_empty() {
            t = format!("{t} — {}", a.comment);
        }
        t
    };
    let or_empty = |t: &str| {
        if t.is_empty() {
            i18n::MERGE_EMPTY.get(lang).to_string()
        } else {
            t.to_string()
        }
    };
    match c {
        Conflict::Answer { req, here, there } => {
            let text = wb
                .model
                .get_untracked()
                .and_then(|m| {
                    m.find_requirement(req)
                        .map(|r| m.requirement(r).text.get(lang).to_string())
                })
                .unwrap_or_default();
            (
                format!("{req} {text}"),
                version_text(here, answer, lang),
                version_text(there, answer, lang),
            )
        }
        Conflict::Notes { item, here, there } => (
            i18n::NOTES_OF.fmt(lang, &[("item", item)]),
            version_text(here, |t| t.clone(), lang),
            version_text(there, |t| t.clone(), lang),
        ),
        Conflict::Evidence {
            item,
            id,
            here,
            there,
        } => {
            let show = |e: &EvidenceEntry| {
                format!(
                    "{} · {} · {}",
                    e.status.text().get(lang),
                    or_empty(&e.owner),
                    or_empty(&e.location)
                )
            };
            (
                i18n::EVIDENCE_OF.fmt(lang, &[("item", item), ("id", id)]),
                version_text(here, show, lang),
                version_text(there, show, lang),
            )
        }
        Conflict::Project { field, here, there } => (
            field.text().get(lang).to_string(),
            or_empty(here),
            or_empty(there),
        ),
        Conflict::Name { here, there } => (
            i18n::ASSESSMENT_NAME.get(lang).to_string(),
            here.clone(),
            there.clone(),
        ),
        Conflict::Target { here, there } => (
            i18n::TARGET_LEVEL.get(lang).to_string(),
            here.to_string(),
            there.to_string(),
        ),
    }
}

/// The merge: what is taken, and each conflict with both versions side by side, decided one
/// by one or all at once. Nothing is written until "Merge", which can be undone.
#[component]
pub fn MergeDialog() -> impl IntoView {
    let wb = use_workbook();
    let docs = use_documents();
    let choices = RwSignal::new(Vec::<Side>::new());
    Effect::new(move |_| {
        let n = docs
            .merge
            .with(|p| p.as_ref().map_or(0, |p| p.conflicts.len()));
        choices.set(vec![Side::Here; n]);
    });
    move || {
        let plan = docs.merge.get()?;
        let lang = wb.lang.get();
        let n = plan.conflicts.len();
        let summary = if n == 0 {
            i18n::MERGE_NO_CONFLICT.fmt(lang, &[("taken", &plan.taken.len())])
        } else {
            i18n::MERGE_SUMMARY.fmt(lang, &[("taken", &plan.taken.len()), ("n", &n)])
        };
        let rows = plan
            .conflicts
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let (what, here, there) = conflict_texts(c, wb, lang);
                let choose = move |side: Side| {
                    move |_| {
                        choices.update(|v| {
                            if let Some(x) = v.get_mut(i) {
                                *x = side;
                            }
                        })
                    }
                };
                let chosen = move |side: Side| move || choices.with(|v| v.get(i) == Some(&side));
                let name = format!("conflict-{i}");
                view! {
                    <tr data-conflict=i.to_string()>
                        <th scope="row">{what}</th>
                        <td>
                            <label class="choice">
                                <input
                                    type="radio"
                                    name=name.clone()
                                    data-side="here"
                                    prop:checked=chosen(Side::Here)
                                    on:change=choose(Side::Here)
                                />
                                <span>{here}</span>
                            </label>
                        </td>
                        <td>
                            <label class="choice">
                                <input
                                    type="radio"
                                    name=name
                                    data-side="there"
                                    prop:checked=chosen(Side::There)
                                    on:change=choose(Side::There)
                                />
                                <span>{there}</span>
                            </label>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        let newer: Vec<Side> = plan.conflicts.iter().map(Conflict::newer).collect();
        let all = move |sides: Vec<Side>| move |_| choices.set(sides.clone());
        let plan2 = plan.clone();
        let table = (n > 0).then(|| {
            view! {
                <div class="actions">
                    <button
                        type="button"
                        data-action="merge-all-here"
                        on:click=all(vec![Side::Here; n])
                    >
                        {i18n::MERGE_ALL_HERE.get(lang)}
                    </button>
                    <button
                        type="button"
                        data-action="merge-all-there"
                        on:click=all(vec![Side::There; n])
                    >
                        {i18n::MERGE_ALL_THERE.get(lang)}
                    </button>
                    <button type="button" data-action="merge-all-newer" on:click=all(newer.clone())>
                        {i18n::MERGE_ALL_NEWER.get(lang)}
                    </button>
                </div>
                <div class="table-wrap">
                    <table class="data merge-table">
                        <thead>
                            <tr>
                                <th scope="col">{i18n::MERGE_WHAT.get(lang)}</th>
                                <th scope="col">{i18n::DOC_VERSION_HERE.get(lang)}</th>
                                <th scope="col">{i18n::MERGE_THERE.get(lang)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
        });
        Some(view! {
            <div class="overlay">
                <div
                    class="dialog wide"
                    role="dialog"
                    aria-modal="true"
                    aria-labelledby="merge-title"
                    data-dialog="merge"
                    data-conflicts=n.to_string()
                    data-taken=plan.taken.len().to_string()
                >
                    <h2 id="merge-title">
                        {i18n::MERGE_TITLE.fmt(lang, &[("name", &plan.merged.name)])}
                    </h2>
                    <p>{summary}</p>
                    {table}
                    <div class="actions">
                        <button
                            type="button"
                            class="primary"
                            data-action="merge-apply"
                            on:click=move |_| {
                                wb.merge(&plan2, &choices.get_untracked());
                                docs.merge.set(None);
                            }
                        >
                            {i18n::MERGE_APPLY.get(lang)}
                        </button>
                        <button
                            type="button"
                            data-action="merge-cancel"
                            on:click=move |_| docs.merge.set(None)
                        >
                            {i18n::CANCEL.get(lang)}
                        </button>
                    </div>
                </div>
            </div>
        })
    }
}
