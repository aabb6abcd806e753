//! The portfolio page (`#/portfolio`): assessments in this browser and files (JSON exports or
//! workbook documents, picked, dropped or read from a folder) side by side in a matrix of
//! levels, and the comparison of two assessments of one project. Everything computed comes
//! from `core::portfolio`; this module reads files, keeps the portfolio in IndexedDB
//! (`web::idb`) and draws.

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;

use maturity_core::assess::assessment::{Assessment, Status};
use maturity_core::assess::score::Label;
use maturity_core::formats::summary::file_name;
use maturity_core::model::LoadedModel;
use maturity_core::portfolio::{
    cell_text, comparison_csv, matrix_csv, read_file, xlsx_book, Change, Comparison, FileProblem,
    FileRead, FileRef, Holdings, HoldingsError, Matrix, Member, MemberId, Order, Origin, Portfolio,
    View,
};
use maturity_core::store::persist::Key;
use maturity_core::store::workspace::Toast;
use maturity_core::text::i18n;
use maturity_core::text::Lang;

use crate::ui::mtext::mtext;
use crate::ui::state::{use_workbook, Workbook};
use crate::ui::widgets::level_fixed;
use crate::web::files::{self, FileError};
use crate::web::idb::{self, Idb, IdbError};
use crate::web::picker::{self, Folder, FolderError};
use crate::web::{browser, compress};

/// A workbook document embeds the whole workbook (about 1 MB); more than this is not one.
const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// What a folder reading takes: these file types, two levels of sub-folders, this many files.
const FOLDER_EXTENSIONS: [&str; 3] = [".json", ".html", ".htm"];
const FOLDER_DEPTH: u32 = 2;
const FOLDER_LIMIT: usize = 500;

/// A file in the portfolio, read and validated.
#[derive(Clone, Debug)]
struct FileEntry {
    key: String,
    name: String,
    folder: bool,
    assessment: Assessment,
    warnings: Vec<FileProblem>,
    /// The model the file carried, when it is read with it.
    carried: Option<Arc<LoadedModel>>,
}

/// A file that was not added, and why.
#[derive(Clone, Debug)]
struct Rejected {
    name: String,
    problems: Vec<FileProblem>,
    read_error: Option<FileError>,
}

/// Something the user must know about the portfolio itself.
#[derive(Clone, Debug, PartialEq)]
enum Issue {
    NoIdb(IdbError),
    Save(IdbError),
    Holdings(HoldingsError),
    Folder(FolderError),
    FileGone(String),
}

impl Issue {
    fn message(&self, lang: Lang) -> String {
        match self {
            Issue::NoIdb(e) => i18n::PORT_NO_IDB.fmt(lang, &[("detail", &e.message(lang))]),
            Issue::Save(e) => i18n::PORT_SAVE_FAILED.fmt(lang, &[("detail", &e.message(lang))]),
            Issue::Holdings(e) => e.message(lang),
            Issue::Folder(e) => e.message(lang),
            Issue::FileGone(name) => i18n::PORT_FILE_MISSING.fmt(lang, &[("name", name)]),
        }
    }
}

/// The page's state. Lives as long as the page.
#[derive(Clone, Copy)]
struct Pf {
    record: RwSignal<Holdings>,
    files: RwSignal<Vec<FileEntry>>,
    rejected: RwSignal<Vec<Rejected>>,
    issues: RwSignal<Vec<Issue>>,
    /// Files being read.
    busy: RwSignal<Option<usize>>,
    /// How many files the last addition added.
    added: RwSignal<Option<usize>>,
    ready: RwSignal<bool>,
    /// The remembered record is from a newer workbook: change nothing in storage.
    frozen: RwSignal<bool>,
    view: RwSignal<View>,
    /// The members compared (tokens of their ids): earlier, later.
    pair: RwSignal<Option<(String, String)>>,
    /// Print only the comparison.
    print_comparison: RwSignal<bool>,
    db: StoredValue<Option<Idb>, LocalStorage>,
    folder: StoredValue<Option<Folder>, LocalStorage>,
}

impl Pf {
    fn new() -> Pf {
        Pf {
            record: RwSignal::new(Holdings::new()),
            files: RwSignal::new(Vec::new()),
            rejected: RwSignal::new(Vec::new()),
            issues: RwSignal::new(Vec::new()),
            busy: RwSignal::new(None),
            added: RwSignal::new(None),
            ready: RwSignal::new(false),
            frozen: RwSignal::new(false),
            view: RwSignal::new(View::default()),
            pair: RwSignal::new(None),
            print_comparison: RwSignal::new(false),
            db: StoredValue::new_local(None),
            folder: StoredValue::new_local(None),
        }
    }

    fn issue(&self, i: Issue) {
        self.issues.update(|v| {
            if !v.contains(&i) {
                v.push(i)
            }
        });
    }

    fn db(&self) -> Option<Idb> {
        self.db.get_value()
    }

    /// Writes the list of members.
    async fn save(self) {
        if self.frozen.get_untracked() {
            return;
        }
        let Some(db) = self.db() else { return };
        let text = self.record.with_untracked(Holdings::encode);
        if let Err(e) = db.put_text(&Key::Portfolio, &text).await {
            self.issue(Issue::Save(e));
        }
    }

