//! The team's assessments as this browser holds them: one owner for loading, opening, editing,
//! saving, merging another tab's writes, the trash, quarantine, model bindings and imports.
//!
//! A [`Workspace`] sits on a [`Store`] and holds one copy of each assessment with the revision
//! it was read or written at and the edits not yet written. Every method is plain code that
//! returns what happened as a value ([`Outcome`], notices, a toast), so the UI only mirrors it
//! and native tests drive every path with an in-memory store. What happens to the user's data
//! when something goes wrong is decided here:
//! - a failed write (full quota, no storage) keeps the work in memory with its pending edits,
//!   and the next flush retries;
//! - another tab's newer revision gets this tab's pending edits replayed on top (a merge);
//! - a write of another tab that replaced this tab's write unseen (each window reads its own
//!   copy of localStorage, which learns of another window's write a moment later) gets this
//!   tab's edits it does not hold replayed on top; a write of another tab that this tab
//!   replaced unseen is stored again with this tab's edits on top (`Workspace::reconcile`);
//! - a deleted or replaced assessment goes to the trash, from which it can be restored;
//! - a record that cannot be read is quarantined and its previous revision opened;
//! - answers to requirements a model version no longer has are set aside, never dropped;
//! - an assessment that comes from a file opens for review: nothing in it changes until the
//!   user chooses to edit it (unless this browser created it);
//! - the user's edits can be undone one by one, as new edits ([`crate::assess::undo`]).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::assess::assessment::{Assessment, Edit, ProjectField, DEFAULT_TARGET};
use crate::assess::identity;
use crate::assess::rule::Rule;
use crate::assess::score::{score, Label};
use crate::assess::undo::{History, Step, Subject, Taken};
use crate::model::validate::{checked_mark, load_model, load_stored_model, Problem, ProblemKind};
use crate::model::{LoadedModel, ModelRef, Models};
use crate::store::merge::{self, Side};
use crate::store::persist::{
    self, Base, DocumentInfo, Index, Key, Kv, KvError, MemKv, Prefs, RestoreError, Save, Saved,
    Store, Stored, TrashEntry, Unconfirmed,
};
use crate::text::i18n::{self, T};
use crate::text::{short_time, Lang, Text};

/// Whether the work is being kept.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Health {
    #[default]
    Ok,
    /// The last save did not fit: the work is in memory only until a save succeeds.
    Quota,
    /// No localStorage: memory only for this session.
    Unavailable,
    /// A save failed for another reason.
    Failed,
}

impl Health {
    fn of(e: &KvError) -> Health {
        match e {
            KvError::Quota => Health::Quota,
            KvError::Unavailable => Health::Unavailable,
            KvError::Other(_) => Health::Failed,
        }
    }

    pub fn text(self) -> T {
        match self {
            Health::Ok => i18n::STORAGE_OK,
            Health::Quota => i18n::STORAGE_FULL,
            Health::Unavailable => i18n::STORAGE_UNAVAILABLE,
            Health::Failed => i18n::STORAGE_FAILED,
        }
    }
}

/// Something the user should know, shown until dismissed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    Newer {
        key: String,
        schema: u32,
    },
    Migrated {
        name: String,
        from: u32,
    },
    Rebound {
        name: String,
        from: String,
        to: String,
        set_aside: usize,
    },
    /// The newest record was damaged; the previous revision was opened.
    Restored {
        name: String,
        updated_at: String,
    },
    MergedFromOtherTab,
    UpdatedFromOtherTab,
    DeletedInOtherTab {
        name: String,
    },
    ModelUnreadable {
        key: String,
        problems: usize,
    },
    ModelMissing {
        name: String,
        model: String,
    },
    /// A file (an import or a workbook document) brought its model, now among this browser's.
    ModelArrived {
        title: Text,
        version: String,
    },
}

impl Notice {
    /// Whether it warns (something needs attention) rather than informs.
    pub fn is_warning(&self) -> bool {
        matches!(
            self,
            Notice::Newer { .. }
                | Notice::Restored { .. }
                | Notice::DeletedInOtherTab { .. }
                | Notice::ModelUnreadable { .. }
                | Notice::ModelMissing { .. }
        )
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            Notice::Newer { key, schema } => {
                i18n::NEWER_RECORD.fmt(lang, &[("key", key), ("schema", schema)])
            }
            Notice::Migrated { name, from } => {
                i18n::MIGRATED.fmt(lang, &[("name", name), ("from", from)])
            }
            Notice::Rebound {
                name,
                from,
                to,
                set_aside,
            } => i18n::REBOUND.fmt(
                lang,
                &[("name", name), ("from", from), ("to", to), ("n", set_aside)],
            ),
            Notice::Restored { name, updated_at } => {
                i18n::RESTORED_PREVIOUS.fmt(lang, &[("name", name), ("t", &short_time(updated_at))])
            }
            Notice::MergedFromOtherTab => i18n::MERGED_OTHER_TAB.get(lang).into(),
            Notice::UpdatedFromOtherTab => i18n::UPDATED_OTHER_TAB.get(lang).into(),
            Notice::DeletedInOtherTab { name } => {
                i18n::DELETED_OTHER_TAB.fmt(lang, &[("name", name)])
            }
            Notice::ModelUnreadable { key, problems } => {
                i18n::MODEL_UNREADABLE.fmt(lang, &[("key", key), ("n", problems)])
            }
            Notice::ModelMissing { name, model } => {
                i18n::MODEL_MISSING.fmt(lang, &[("name", name), ("model", model)])
            }
            Notice::ModelArrived { title, version } => i18n::form::MODEL_ARRIVED
                .fmt(lang, &[("title", &title.get(lang)), ("version", version)]),
        }
    }
}

/// A short message about what just happened, with an undo where there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Toast {
    Deleted {
        name: String,
        undo: String,
    },
    Replaced {
        name: String,
        undo: Option<String>,
    },
    Merged {
        name: String,
        undo: Option<String>,
    },
    /// The workbook document was written.
    Saved {
        file: String,
    },
    /// The workbook document was offered as a download (no File System Access here).
    Downloaded {
        file: String,
    },
    /// Saving failed; what went wrong, in the user's language.
    SaveFailed {
        detail: String,
    },
    /// A workbook document was opened and is now this browser's working copy.
    Opened {
        file: String,
    },
    /// An undo found nothing to bring back (another tab restored or purged it).
    Gone,
    /// A file could not be offered for download.
    DownloadFailed {
        name: String,
        detail: String,
    },
    /// An export was handed to the browser as a download under this name.
    Exported {
        file: String,
    },
    /// An edit was undone (or made again, `redo`).
    Undone {
        what: Subject,
        redo: bool,
    },
    /// An undo (or a redo) was refused: what it would change was changed since elsewhere.
    NotUndone {
        what: Subject,
        redo: bool,
    },
}

