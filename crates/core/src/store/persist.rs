//! The storage layout and every decision about stored data, as pure code over a small
//! key-value interface. The browser adapter (`web::storage`) only moves strings in and out of
//! localStorage; which key holds what, schema versions and migrations, quarantine of unreadable
//! records, the previous revision kept for recovery, merging with another tab and the trash all
//! live here and are tested natively.
//!
//! Layout (every key starts with [`PREFIX`]; [`Key`] is the only code that spells the rest):
//! - `index`: order of assessments and the one last open (schema 2);
//! - `a:<id>`: the newest record of one assessment, so one bad record cannot take the others
//!   down;
//! - `prev:<id>`: the revision before the newest, kept so a damaged newest record costs at most
//!   the last save;
//! - `prefs`: language and dismissed notices;
//! - `model:<id>@<version>`: model files the user loaded (raw text);
//! - `trash:<id>:<time>`: deleted assessments and versions replaced by an import;
//! - `quarantine:<key>[~n]`: records that could not be read, kept verbatim.
//!
//! In sessionStorage (`web::session`, one store per tab that survives a reload), with the same
//! prefix:
//! - `undo:<id>`: this tab's undo and redo steps of one assessment (`assess::undo::History`).
//!
//! In IndexedDB (`web::idb`, database `maturity-workbook`, store `kv`), with the same prefix:
//! - `portfolio`: the portfolio's members (`core::portfolio::Record`);
//! - `pfile:<key>`: the exchange JSON of one file in the portfolio;
//! - `pfolder`: the portfolio's chosen folder (a directory handle);
//! - `efolder:<id>`: the materials folder an assessment was last checked against (a directory
//!   handle, see `assess::materials`).
//!
//! Schema history of `a:<id>` records: 1 (walking skeleton: statuses only), 2 (current:
//! `{schema, rev, seen, assessment}` with comments, N/A reasons, notes, evidence, project;
//! `seen` is optional, and records written before it came read as they are).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::assess::assessment::TARGET_LEVELS;
use crate::assess::assessment::{Answer, Assessment, Edit, Status};
use crate::model::{LoadedModel, ModelRef};
use crate::text::Lang;

/// Keys are namespaced: Chromium shares one localStorage among all `file://` pages.
pub const PREFIX: &str = "mwb:v1:";
/// The schema written by this version.
pub const SCHEMA: u32 = 2;
/// The oldest schema this version can still read and migrate.
pub const OLDEST_SCHEMA: u32 = 1;

/// Finds the loaded model an assessment refers to.
pub type ModelFinder<'a> = &'a dyn Fn(&ModelRef) -> Option<Arc<LoadedModel>>;

/// A storage key, without [`PREFIX`]. Parsing and formatting round-trip.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    Index,
    Prefs,
    /// The newest record of an assessment.
    Assessment(String),
    /// The revision of an assessment before its newest.
    Previous(String),
    /// A model file the user loaded, by `id@version`.
    Model(String),
    /// A deleted or replaced version of an assessment, and when it went to the trash.
    Trash {
        id: String,
        at: String,
    },
    /// Unreadable text kept verbatim: the key it was found under, and a number from the second
    /// time the same key is quarantined.
    Quarantine {
        original: String,
        n: u32,
    },
    /// The portfolio's list of members (kept in IndexedDB, see `web::idb`).
    Portfolio,
    /// The exchange JSON of a file in the portfolio, by its key there (IndexedDB).
    PortfolioFile(String),
    /// The portfolio's chosen folder, a directory handle (IndexedDB).
    PortfolioFolder,
    /// The file an assessment was last saved to as a workbook document, a file handle
    /// (IndexedDB), by assessment id.
    FileHandle(String),
    /// This tab's undo history of an assessment (sessionStorage), by assessment id.
    Undo(String),
    /// The materials folder an assessment's evidence was last checked against, a directory
    /// handle (IndexedDB), by assessment id.
    EvidenceFolder(String),
    /// A key this version does not know (written by a newer workbook): never touched.
    Unknown(String),
}

impl Key {
    pub fn parse(key: &str) -> Key {
        let split = |prefix: &str| key.strip_prefix(prefix).filter(|rest| !rest.is_empty());
        if key == "index" {
            Key::Index
        } else if key == "prefs" {
            Key::Prefs
        } else if key == "portfolio" {
            Key::Portfolio
        } else if key == "pfolder" {
            Key::PortfolioFolder
        } else if let Some(k) = split("pfile:") {
            Key::PortfolioFile(k.to_string())
        } else if let Some(id) = split("fh:") {
            Key::FileHandle(id.to_string())
        } else if let Some(id) = split("undo:") {
            Key::Undo(id.to_string())
        } else if let Some(id) = split("efolder:") {
            Key::EvidenceFolder(id.to_string())
        } else if let Some(id) = split("a:") {
            Key::Assessment(id.to_string())
        } else if let Some(id) = split("prev:") {
            Key::Previous(id.to_string())
        } else if let Some(m) = split("model:") {
            Key::Model(m.to_string())
        } else if let Some((id, at)) = split("trash:").and_then(|r| r.split_once(':')) {
            Key::Trash {
                id: id.to_string(),
                at: at.to_string(),
            }
        } else if let Some(rest) = split("quarantine:") {
            match rest.rsplit_once('~') {
                Some((original, n)) if n.parse::<u32>().is_ok_and(|n| n > 1) => Key::Quarantine {
                    original: original.to_string(),
                    n: n.parse().unwrap_or(2),
                },
                _ => Key::Quarantine {
                    original: rest.to_string(),
                    n: 1,
                },
            }
        } else {
            Key::Unknown(key.to_string())
        }
    }