    async fn delete_files(self, keys: Vec<String>) {
        let Some(db) = self.db() else { return };
        for k in keys {
            let _ = db.delete(&Key::PortfolioFile(k)).await;
        }
    }
}

/// Reads the remembered portfolio: its list, each file's contents (validated again against
/// the models loaded now), the folder handle; removes contents no list names.
async fn load(wb: Workbook, pf: Pf) {
    let db = idb::open().await;
    if let Some(e) = db.fallback() {
        pf.issue(Issue::NoIdb(e.clone()));
    }
    pf.db.set_value(Some(db.clone()));
    let mut clean = true;
    let record = match db.get_text(&Key::Portfolio).await {
        Ok(Some(text)) => match Holdings::decode(&text) {
            Ok(r) => r,
            Err(e) => {
                clean = false;
                pf.frozen.set(matches!(e, HoldingsError::Newer(_)));
                pf.issue(Issue::Holdings(e));
                Holdings::new()
            }
        },
        Ok(None) => Holdings::new(),
        Err(e) => {
            clean = false;
            pf.issue(Issue::Save(e));
            Holdings::new()
        }
    };
    let models = untrack(|| wb.models());
    let mut entries = Vec::new();
    let mut rejected = Vec::new();
    for f in &record.files {
        match db.get_text(&Key::PortfolioFile(f.key.clone())).await {
            Ok(Some(text)) => match read_file(&text, &models) {
                Ok(read) => entries.push(FileEntry {
                    key: f.key.clone(),
                    name: f.name.clone(),
                    folder: f.folder,
                    assessment: read.assessment,
                    warnings: read.warnings,
                    carried: read.carried,
                }),
                Err(problems) => rejected.push(Rejected {
                    name: f.name.clone(),
                    problems,
                    read_error: None,
                }),
            },
            Ok(None) | Err(_) => pf.issue(Issue::FileGone(f.name.clone())),
        }
    }
    if clean {
        if let Ok(kept) = db.keys_with_prefix(&Key::portfolio_files_prefix()).await {
            let kept: Vec<String> = kept
                .into_iter()
                .filter_map(|k| match k {
                    Key::PortfolioFile(k) => Some(k),
                    _ => None,
                })
                .collect();
            pf.delete_files(record.orphans(kept.iter().map(String::as_str)))
                .await;
        }
    }
    if record.folder.is_some() {
        if let Ok(Some(folder)) = Folder::recall(&db, &Key::PortfolioFolder).await {
            pf.folder.set_value(Some(folder));
        }
    }
    pf.record.set(record);
    pf.files.set(entries);
    pf.rejected.set(rejected);
    pf.ready.set(true);
}

/// A file to read: its name, and the file or why it could not be had.
struct Incoming {
    name: String,
    file: Result<web_sys::File, FileError>,
}

/// Reads and validates files; the good ones are returned with their exchange JSON, the others
/// are listed as rejected.
async fn read_all(
    wb: Workbook,
    pf: Pf,
    incoming: Vec<Incoming>,
) -> Vec<(String, String, FileEntry)> {
    browser::mark("wb-portfolio-add-start");
    pf.busy.set(Some(incoming.len()));
    pf.added.set(None);
    let models = untrack(|| wb.models());
    let mut good = Vec::new();
    let mut rejected = Vec::new();
    for f in incoming {
        let text = match f.file {
            Ok(file) => files::read_text(file, MAX_FILE_BYTES).await,
            Err(e) => Err(e),
        };
        match text {
            Ok(text) => match read_file(&text, &models) {
                Ok(read) => {
                    let key = browser::new_id();
                    let entry = FileEntry {
                        key: key.clone(),
                        name: f.name.clone(),
                        folder: false,
                        assessment: read.assessment,
                        warnings: read.warnings,
                        carried: read.carried,
                    };
                    good.push((f.name, read.json, entry));
                }
                Err(problems) => rejected.push(Rejected {
                    name: f.name,
                    problems,
                    read_error: None,
                }),
            },
            Err(e) => rejected.push(Rejected {
                name: f.name,
                problems: Vec::new(),
                read_error: Some(e),
            }),
        }
    }
    browser::mark("wb-portfolio-read");
    pf.rejected.set(rejected);
    pf.busy.set(None);
    pf.added.set(Some(good.len()));
    good
}

/// Keeps the contents of files read (their exchange JSON, by key), in one transaction. When
/// that fails the files stay in this page's memory, and the user is told.
async fn store_contents(pf: Pf, contents: Vec<(String, String)>) {
    let Some(db) = pf.db() else { return };
    if pf.frozen.get_untracked() || contents.is_empty() {
        return;
    }
    let entries: Vec<(Key, String)> = contents
        .into_iter()
        .map(|(key, json)| (Key::PortfolioFile(key), json))
        .collect();
    if let Err(e) = db.put_texts(&entries).await {
        pf.issue(Issue::Save(e));
    }
}

