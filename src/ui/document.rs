//! The workbook document in the page: saving the open assessment as one HTML file (Save, Save
//! as, Ctrl+S, optional autosave), the name asked once, opening a document (this browser may
//! hold another version: take the file's, keep this one, or merge), and the merge dialog that
//! shows every conflict side by side.

use std::time::Duration;

use leptos::prelude::*;

use maturity_core::assess::assessment::Assessment;
use maturity_core::formats::document;
use maturity_core::formats::exchange;
use maturity_core::store::merge::{self, Conflict, MergePlan, Side, Version};
use maturity_core::store::workspace::{Meeting, Outcome, Summary, Toast};
use maturity_core::text::i18n;
use maturity_core::text::short_time;
use maturity_core::view::route::Route;

use crate::ui::state::{use_workbook, Workbook};
use crate::web::{browser, docfile, files};

/// How long after the last change an autosave writes the file.
const AUTOSAVE_DELAY: Duration = Duration::from_secs(3);

/// The document dialogs' state, provided as a context next to the workbook.
#[derive(Clone, Copy)]
pub struct Documents {
    /// A document met another version here: the choice to make.
    pub meeting: RwSignal<Option<Meeting>>,
    /// A merge waiting for the user's decisions.
    pub merge: RwSignal<Option<MergePlan>>,
    /// The name is being asked before a save (`Some(as_new)`).
    pub asking_name: RwSignal<Option<bool>>,
    pub saving: RwSignal<bool>,
    autosave_timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
}

pub fn use_documents() -> Documents {
    expect_context::<Documents>()
}

impl Documents {
    pub fn new() -> Documents {
        Documents {
            meeting: RwSignal::new(None),
            merge: RwSignal::new(None),
            asking_name: RwSignal::new(None),
            saving: RwSignal::new(false),
            autosave_timer: StoredValue::new_local(None),
        }
    }
}

impl Default for Documents {
    fn default() -> Documents {
        Documents::new()
    }
}

/// Saves the open assessment as its workbook document: to the same file again where this
/// browser knows it (`as_new` false), else where the user chooses, or as a download.
pub fn save(wb: Workbook, docs: Documents, as_new: bool) {
    if wb.read(|w| w.should_ask_name()) {
        docs.asking_name.set(Some(as_new));
        return;
    }
    if docs.saving.get_untracked() {
        return;
    }
    let Some((model, a)) = wb
        .model
        .get_untracked()
        .zip(wb.with_current_untracked(|c| c.cloned()))
    else {
        return;
    };
    docs.saving.set(true);
    leptos::task::spawn_local(async move {
        let lang = wb.lang.get_untracked();
        let now = browser::now_iso();
        let result = async {
            let template = docfile::template().await?;
            let json = exchange::export(&model, &a, &now);
            let html = document::write(&template, &json)
                .map_err(|_| docfile::DocError::NoTemplate("<body>".into()))?;
            let known = wb.read(|w| w.document(&a.id).map(|d| d.name.clone()));
            let suggested = known
                .clone()
                .unwrap_or_else(|| document::default_name(&a, &browser::today()));
            if !as_new {
                if let Some(done) = docfile::save(&a.id, &html, true).await {
                    done?;
                    return Ok(Toast::Saved {
                        file: known.unwrap_or(suggested),
                    });
                }
            }
            if docfile::can_save_in_place() {
                let file = docfile::save_as(&a.id, &suggested, &html, lang).await?;
                Ok(Toast::Saved { file })
            } else {
                files::download(&suggested, "text/html;charset=utf-8", &html)
                    .map_err(|e| docfile::DocError::Write(e.message(lang)))?;
                Ok(Toast::Downloaded { file: suggested })
            }
        }
        .await;
        docs.saving.set(false);
        match result {
            Ok(toast) => {
                let file = match &toast {
                    Toast::Saved { file } | Toast::Downloaded { file } => file.clone(),
                    _ => String::new(),
                };
                wb.act(|w, _| ((), w.document_saved(&a.id, &file, &now)));
                browser::mark("wb-document-saved");
                wb.toast.set(Some(toast));
            }
            Err(docfile::DocError::Cancelled) => {}
            Err(e) => wb.toast.set(Some(Toast::SaveFailed {
                detail: e.message(lang),
            })),
        }
    });
}

/// After a change, writes the document again once things are quiet, if the user turned
/// autosave on and this browser can write the file without asking.
pub fn schedule_autosave(wb: Workbook, docs: Documents) {
    let Some(id) = wb.current_id() else { return };
    if !wb.read(|w| w.autosave() && w.unsaved_in_document(&id)) {
        return;
    }
    let timer = set_timeout_with_handle(
        move || {
            leptos::task::spawn_local(async move {
                let Some(html) = document_html(wb).await else {
                    return;
                };
                let now = browser::now_iso();
                match docfile::save(&id, &html.1, false).await {
                    Some(Ok(())) => {
                        let file = wb
                            .read(|w| w.document(&id).map(|d| d.name.clone()))
                            .unwrap_or_default();
                        wb.act(|w, _| ((), w.document_saved(&id, &file, &now)));
                    }
                    Some(Err(_)) => wb.toast.set(Some(Toast::SaveFailed {
                        detail: i18n::AUTOSAVE_PAUSED.get(wb.lang.get_untracked()).into(),
                    })),
                    None => {}
                }
            });
        },
        AUTOSAVE_DELAY,
    )
    .ok();
    docs.autosave_timer.update_value(|t| {
        if let Some(old) = std::mem::replace(t, timer) {
            old.clear();
        }
    });
}