impl Toast {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Toast::Deleted { name, .. } => i18n::DELETED_TOAST.fmt(lang, &[("name", name)]),
            Toast::Replaced { name, .. } => i18n::REPLACED_TOAST.fmt(lang, &[("name", name)]),
            Toast::Merged { name, .. } => i18n::MERGED_TOAST.fmt(lang, &[("name", name)]),
            Toast::Saved { file } => i18n::SAVED_TOAST.fmt(lang, &[("file", file)]),
            Toast::Downloaded { file } => i18n::DOWNLOADED_TOAST.fmt(lang, &[("file", file)]),
            Toast::SaveFailed { detail } => detail.clone(),
            Toast::Opened { file } => i18n::DOC_OPENED_NEW.fmt(lang, &[("file", file)]),
            Toast::Gone => i18n::NOT_IN_TRASH.get(lang).into(),
            Toast::DownloadFailed { name, detail } => {
                i18n::DOWNLOAD_FAILED.fmt(lang, &[("name", name), ("detail", detail)])
            }
            Toast::Exported { file } => i18n::clarity::EXPORTED_TOAST.fmt(lang, &[("file", file)]),
            Toast::Undone { what, redo } => {
                let t = if *redo {
                    i18n::REDONE_TOAST
                } else {
                    i18n::UNDONE_TOAST
                };
                t.fmt(lang, &[("what", &what.message(lang))])
            }
            Toast::NotUndone { what, redo } => {
                let t = if *redo {
                    i18n::REDO_STALE_TOAST
                } else {
                    i18n::UNDO_STALE_TOAST
                };
                t.fmt(lang, &[("what", &what.message(lang))])
            }
        }
    }

    /// The trash key an undo restores.
    pub fn undo(&self) -> Option<&str> {
        match self {
            Toast::Deleted { undo, .. } => Some(undo),
            Toast::Replaced { undo, .. } | Toast::Merged { undo, .. } => undo.as_deref(),
            _ => None,
        }
    }
}

/// What a workspace call changed and what to tell the user.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The open assessment was replaced or merged (not just edited by this tab).
    pub current: bool,
    /// Assessments were added, removed, renamed or re-read: lists need refreshing.
    pub list: bool,
    pub trash: bool,
    pub models: bool,
    pub notices: Vec<Notice>,
    pub toast: Option<Toast>,
}

impl Outcome {
    fn absorb(&mut self, other: Outcome) {
        self.current |= other.current;
        self.list |= other.list;
        self.trash |= other.trash;
        self.models |= other.models;
        self.notices.extend(other.notices);
        if other.toast.is_some() {
            self.toast = other.toast;
        }
    }
}

/// Why an assessment cannot be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    NotFound,
    /// Its record is damaged and no earlier revision could be read.
    Damaged,
    ModelMissing,
}

/// What opening a workbook document met in this browser.
#[derive(Clone, Debug, PartialEq)]
pub enum Meeting {
    /// No copy here: the document is now this browser's working copy.
    New,
    /// This browser's copy holds the same work.
    Same,
    /// The copies differ: which is newer, and both, for the user to choose (open the file's
    /// version, keep this browser's, or merge the two).
    Differ {
        here: Box<Summary>,
        there: Box<Summary>,
        newer: Option<Side>,
        file: String,
        incoming: Box<Assessment>,
    },
}

/// One line of the assessment list.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub id: String,
    pub name: String,
    pub model: ModelRef,
    pub model_title: Option<Text>,
    pub target: u8,
    /// The overall level; None when the model is not loaded.
    pub label: Option<Label>,
    pub answered: u32,
    pub total: u32,
    pub updated_at: String,
    pub updated_by: String,
    pub last_exported_at: Option<String>,
    pub changes: u32,
    /// "Organisation · project" where given, so that lists tell assessments apart.
    pub identity: Option<String>,
}

/// How many of its own writes a tab remembers until another tab's record holds them.
const UNCONFIRMED_MAX: usize = 64;

/// One assessment as this tab holds it.
#[derive(Clone, Debug)]
struct Entry {
    /// The revision read or last written.
    rev: u64,
    /// The fingerprint of the stored text read or last written (None before it was stored).
    base: Option<String>,
    a: Assessment,
    /// Edits applied here and not yet written (replayed on another tab's newer revision).
    pending: Vec<Edit>,
    /// This tab's writes of edits that no record of another tab is known to hold yet, oldest
    /// first: their edits are written again when another tab's write turns out to have
    /// replaced them unseen.
    unconfirmed: Vec<Unconfirmed>,
    /// Needs writing even without pending edits (migrated, re-bound, never stored).
    dirty: bool,
}

impl Entry {
    fn clean(rev: u64, a: Assessment) -> Entry {
        Entry {
            rev,
            base: None,
            a,
            pending: Vec::new(),
            unconfirmed: Vec::new(),
            dirty: false,
        }
    }

    /// A copy of what another tab stored.
    fn adopted(theirs: Stored) -> Entry {
        let mut entry = Entry::clean(theirs.record.rev, theirs.record.assessment);
        entry.base = Some(theirs.fp);
        entry
    }

    /// Takes in what a write stored (the merged version, when it was merged).
    fn written(&mut self, save: Save) {
        self.rev = save.saved.rev();
        self.base = Some(save.fp.clone());
        self.dirty = false;
        let pending = std::mem::take(&mut self.pending);
        match save.saved {
            Saved::Merged { assessment, .. } => {
                // Written on top of another tab's record: the writes it held are confirmed,
                // the edits of the others were written again.
                self.a = *assessment;
                self.confirm(save.held);
            }
            // Written as a whole (new, migrated, re-bound, imported), not as edits.
            Saved::Written { .. } if pending.is_empty() => {
                self.unconfirmed.clear();
                return;
            }
            Saved::Written { .. } => {}
        }
        if self.unconfirmed.len() >= UNCONFIRMED_MAX {
            self.unconfirmed.remove(0);
        }
        self.unconfirmed.push(Unconfirmed {
            fp: save.fp,
            on: save.on,
            edits: pending,
        });
    }

    /// The first `held` unconfirmed writes are held by another tab's record.
    fn confirm(&mut self, held: usize) {
        self.unconfirmed.drain(..held.min(self.unconfirmed.len()));
    }

    fn unsaved(&self) -> bool {
        self.dirty || !self.pending.is_empty()
    }
}

pub struct Workspace {
    store: Store,
    models: Models,
    entries: BTreeMap<String, Entry>,
    index: Index,
    prefs: Prefs,
    open: Option<String>,
    trash: Vec<TrashEntry>,
    /// Quarantine keys whose banner was not dismissed.
    quarantine: Vec<String>,
    /// Assessments with no readable record, and the key holding their damaged text.
    damaged: BTreeMap<String, String>,
    health: Health,
    /// Summaries by id, with the revision and model they were computed for.
    summaries: BTreeMap<String, (u64, String, Summary)>,
    /// This tab's own store (sessionStorage in the browser): the undo histories.
    session: Box<dyn Kv + Send + Sync>,
    /// Undo histories read from the session store, by assessment id.
    histories: BTreeMap<String, History>,
    /// Histories changed since they were last written to the session store.
    histories_unsaved: BTreeSet<String>,
}

impl Workspace {
    /// A workspace over a store. `embedded` is the model shipped inside the workbook;
    /// `storage_ok` is false when the browser has no storage (the store is then memory only).
    pub fn new(store: Store, embedded: Arc<LoadedModel>, storage_ok: bool) -> Workspace {
        Workspace {
            store,
            models: Models::new(embedded),
            entries: BTreeMap::new(),
            index: Index::default(),
            prefs: Prefs::default(),
            open: None,
            trash: Vec::new(),
            quarantine: Vec::new(),
            damaged: BTreeMap::new(),
            health: if storage_ok {
                Health::Ok
            } else {
                Health::Unavailable
            },
            summaries: BTreeMap::new(),
            session: Box::new(MemKv::default()),
            histories: BTreeMap::new(),
            histories_unsaved: BTreeSet::new(),
        }
    }