/// Files read: (name, entry) to show, and (key, exchange JSON) to keep.
type Split = (Vec<(String, FileEntry)>, Vec<(String, String)>);

/// Splits files read into their entries and their contents to keep.
fn split(good: Vec<(String, String, FileEntry)>) -> Split {
    good.into_iter()
        .map(|(name, json, e)| {
            let key = e.key.clone();
            ((name, e), (key, json))
        })
        .unzip()
}

/// Adds picked or dropped files.
fn add_files(wb: Workbook, pf: Pf, list: Vec<web_sys::File>) {
    if list.is_empty() {
        return;
    }
    let incoming = list
        .into_iter()
        .map(|f| Incoming {
            name: f.name(),
            file: Ok(f),
        })
        .collect();
    leptos::task::spawn_local(async move {
        let (entries, contents) = split(read_all(wb, pf, incoming).await);
        // Shown first, kept after.
        let now = browser::now_iso();
        let mut replaced = Vec::new();
        pf.record.update(|r| {
            for (name, entry) in &entries {
                replaced.extend(r.add_file(&entry.key, name, &now));
            }
        });
        pf.files.update(|v| {
            v.retain(|f| !replaced.contains(&f.key));
            v.extend(entries.into_iter().map(|(_, e)| e));
        });
        store_contents(pf, contents).await;
        pf.save().await;
        pf.delete_files(replaced).await;
    });
}

/// Reads the folder (again) and replaces the folder's files with what is in it now.
async fn read_folder(wb: Workbook, pf: Pf, folder: Folder) {
    if let Err(e) = folder.ensure_permission().await {
        pf.issue(Issue::Folder(e));
        return;
    }
    let found = match folder
        .files(&FOLDER_EXTENSIONS, FOLDER_DEPTH, FOLDER_LIMIT)
        .await
    {
        Ok(f) => f,
        Err(e) => {
            pf.issue(Issue::Folder(e));
            return;
        }
    };
    pf.issues
        .update(|v| v.retain(|i| !matches!(i, Issue::Folder(_))));
    let incoming = found
        .into_iter()
        .map(|f| Incoming {
            name: f.name,
            file: f.file,
        })
        .collect();
    let (entries, contents) = split(read_all(wb, pf, incoming).await);
    let now = browser::now_iso();
    let refs = entries
        .iter()
        .map(|(name, e)| FileRef {
            key: e.key.clone(),
            name: name.clone(),
            folder: true,
            added_at: now.clone(),
        })
        .collect();
    let name = folder.name();
    let mut gone = Vec::new();
    pf.record.update(|r| gone = r.replace_folder(&name, refs));
    pf.files.update(|v| {
        v.retain(|f| !f.folder);
        v.extend(entries.into_iter().map(|(_, mut e)| {
            e.folder = true;
            e
        }));
    });
    store_contents(pf, contents).await;
    if let Some(db) = pf.db() {
        if !pf.frozen.get_untracked() {
            if let Err(e) = folder.remember(&db, &Key::PortfolioFolder).await {
                pf.issue(Issue::Save(e));
            }
        }
    }
    pf.folder.set_value(Some(folder));
    pf.save().await;
    pf.delete_files(gone).await;
}

fn choose_folder(wb: Workbook, pf: Pf) {
    leptos::task::spawn_local(async move {
        match picker::choose_folder().await {
            Ok(folder) => read_folder(wb, pf, folder).await,
            Err(FolderError::Cancelled) => {}
            Err(e) => pf.issue(Issue::Folder(e)),
        }
    });
}

fn reread_folder(wb: Workbook, pf: Pf) {
    leptos::task::spawn_local(async move {
        let folder = match pf.folder.get_value() {
            Some(f) => Some(f),
            None => match pf.db() {
                Some(db) => Folder::recall(&db, &Key::PortfolioFolder)
                    .await
                    .ok()
                    .flatten(),
                None => None,
            },
        };
        match folder {
            Some(f) => read_folder(wb, pf, f).await,
            None => pf.issue(Issue::Folder(FolderError::Denied)),
        }
    });
}

fn forget_folder(pf: Pf) {
    let mut keys = Vec::new();
    pf.record.update(|r| keys = r.forget_folder());
    pf.files.update(|v| v.retain(|f| !f.folder));
    pf.folder.set_value(None);
    leptos::task::spawn_local(async move {
        if let Some(db) = pf.db() {
            let _ = db.delete(&Key::PortfolioFolder).await;
        }
        pf.save().await;
        pf.delete_files(keys).await;
    });
}

fn remove_file(pf: Pf, key: String) {
    pf.record.update(|r| {
        r.remove_file(&key);
    });
    pf.files.update(|v| v.retain(|f| f.key != key));
    leptos::task::spawn_local(async move {
        pf.save().await;
        pf.delete_files(vec![key]).await;
    });
}

fn set_stored(pf: Pf, id: String, on: bool) {
    let mut changed = false;
    pf.record.update(|r| changed = r.set_stored(&id, on));
    if changed {
        leptos::task::spawn_local(pf.save());
    }
}