    /// The key as stored, with the prefix.
    pub fn full(&self) -> String {
        format!("{PREFIX}{self}")
    }

    /// The assessment a key belongs to (its record, previous revision or trash entry).
    pub fn assessment_id(&self) -> Option<&str> {
        match self {
            Key::Assessment(id) | Key::Previous(id) | Key::Trash { id, .. } => Some(id),
            _ => None,
        }
    }

    pub fn is_trash(&self) -> bool {
        matches!(self, Key::Trash { .. })
    }

    pub fn is_quarantine(&self) -> bool {
        matches!(self, Key::Quarantine { .. })
    }

    /// The beginning of every full key of a portfolio file (to list them).
    pub fn portfolio_files_prefix() -> String {
        Key::PortfolioFile(String::new()).full()
    }

    /// A full key (with [`PREFIX`]) read back; None for keys of other programs.
    pub fn from_full(full: &str) -> Option<Key> {
        full.strip_prefix(PREFIX).map(Key::parse)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Key::Index => f.write_str("index"),
            Key::Prefs => f.write_str("prefs"),
            Key::Assessment(id) => write!(f, "a:{id}"),
            Key::Previous(id) => write!(f, "prev:{id}"),
            Key::Model(m) => write!(f, "model:{m}"),
            Key::Trash { id, at } => write!(f, "trash:{id}:{at}"),
            Key::Quarantine { original, n: 1 } => write!(f, "quarantine:{original}"),
            Key::Quarantine { original, n } => write!(f, "quarantine:{original}~{n}"),
            Key::Portfolio => f.write_str("portfolio"),
            Key::PortfolioFile(k) => write!(f, "pfile:{k}"),
            Key::PortfolioFolder => f.write_str("pfolder"),
            Key::FileHandle(id) => write!(f, "fh:{id}"),
            Key::Undo(id) => write!(f, "undo:{id}"),
            Key::EvidenceFolder(id) => write!(f, "efolder:{id}"),
            Key::Unknown(k) => f.write_str(k),
        }
    }
}

/// The key of an assessment's newest record, without prefix.
pub fn assessment_key(id: &str) -> String {
    Key::Assessment(id.to_string()).to_string()
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KvError {
    /// No storage at all (blocked by policy, some private windows).
    Unavailable,
    /// The write did not fit.
    Quota,
    Other(String),
}

/// The few operations the workbook needs from a string store.
pub trait Kv {
    fn get(&self, key: &str) -> Result<Option<String>, KvError>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), KvError>;
    fn remove(&mut self, key: &str) -> Result<(), KvError>;
    fn keys(&self) -> Result<Vec<String>, KvError>;
}

/// An in-memory store: for tests, and the fallback when the browser has no storage.
/// `quota` (in characters of keys and values, as browsers count) simulates a full store.
#[derive(Clone, Debug, Default)]
pub struct MemKv {
    pub map: BTreeMap<String, String>,
    pub quota: Option<usize>,
}

impl MemKv {
    fn used(&self) -> usize {
        self.map
            .iter()
            .map(|(k, v)| k.chars().count() + v.chars().count())
            .sum()
    }
}

impl Kv for MemKv {
    fn get(&self, key: &str) -> Result<Option<String>, KvError> {
        Ok(self.map.get(key).cloned())
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), KvError> {
        if let Some(quota) = self.quota {
            let old = self
                .map
                .get(key)
                .map_or(0, |v| key.chars().count() + v.chars().count());
            if self.used() - old + key.chars().count() + value.chars().count() > quota {
                return Err(KvError::Quota);
            }
        }
        self.map.insert(key.to_string(), value.to_string());
        Ok(())
    }
    fn remove(&mut self, key: &str) -> Result<(), KvError> {
        self.map.remove(key);
        Ok(())
    }
    fn keys(&self) -> Result<Vec<String>, KvError> {
        Ok(self.map.keys().cloned().collect())
    }
}

/// The stored form of an assessment (schema 2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub schema: u32,
    /// Incremented on every write.
    pub rev: u64,
    /// The fingerprints ([`fingerprint`]) of stored texts whose work this record holds,
    /// newest first, at most [`SEEN_MAX`]: the text it was written on top of, what that one
    /// held, and the writes of this tab it wrote again on top of another tab's (absent in
    /// records written before). localStorage has no transactions, and in Chromium each window
    /// reads its own copy of it, which hears of another window's write a moment later: two
    /// windows can each write the next revision on top of the same one, and the browser keeps
    /// the later write. The revision number cannot tell them apart; this list tells a window
    /// whether a record holds its writes ([`Stored::holds`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seen: Vec<String>,
    pub assessment: Assessment,
}

/// How many fingerprints a record keeps in [`Record::seen`]. A window checks every record
/// another window writes as its `storage` event fires, so a record need only name the few
/// written since.
pub const SEEN_MAX: usize = 16;