    /// Keeps this tab's undo histories in `session` (sessionStorage: per tab, kept through a
    /// reload) instead of memory.
    pub fn set_session(&mut self, session: Box<dyn Kv + Send + Sync>) {
        self.session = session;
        self.histories.clear();
        self.histories_unsaved.clear();
    }

    // ----- Reading -----

    pub fn models(&self) -> &Models {
        &self.models
    }

    pub fn embedded(&self) -> &Arc<LoadedModel> {
        self.models.embedded()
    }

    pub fn model_for(&self, r: &ModelRef) -> Option<Arc<LoadedModel>> {
        self.models.find(r)
    }

    pub fn model_by_key(&self, key: &str) -> Option<Arc<LoadedModel>> {
        self.models.by_key(key)
    }

    pub fn health(&self) -> Health {
        self.health
    }

    pub fn trash(&self) -> &[TrashEntry] {
        &self.trash
    }

    pub fn quarantine(&self) -> &[String] {
        &self.quarantine
    }

    pub fn prefs_lang(&self) -> Option<Lang> {
        self.prefs.lang
    }

    pub fn get(&self, id: &str) -> Option<&Assessment> {
        self.entries.get(id).map(|e| &e.a)
    }

    pub fn exists(&self, id: &str) -> bool {
        self.entries.contains_key(id)
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The key holding a damaged assessment's text, when it has no readable record.
    pub fn damaged(&self, id: &str) -> Option<&str> {
        self.damaged.get(id).map(String::as_str)
    }

    /// The revision an assessment was read or last written at (0 if never stored).
    pub fn rev(&self, id: &str) -> Option<u64> {
        self.entries.get(id).map(|e| e.rev)
    }

    /// Whether an assessment has changes not yet stored.
    pub fn unsaved(&self, id: &str) -> bool {
        self.entries.get(id).is_some_and(Entry::unsaved)
    }

    pub fn current_id(&self) -> Option<&str> {
        self.open.as_deref()
    }

    pub fn current(&self) -> Option<&Assessment> {
        self.open.as_deref().and_then(|id| self.get(id))
    }

    pub fn current_model(&self) -> Option<Arc<LoadedModel>> {
        self.current().and_then(|a| self.model_for(&a.model))
    }

    /// Assessments in list order.
    pub fn assessments(&self) -> impl Iterator<Item = &Assessment> {
        self.index
            .order
            .iter()
            .filter_map(|id| self.entries.get(id).map(|e| &e.a))
    }

    /// Text kept under a key (a quarantined record, to download).
    pub fn raw(&self, key: &str) -> Option<String> {
        self.store.raw(key)
    }

    /// The most recently opened assessment, or the first, if any.
    pub fn last_opened(&self) -> Option<String> {
        self.index
            .current
            .clone()
            .filter(|id| self.entries.contains_key(id))
            .or_else(|| {
                self.index
                    .order
                    .iter()
                    .find(|id| self.entries.contains_key(*id))
                    .cloned()
            })
    }

    pub fn last_item(&self, id: &str) -> Option<String> {
        self.index.last_item.get(id).cloned()
    }

    /// Whether any assessment uses a model (`id@version`).
    pub fn model_in_use(&self, key: &str) -> bool {
        self.entries
            .values()
            .any(|e| format!("{}@{}", e.a.model.id, e.a.model.version) == key)
    }

    /// One line per assessment. Only assessments that changed since the last call are scored
    /// again, so a click in one assessment does not re-score the others.
    pub fn summaries(&mut self) -> Vec<Summary> {
        let mut out = Vec::new();
        for id in &self.index.order {
            let Some(entry) = self.entries.get(id) else {
                continue;
            };
            let model = self.models.find(&entry.a.model);
            let stamp = (
                entry.a.updated_at.clone(),
                model.as_ref().map(|m| m.sha256.clone()).unwrap_or_default(),
            );
            let fresh = self
                .summaries
                .get(id)
                .filter(|(rev, key, s)| {
                    *rev == entry.rev
                        && *key == stamp.1
                        && s.updated_at == stamp.0
                        && s.name == entry.a.name
                        && s.target == entry.a.target_level
                        && s.last_exported_at == entry.a.last_exported_at
                })
                .map(|(_, _, s)| s.clone());
            let summary = fresh.unwrap_or_else(|| {
                let s = summarise(&entry.a, model.as_deref());
                self.summaries
                    .insert(id.clone(), (entry.rev, stamp.1, s.clone()));
                s
            });
            out.push(summary);
        }
        self.summaries.retain(|id, _| self.entries.contains_key(id));
        out
    }

    // ----- Loading -----

    /// Reads everything the store holds: model files, assessments (migrated, re-bound to the
    /// loaded model version, restored from their previous revision when damaged), the trash
    /// and quarantine. Returns what the user must be told.
    pub fn load(&mut self, now: &str) -> Outcome {
        let mut out = Outcome {
            list: true,
            trash: true,
            models: true,
            current: true,
            ..Outcome::default()
        };
        self.models.clear_files();
        self.damaged.clear();
        let validated = self.store.peek_prefs().validated_models;
        for (key, text) in self.store.model_files() {
            match load_stored_model(&text, &validated) {
                Ok(m) => self.models.add_file(Arc::new(m.with_source(&text))),
                Err(p) => out.notices.push(Notice::ModelUnreadable {
                    key,
                    problems: p.len(),
                }),
            }
        }
        let models = self.models.clone();
        let report = self.store.load(&|r| models.find(r));
        if let Some(e) = &report.error {
            self.health = Health::of(e);
        }
        self.prefs = report.prefs.clone();
        // Every stored model file read now passed the check, in full or earlier by these
        // rules: its mark is what the next start needs. Marks of files no longer stored, or
        // made by other rules, go.
        let marks: BTreeSet<String> = self
            .models
            .files()
            .iter()
            .map(|m| checked_mark(&m.sha256))
            .collect();
        if self.prefs.validated_models != marks {
            self.prefs.validated_models = marks;
            self.write_prefs();
        }
        self.quarantine = report
            .quarantine_keys
            .iter()
            .filter(|k| !self.prefs.dismissed.contains(*k))
            .cloned()
            .collect();
        for (key, schema) in &report.newer {
            out.notices.push(Notice::Newer {
                key: key.clone(),
                schema: *schema,
            });
        }
        for id in &report.damaged {
            let original = Key::Assessment(id.clone()).to_string();
            let kept = report
                .quarantined
                .iter()
                .find(|q| q.original == original)
                .and_then(|q| q.kept_as.clone())
                .unwrap_or(original);
            self.damaged.insert(id.clone(), kept);
        }
        self.index = report.index.clone();
        self.entries.clear();
        for record in report.records {
            let mut entry = Entry::clean(record.rev, record.assessment);
            entry.base = self.store.stored_fp(&entry.a.id);
            if let Some(from) = report
                .migrated
                .iter()
                .find(|(id, _)| *id == entry.a.id)
                .map(|(_, from)| *from)
            {
                out.notices.push(Notice::Migrated {
                    name: entry.a.name.clone(),
                    from,
                });
                entry.dirty = true;
            }
            if report.restored.iter().any(|r| r.id == entry.a.id) {
                out.notices.push(Notice::Restored {
                    name: entry.a.name.clone(),
                    updated_at: entry.a.updated_at.clone(),
                });
            }
            if let Some(notice) = self.rebind(&mut entry) {
                out.notices.push(notice);
            }
            let id = entry.a.id.clone();
            if !self.index.order.contains(&id) {
                self.index.order.push(id.clone());
            }
            self.entries.insert(id, entry);
        }
        self.index.order.retain(|id| self.entries.contains_key(id));
        self.trash = report.trash;
        out.absorb(self.flush(now));
        out
    }

    /// Carries an assessment over to the loaded version of its model (answers by requirement
    /// id; unknown ones set aside). Says so when the version changed or answers were set aside.
    fn rebind(&self, entry: &mut Entry) -> Option<Notice> {
        let model = self.model_for(&entry.a.model)?;
        let rebound = entry.a.rebind(&model)?;
        entry.dirty = true;
        (rebound.from.version != model.model.version || !rebound.set_aside.is_empty()).then(|| {
            Notice::Rebound {
                name: entry.a.name.clone(),
                from: rebound.from.version.clone(),
                to: model.model.version.clone(),
                set_aside: rebound.set_aside.len(),
            }
        })
    }

    // ----- Opening and editing -----

    /// Makes `id` the open assessment (writing what the previous one had pending).
    pub fn open(&mut self, id: &str, now: &str) -> Result<Outcome, (OpenError, Outcome)> {
        if self.open.as_deref() == Some(id) {
            return Ok(Outcome::default());
        }
        let Some(entry) = self.entries.get(id) else {
            let why = if self.damaged.contains_key(id) {
                OpenError::Damaged
            } else {
                OpenError::NotFound
            };
            return Err((why, Outcome::default()));
        };
        if self.model_for(&entry.a.model).is_none() {
            let notice = Notice::ModelMissing {
                name: entry.a.name.clone(),
                model: format!("{} {}", entry.a.model.id, entry.a.model.version),
            };
            return Err((
                OpenError::ModelMissing,
                Outcome {
                    notices: vec![notice],
                    ..Outcome::default()
                },
            ));
        }
        let mut out = self.flush(now);
        self.open = Some(id.to_string());
        self.read_history(id);
        out.current = true;
        if self.index.current.as_deref() != Some(id) {
            self.index.current = Some(id.to_string());
            self.write_index();
        }
        Ok(out)
    }

    /// Closes the open assessment (after writing what it had pending).
    pub fn close(&mut self, now: &str) -> Outcome {
        let mut out = self.flush(now);
        out.current = self.open.take().is_some();
        out
    }

    /// Applies a change to an assessment in memory; [`Workspace::flush`] writes it. Returns
    /// whether anything changed.
    pub fn apply(&mut self, id: &str, edit: Edit, now: &str) -> bool {
        let Some(entry) = self.entries.get_mut(id) else {
            return false;
        };
        if !entry.a.apply_by(&edit, now, &self.prefs.user_name) {
            return false;
        }
        entry.pending.push(edit);
        true
    }

    /// Applies a change the user made to the open assessment, and records it for undo. In
    /// review mode the work itself does not change (only exports and the like are recorded).
    pub fn apply_current(&mut self, edit: Edit, now: &str) -> bool {
        let Some(id) = self.open.clone() else {
            return false;
        };
        let Some(a) = self.get(&id) else {
            return false;
        };
        if a.review && edit.is_meaningful() {
            return false;
        }
        let step = Step::of(a, &edit);
        if !self.apply(&id, edit, now) {
            return false;
        }
        if let Some(step) = step {
            self.read_history(&id);
            if let Some(h) = self.histories.get_mut(&id) {
                h.record(step);
                self.histories_unsaved.insert(id);
            }
        }
        true
    }

    // ----- Review mode, undo and redo -----

    /// Whether an assessment is shown for review in this browser (nothing in it changes).
    pub fn reviewing(&self, id: &str) -> bool {
        self.get(id).is_some_and(|a| a.review)
    }

    /// The user chose to edit an assessment shown for review; this browser remembers it.
    pub fn start_editing(&mut self, id: &str, now: &str) -> Outcome {
        if !self.apply(id, Edit::Review(false), now) {
            return Outcome::default();
        }
        let mut out = self.flush(now);
        out.current |= self.open.as_deref() == Some(id);
        out.list = true;
        out
    }

    /// Whether the created-here list says this browser made the assessment `id`.
    fn created_here(&self, id: &str) -> bool {
        self.prefs.created.contains(id)
    }

    /// Notes that this browser created an assessment.
    fn mark_created(&mut self, id: &str) {
        if self.prefs.created.insert(id.to_string()) {
            self.write_prefs();
        }
    }

    /// What the next undo of the open assessment would take back (None: nothing, or in review).
    pub fn next_undo(&self) -> Option<Subject> {
        self.open_history()?.next_undo()
    }

    /// What the next redo of the open assessment would make again.
    pub fn next_redo(&self) -> Option<Subject> {
        self.open_history()?.next_redo()
    }

    fn open_history(&self) -> Option<&History> {
        let id = self.open.as_deref()?;
        if self.reviewing(id) {
            return None;
        }
        self.histories.get(id)
    }

    /// Ends the step being typed in the open assessment (focus left the field).
    pub fn seal_typing(&mut self) {
        if let Some(h) = self.open.as_ref().and_then(|id| self.histories.get_mut(id)) {
            h.seal();
        }
    }

    /// Takes back the last edit of the open assessment made in this tab, as new edits (saved
    /// and stamped like any change). Refused, with a toast saying so, when what it changed was
    /// changed since in another tab or by a merge.
    pub fn undo(&mut self, now: &str) -> Outcome {
        self.replay(now, false)
    }

    /// Makes the last undone edit again.
    pub fn redo(&mut self, now: &str) -> Outcome {
        self.replay(now, true)
    }

    fn replay(&mut self, now: &str, redo: bool) -> Outcome {
        let Some(id) = self.open.clone() else {
            return Outcome::default();
        };
        if self.reviewing(&id) {
            return Outcome::default();
        }
        self.read_history(&id);
        let (Some(entry), Some(h)) = (self.entries.get(&id), self.histories.get_mut(&id)) else {
            return Outcome::default();
        };
        let taken = if redo {
            h.redo(&entry.a)
        } else {
            h.undo(&entry.a)
        };
        self.histories_unsaved.insert(id.clone());
        match taken {
            Taken::Nothing => Outcome::default(),
            Taken::Stale(what) => {
                let mut out = self.flush(now);
                out.current = true;
                out.toast = Some(Toast::NotUndone { what, redo });
                out
            }
            Taken::Apply(edits, what) => {
                for edit in edits {
                    self.apply(&id, edit, now);
                }
                let mut out = self.flush(now);
                out.current = true;
                out.toast = Some(Toast::Undone { what, redo });
                out
            }
        }
    }

    /// Reads an assessment's undo history from the session store, once.
    fn read_history(&mut self, id: &str) {
        if self.histories.contains_key(id) {
            return;
        }
        let key = Key::Undo(id.to_string()).full();
        let history = match self.session.get(&key) {
            Ok(Some(text)) => History::decode(&text),
            _ => History::default(),
        };
        self.histories.insert(id.to_string(), history);
    }

    /// Writes the histories that changed to the session store. A failure (full, missing) only
    /// means an undo will not outlast a reload: the history stays in memory.
    fn write_histories(&mut self) {
        for id in std::mem::take(&mut self.histories_unsaved) {
            let key = Key::Undo(id.clone()).full();
            let _ = match self.histories.get_mut(&id) {
                Some(h) => self.session.set(&key, &h.encode()),
                None => self.session.remove(&key),
            };
        }
    }

    /// Forgets an assessment's undo history (it was replaced, restored or deleted: its steps
    /// belong to a version that is gone).
    fn forget_history(&mut self, id: &str) {
        self.histories.remove(id);
        self.histories_unsaved.insert(id.to_string());
    }

    /// Writes every assessment with unsaved changes. On a full or missing store the work stays
    /// in memory with its pending edits, the health says so, and the next flush retries. With
    /// nothing to write (the page hides, say), it checks that another tab's write has not
    /// replaced this tab's last writes unseen, and writes them again if it has.
    pub fn flush(&mut self, now: &str) -> Outcome {
        self.write_histories();
        let mut out = Outcome::default();
        let unsaved: Vec<String> = self
            .entries
            .iter()
            .filter(|(_, e)| e.unsaved())
            .map(|(id, _)| id.clone())
            .collect();
        if unsaved.is_empty() {
            let watched: Vec<String> = self
                .entries
                .iter()
                .filter(|(_, e)| !e.unconfirmed.is_empty())
                .map(|(id, _)| id.clone())
                .collect();
            for id in watched {
                out.absorb(self.reconcile(&id, None, now).unwrap_or_default());
            }
            if self.health == Health::Ok {
                return out;
            }
        }
        let mut failed = None;
        for id in unsaved {
            match self.save_entry(&id, now) {
                Ok(o) => out.absorb(o),
                Err(e) => failed = Some(e),
            }
        }
        match failed {
            Some(e) => self.health = Health::of(&e),
            None if self.health != Health::Unavailable => self.health = Health::Ok,
            None => {}
        }
        out
    }

    /// Writes one assessment (merged with what another tab stored since, see
    /// [`Store::save_from`]).
    fn save_entry(&mut self, id: &str, now: &str) -> Result<Outcome, KvError> {
        let Some(entry) = self.entries.get(id) else {
            return Ok(Outcome::default());
        };
        let base = Base {
            rev: entry.rev,
            fp: entry.base.as_deref(),
            unconfirmed: &entry.unconfirmed,
        };
        let by = Some(self.prefs.user_name.as_str());
        let save = self
            .store
            .save_from(&entry.a, base, &entry.pending, now, by)?;
        Ok(self.took_in(id, save))
    }

    /// Takes in what a write of an assessment stored, and says so when it was merged.
    fn took_in(&mut self, id: &str, save: Save) -> Outcome {
        let mut out = Outcome::default();
        if matches!(save.saved, Saved::Merged { .. }) {
            out.list = true;
            if self.open.as_deref() == Some(id) {
                out.current = true;
                out.notices.push(Notice::MergedFromOtherTab);
            }
        }
        if let Some(entry) = self.entries.get_mut(id) {
            entry.written(save);
        }
        out
    }

    // ----- Creating, copying, deleting -----

    fn add(&mut self, a: Assessment, now: &str) -> Outcome {
        let id = a.id.clone();
        let mut entry = Entry::clean(0, a);
        entry.dirty = true;
        self.entries.insert(id.clone(), entry);
        if !self.index.order.contains(&id) {
            self.index.order.push(id);
        }
        self.write_index();
        let mut out = self.flush(now);
        out.list = true;
        out
    }

    /// Creates an assessment of a loaded model (`id@version`); None if that model is not
    /// loaded.
    pub fn create(
        &mut self,
        id: &str,
        name: &str,
        model_key: &str,
        target: u8,
        lang: Lang,
        now: &str,
    ) -> Option<Outcome> {
        let model = self.model_by_key(model_key)?;
        let name = match name.trim() {
            "" => identity::default_name(&model, lang, ""),
            given => given.to_string(),
        };
        let a = Assessment::new(id, name, &model, target, lang, now);
        // Its first open asks whose it is.
        self.index.identity_pending.insert(id.to_string());
        self.mark_created(id);
        Some(self.add(a, now))
    }

    /// The default assessment a fresh browser opens into: the embedded model, the default
    /// target, named after the model in the user's language.
    pub fn create_default(&mut self, id: &str, lang: Lang, now: &str) -> Outcome {
        let key = self.embedded().key();
        self.create(id, "", &key, DEFAULT_TARGET, lang, now)
            .unwrap_or_default()
    }

    // ----- Whose assessment it is -----

    /// Whether the organisation and project of an assessment created here are still to be
    /// asked (at its first open).
    pub fn identity_pending(&self, id: &str) -> bool {
        self.index.identity_pending.contains(id) && self.entries.contains_key(id)
    }

    /// The organisation and project the team gave (the registration form's first fields).
    /// An assessment still under a default name is named after the project
    /// ("手机银行App · 持续交付自评"); a name the team chose stays. Nothing is asked again.
    pub fn set_identity(
        &mut self,
        id: &str,
        organisation: &str,
        project: &str,
        now: &str,
    ) -> Outcome {
        let (organisation, project) = (organisation.trim(), project.trim());
        let rename = self.get(id).and_then(|a| {
            let model = self.model_for(&a.model)?;
            (!project.is_empty() && identity::is_default_name(&model, a))
                .then(|| identity::default_name(&model, a.language, project))
        });
        let mut changed = false;
        for (field, value) in [
            (ProjectField::Organisation, organisation),
            (ProjectField::Project, project),
        ] {
            if !value.is_empty() {
                changed |= self.apply(
                    id,
                    Edit::Project {
                        field,
                        value: value.to_string(),
                    },
                    now,
                );
            }
        }
        if let Some(name) = rename {
            changed |= self.apply(id, Edit::Rename(name), now);
        }
        let mut out = self.skip_identity(id);
        if changed {
            out.absorb(self.flush(now));
        }
        out.list = true;
        out.current |= self.open.as_deref() == Some(id);
        out
    }

    /// The team skipped the question (or answered it): it is not asked again.
    pub fn skip_identity(&mut self, id: &str) -> Outcome {
        let mut out = Outcome::default();
        if self.index.identity_pending.remove(id) {
            self.write_index();
            out.current = self.open.as_deref() == Some(id);
        }
        out
    }

    pub fn rename(&mut self, id: &str, name: &str, now: &str) -> Outcome {
        let mut out = Outcome::default();
        if self.apply(id, Edit::Rename(name.trim().to_string()), now) {
            out = self.flush(now);
            out.list = true;
        }
        out
    }

    /// A copy under a new id, never exported.
    pub fn duplicate(
        &mut self,
        id: &str,
        new_id: &str,
        suffix: &str,
        now: &str,
    ) -> Option<Outcome> {
        let mut a = self.get(id)?.clone();
        a.id = new_id.to_string();
        a.name = format!("{}{suffix}", a.name);
        a.created_at = now.to_string();
        a.updated_at = now.to_string();
        a.last_exported_at = None;
        a.changes_since_export = a.answers.len() as u32;
        // A copy made here is this browser's own work.
        a.review = false;
        self.mark_created(new_id);
        Some(self.add(a, now))
    }

    /// Moves an assessment to the trash, with an undo.
    pub fn delete(&mut self, id: &str, now: &str) -> Outcome {
        let mut out = self.flush(now);
        let Some(entry) = self.entries.get(id) else {
            return out;
        };
        let name = entry.a.name.clone();
        if entry.unsaved() {
            // Never stored: there is nothing to put in the trash, and deleting from memory
            // only would lose it silently.
            return out;
        }
        match self.store.delete(id, now) {
            Ok(trash_key) => {
                if self.open.as_deref() == Some(id) {
                    self.open = None;
                    out.current = true;
                }
                self.entries.remove(id);
                self.index.order.retain(|x| x != id);
                if self.index.current.as_deref() == Some(id) {
                    self.index.current = None;
                }
                self.index.last_item.remove(id);
                self.write_index();
                self.forget_history(id);
                self.write_histories();
                self.trash = self.store.trash();
                out.list = true;
                out.trash = true;
                out.toast = Some(Toast::Deleted {
                    name,
                    undo: trash_key,
                });
            }
            Err(e) => self.health = Health::of(&e),
        }
        out
    }

    /// Brings back a trashed version (the current version, if any, goes to the trash). Returns
    /// the assessment's id when it was restored.
    pub fn restore(&mut self, trash_key: &str, now: &str) -> (Option<String>, Outcome) {
        let mut out = self.flush(now);
        out.trash = true;
        match self.store.restore(trash_key, now) {
            Ok(record) => {
                let id = record.assessment.id.clone();
                if self.open.as_deref() == Some(id.as_str()) {
                    out.current = true;
                }
                let mut entry = Entry::clean(record.rev, record.assessment);
                entry.base = self.store.stored_fp(&id);
                if let Some(notice) = self.rebind(&mut entry) {
                    out.notices.push(notice);
                }
                self.entries.insert(id.clone(), entry);
                self.forget_history(&id);
                if !self.index.order.contains(&id) {
                    self.index.order.push(id.clone());
                }
                self.write_index();
                self.trash = self.store.trash();
                out.list = true;
                out.absorb(self.flush(now));
                (Some(id), out)
            }
            Err(RestoreError::Gone) | Err(RestoreError::Unreadable(_)) => {
                self.trash = self.store.trash();
                out.toast = Some(Toast::Gone);
                (None, out)
            }
            Err(RestoreError::Storage(e)) => {
                self.health = Health::of(&e);
                (None, out)
            }
        }
    }

    /// Deletes a trashed version for good (an explicit user action).
    pub fn purge(&mut self, trash_key: &str) -> Outcome {
        if let Err(e) = self.store.purge(trash_key) {
            self.health = Health::of(&e);
        }
        self.trash = self.store.trash();
        Outcome {
            trash: true,
            ..Outcome::default()
        }
    }

    // ----- Imports -----

    /// Adds an imported assessment under a new id.
    /// It opens for review, unless this browser created the assessment it copies.
    pub fn import_as_new(&mut self, mut a: Assessment, new_id: &str, now: &str) -> Outcome {
        a.review = !self.created_here(&a.id);
        a.id = new_id.to_string();
        self.add(a, now)
    }

    /// Replaces the stored assessment with the same id; the replaced version goes to the trash
    /// and the toast offers to undo.
    /// The copy here keeps its mode (review or editing); without one, the file's assessment
    /// opens for review unless this browser created it. Its undo history is gone with the
    /// version it belonged to.
    pub fn import_replace(&mut self, mut a: Assessment, now: &str) -> Outcome {
        let id = a.id.clone();
        a.review = match self.get(&id) {
            Some(here) => here.review,
            None => !self.created_here(&id),
        };
        self.forget_history(&id);
        let name = a.name.clone();
        let mut out = self.flush(now);
        let undo = match self.store.keep_in_trash(&id, now) {
            Ok(k) => k,
            Err(e) => {
                self.health = Health::of(&e);
                return out;
            }
        };
        let rev = self
            .store
            .stored_record(&id)
            .map_or(0, |r| r.rev)
            .max(self.entries.get(&id).map_or(0, |e| e.rev));
        let mut entry = Entry::clean(rev, a);
        // Replaces what is stored now (kept in the trash above).
        entry.base = self.store.stored_fp(&id);
        entry.dirty = true;
        self.entries.insert(id.clone(), entry);
        if !self.index.order.contains(&id) {
            self.index.order.push(id.clone());
            self.write_index();
        }
        if self.open.as_deref() == Some(id.as_str()) {
            out.current = true;
        }
        out.absorb(self.flush(now));
        self.trash = self.store.trash();
        out.list = true;
        out.trash = true;
        out.toast = Some(Toast::Replaced { name, undo });
        out
    }

    // ----- Workbook documents -----

    /// The workbook document an assessment was last saved to or opened from.
    pub fn document(&self, id: &str) -> Option<&DocumentInfo> {
        self.index.documents.get(id)
    }

    /// Whether an assessment has changes its workbook document does not hold (true when it
    /// was never saved as one).
    pub fn unsaved_in_document(&self, id: &str) -> bool {
        match (self.get(id), self.document(id)) {
            (Some(a), Some(d)) => a.updated_at != d.updated_at,
            (Some(_), None) => true,
            _ => false,
        }
    }

    /// The document of an assessment was written at `at` to the file `file`: that counts as an
    /// export (the file holds everything) and is where "unsaved changes" count from.
    pub fn document_saved(&mut self, id: &str, file: &str, at: &str) -> Outcome {
        self.apply(id, Edit::Exported(at.to_string()), at);
        let mut out = self.flush(at);
        if let Some(a) = self.get(id) {
            let info = DocumentInfo {
                name: file.to_string(),
                saved_at: at.to_string(),
                updated_at: a.updated_at.clone(),
            };
            self.index.documents.insert(id.to_string(), info);
            self.write_index();
        }
        out.list = true;
        out.current |= self.open.as_deref() == Some(id);
        out
    }

    /// A workbook document was opened in this browser with `there` inside. With no copy here,
    /// the document becomes the working copy; with the same work here, nothing changes; else
    /// the user chooses (see [`Meeting`]).
    /// A document this browser did not create opens for review; one it made opens for editing.
    pub fn meet_document(
        &mut self,
        mut there: Assessment,
        file: &str,
        now: &str,
    ) -> (Meeting, Outcome) {
        let id = there.id.clone();
        let info = document_info(&there, file);
        let Some(here) = self.get(&id) else {
            there.review = !self.created_here(&id);
            let out = self.add(there, now);
            self.index.documents.insert(id, info);
            self.write_index();
            return (Meeting::New, out);
        };
        if merge::same_work(here, &there) {
            if self.document(&id).is_none() {
                self.index.documents.insert(id, info);
                self.write_index();
            }
            return (Meeting::Same, Outcome::default());
        }
        let meeting = Meeting::Differ {
            here: Box::new(summarise(here, self.model_for(&here.model).as_deref())),
            there: Box::new(summarise(&there, self.model_for(&there.model).as_deref())),
            newer: merge::newer(here, &there),
            file: file.to_string(),
            incoming: Box::new(there),
        };
        (meeting, Outcome::default())
    }

    /// The user chose the file's version over this browser's: this browser's goes to the
    /// trash (undo brings it back).
    pub fn take_document(&mut self, there: Assessment, file: &str, now: &str) -> Outcome {
        let id = there.id.clone();
        let info = document_info(&there, file);
        let out = self.import_replace(there, now);
        self.index.documents.insert(id, info);
        self.write_index();
        out
    }

    /// Replaces an assessment with the result of a merge; the version before goes to the trash
    /// and the toast offers to undo.
    pub fn merge_in(&mut self, merged: Assessment, now: &str) -> Outcome {
        let name = merged.name.clone();
        let mut out = self.import_replace(merged, now);
        if let Some(Toast::Replaced { undo, .. }) = out.toast.take() {
            out.toast = Some(Toast::Merged { name, undo });
        }
        out
    }

    pub fn autosave(&self) -> bool {
        self.prefs.autosave
    }

    /// Turns autosave on or off (a preference of this browser). The outcome refreshes the
    /// lists, where the switch reads it back.
    pub fn set_autosave(&mut self, on: bool) -> Outcome {
        if self.prefs.autosave != on {
            self.prefs.autosave = on;
            self.write_prefs();
        }
        Outcome {
            list: true,
            ..Outcome::default()
        }
    }

    /// Whether to ask the user for a name now (once, before their first save or merge).
    pub fn should_ask_name(&self) -> bool {
        !self.prefs.name_asked && self.prefs.user_name.is_empty()
    }

    // ----- Models -----

    /// Loads a model file; on failure every problem is returned. Loading the same text again
    /// is fine; another text under a loaded `id@version` is refused.
    pub fn load_model_file(&mut self, text: &str) -> Result<(String, Outcome), Vec<Problem>> {
        let model = load_model(text)?;
        let key = model.key();
        if let Some(existing) = self.model_by_key(&key) {
            if existing.sha256 == model.sha256 {
                return Ok((key, Outcome::default()));
            }
            return Err(vec![Problem::new(
                "$.version",
                ProblemKind::AlreadyLoaded(key),
            )]);
        }
        Ok((key, self.keep_model(model, text)))
    }

    /// Stores a checked model file and adds it to the loaded models.
    fn keep_model(&mut self, model: LoadedModel, text: &str) -> Outcome {
        match self.store.save_model(&model.key(), text) {
            Ok(()) => {
                self.prefs
                    .validated_models
                    .insert(checked_mark(&model.sha256));
                self.write_prefs();
            }
            Err(e) => self.health = Health::of(&e),
        }
        self.models.add_file(Arc::new(model.with_source(text)));
        Outcome {
            models: true,
            list: true,
            ..Outcome::default()
        }
    }

    /// Adds the model a file brought (an import or a workbook document, read with
    /// [`crate::formats::exchange::import`], which checked it like a model file), before the
    /// file's assessment is stored. Nothing is replaced: a model already here under the same
    /// `id@version` stays (the file was then read with that one), and other versions of the
    /// same id stay too, each assessment bound to its own (by fingerprint).
    pub fn adopt_model(&mut self, model: &LoadedModel) -> Outcome {
        let Some(text) = model.source.as_deref() else {
            return Outcome::default();
        };
        if self.model_by_key(&model.key()).is_some() {
            return Outcome::default();
        }
        let mut out = self.keep_model(model.clone(), text);
        out.notices.push(Notice::ModelArrived {
            title: model.model.title.clone(),
            version: model.model.version.clone(),
        });
        out
    }

    /// Removes a loaded model file, unless it is the embedded one or an assessment uses it.
    pub fn remove_model(&mut self, key: &str) -> Outcome {
        if self.model_in_use(key) || self.models.is_embedded(key) {
            return Outcome::default();
        }
        if let Err(e) = self.store.remove_model(key) {
            self.health = Health::of(&e);
        }
        self.models.remove_file(key);
        Outcome {
            models: true,
            list: true,
            ..Outcome::default()
        }
    }

    // ----- Preferences and places -----

    /// The name this browser's user gave (empty until they give one).
    pub fn user_name(&self) -> &str {
        &self.prefs.user_name
    }

    /// Records the name this browser's user gave (asked once, before the first save). The
    /// changes they already made here, unnamed so far, get it too: those stamped after each
    /// assessment came to this browser (opened from a document, imported, or last exported).
    /// That is an [`Edit::Attribute`] on each assessment, written at once and replayed on
    /// another tab's newer revision like any edit, so no name is lost to a tab that saved
    /// first.
    pub fn set_user_name(&mut self, name: &str, now: &str) -> Outcome {
        let name = name.trim().to_string();
        self.prefs.user_name = name.clone();
        self.prefs.name_asked = true;
        self.write_prefs();
        if name.is_empty() {
            return Outcome::default();
        }
        let edits: Vec<(String, Edit)> = self
            .entries
            .iter()
            .map(|(id, entry)| {
                let since = self
                    .index
                    .documents
                    .get(id)
                    .map(|d| d.saved_at.clone())
                    .max(entry.a.last_exported_at.clone())
                    .unwrap_or_default();
                let by = name.clone();
                (id.clone(), Edit::Attribute { by, since })
            })
            .collect();
        let mut named = false;
        for (id, edit) in edits {
            named |= self.apply(&id, edit, now);
        }
        let mut out = self.flush(now);
        out.list |= named;
        out
    }

    /// Stores the chosen language (the page shows it already).
    pub fn set_lang(&mut self, lang: Lang) -> Outcome {
        if self.prefs.lang != Some(lang) {
            self.prefs.lang = Some(lang);
            self.write_prefs();
        }
        Outcome::default()
    }

    /// Hides the banner of a quarantined record (the record stays).
    pub fn dismiss_quarantine(&mut self, key: &str) -> Outcome {
        self.prefs.dismissed.insert(key.to_string());
        self.write_prefs();
        self.quarantine.retain(|k| k != key);
        Outcome {
            list: true,
            ..Outcome::default()
        }
    }

    /// Remembers the sub-item last viewed in an assessment (nothing to show for it).
    pub fn remember_item(&mut self, id: &str, code: &str) -> Outcome {
        let same = self.index.current.as_deref() == Some(id)
            && self.index.last_item.get(id).map(String::as_str) == Some(code);
        if !same {
            self.index.current = Some(id.to_string());
            self.index
                .last_item
                .insert(id.to_string(), code.to_string());
            self.write_index();
        }
        Outcome::default()
    }

    fn write_index(&mut self) {
        if let Err(e) = self.store.write_index(&self.index) {
            self.health = Health::of(&e);
        }
    }

    fn write_prefs(&mut self) {
        // Another tab may have loaded (and marked) a model file since: its marks by these
        // rules stay.
        let rules = checked_mark("");
        let stored = self.store.peek_prefs();
        self.prefs.validated_models.extend(
            stored
                .validated_models
                .into_iter()
                .filter(|m| m.starts_with(&rules)),
        );
        // So are the assessments another tab created.
        self.prefs.created.extend(stored.created);
        // Preferences are a convenience: a failure to store them is not worth a warning.
        let _ = self.store.write_prefs(&self.prefs);
    }

    // ----- Another tab -----

    /// Another tab changed one of our keys (`key` without prefix; `value` None when removed;
    /// an empty key when the whole storage was cleared).
    pub fn on_storage_event(&mut self, key: &str, value: Option<String>, now: &str) -> Outcome {
        match Key::parse(key) {
            Key::Assessment(id) => self.other_tab_wrote(&id, value, now),
            Key::Model(_) => self.other_tab_changed_models(),
            Key::Index | Key::Trash { .. } => self.other_tab_changed_lists(),
            Key::Unknown(k) if k.is_empty() => self.other_tab_changed_lists(),
            _ => Outcome::default(),
        }
    }

    fn other_tab_wrote(&mut self, id: &str, value: Option<String>, now: &str) -> Outcome {
        let mut out = Outcome {
            list: true,
            trash: true,
            ..Outcome::default()
        };
        let open = self.open.as_deref() == Some(id);
        let Some(text) = value else {
            // Deleted in another tab: an open assessment stays here, marked unsaved, so a
            // further change stores it again and nothing is lost; a closed one leaves the list.
            if open {
                if let Some(entry) = self.entries.get_mut(id) {
                    entry.rev = 0;
                    entry.base = None;
                    entry.unconfirmed.clear();
                    entry.dirty = true;
                    out.notices.push(Notice::DeletedInOtherTab {
                        name: entry.a.name.clone(),
                    });
                }
            } else if self.entries.get(id).is_some_and(|e| !e.unsaved()) {
                self.entries.remove(id);
                self.index.order.retain(|x| x != id);
            }
            self.trash = self.store.trash();
            return out;
        };
        let Some(theirs) = Stored::read(&text, id) else {
            return Outcome::default();
        };
        if self.entries.contains_key(id) {
            match self.reconcile(id, Some(theirs), now) {
                Some(done) => out.absorb(done),
                None => return Outcome::default(),
            }
        } else {
            self.entries.insert(id.to_string(), Entry::adopted(theirs));
        }
        if !self.index.order.iter().any(|x| x == id) {
            self.index.order.push(id.to_string());
        }
        out
    }

    /// Brings this tab's copy of an assessment together with what this tab's storage holds
    /// now, and with `theirs`, the record another tab's write stored (announced by a
    /// `storage` event). In Chromium each window reads its own copy of localStorage, which
    /// hears of another window's write a moment later, and the event fires after that; so two
    /// windows can each write the next revision on top of the same one, and the browser keeps
    /// the later write ([`persist::Record::seen`] tells which writes a record holds):
    /// - any record another tab wrote confirms the writes of this tab it holds;
    /// - storage holds another tab's write this copy does not stand on: it is taken as it is,
    ///   or, when this tab has pending edits or unconfirmed writes it does not hold, with those
    ///   edits on top (written again);
    /// - storage holds this tab's last write, and `theirs` is a record it does not hold (this
    ///   tab replaced it unseen): `theirs` is written again with this tab's edits on top, so
    ///   what the other tab stored is not lost, even when that tab has closed since.
    ///
    /// None when there was nothing to do.
    fn reconcile(&mut self, id: &str, theirs: Option<Stored>, now: &str) -> Option<Outcome> {
        let entry = self.entries.get_mut(id)?;
        if let Some(theirs) = &theirs {
            entry.confirm(persist::held(&entry.unconfirmed, theirs));
        }
        let entry = self.entries.get(id)?;
        let stands = self.store.stored_fp(id)? == entry.base.as_deref().unwrap_or_default();
        let stored = self.store.stored(id)?;
        if !stands {
            let entry = self.entries.get_mut(id)?;
            entry.confirm(persist::held(&entry.unconfirmed, &stored));
            let mine = entry.unconfirmed.iter().flat_map(|u| &u.edits);
            if entry.unsaved() || changes(&stored.record.assessment, mine, now) {
                return Some(self.save_entry(id, now).unwrap_or_else(|e| {
                    self.health = Health::of(&e);
                    Outcome::default()
                }));
            }
            *entry = Entry::adopted(stored);
            let mut out = Outcome {
                list: true,
                ..Outcome::default()
            };
            if self.open.as_deref() == Some(id) {
                out.current = true;
                out.notices.push(Notice::UpdatedFromOtherTab);
            }
            return Some(out);
        }
        let theirs = theirs.filter(|t| !stored.holds(&t.fp))?;
        // Storage holds this tab's last write, and `theirs` holds what that write's unconfirmed
        // edits went on top of: `theirs` with those edits is all of both.
        let first = entry.unconfirmed.first()?;
        let last = entry.unconfirmed.last()?;
        if last.fp != stored.fp || !theirs.holds(&first.on) {
            return None;
        }
        let mut both = theirs.record.assessment.clone();
        let mine = entry.unconfirmed.iter().flat_map(|u| &u.edits);
        for edit in mine.chain(&entry.pending) {
            both.apply(edit, now);
        }
        if merge::same_work(&both, &stored.record.assessment) {
            // Storage holds all of their work already.
            return None;
        }
        let base = Base {
            rev: entry.rev,
            fp: entry.base.as_deref(),
            unconfirmed: &entry.unconfirmed,
        };
        let by = Some(self.prefs.user_name.as_str());
        match self
            .store
            .rewrite_onto(&theirs, &stored, base, &entry.pending, now, by)
        {
            Ok(save) => Some(self.took_in(id, save)),
            Err(e) => {
                self.health = Health::of(&e);
                None
            }
        }
    }

    fn other_tab_changed_lists(&mut self) -> Outcome {
        if let Ok(Some(text)) = self.store.get(&Key::Index.to_string()) {
            if let Ok(index) = serde_json::from_str::<Index>(&text) {
                for id in index.order {
                    if !self.index.order.contains(&id) {
                        self.index.order.push(id);
                    }
                }
            }
        }
        self.trash = self.store.trash();
        Outcome {
            list: true,
            trash: true,
            ..Outcome::default()
        }
    }

    fn other_tab_changed_models(&mut self) -> Outcome {
        let mut out = Outcome {
            models: true,
            list: true,
            ..Outcome::default()
        };
        for (key, text) in self.store.model_files() {
            if let Ok(m) = load_model(&text) {
                if self.model_by_key(&m.key()).is_none() {
                    self.models.add_file(Arc::new(m.with_source(&text)));
                }
            } else {
                out.notices
                    .push(Notice::ModelUnreadable { key, problems: 1 });
            }
        }
        out
    }
}

/// Whether applying `edits` to `a` changes anything.
fn changes<'a>(a: &Assessment, mut edits: impl Iterator<Item = &'a Edit>, now: &str) -> bool {
    let mut after = a.clone();
    edits.any(|edit| after.apply(edit, now))
}

/// What this browser records of a document it opened.
fn document_info(a: &Assessment, file: &str) -> DocumentInfo {
    DocumentInfo {
        name: file.to_string(),
        saved_at: a.last_exported_at.clone().unwrap_or_default(),
        updated_at: a.updated_at.clone(),
    }
}

/// The list line of an assessment: its level against the target and its progress.
fn summarise(a: &Assessment, model: Option<&LoadedModel>) -> Summary {
    let scored = model.map(|m| score(m, &a.answers, a.target_level, Rule::default()));
    Summary {
        id: a.id.clone(),
        name: a.name.clone(),
        model: a.model.clone(),
        model_title: model.map(|m| m.model.title.clone()),
        target: a.target_level,
        label: scored.as_ref().map(|r| r.part.label),
        answered: scored.as_ref().map_or(0, |r| r.part.answered),
        total: scored.as_ref().map_or(0, |r| r.part.total),
        updated_at: a.updated_at.clone(),
        updated_by: a.updated_by.clone(),
        last_exported_at: a.last_exported_at.clone(),
        changes: a.changes_since_export,
        identity: identity::identity_line(a),
    }
}