/// The open assessment's document text (exported at the current time) and the time.
async fn document_html(wb: Workbook) -> Option<(String, String)> {
    let model = wb.model.get_untracked()?;
    let a = wb.with_current_untracked(|c| c.cloned())?;
    let template = docfile::template().await.ok()?;
    let now = browser::now_iso();
    let html = document::write(&template, &exchange::export(&model, &a, &now)).ok()?;
    Some((now, html))
}

/// Opens the document embedded in this page, if the page is one. Returns the route to show.
pub fn open_embedded(
    wb: Workbook,
    docs: Documents,
) -> Option<Result<Route, exchange::ImportReport>> {
    let json = docfile::embedded()?;
    let report = exchange::import(&json, &untrack(|| wb.models()));
    let Some(there) = report.assessment.clone() else {
        return Some(Err(report));
    };
    let file = docfile::page_file_name().unwrap_or_default();
    let id = there.id.clone();
    // A model the document brought is added first, so its assessment opens with it.
    if let Some(m) = &report.carried {
        wb.adopt_model(m);
    }
    let meeting = wb.act(|w, now| w.meet_document(there, &file, now));
    match meeting {
        Some(Meeting::New) => wb.toast.set(Some(Toast::Opened { file })),
        Some(m @ Meeting::Differ { .. }) => docs.meeting.set(Some(m)),
        _ => {}
    }
    Some(Ok(Route::Dashboard(id)))
}

/// The line under an assessment's name: where it was saved and whether there is more.
#[component]
pub fn DocumentBar() -> impl IntoView {
    let wb = use_workbook();
    let docs = use_documents();
    let status = move || {
        let lang = wb.lang.get();
        let id = wb.current_id_tracked()?;
        wb.read(|w| {
            let text = match w.document(&id) {
                Some(d) if !w.unsaved_in_document(&id) => i18n::DOC_SAVED_AT
                    .fmt(lang, &[("file", &d.name), ("t", &short_time(&d.saved_at))]),
                Some(d) => format!(
                    "{} · {}",
                    i18n::DOC_SAVED_AT
                        .fmt(lang, &[("file", &d.name), ("t", &short_time(&d.saved_at))]),
                    i18n::DOC_UNSAVED.get(lang)
                ),
                None => i18n::DOC_NEVER.get(lang).to_string(),
            };
            Some((text, w.unsaved_in_document(&id)))
        })
    };
    let in_place = docfile::can_save_in_place();
    let autosave = move || wb.read(|w| w.autosave());
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
                on:click=move |_| save(wb, docs, false)
            >
                {move || wb.t(i18n::SAVE)}
            </button>
            <button
                type="button"
                class="small"
                data-action="save-document"
                disabled=move || docs.saving.get()
                on:click=move |_| save(wb, docs, true)
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
                                on:change=move |e| {
                                    let on = event_target_checked(&e);
                                    wb.act(|w, _| {
                                        w.set_autosave(on);
                                        (
                                            (),
                                            Outcome {
                                                list: true,
                                                ..Outcome::default()
                                            },
                                        )
                                    });
                                }
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
        wb.act(|w, _| {
            w.set_user_name(&given);
            ((), Outcome::default())
        });
        docs.asking_name.set(None);
        save(wb, docs, as_new);
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
fn last_change(s: &Summary, lang: maturity_core::text::Lang) -> String {
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
                                let a = take.clone();
                                wb.act(|w, now| ((), w.take_document(a, &file2, now)));
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
                                start_merge(wb, docs, merge_with.clone());
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

/// Plans merging `there` into this browser's copy of the same assessment and shows it.
pub fn start_merge(wb: Workbook, docs: Documents, there: Assessment) {
    let plan = wb.read(|w| w.get(&there.id).map(|here| merge::plan(here, &there)));
    if let Some(plan) = plan {
        docs.merge.set(Some(plan));
    }
}

/// What one version of a conflicting value says, with when and by whom.
fn version_text<T>(
    v: &Version<T>,
    show: impl Fn(&T) -> String,
    lang: maturity_core::text::Lang,
) -> String {
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
fn conflict_texts(
    c: &Conflict,
    wb: Workbook,
    lang: maturity_core::text::Lang,
) -> (String, String, String) {
    let answer = |a: &maturity_core::assess::assessment::Answer| {
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
            let show = |e: &maturity_core::assess::assessment::EvidenceEntry| {
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
                                let by = wb.read(|w| w.user_name().to_string());
                                let now = browser::now_iso();
                                let merged = merge::resolve(
                                    &plan2,
                                    &choices.get_untracked(),
                                    &now,
                                    &by,
                                );
                                wb.act(|w, now| ((), w.merge_in(merged, now)));
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