/// The fingerprint of a stored text (FNV-1a, 64 bits, in hex): what [`Record::seen`] holds.
pub fn fingerprint(text: &str) -> String {
    use crate::model::validate::{fnv1a, FNV_OFFSET};
    format!("{:016x}", fnv1a(FNV_OFFSET, text.as_bytes()))
}

/// A stored record of the current schema with its text's fingerprint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stored {
    pub record: Record,
    pub fp: String,
}

impl Stored {
    /// Reads a record's text (None when it is not a readable record of the current schema).
    pub fn read(text: &str, id: &str) -> Option<Stored> {
        match decode(text, id, &|_| None) {
            Decoded::Current(record) => Some(Stored {
                record,
                fp: fingerprint(text),
            }),
            _ => None,
        }
    }

    /// Whether this record holds the work of the stored text `fp`: it is that text, or was
    /// written holding it.
    pub fn holds(&self, fp: &str) -> bool {
        self.fp == fp || self.record.seen.iter().any(|s| s == fp)
    }

    /// The [`Record::seen`] of a record written on top of this one that also holds `more`.
    fn seen_after(&self, more: &[&str]) -> Vec<String> {
        let mut seen = vec![self.fp.clone()];
        let others = self.record.seen.iter().map(String::as_str);
        for fp in more.iter().copied().chain(others) {
            if !seen.iter().any(|s| s == fp) {
                seen.push(fp.to_string());
            }
        }
        seen.truncate(SEEN_MAX);
        seen
    }
}

/// A write of this tab that no record of another tab is known to hold yet. A write holds the
/// edits of the tab's earlier unconfirmed writes too (it was written on top of them, or wrote
/// them again), so a record that holds one holds the ones before.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unconfirmed {
    /// The fingerprint of the text written.
    pub fp: String,
    /// The fingerprint of the text it was written on top of (empty if none).
    pub on: String,
    /// The edits it wrote.
    pub edits: Vec<Edit>,
}

/// How many of a tab's unconfirmed writes (`mine`, oldest first) `theirs` holds.
pub fn held(mine: &[Unconfirmed], theirs: &Stored) -> usize {
    mine.iter()
        .rposition(|u| theirs.holds(&u.fp))
        .map_or(0, |i| i + 1)
}

/// What a tab's copy of an assessment stands on, for [`Store::save_from`].
#[derive(Clone, Copy, Debug)]
pub struct Base<'a> {
    /// The revision read or last written.
    pub rev: u64,
    /// The fingerprint of the text read or last written; None to tell another tab's write by
    /// the revision number alone.
    pub fp: Option<&'a str>,
    /// This tab's writes no other tab's record is known to hold.
    pub unconfirmed: &'a [Unconfirmed],
}

/// What [`Store::save_from`] or [`Store::rewrite_onto`] wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Save {
    pub saved: Saved,
    /// The fingerprint of the text written.
    pub fp: String,
    /// The fingerprint of the text it was written on top of (empty if none).
    pub on: String,
    /// How many of the tab's unconfirmed writes ([`Base::unconfirmed`]) that text held
    /// (after a merge; the edits of the others were written again).
    pub held: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    #[serde(default)]
    pub schema: u32,
    /// Assessment ids in the order they were created.
    #[serde(default, alias = "assessments")]
    pub order: Vec<String>,
    #[serde(default)]
    pub current: Option<String>,
    /// The sub-item last viewed in each assessment.
    #[serde(default)]
    pub last_item: BTreeMap<String, String>,
    /// The workbook document each assessment was last saved to or opened from.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub documents: BTreeMap<String, DocumentInfo>,
    /// Assessments created in this browser whose organisation and project have not been asked
    /// yet (the form at their first open; saved or skipped, the id goes).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub identity_pending: BTreeSet<String>,
}

/// Where an assessment's workbook document is, as far as this browser knows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInfo {
    /// The file's name (browsers do not tell the folder).
    pub name: String,
    /// When it was written (or, for a document opened here, when it was saved).
    pub saved_at: String,
    /// The assessment's `updated_at` the file holds: a later one means unsaved changes.
    pub updated_at: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefs {
    #[serde(default)]
    pub lang: Option<Lang>,
    /// Quarantine keys whose banner the user dismissed (the data stays).
    #[serde(default)]
    pub dismissed: BTreeSet<String>,
    /// The name this browser's user gave, recorded with their changes (optional).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub user_name: String,
    /// Whether the user was asked for a name already (asked once; the answer may be empty).
    #[serde(default)]
    pub name_asked: bool,
    /// Write the workbook document after changes, where the browser can (off by default).
    #[serde(default)]
    pub autosave: bool,
    /// The model files that passed the full check when loaded in this browser, by the checks'
    /// fingerprint and the text's SHA-256 (`validate::checked_mark`): the same text is read
    /// without the check at the next start, while the checks are the same.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub validated_models: BTreeSet<String>,
    /// The assessments created in this browser, by id (kept after they are deleted): one that
    /// comes back from a file here opens for editing, one from elsewhere for review.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub created: BTreeSet<String>,
}

/// What became of a stored assessment when it was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decoded {
    Current(Record),
    /// Read from an older schema and brought up to date (not yet written back).
    Migrated {
        record: Record,
        from: u32,
    },
    /// Written by a newer version of the workbook: left alone, never rewritten.
    Newer(u32),
    /// Not readable: invalid JSON, wrong types, missing fields.
    Corrupt(String),
}

