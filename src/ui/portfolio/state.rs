//! The portfolio page's state and its actions. What the portfolio holds and what is stored
//! under which key is decided by the core's [`Shelf`]; each action here reads what the browser
//! must read (files, a folder, IndexedDB at opening), hands it to the shelf, shows the new
//! state at once and then carries out the shelf's storage operations (`web::shelf::run`),
//! telling the user of a write that failed.

use std::sync::Arc;

use leptos::prelude::*;

use maturity_core::portfolio::{HoldingsError, Op, Portfolio, Refused, Shelf, View};
use maturity_core::store::persist::Key;
use maturity_core::text::i18n;
use maturity_core::text::Lang;

use crate::ui::state::Workbook;
use crate::web::files::{self, FileError};
use crate::web::idb::{self, Idb, IdbError};
use crate::web::picker::{self, Folder, FolderError};
use crate::web::{browser, shelf};

/// A workbook document embeds the whole workbook (about 1 MB); more than this is not one.
const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// What a folder reading takes: these file types, two levels of sub-folders, this many files.
const FOLDER_EXTENSIONS: [&str; 3] = [".json", ".html", ".htm"];
const FOLDER_DEPTH: u32 = 2;
const FOLDER_LIMIT: usize = 500;

/// A file that was not added, and why (the browser's reading error, or the importer's
/// problems).
pub(super) type Rejected = Refused<FileError>;

/// Something the user must know about the portfolio itself.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Issue {
    NoIdb(IdbError),
    Save(IdbError),
    Holdings(HoldingsError),
    Folder(FolderError),
    FileGone(String),
}