/// Removes every file (the stored assessments stay chosen).
fn clear_files(pf: Pf) {
    let keys: Vec<String> = pf
        .record
        .with_untracked(|r| r.files.iter().map(|f| f.key.clone()).collect());
    pf.record.update(|r| {
        r.files.clear();
        r.folder = None;
    });
    pf.files.set(Vec::new());
    pf.folder.set_value(None);
    leptos::task::spawn_local(async move {
        if let Some(db) = pf.db() {
            let _ = db.delete(&Key::PortfolioFolder).await;
        }
        pf.save().await;
        pf.delete_files(keys).await;
    });
}

/// The members as the core sees them: chosen stored assessments, then the files, each with
/// its own model; those whose model is not loaded are left out.
fn build(wb: Workbook, pf: Pf) -> Arc<Portfolio> {
    let models = wb.models();
    let mut members = Vec::new();
    pf.record.with(|r| {
        for id in &r.stored {
            if let Some(a) = wb.read(|w| w.get(id).cloned()) {
                members.extend(Member::new(
                    MemberId::Stored(id.clone()),
                    Origin::Stored,
                    a,
                    &models,
                ));
            }
        }
    });
    pf.files.with(|files| {
        for f in files {
            let origin = if f.folder {
                Origin::Folder(f.name.clone())
            } else {
                Origin::File(f.name.clone())
            };
            members.extend(Member::new(
                MemberId::File(f.key.clone()),
                origin,
                f.assessment.clone(),
                &FileRead::models(&f.carried, &models),
            ));
        }
    });
    Arc::new(Portfolio::new(members))
}

#[component]
pub fn PortfolioPage() -> impl IntoView {
    let wb = use_workbook();
    let pf = Pf::new();
    leptos::task::spawn_local(load(wb, pf));
    let portfolio = Memo::new_with_compare(move |_| build(wb, pf), |_, _| true);
    let drop = move |e: ev::DragEvent| {
        e.prevent_default();
        // This page adds dropped files to the portfolio instead of importing them.
        e.stop_propagation();
        if pf.ready.get_untracked() {
            add_files(wb, pf, picker::files_of_drop(&e));
        }
    };
    let print_class = move || {
        if pf.print_comparison.get() {
            "portfolio print-comparison"
        } else {
            "portfolio"
        }
    };
    // Fixed texts are drawn per language; what changes within a language has its own closure.
    let page = move || {
        let lang = wb.lang.get();
        view! {
            <h1 id="portfolio-title">{i18n::PORT_TITLE.get(lang)}</h1>
            <p class="hint no-print">{i18n::PORT_INTRO.get(lang)}</p>
            {issues(pf, lang)}
            {members(wb, pf, portfolio, lang)}
            {matrix_section(wb, pf, portfolio, lang)}
            {comparison_section(wb, pf, portfolio, lang)}
        }
    };
    view! {
        <section
            class=print_class
            aria-labelledby="portfolio-title"
            on:dragover=|e: ev::DragEvent| e.prevent_default()
            on:drop=drop
        >
            {page}
        </section>
    }
}

fn issues(pf: Pf, lang: Lang) -> impl IntoView {
    move || {
        pf.issues
            .get()
            .into_iter()
            .map(|i| {
                let text = i.message(lang);
                view! {
                    <div class="notice warn no-print" role="alert" data-notice="portfolio">
                        <p>{text}</p>
                        <button
                            type="button"
                            on:click=move |_| pf.issues.update(|v| v.retain(|x| x != &i))
                        >
                            {i18n::DISMISS.get(lang)}
                        </button>
                    </div>
                }
            })
            .collect_view()
    }
}