/// A schema-1 record, as the walking skeleton wrote it.
#[derive(Deserialize)]
struct RecordV1 {
    id: String,
    name: String,
    model: ModelRef,
    target_level: u8,
    language: Lang,
    created_at: String,
    updated_at: String,
    #[serde(default)]
    answers: BTreeMap<String, Status>,
}

/// The schema number of a stored record, read without building the rest of it.
#[derive(Deserialize)]
struct Head {
    schema: Option<u64>,
}

/// Reads one stored assessment. `model_for` finds the model a record refers to, used to
/// pre-fill evidence when migrating a record that had none. The text is decoded straight into
/// the typed record (no intermediate JSON value).
pub fn decode(text: &str, expected_id: &str, model_for: ModelFinder) -> Decoded {
    let schema = match serde_json::from_str::<Head>(text) {
        Ok(Head { schema: Some(s) }) => u32::try_from(s).unwrap_or(u32::MAX),
        Ok(Head { schema: None }) => return Decoded::Corrupt("no schema number".into()),
        Err(e) => return Decoded::Corrupt(format!("not a readable record: {e}")),
    };
    let decoded = match schema {
        1 => match serde_json::from_str::<RecordV1>(text) {
            Ok(v1) => Decoded::Migrated {
                record: migrate_v1(v1, model_for),
                from: 1,
            },
            Err(e) => Decoded::Corrupt(format!("schema 1 record unreadable: {e}")),
        },
        SCHEMA => match serde_json::from_str::<Record>(text) {
            Ok(r) => Decoded::Current(r),
            Err(e) => Decoded::Corrupt(format!("record unreadable: {e}")),
        },
        s if s > SCHEMA => Decoded::Newer(s),
        s => Decoded::Corrupt(format!("unknown schema {s}")),
    };
    match decoded {
        Decoded::Current(r) | Decoded::Migrated { record: r, .. }
            if r.assessment.id != expected_id =>
        {
            Decoded::Corrupt(format!(
                "record holds id {:?}, stored under {expected_id:?}",
                r.assessment.id
            ))
        }
        Decoded::Current(r) if !TARGET_LEVELS.contains(&r.assessment.target_level) => {
            Decoded::Corrupt(format!(
                "target level {} is out of range",
                r.assessment.target_level
            ))
        }
        other => other,
    }
}

fn migrate_v1(v1: RecordV1, model_for: ModelFinder) -> Record {
    let mut a = match model_for(&v1.model) {
        Some(model) => {
            let mut a = Assessment::new(
                &v1.id,
                &v1.name,
                &model,
                v1.target_level,
                v1.language,
                &v1.created_at,
            );
            a.model = v1.model.clone();
            a
        }
        None => Assessment::unbound(&v1.id, &v1.name, v1.model.clone(), v1.target_level),
    };
    a.language = v1.language;
    a.created_at = v1.created_at;
    a.updated_at = v1.updated_at;
    a.answers = v1
        .answers
        .into_iter()
        .map(|(k, s)| (k, Answer::new(s)))
        .collect();
    // Nothing from schema 1 was ever exported.
    a.changes_since_export = a.answers.len() as u32;
    Record {
        schema: SCHEMA,
        rev: 0,
        seen: Vec::new(),
        assessment: a,
    }
}

/// A record that could not be read and where its text now is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quarantined {
    /// The key it was found under (without prefix).
    pub original: String,
    /// The quarantine key holding the text, or None if copying failed (then the text is still
    /// under `original`, untouched).
    pub kept_as: Option<String>,
    pub reason: String,
}

/// An assessment whose newest record was damaged and whose previous revision was opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Restored {
    pub id: String,
    /// The revision opened instead.
    pub rev: u64,
    pub damaged: Quarantined,
}

#[derive(Clone, Debug, Default)]
pub struct LoadReport {
    pub records: Vec<Record>,
    /// Ids migrated from an older schema, with the schema they came from.
    pub migrated: Vec<(String, u32)>,
    pub quarantined: Vec<Quarantined>,
    /// Assessments opened at their previous revision because the newest was damaged.
    pub restored: Vec<Restored>,
    /// Assessments with no readable revision at all: their text is in quarantine.
    pub damaged: Vec<String>,
    /// Keys of records from a newer workbook, with their schema.
    pub newer: Vec<(String, u32)>,
    pub index: Index,
    pub prefs: Prefs,
    /// Every quarantine key present (including earlier sessions'), without prefix.
    pub quarantine_keys: Vec<String>,
    /// Deleted or replaced versions in the trash.
    pub trash: Vec<TrashEntry>,
    pub error: Option<KvError>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrashEntry {
    /// Key without prefix.
    pub key: String,
    pub id: String,
    pub name: String,
    /// When it went to the trash.
    pub at: String,
    pub updated_at: String,
}

/// The outcome of a save.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Saved {
    /// Written as this tab had it.
    Written { rev: u64 },
    /// Another tab had written in between: this tab's pending changes were applied on top of
    /// that version, which was then written. The caller adopts `assessment`.
    Merged {
        rev: u64,
        assessment: Box<Assessment>,
    },
}

impl Saved {
    pub fn rev(&self) -> u64 {
        match self {
            Saved::Written { rev } | Saved::Merged { rev, .. } => *rev,
        }
    }
}