impl Issue {
    pub(super) fn message(&self, lang: Lang) -> String {
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
pub(super) struct Pf {
    /// The members and the files, as the core keeps them.
    pub(super) shelf: RwSignal<Shelf>,
    pub(super) rejected: RwSignal<Vec<Rejected>>,
    pub(super) issues: RwSignal<Vec<Issue>>,
    /// Files being read.
    pub(super) busy: RwSignal<Option<usize>>,
    /// How many files the last addition added.
    pub(super) added: RwSignal<Option<usize>>,
    pub(super) ready: RwSignal<bool>,
    pub(super) view: RwSignal<View>,
    /// The members compared (tokens of their ids): earlier, later.
    pub(super) pair: RwSignal<Option<(String, String)>>,
    /// Print only the comparison.
    pub(super) print_comparison: RwSignal<bool>,
    db: StoredValue<Option<Idb>, LocalStorage>,
    folder: StoredValue<Option<Folder>, LocalStorage>,
}

impl Pf {
    pub(super) fn new() -> Pf {
        Pf {
            shelf: RwSignal::new(Shelf::new()),
            rejected: RwSignal::new(Vec::new()),
            issues: RwSignal::new(Vec::new()),
            busy: RwSignal::new(None),
            added: RwSignal::new(None),
            ready: RwSignal::new(false),
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

    /// Carries out a shelf action's storage operations; a failed write is told.
    async fn store(self, ops: Vec<Op>) {
        if ops.is_empty() {
            return;
        }
        let Some(db) = self.db.get_value() else {
            return;
        };
        let folder = self.folder.get_value();
        for e in shelf::run(&db, ops, folder.as_ref()).await {
            self.issue(Issue::Save(e));
        }
    }

    /// Runs an action on the shelf (the page shows its new state at once), then stores it.
    fn change(self, action: impl FnOnce(&mut Shelf) -> Vec<Op>) {
        let ops = self.shelf.try_update(action).unwrap_or_default();
        leptos::task::spawn_local(self.store(ops));
    }
}

/// Reads the remembered portfolio: its list, each file's contents (validated again against
/// the models loaded now), the folder handle; removes contents no list names.
pub(super) async fn load(wb: Workbook, pf: Pf) {
    let db = idb::open().await;
    if let Some(e) = db.fallback() {
        pf.issue(Issue::NoIdb(e.clone()));
    }
    pf.db.set_value(Some(db.clone()));
    let (mut shelf, problem) = match db.get_text(&Key::Portfolio).await {
        Ok(text) => Shelf::open(text.as_deref()),
        Err(e) => {
            pf.issue(Issue::Save(e));
            (Shelf::unreadable(), None)
        }
    };
    if let Some(e) = problem {
        pf.issue(Issue::Holdings(e));
    }
    let mut contents = Vec::new();
    for key in shelf.contents_keys() {
        contents.push(db.get_text(&key).await.ok().flatten());
    }
    let models = untrack(|| wb.models());
    let report = shelf.fill(contents, models.all());
    for name in report.missing {
        pf.issue(Issue::FileGone(name));
    }
    if let Ok(kept) = db.keys_with_prefix(&Key::portfolio_files_prefix()).await {
        let kept: Vec<String> = kept
            .into_iter()
            .filter_map(|k| match k {
                Key::PortfolioFile(k) => Some(k),
                _ => None,
            })
            .collect();
        pf.store(shelf.sweep(kept.iter().map(String::as_str))).await;
    }
    if shelf.folder().is_some() {
        if let Ok(Some(folder)) = Folder::recall(&db, &Key::PortfolioFolder).await {
            pf.folder.set_value(Some(folder));
        }
    }
    pf.shelf.set(shelf);
    pf.rejected.set(report.refused);
    pf.ready.set(true);
}

/// A file to read: its name, and the file or why it could not be had.
struct Incoming {
    name: String,
    file: Result<web_sys::File, FileError>,
}

/// Reads the files' texts (the shelf validates them).
async fn read_texts(pf: Pf, incoming: Vec<Incoming>) -> Vec<(String, Result<String, FileError>)> {
    browser::mark("wb-portfolio-add-start");
    pf.busy.set(Some(incoming.len()));
    pf.added.set(None);
    // Every file's reading starts at once; they are taken in order.
    let reading: Vec<_> = incoming
        .into_iter()
        .map(|f| {
            (
                f.name,
                f.file
                    .map(|file| files::start_reading_text(file, MAX_FILE_BYTES)),
            )
        })
        .collect();
    let mut texts = Vec::with_capacity(reading.len());
    for (name, file) in reading {
        let text = match file {
            Ok(text) => text.await,
            Err(e) => Err(e),
        };
        texts.push((name, text));
    }
    texts
}

/// Files read and validated: what was refused, and how many were added.
fn done_reading(pf: Pf, added: usize, refused: Vec<Rejected>) {
    browser::mark("wb-portfolio-read");
    pf.rejected.set(refused);
    pf.busy.set(None);
    pf.added.set(Some(added));
}

/// Adds picked or dropped files.
pub(super) fn add_files(wb: Workbook, pf: Pf, list: Vec<web_sys::File>) {
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
        let texts = read_texts(pf, incoming).await;
        let models = untrack(|| wb.models());
        let now = browser::now_iso();
        let Some(report) = pf.shelf.try_update(|s| {
            browser::timed("wb-portfolio-validate", || {
                s.add_files(texts, models.all(), &now, browser::new_id)
            })
        }) else {
            return;
        };
        done_reading(pf, report.added, report.refused);
        pf.store(report.ops).await;
        browser::mark("wb-portfolio-stored");
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
    let texts = read_texts(pf, incoming).await;
    let models = untrack(|| wb.models());
    let now = browser::now_iso();
    let name = folder.name();
    let Some(report) = pf
        .shelf
        .try_update(|s| s.read_folder(&name, texts, models.all(), &now, browser::new_id))
    else {
        return;
    };
    done_reading(pf, report.added, report.refused);
    pf.folder.set_value(Some(folder));
    pf.store(report.ops).await;
}

pub(super) fn choose_folder(wb: Workbook, pf: Pf) {
    leptos::task::spawn_local(async move {
        match picker::choose_folder().await {
            Ok(folder) => read_folder(wb, pf, folder).await,
            Err(FolderError::Cancelled) => {}
            Err(e) => pf.issue(Issue::Folder(e)),
        }
    });
}

pub(super) fn reread_folder(wb: Workbook, pf: Pf) {
    leptos::task::spawn_local(async move {
        let folder = match pf.folder.get_value() {
            Some(f) => Some(f),
            None => match pf.db.get_value() {
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

pub(super) fn forget_folder(pf: Pf) {
    pf.folder.set_value(None);
    pf.change(Shelf::forget_folder);
}

pub(super) fn remove_file(pf: Pf, key: String) {
    pf.change(|s| s.remove_file(&key));
}

pub(super) fn set_stored(pf: Pf, id: String, on: bool) {
    pf.change(|s| s.set_stored(&id, on));
}

/// Removes every file (the stored assessments stay chosen).
pub(super) fn clear_files(pf: Pf) {
    pf.folder.set_value(None);
    pf.change(Shelf::clear_files);
}

/// The members as the core sees them: chosen stored assessments, then the files, each with
/// its own model; those whose model is not loaded are left out.
pub(super) fn build(wb: Workbook, pf: Pf) -> Arc<Portfolio> {
    let models = wb.models();
    pf.shelf.with(|s| {
        browser::timed("wb-portfolio-build", || {
            Arc::new(s.portfolio(|id| wb.assessment(id), models.all()))
        })
    })
}