/// Choosing stored assessments, adding and listing files, the folder, rejected files.
fn members(wb: Workbook, pf: Pf, portfolio: Memo<Arc<Portfolio>>, lang: Lang) -> impl IntoView {
    let stored = move || {
        let list = wb.summaries();
        let empty = list
            .is_empty()
            .then(|| view! { <li class="empty">{i18n::PORT_NO_STORED.get(lang)}</li> });
        let items = list
            .into_iter()
            .map(|s| {
                let field = format!("pf-stored-{}", s.id);
                let checked = pf.record.with_untracked(|r| r.stored.contains(&s.id));
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
        let remembered = pf.record.with(|r| r.folder.clone());
        let count = pf.files.with(|v| v.iter().filter(|f| f.folder).count());
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
        let files = pf.files.get();
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

/// Downloads bytes, or says why not.
fn download_bytes(wb: Workbook, name: &str, mime: &str, bytes: &[u8]) {
    if let Err(e) = files::download_bytes(name, mime, bytes) {
        wb.toast.set(Some(Toast::DownloadFailed {
            name: name.to_string(),
            detail: e.message(wb.lang.get_untracked()),
        }));
    }
}

/// The comparison chosen on the page, if any.
fn chosen_comparison(pf: Pf, p: &Portfolio) -> Option<Comparison> {
    let (e, l) = match pf.pair.get() {
        Some((e, l)) => (
            MemberId::from_token(&e).and_then(|id| p.position(&id))?,
            MemberId::from_token(&l).and_then(|id| p.position(&id))?,
        ),
        None => p
            .default_pair()
            .or_else(|| (p.members().len() > 1).then_some((0, 1)))?,
    };
    if e == l {
        return None;
    }
    p.compare(e, l)
}

fn export_csv(wb: Workbook, pf: Pf, p: &Portfolio) {
    let lang = wb.lang.get_untracked();
    let m = p.matrix(&pf.view.get_untracked());
    let name = file_name(
        i18n::PORT_FILE_MATRIX.get(lang),
        "matrix",
        &browser::today(),
        "csv",
    );
    crate::ui::export::download(wb, &name, "text/csv;charset=utf-8", &matrix_csv(&m, lang));
}

fn export_xlsx(wb: Workbook, pf: Pf, p: Arc<Portfolio>) {
    let lang = wb.lang.get_untracked();
    let m = p.matrix(&pf.view.get_untracked());
    let c = untrack(|| chosen_comparison(pf, &p));
    let today = browser::today();
    let package = xlsx_book(&p, &m, c.as_ref(), lang, &today).package();
    let name = file_name(i18n::PORT_FILE_MATRIX.get(lang), "matrix", &today, "xlsx");
    leptos::task::spawn_local(async move {
        let bytes = compress::build_xlsx(package).await;
        download_bytes(wb, &name, maturity_core::formats::xlsx::MIME, &bytes);
    });
}

fn matrix_section(
    wb: Workbook,
    pf: Pf,
    portfolio: Memo<Arc<Portfolio>>,
    lang: Lang,
) -> impl IntoView {
    let controls = move || {
        let p = portfolio.get();
        (!p.is_empty()).then(|| {
            let view_now = pf.view.get_untracked();
            let domains = p
                .domains()
                .map(|d| {
                    let selected = view_now.domain.as_deref() == Some(d.code.as_str());
                    view! {
                        <option value=d.code.clone() lang=d.name.lang_attr(lang) selected=selected>
                            {format!("{} {}", d.code, d.name.get(lang))}
                        </option>
                    }
                })
                .collect_view();
            let orders = Order::ALL
                .into_iter()
                .map(|o| {
                    let selected = view_now.order == o;
                    view! {
                        <option value=o.code() selected=selected>
                            {o.text().get(lang)}
                        </option>
                    }
                })
                .collect_view();
            let below_only = view_now.below_target_only;
            let p_csv = Arc::clone(&p);
            view! {
                <div class="pf-controls no-print">
                    <div class="field">
                        <label for="pf-domain">{i18n::PORT_FILTER_DOMAIN.get(lang)}</label>
                        <select
                            id="pf-domain"
                            on:change=move |e| {
                                let v = event_target_value(&e);
                                pf.view.update(|x| x.domain = (!v.is_empty()).then_some(v));
                            }
                        >
                            <option value="">{i18n::PORT_ALL_DOMAINS.get(lang)}</option>
                            {domains}
                        </select>
                    </div>
                    <div class="field">
                        <label for="pf-order">{i18n::PORT_ORDER.get(lang)}</label>
                        <select
                            id="pf-order"
                            on:change=move |e| {
                                let o = Order::from_code(&event_target_value(&e))
                                    .unwrap_or_default();
                                pf.view.update(|x| x.order = o);
                            }
                        >
                            {orders}
                        </select>
                    </div>
                    <label class="check">
                        <input
                            type="checkbox"
                            data-action="portfolio-below"
                            prop:checked=below_only
                            on:change=move |e| {
                                let on = event_target_checked(&e);
                                pf.view.update(|x| x.below_target_only = on);
                            }
                        />
                        {i18n::PORT_BELOW_ONLY.get(lang)}
                    </label>
                    <div class="actions">
                        <button
                            type="button"
                            data-action="portfolio-csv"
                            on:click=move |_| export_csv(wb, pf, &p_csv)
                        >
                            {i18n::PORT_EXPORT_CSV.get(lang)}
                        </button>
                        <button
                            type="button"
                            data-action="portfolio-xlsx"
                            on:click=move |_| export_xlsx(wb, pf, portfolio.get_untracked())
                        >
                            {i18n::PORT_EXPORT_XLSX.get(lang)}
                        </button>
                    </div>
                </div>
            }
        })
    };
    let table = move || {
        let p = portfolio.get();
        let empty = p
            .is_empty()
            .then(|| view! { <p class="empty">{i18n::PORT_EMPTY.get(lang)}</p> });
        let drawn = (!p.is_empty()).then(|| matrix_table(&p.matrix(&pf.view.get()), lang));
        // The benchmark reads when the matrix was drawn: the second frame from here starts
        // once the first one, with the matrix, has been laid out and painted.
        request_animation_frame(|| request_animation_frame(|| browser::mark("wb-portfolio-drawn")));
        (empty, drawn)
    };
    view! {
        <section class="pf-matrix" aria-labelledby="pf-matrix-title">
            <h2 id="pf-matrix-title">{i18n::PORT_MATRIX.get(lang)}</h2>
            {controls}
            {table}
            <p class="hint">{i18n::PORT_LEGEND.get(lang)}</p>
        </section>
    }
}

/// Moves focus between the matrix's cells with the arrow keys, Home and End.
fn grid_keys(e: ev::KeyboardEvent, rows: usize, cols: usize) {
    let Some(at) = browser::focused_data("grid") else {
        return;
    };
    let Some((r, c)) = at
        .split_once('-')
        .and_then(|(r, c)| Some((r.parse::<usize>().ok()?, c.parse::<usize>().ok()?)))
    else {
        return;
    };
    let (r, c) = match e.key().as_str() {
        "ArrowUp" => (r.saturating_sub(1), c),
        "ArrowDown" => ((r + 1).min(rows.saturating_sub(1)), c),
        "ArrowLeft" => (r, c.saturating_sub(1)),
        "ArrowRight" => (r, (c + 1).min(cols.saturating_sub(1))),
        "Home" => (r, 0),
        "End" => (r, cols.saturating_sub(1)),
        _ => return,
    };
    e.prevent_default();
    browser::focus_id(&format!("pc-{r}-{c}"));
}

/// The matrix as a table: a column per assessment, a row per domain, capability and
/// sub-item; every cell the engine's label with its hooks.
fn matrix_table(m: &Matrix, lang: Lang) -> impl IntoView {
    let (rows_n, cols_n) = (m.rows.len(), m.columns.len());
    // A fixed layout (widths from style/components.css) spares the browser measuring every
    // cell of a large matrix.
    let width = format!("width: {}px", 240 + 112 * cols_n + 72 + 128);
    let several_models = m
        .columns
        .iter()
        .any(|c| c.model_version != m.columns[0].model_version);
    let heads = m
        .columns
        .iter()
        .map(|c| {
            let state = if c.reaches_target() {
                i18n::PORT_MEETS_TARGET
            } else {
                i18n::PORT_BELOW_TARGET
            };
            let origin = c.origin.file_name().map(str::to_string);
            let version = several_models.then(|| c.model_version.clone());
            view! {
                <th scope="col" class="pf-col" data-column=c.id.token() title=origin>
                    <span class="pf-name">{c.name.clone()}</span>
                    <span class="pf-project">{c.project.clone()}</span>
                    <span class="pf-date">{c.date.clone()}</span>
                    <span class="pf-version">{version}</span>
                    <span class="pf-target">{i18n::TARGET_N.fmt(lang, &[("n", &c.target)])}</span>
                    <span class="pf-overall" data-overall-of=c.assessment_id.clone()>
                        {level_fixed(c.overall, "part", lang)}
                        " "
                        {state.get(lang)}
                    </span>
                </th>
            }
        })
        .collect_view();
    let body = m
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let class = format!("pf-row pf-{}", row.kind.code());
            let cells = row
                .cells
                .iter()
                .enumerate()
                .map(|(c, cell)| cell_view(m, &row.code, r, c, *cell, lang))
                .collect_view();
            let weakest = row
                .weakest
                .and_then(|c| m.columns.get(c))
                .map(|c| c.name.clone());
            let reach_title =
                i18n::PORT_REACHING_CELL.fmt(lang, &[("n", &row.reaching), ("m", &row.present)]);
            view! {
                <tr class=class data-row=row.code.clone() data-row-kind=row.kind.code()>
                    <th scope="row">
                        <span class="code">{row.code.clone()}</span>
                        " "
                        {mtext(&row.name, lang)}
                    </th>
                    {cells}
                    <td class="pf-reaching" title=reach_title>
                        {format!("{}/{}", row.reaching, row.present)}
                    </td>
                    <td class="pf-weakest">{weakest}</td>
                </tr>
            }
        })
        .collect_view();
    let empty = m
        .rows
        .is_empty()
        .then(|| view! { <p class="empty">{i18n::PORT_NO_ROWS.get(lang)}</p> });
    view! {
        <p class="hint no-print">{i18n::PORT_KEYS_HINT.get(lang)}</p>
        <div class="pf-matrix-wrap">
            <table
                class="pf-grid"
                role="grid"
                style=width
                aria-labelledby="pf-caption"
                on:keydown=move |e| grid_keys(e, rows_n, cols_n)
            >
                <caption id="pf-caption">{i18n::PORT_CAPTION.fmt(lang, &[("n", &cols_n)])}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="pf-corner">
                            {i18n::CSV_SUB_ITEM.get(lang)}
                        </th>
                        {heads}
                        <th scope="col" class="pf-reaching-head">
                            {i18n::PORT_REACHING.get(lang)}
                        </th>
                        <th scope="col" class="pf-weakest-head">
                            {i18n::PORT_WEAKEST.get(lang)}
                        </th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        {empty}
    }
}

/// One cell: the engine's label (text and shade), or a note that the model has no such node.
fn cell_view(
    m: &Matrix,
    code: &str,
    r: usize,
    c: usize,
    cell: Option<Label>,
    lang: Lang,
) -> impl IntoView {
    let col = &m.columns[c];
    let class = match cell {
        None => "pf-cell missing",
        Some(l) if !maturity_core::portfolio::reaches(l, col.target) => "pf-cell below",
        Some(_) => "pf-cell",
    };
    let tabindex = if r == 0 && c == 0 { "0" } else { "-1" };
    let badge = cell.map(|l| level_fixed(l, code, lang));
    let missing = cell.is_none().then(|| cell_text(None, lang));
    let title = cell.is_none().then(|| i18n::PORT_MISSING_TITLE.get(lang));
    view! {
        <td
            id=format!("pc-{r}-{c}")
            class=class
            tabindex=tabindex
            data-grid=format!("{r}-{c}")
            data-portfolio-cell=code.to_string()
            data-assessment=col.assessment_id.clone()
            data-column=col.id.token()
            data-level=cell.map(|l| l.level.to_string())
            title=title
        >
            {badge}
            {missing}
        </td>
    }
}

/// A member as the selects name it.
fn member_label(m: &Member) -> String {
    format!(
        "{} · {} · {}",
        m.assessment.name,
        m.assessment.project_name(),
        m.date()
    )
}

fn comparison_section(
    wb: Workbook,
    pf: Pf,
    portfolio: Memo<Arc<Portfolio>>,
    lang: Lang,
) -> impl IntoView {
    move || {
        let p = portfolio.get();
        let few = (p.members().len() < 2)
            .then(|| view! { <p class="empty">{i18n::PORT_NEED_TWO.get(lang)}</p> });
        let c = chosen_comparison(pf, &p);
        let chosen = c
            .as_ref()
            .map(|c| (c.earlier, c.later))
            .or_else(|| {
                pf.pair.get().and_then(|(a, b)| {
                    Some((
                        p.position(&MemberId::from_token(&a)?)?,
                        p.position(&MemberId::from_token(&b)?)?,
                    ))
                })
            })
            .unwrap_or((0, 1));
        let pick = few.is_none().then(|| {
            let select = |id: &'static str, earlier: bool| {
                let at = if earlier { chosen.0 } else { chosen.1 };
                let options = p
                    .members()
                    .iter()
                    .enumerate()
                    .map(|(i, m)| {
                        let selected = i == at;
                        view! {
                            <option value=m.id.token() selected=selected>
                                {member_label(m)}
                            </option>
                        }
                    })
                    .collect_view();
                let tokens: Vec<String> = p.members().iter().map(|m| m.id.token()).collect();
                view! {
                    <select
                        id=id
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            let token = |i: usize| tokens.get(i).cloned().unwrap_or_default();
                            let (a, b) = (token(chosen.0), token(chosen.1));
                            pf.pair.set(Some(if earlier { (v, b) } else { (a, v) }));
                        }
                    >
                        {options}
                    </select>
                }
            };
            view! {
                <p class="hint no-print">{i18n::PORT_COMPARE_HINT.get(lang)}</p>
                <div class="pf-pick no-print">
                    <div class="field">
                        <label for="compare-earlier">{i18n::PORT_EARLIER.get(lang)}</label>
                        {select("compare-earlier", true)}
                    </div>
                    <div class="field">
                        <label for="compare-later">{i18n::PORT_LATER.get(lang)}</label>
                        {select("compare-later", false)}
                    </div>
                </div>
            }
        });
        let same = (few.is_none() && c.is_none())
            .then(|| view! { <p class="notice warn">{i18n::PORT_SAME_MEMBER.get(lang)}</p> });
        let body = c.map(|c| {
            let csv = comparison_csv(&p, &c, lang);
            let csv_name = file_name(
                p.members()[c.later].assessment.project_name(),
                i18n::PORT_FILE_PROGRESS.get(lang),
                &browser::today(),
                "csv",
            );
            view! {
                <div class="actions no-print">
                    <button
                        type="button"
                        class="primary"
                        data-action="portfolio-print"
                        on:click=move |_| {
                            pf.print_comparison.set(true);
                            request_animation_frame(move || {
                                browser::print();
                                pf.print_comparison.set(false);
                            });
                        }
                    >
                        {i18n::PORT_PRINT.get(lang)}
                    </button>
                    <button
                        type="button"
                        data-action="portfolio-compare-csv"
                        on:click=move |_| {
                            crate::ui::export::download(
                                wb,
                                &csv_name,
                                "text/csv;charset=utf-8",
                                &csv,
                            );
                        }
                    >
                        {i18n::PORT_EXPORT_COMPARISON_CSV.get(lang)}
                    </button>
                </div>
                {comparison_view(&p, &c, lang)}
            }
        });
        view! {
            <section class="pf-comparison" aria-labelledby="pf-cmp-title">
                <h2 id="pf-cmp-title">{i18n::PORT_COMPARISON.get(lang)}</h2>
                {few}
                {pick}
                {same}
                {body}
            </section>
        }
    }
}