/// Why a trash entry could not be brought back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RestoreError {
    /// It is no longer in the trash (restored or deleted for good, e.g. in another tab).
    Gone,
    /// Its text cannot be read.
    Unreadable(String),
    Storage(KvError),
}

impl From<KvError> for RestoreError {
    fn from(e: KvError) -> RestoreError {
        RestoreError::Storage(e)
    }
}

pub struct Store {
    kv: Box<dyn Kv + Send + Sync>,
}

impl Store {
    pub fn new(kv: Box<dyn Kv + Send + Sync>) -> Store {
        Store { kv }
    }

    /// The text under a key (without prefix).
    pub fn get(&self, key: &str) -> Result<Option<String>, KvError> {
        self.kv.get(&format!("{PREFIX}{key}"))
    }

    fn read(&self, key: &Key) -> Result<Option<String>, KvError> {
        self.kv.get(&key.full())
    }

    fn write(&mut self, key: &Key, value: &str) -> Result<(), KvError> {
        self.kv.set(&key.full(), value)
    }

    fn delete_key(&mut self, key: &Key) -> Result<(), KvError> {
        self.kv.remove(&key.full())
    }

    /// Our keys.
    fn our_keys(&self) -> Result<Vec<Key>, KvError> {
        Ok(self
            .kv
            .keys()?
            .into_iter()
            .filter_map(|k| k.strip_prefix(PREFIX).map(Key::parse))
            .collect())
    }

    /// Moves unreadable text to a quarantine key. The original is removed only once the copy
    /// is safely written.
    fn quarantine(&mut self, key: &Key, text: &str, reason: String) -> Quarantined {
        let original = key.to_string();
        let mut n = 1;
        let kept_as = loop {
            let candidate = Key::Quarantine {
                original: original.clone(),
                n,
            };
            match self.read(&candidate) {
                Ok(Some(existing)) if existing == text => break Some(candidate),
                Ok(Some(_)) => n += 1,
                Ok(None) => match self.write(&candidate, text) {
                    Ok(()) => break Some(candidate),
                    Err(_) => break None,
                },
                Err(_) => break None,
            }
        };
        if kept_as.is_some() {
            let _ = self.delete_key(key);
        }
        Quarantined {
            original,
            kept_as: kept_as.map(|k| k.to_string()),
            reason,
        }
    }

    /// Reads everything. Unreadable records are quarantined (and the previous revision opened
    /// where there is one); records from newer versions are left alone; older ones are migrated
    /// in memory (written back on their next save).
    pub fn load(&mut self, model_for: ModelFinder) -> LoadReport {
        let mut report = LoadReport::default();
        let keys = match self.our_keys() {
            Ok(k) => k,
            Err(e) => {
                report.error = Some(e);
                return report;
            }
        };
        match self.read(&Key::Index) {
            Ok(Some(text)) => match serde_json::from_str::<Index>(&text) {
                Ok(index) => report.index = index,
                Err(e) => report.quarantined.push(self.quarantine(
                    &Key::Index,
                    &text,
                    format!("index unreadable: {e}"),
                )),
            },
            Ok(None) => {}
            Err(e) => report.error = Some(e),
        }
        if let Ok(Some(text)) = self.read(&Key::Prefs) {
            match serde_json::from_str::<Prefs>(&text) {
                Ok(p) => report.prefs = p,
                Err(e) => report.quarantined.push(self.quarantine(
                    &Key::Prefs,
                    &text,
                    format!("preferences unreadable: {e}"),
                )),
            }
        }
        for key in &keys {
            match key {
                Key::Assessment(id) => self.load_record(key, id, model_for, &mut report),
                Key::Trash { .. } => {
                    if let Some(entry) = self.trash_entry(key) {
                        report.trash.push(entry);
                    }
                }
                _ => {}
            }
        }
        // Index order first, then any record the index does not know (never hidden).
        let order: Vec<String> = report.index.order.clone();
        report.records.sort_by_key(|r| {
            order
                .iter()
                .position(|id| *id == r.assessment.id)
                .unwrap_or(usize::MAX)
        });
        report.quarantine_keys = self
            .our_keys()
            .unwrap_or_default()
            .into_iter()
            .filter(Key::is_quarantine)
            .map(|k| k.to_string())
            .collect();
        report.trash.sort_by(|a, b| b.at.cmp(&a.at));
        report
    }

    fn load_record(
        &mut self,
        key: &Key,
        id: &str,
        model_for: ModelFinder,
        report: &mut LoadReport,
    ) {
        let Ok(Some(text)) = self.read(key) else {
            return;
        };
        match decode(&text, id, model_for) {
            Decoded::Current(r) => report.records.push(r),
            Decoded::Migrated { record, from } => {
                report.migrated.push((id.to_string(), from));
                report.records.push(record);
            }
            Decoded::Newer(schema) => report.newer.push((key.to_string(), schema)),
            Decoded::Corrupt(reason) => {
                let q = self.quarantine(key, &text, reason);
                report.quarantined.push(q.clone());
                if q.kept_as.is_none() {
                    // The damaged text is still where it was: nothing may overwrite it.
                    report.damaged.push(id.to_string());
                    return;
                }
                match self.previous_record(id, model_for) {
                    Some(record) => {
                        // The previous revision becomes the newest again, so the assessment
                        // opens at its link and the next save works as usual.
                        let _ = self.write(key, &encode(&record));
                        report.restored.push(Restored {
                            id: id.to_string(),
                            rev: record.rev,
                            damaged: q,
                        });
                        report.records.push(record);
                    }
                    None => report.damaged.push(id.to_string()),
                }
            }
        }
    }

    /// The previous revision of an assessment, if it is readable. An unreadable one is
    /// quarantined too.
    fn previous_record(&mut self, id: &str, model_for: ModelFinder) -> Option<Record> {
        let key = Key::Previous(id.to_string());
        let text = self.read(&key).ok()??;
        match decode(&text, id, model_for) {
            Decoded::Current(r) | Decoded::Migrated { record: r, .. } => Some(r),
            Decoded::Newer(_) => None,
            Decoded::Corrupt(reason) => {
                self.quarantine(&key, &text, reason);
                None
            }
        }
    }

    fn trash_entry(&self, key: &Key) -> Option<TrashEntry> {
        let Key::Trash { at, .. } = key else {
            return None;
        };
        let text = self.read(key).ok()??;
        let record: Record = serde_json::from_str(&text).ok()?;
        Some(TrashEntry {
            key: key.to_string(),
            id: record.assessment.id.clone(),
            name: record.assessment.name.clone(),
            at: at.clone(),
            updated_at: record.assessment.updated_at,
        })
    }

    /// The trash, newest first.
    pub fn trash(&self) -> Vec<TrashEntry> {
        let mut list: Vec<TrashEntry> = self
            .our_keys()
            .unwrap_or_default()
            .iter()
            .filter_map(|k| self.trash_entry(k))
            .collect();
        list.sort_by(|a, b| b.at.cmp(&a.at));
        list
    }

    /// Reads the stored revision of an assessment: None if absent or unreadable.
    pub fn stored_record(&self, id: &str) -> Option<Record> {
        let text = self.read(&Key::Assessment(id.to_string())).ok()??;
        match decode(&text, id, &|_| None) {
            Decoded::Current(r) => Some(r),
            _ => None,
        }
    }

    /// Writes an assessment. If another tab wrote a newer revision since `base_rev`, this
    /// tab's `pending` edits are applied on top of that version instead, so neither tab's
    /// work is lost. The readable record being replaced is kept as the previous revision. A
    /// failed write leaves what was stored untouched.
    pub fn save(
        &mut self,
        assessment: &Assessment,
        base_rev: u64,
        pending: &[Edit],
        now: &str,
    ) -> Result<Saved, KvError> {
        self.save_by(assessment, base_rev, pending, now, None)
    }

    /// [`Store::save`] for edits a person made (`by`): replayed edits are stamped with when and
    /// by whom, as they were when first applied.
    pub fn save_by(
        &mut self,
        assessment: &Assessment,
        base_rev: u64,
        pending: &[Edit],
        now: &str,
        by: Option<&str>,
    ) -> Result<Saved, KvError> {
        let base = Base {
            rev: base_rev,
            fp: None,
            unconfirmed: &[],
        };
        Ok(self.save_from(assessment, base, pending, now, by)?.saved)
    }

    /// Writes a tab's copy of an assessment that stands on `base`. When the stored text is no
    /// longer the one the copy stands on (another tab wrote since: told by the fingerprint,
    /// or by the revision when `base.fp` is None), the stored version is taken and the edits
    /// of this tab's unconfirmed writes it does not hold (another tab wrote it without having
    /// seen them), then the `pending` edits, are applied on top of it.
    pub fn save_from(
        &mut self,
        assessment: &Assessment,
        base: Base,
        pending: &[Edit],
        now: &str,
        by: Option<&str>,
    ) -> Result<Save, KvError> {
        let id = &assessment.id;
        let text = self.read(&Key::Assessment(id.clone()))?;
        let stored = text.as_deref().and_then(|t| Stored::read(t, id));
        let changed = |theirs: &Stored| match base.fp {
            Some(fp) => theirs.fp != fp,
            None => theirs.record.rev > base.rev,
        };
        match stored {
            Some(theirs) if changed(&theirs) => {
                let rev = theirs.record.rev.max(base.rev) + 1;
                self.write_onto(&theirs, &[], rev, base, pending, now, by, text.as_deref())
            }
            theirs => {
                let record = Record {
                    schema: SCHEMA,
                    rev: base.rev + 1,
                    seen: theirs.as_ref().map_or_else(Vec::new, |t| t.seen_after(&[])),
                    assessment: assessment.clone(),
                };
                let previous = theirs.as_ref().and(text.as_deref());
                let fp = self.write_record(&record, previous)?;
                Ok(Save {
                    saved: Saved::Written { rev: record.rev },
                    fp,
                    on: theirs.map(|t| t.fp).unwrap_or_default(),
                    held: 0,
                })
            }
        }
    }