fn change_table(
    rows: Vec<&maturity_core::portfolio::ItemChange>,
    caption: String,
    lang: Lang,
) -> impl IntoView {
    let level = move |l: Option<Label>, code: &str| {
        let badge = l.map(|l| level_fixed(l, code, lang));
        (badge, l.is_none().then(|| cell_text(None, lang)))
    };
    let body = rows
        .into_iter()
        .map(|c| {
            view! {
                <tr data-compare-item=c.code.clone() data-change=c.change.code()>
                    <th scope="row">
                        <span class="code">{c.code.clone()}</span>
                        " "
                        {mtext(&c.name, lang)}
                    </th>
                    <td>{level(c.before, &c.code)}</td>
                    <td>{level(c.after, &c.code)}</td>
                    <td class="pf-change">{c.change.text().get(lang)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data compact pf-changes">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{i18n::CSV_SUB_ITEM.get(lang)}</th>
                    <th scope="col">{i18n::PORT_EARLIER.get(lang)}</th>
                    <th scope="col">{i18n::PORT_LATER.get(lang)}</th>
                    <th scope="col">{i18n::PORT_CHANGE.get(lang)}</th>
                </tr>
            </thead>
            <tbody>{body}</tbody>
        </table>
    }
}

fn comparison_view(p: &Portfolio, c: &Comparison, lang: Lang) -> impl IntoView {
    let (e, l) = (&p.members()[c.earlier], &p.members()[c.later]);
    let projects = (!c.same_project).then(|| {
        let text = i18n::PORT_DIFFERENT_PROJECTS.fmt(
            lang,
            &[
                ("a", &e.assessment.project_name()),
                ("b", &l.assessment.project_name()),
            ],
        );
        view! { <p class="notice warn">{text}</p> }
    });
    let counts = i18n::PORT_COUNTS.fmt(
        lang,
        &[
            ("rose", &c.count(Change::Rose)),
            ("fell", &c.count(Change::Fell)),
            ("stayed", &c.count(Change::Stayed)),
        ],
    );
    let moved: Vec<_> = c.moved().collect();
    let none_moved = moved
        .is_empty()
        .then(|| view! { <p class="empty">{i18n::PORT_NONE_MOVED.get(lang)}</p> });
    let moved_view = (!moved.is_empty())
        .then(|| change_table(moved, i18n::PORT_MOVED.get(lang).to_string(), lang));
    let stayed: Vec<_> = c
        .items
        .iter()
        .filter(|i| i.change == Change::Stayed)
        .collect();
    let stayed_caption = i18n::PORT_STAYED_LIST.fmt(lang, &[("n", &stayed.len())]);
    let only: Vec<_> = c
        .items
        .iter()
        .filter(|i| matches!(i.change, Change::OnlyBefore | Change::OnlyAfter))
        .collect();
    let only_view = (!only.is_empty()).then(|| {
        let caption = i18n::PORT_ONLY_ONE_LIST.fmt(lang, &[("n", &only.len())]);
        change_table(only, caption, lang)
    });
    let answers = c
        .answers
        .iter()
        .map(|a| {
            view! {
                <tr data-compare-answer=a.requirement.clone()>
                    <th scope="row">
                        <code>{a.requirement.clone()}</code>
                    </th>
                    <td>{Status::text_of(a.before).get(lang)}</td>
                    <td>{Status::text_of(a.after).get(lang)}</td>
                </tr>
            }
        })
        .collect_view();
    let answers_caption = i18n::PORT_ANSWERS_CHANGED.fmt(lang, &[("n", &c.answers.len())]);
    let no_answers = c
        .answers
        .is_empty()
        .then(|| view! { <p class="empty">{i18n::PORT_NO_ANSWER_CHANGES.get(lang)}</p> });
    let answers_view = (!c.answers.is_empty()).then(|| {
        view! {
            <table class="data compact pf-answers">
                <caption>{answers_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{i18n::CSV_REQ_ID.get(lang)}</th>
                        <th scope="col">{i18n::PORT_EARLIER.get(lang)}</th>
                        <th scope="col">{i18n::PORT_LATER.get(lang)}</th>
                    </tr>
                </thead>
                <tbody>{answers}</tbody>
            </table>
        }
    });
    view! {
        <div class="pf-compare" data-compare=format!("{}|{}", e.id.token(), l.id.token())>
            <h3 class="pf-print-only">{i18n::PORT_COMPARISON_TITLE.get(lang)}</h3>
            <dl class="preview">
                <dt>{i18n::PORT_EARLIER.get(lang)}</dt>
                <dd>{member_label(e)}</dd>
                <dt>{i18n::PORT_LATER.get(lang)}</dt>
                <dd>{member_label(l)}</dd>
            </dl>
            {projects}
            <ul class="pf-summary">
                <li data-compare-overall="">
                    {i18n::PORT_OVERALL_THEN_NOW
                        .fmt(lang, &[("a", &c.overall.0), ("b", &c.overall.1)])}
                </li>
                <li data-compare-blocking=format!(
                    "{}|{}",
                    c.blocking.0,
                    c.blocking.1,
                )>
                    {i18n::PORT_BLOCKING_THEN_NOW
                        .fmt(lang, &[("a", &c.blocking.0), ("b", &c.blocking.1)])}
                </li>
                <li>{counts}</li>
            </ul>
            {none_moved}
            {moved_view}
            {only_view}
            <details class="pf-stayed">
                <summary>{stayed_caption.clone()}</summary>
                {change_table(stayed, stayed_caption, lang)}
            </details>
            {no_answers}
            {answers_view}
        </div>
    }
}