    /// Writes a record of another tab (`theirs`) again, in place of `replaced`, the stored
    /// record, which this tab wrote without having heard of `theirs` and so replaced it: with
    /// the edits of this tab's unconfirmed writes `theirs` does not hold, then the `pending`
    /// ones, on top. What `theirs` held is stored again, even when its tab has closed since.
    pub fn rewrite_onto(
        &mut self,
        theirs: &Stored,
        replaced: &Stored,
        base: Base,
        pending: &[Edit],
        now: &str,
        by: Option<&str>,
    ) -> Result<Save, KvError> {
        let text = self.read(&Key::Assessment(theirs.record.assessment.id.clone()))?;
        let rev = theirs.record.rev.max(replaced.record.rev).max(base.rev) + 1;
        let more = [replaced.fp.as_str()];
        self.write_onto(theirs, &more, rev, base, pending, now, by, text.as_deref())
    }

    /// Writes `theirs` as revision `rev` holding `more` too, with the edits of the unconfirmed
    /// writes of `base` it does not hold and then `pending` applied (stamped `by`, when a
    /// person made them); `previous` is the stored text it replaces.
    #[allow(clippy::too_many_arguments)]
    fn write_onto(
        &mut self,
        theirs: &Stored,
        more: &[&str],
        rev: u64,
        base: Base,
        pending: &[Edit],
        now: &str,
        by: Option<&str>,
        previous: Option<&str>,
    ) -> Result<Save, KvError> {
        let held = held(base.unconfirmed, theirs);
        let replayed = &base.unconfirmed[held..];
        let mut merged = theirs.record.assessment.clone();
        for edit in replayed.iter().flat_map(|u| &u.edits).chain(pending) {
            match by {
                Some(by) => merged.apply_by(edit, now, by),
                None => merged.apply(edit, now),
            };
        }
        let mut also = more.to_vec();
        also.extend(replayed.iter().rev().map(|u| u.fp.as_str()));
        let record = Record {
            schema: SCHEMA,
            rev,
            seen: theirs.seen_after(&also),
            assessment: merged,
        };
        let fp = self.write_record(&record, previous)?;
        Ok(Save {
            fp,
            on: theirs.fp.clone(),
            held,
            saved: Saved::Merged {
                rev,
                assessment: Box::new(record.assessment),
            },
        })
    }

    /// Writes the newest record of an assessment, keeping the readable record it replaces
    /// (`previous`) as the previous revision. Returns the written text's fingerprint.
    fn write_record(&mut self, record: &Record, previous: Option<&str>) -> Result<String, KvError> {
        let id = &record.assessment.id;
        if let Some(previous) = previous {
            // Best effort: when the copy does not fit, an older previous revision stays.
            let _ = self.write(&Key::Previous(id.clone()), previous);
        }
        let text = encode(record);
        self.write(&Key::Assessment(id.clone()), &text)?;
        Ok(fingerprint(&text))
    }

    /// The newest record of an assessment with its text's fingerprint, if it is readable.
    pub fn stored(&self, id: &str) -> Option<Stored> {
        let text = self.read(&Key::Assessment(id.to_string())).ok()??;
        Stored::read(&text, id)
    }

    /// The fingerprint of the newest record's text of an assessment, whatever it holds.
    pub fn stored_fp(&self, id: &str) -> Option<String> {
        let text = self.read(&Key::Assessment(id.to_string())).ok()??;
        Some(fingerprint(&text))
    }

    pub fn write_index(&mut self, index: &Index) -> Result<(), KvError> {
        let mut index = index.clone();
        index.schema = SCHEMA;
        self.write(
            &Key::Index,
            &serde_json::to_string(&index).unwrap_or_default(),
        )
    }

    /// The stored preferences, read without side effects (`load` reads them again and
    /// quarantines them when unreadable); defaults when absent or unreadable.
    pub fn peek_prefs(&self) -> Prefs {
        self.read(&Key::Prefs)
            .ok()
            .flatten()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    pub fn write_prefs(&mut self, prefs: &Prefs) -> Result<(), KvError> {
        self.write(
            &Key::Prefs,
            &serde_json::to_string(prefs).unwrap_or_default(),
        )
    }

    /// A trash key for an assessment that no other entry uses (two versions can go to the
    /// trash in the same millisecond: an import replacing, then an undo).
    fn free_trash_key(&self, id: &str, now: &str) -> Key {
        let mut n = 1;
        loop {
            let at = if n == 1 {
                now.to_string()
            } else {
                format!("{now}~{n}")
            };
            let key = Key::Trash {
                id: id.to_string(),
                at,
            };
            if !matches!(self.read(&key), Ok(Some(_))) {
                return key;
            }
            n += 1;
        }
    }

    /// Moves an assessment to the trash. Returns the trash key. Its previous revision goes
    /// too: the trash holds the newest, which is what an undo brings back.
    pub fn delete(&mut self, id: &str, now: &str) -> Result<String, KvError> {
        let key = Key::Assessment(id.to_string());
        let text = self
            .read(&key)?
            .ok_or_else(|| KvError::Other(format!("no assessment {id}")))?;
        let trash = self.free_trash_key(id, now);
        self.write(&trash, &text)?;
        self.delete_key(&key)?;
        let _ = self.delete_key(&Key::Previous(id.to_string()));
        Ok(trash.to_string())
    }

    /// Puts a copy of the stored version in the trash (before an import replaces it).
    pub fn keep_in_trash(&mut self, id: &str, now: &str) -> Result<Option<String>, KvError> {
        let Some(text) = self.read(&Key::Assessment(id.to_string()))? else {
            return Ok(None);
        };
        let trash = self.free_trash_key(id, now);
        self.write(&trash, &text)?;
        Ok(Some(trash.to_string()))
    }

    /// Brings a trashed version back as the assessment (replacing what is there, which goes to
    /// the trash in turn, so nothing is lost either way).
    pub fn restore(&mut self, trash_key: &str, now: &str) -> Result<Record, RestoreError> {
        let key = Key::parse(trash_key);
        if !key.is_trash() {
            return Err(RestoreError::Gone);
        }
        let text = self.read(&key)?.ok_or(RestoreError::Gone)?;
        let mut record: Record =
            serde_json::from_str(&text).map_err(|e| RestoreError::Unreadable(e.to_string()))?;
        let id = record.assessment.id.clone();
        if let Some(current) = self.stored_record(&id) {
            let trash = self.free_trash_key(&id, now);
            self.write(&trash, &encode(&current))?;
            record.rev = current.rev + 1;
        }
        self.write(&Key::Assessment(id), &encode(&record))?;
        self.delete_key(&key)?;
        Ok(record)
    }

    /// Deletes a trashed version for good (an explicit user action).
    pub fn purge(&mut self, trash_key: &str) -> Result<(), KvError> {
        let key = Key::parse(trash_key);
        if !key.is_trash() {
            return Err(KvError::Other("not a trash key".into()));
        }
        self.delete_key(&key)
    }

    /// The model files the user loaded: (key without prefix, text). Read before `load`, so
    /// records can find their models.
    pub fn model_files(&self) -> Vec<(String, String)> {
        self.our_keys()
            .unwrap_or_default()
            .into_iter()
            .filter(|k| matches!(k, Key::Model(_)))
            .filter_map(|k| self.read(&k).ok().flatten().map(|t| (k.to_string(), t)))
            .collect()
    }

    pub fn save_model(&mut self, key: &str, text: &str) -> Result<(), KvError> {
        self.write(&Key::Model(key.to_string()), text)
    }

    pub fn remove_model(&mut self, key: &str) -> Result<(), KvError> {
        self.delete_key(&Key::Model(key.to_string()))
    }

    /// Raw text kept under a key (for downloading a quarantined record).
    pub fn raw(&self, key: &str) -> Option<String> {
        self.get(key).ok().flatten()
    }

    /// Characters an assessment's newest record takes in storage (browsers count UTF-16 units;
    /// for the mostly-CJK text of an assessment, characters are the same count).
    pub fn stored_chars(&self, id: &str) -> usize {
        let key = Key::Assessment(id.to_string());
        self.read(&key)
            .ok()
            .flatten()
            .map_or(0, |t| t.chars().count() + key.full().len())
    }
}

pub fn encode(record: &Record) -> String {
    serde_json::to_string(record).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for text in [
            "index",
            "prefs",
            "a:x1",
            "prev:x1",
            "model:caict-devops-cd@2021-basis.1",
            "trash:x1:2026-01-02T03:04:05.678Z",
            "quarantine:a:x1",
            "quarantine:a:x1~3",
            "quarantine:index",
            "something-new:1",
            "portfolio",
            "pfile:k1x",
            "pfolder",
            "undo:a-1",
        ] {
            assert_eq!(Key::parse(text).to_string(), text, "{text}");
        }
        assert_eq!(
            Key::parse("trash:x1:2026-01-02T03:04:05.678Z"),
            Key::Trash {
                id: "x1".into(),
                at: "2026-01-02T03:04:05.678Z".into()
            }
        );
        assert_eq!(
            Key::parse("quarantine:a:x~2"),
            Key::Quarantine {
                original: "a:x".into(),
                n: 2
            }
        );
        // A quarantined key whose own name ends in "~word" keeps it.
        assert_eq!(
            Key::parse("quarantine:a:x~y"),
            Key::Quarantine {
                original: "a:x~y".into(),
                n: 1
            }
        );
        assert_eq!(Key::parse("pfile:k1"), Key::PortfolioFile("k1".into()));
        assert_eq!(Key::parse("portfolio"), Key::Portfolio);
        assert_eq!(Key::parse("pfolder"), Key::PortfolioFolder);
        assert_eq!(Key::parse("fh:a-1"), Key::FileHandle("a-1".into()));
        assert_eq!(Key::FileHandle("a-1".into()).to_string(), "fh:a-1");
        assert_eq!(Key::parse("undo:a-1"), Key::Undo("a-1".into()));
        assert_eq!(Key::parse("efolder:a-1"), Key::EvidenceFolder("a-1".into()));
        assert_eq!(Key::EvidenceFolder("a-1".into()).to_string(), "efolder:a-1");
        assert_eq!(Key::portfolio_files_prefix(), "mwb:v1:pfile:");
        assert!(Key::PortfolioFile("k9".into())
            .full()
            .starts_with(&Key::portfolio_files_prefix()));
        assert_eq!(
            Key::from_full("mwb:v1:pfile:k9"),
            Some(Key::PortfolioFile("k9".into()))
        );
        assert_eq!(Key::from_full("other:pfile:k9"), None);
        for odd in ["a:", "trash:x", "model:", "", "pfile:", "undo:"] {
            assert!(matches!(Key::parse(odd), Key::Unknown(_)), "{odd:?}");
        }
        assert_eq!(Key::Assessment("q".into()).full(), "mwb:v1:a:q");
    }
}
