//! The storage layout and every decision about stored data, as pure code over a small
//! key-value interface. The browser adapter (`web::storage`) only moves strings in and out of
//! localStorage; which key holds what, schema versions and migrations, quarantine of unreadable
//! records, merging with another tab and the trash all live here and are tested natively.
//!
//! Layout (every key starts with [`PREFIX`]):
//! - `index`: order of assessments and the one last open (schema 2);
//! - `a:<id>`: one assessment per key, so one bad record cannot take the others down;
//! - `prefs`: language and dismissed notices;
//! - `model:<id>@<version>`: model files the user loaded (raw text);
//! - `trash:<id>:<time>`: deleted assessments and versions replaced by an import;
//! - `quarantine:<key>`: records that could not be read, kept verbatim.
//!
//! Schema history of `a:<id>` records: 1 (walking skeleton: statuses only), 2 (current:
//! `{schema, rev, assessment}` with comments, N/A reasons, notes, evidence, project).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::assessment::{Answer, Assessment, Edit, Status};
use super::model::{LoadedModel, ModelRef};
use super::text::Lang;

/// Keys are namespaced: Chromium shares one localStorage among all `file://` pages.
pub const PREFIX: &str = "mwb:v1:";
/// The schema written by this version.
pub const SCHEMA: u32 = 2;
/// The oldest schema this version can still read and migrate.
pub const OLDEST_SCHEMA: u32 = 1;

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
    /// Incremented on every write; how a tab knows another tab wrote after it read.
    pub rev: u64,
    pub assessment: Assessment,
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
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefs {
    #[serde(default)]
    pub lang: Option<Lang>,
    /// Quarantine keys whose banner the user dismissed (the data stays).
    #[serde(default)]
    pub dismissed: BTreeSet<String>,
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

/// Reads one stored assessment. `model_for` finds the model a record refers to, used to
/// pre-fill evidence when migrating a record that had none.
pub fn decode(
    text: &str,
    expected_id: &str,
    model_for: &dyn Fn(&ModelRef) -> Option<Arc<LoadedModel>>,
) -> Decoded {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return Decoded::Corrupt(format!("not valid JSON: {e}")),
    };
    let Some(schema) = value.get("schema").and_then(Value::as_u64) else {
        return Decoded::Corrupt("no schema number".into());
    };
    let schema = u32::try_from(schema).unwrap_or(u32::MAX);
    let decoded = match schema {
        1 => match serde_json::from_value::<RecordV1>(value) {
            Ok(v1) => Decoded::Migrated {
                record: migrate_v1(v1, model_for),
                from: 1,
            },
            Err(e) => Decoded::Corrupt(format!("schema 1 record unreadable: {e}")),
        },
        SCHEMA => match serde_json::from_value::<Record>(value) {
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
        Decoded::Current(r) if !(2..=5).contains(&r.assessment.target_level) => Decoded::Corrupt(
            format!("target level {} is out of range", r.assessment.target_level),
        ),
        other => other,
    }
}

fn migrate_v1(v1: RecordV1, model_for: &dyn Fn(&ModelRef) -> Option<Arc<LoadedModel>>) -> Record {
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
        None => Assessment {
            id: v1.id.clone(),
            name: v1.name.clone(),
            model: v1.model.clone(),
            target_level: v1.target_level.clamp(2, 5),
            language: v1.language,
            project: Default::default(),
            created_at: v1.created_at.clone(),
            updated_at: v1.updated_at.clone(),
            answers: BTreeMap::new(),
            items: BTreeMap::new(),
            set_aside: BTreeMap::new(),
            last_exported_at: None,
            changes_since_export: 0,
        },
    };
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

#[derive(Clone, Debug, Default)]
pub struct LoadReport {
    pub records: Vec<Record>,
    /// Ids migrated from an older schema, with the schema they came from.
    pub migrated: Vec<(String, u32)>,
    pub quarantined: Vec<Quarantined>,
    /// Keys of records from a newer workbook, with their schema.
    pub newer: Vec<(String, u32)>,
    pub index: Index,
    pub prefs: Prefs,
    /// User-loaded model files: (key without prefix, text).
    pub models: Vec<(String, String)>,
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

pub struct Store {
    kv: Box<dyn Kv + Send + Sync>,
}

fn full(key: &str) -> String {
    format!("{PREFIX}{key}")
}

pub fn assessment_key(id: &str) -> String {
    format!("a:{id}")
}

impl Store {
    pub fn new(kv: Box<dyn Kv + Send + Sync>) -> Store {
        Store { kv }
    }

    pub fn get(&self, key: &str) -> Result<Option<String>, KvError> {
        self.kv.get(&full(key))
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), KvError> {
        self.kv.set(&full(key), value)
    }

    fn remove(&mut self, key: &str) -> Result<(), KvError> {
        self.kv.remove(&full(key))
    }

    /// Our keys, without prefix.
    fn our_keys(&self) -> Result<Vec<String>, KvError> {
        Ok(self
            .kv
            .keys()?
            .into_iter()
            .filter_map(|k| k.strip_prefix(PREFIX).map(str::to_string))
            .collect())
    }

    /// Moves unreadable text to a quarantine key. The original is removed only once the copy
    /// is safely written.
    fn quarantine(&mut self, key: &str, text: &str, reason: String) -> Quarantined {
        let mut n = 1;
        let kept_as = loop {
            let candidate = if n == 1 {
                format!("quarantine:{key}")
            } else {
                format!("quarantine:{key}~{n}")
            };
            match self.get(&candidate) {
                Ok(Some(existing)) if existing == text => break Some(candidate),
                Ok(Some(_)) => n += 1,
                Ok(None) => match self.set(&candidate, text) {
                    Ok(()) => break Some(candidate),
                    Err(_) => break None,
                },
                Err(_) => break None,
            }
        };
        if kept_as.is_some() {
            let _ = self.remove(key);
        }
        Quarantined {
            original: key.to_string(),
            kept_as,
            reason,
        }
    }

    /// Reads everything. Unreadable records are quarantined; records from newer versions are
    /// left alone; older ones are migrated in memory (written back on their next save).
    pub fn load(
        &mut self,
        model_for: &dyn Fn(&ModelRef) -> Option<Arc<LoadedModel>>,
    ) -> LoadReport {
        let mut report = LoadReport::default();
        let keys = match self.our_keys() {
            Ok(k) => k,
            Err(e) => {
                report.error = Some(e);
                return report;
            }
        };
        match self.get("index") {
            Ok(Some(text)) => match serde_json::from_str::<Index>(&text) {
                Ok(index) => report.index = index,
                Err(e) => report.quarantined.push(self.quarantine(
                    "index",
                    &text,
                    format!("index unreadable: {e}"),
                )),
            },
            Ok(None) => {}
            Err(e) => report.error = Some(e),
        }
        if let Ok(Some(text)) = self.get("prefs") {
            match serde_json::from_str::<Prefs>(&text) {
                Ok(p) => report.prefs = p,
                Err(e) => report.quarantined.push(self.quarantine(
                    "prefs",
                    &text,
                    format!("preferences unreadable: {e}"),
                )),
            }
        }
        for key in &keys {
            if let Some(id) = key.strip_prefix("a:") {
                let Ok(Some(text)) = self.get(key) else {
                    continue;
                };
                match decode(&text, id, model_for) {
                    Decoded::Current(r) => report.records.push(r),
                    Decoded::Migrated { record, from } => {
                        report.migrated.push((id.to_string(), from));
                        report.records.push(record);
                    }
                    Decoded::Newer(schema) => report.newer.push((key.clone(), schema)),
                    Decoded::Corrupt(reason) => {
                        let q = self.quarantine(key, &text, reason);
                        report.quarantined.push(q);
                    }
                }
            } else if key.starts_with("model:") {
                if let Ok(Some(text)) = self.get(key) {
                    report.models.push((key.clone(), text));
                }
            } else if key.starts_with("trash:") {
                if let Some(entry) = self.trash_entry(key) {
                    report.trash.push(entry);
                }
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
            .filter(|k| k.starts_with("quarantine:"))
            .collect();
        report.trash.sort_by(|a, b| b.at.cmp(&a.at));
        report
    }

    fn trash_entry(&self, key: &str) -> Option<TrashEntry> {
        let text = self.get(key).ok()??;
        let record: Record = serde_json::from_str(&text).ok()?;
        let at = key.rsplit(':').next().unwrap_or_default().to_string();
        Some(TrashEntry {
            key: key.to_string(),
            id: record.assessment.id.clone(),
            name: record.assessment.name.clone(),
            at,
            updated_at: record.assessment.updated_at,
        })
    }

    /// Reads the stored revision of an assessment: None if absent or unreadable.
    pub fn stored_record(&self, id: &str) -> Option<Record> {
        let text = self.get(&assessment_key(id)).ok()??;
        match decode(&text, id, &|_| None) {
            Decoded::Current(r) => Some(r),
            _ => None,
        }
    }

    /// Writes an assessment. If another tab wrote a newer revision since `base_rev`, this
    /// tab's `pending` edits are applied on top of that version instead, so neither tab's
    /// work is lost. A failed write leaves what was stored untouched.
    pub fn save(
        &mut self,
        assessment: &Assessment,
        base_rev: u64,
        pending: &[Edit],
        now: &str,
    ) -> Result<Saved, KvError> {
        let key = assessment_key(&assessment.id);
        let stored = self.stored_record(&assessment.id);
        let outcome = match stored {
            Some(theirs) if theirs.rev > base_rev => {
                let mut merged = theirs.assessment;
                for edit in pending {
                    merged.apply(edit, now);
                }
                let rev = theirs.rev + 1;
                let record = Record {
                    schema: SCHEMA,
                    rev,
                    assessment: merged.clone(),
                };
                self.set(&key, &encode(&record))?;
                Saved::Merged {
                    rev,
                    assessment: Box::new(merged),
                }
            }
            _ => {
                let rev = base_rev + 1;
                let record = Record {
                    schema: SCHEMA,
                    rev,
                    assessment: assessment.clone(),
                };
                self.set(&key, &encode(&record))?;
                Saved::Written { rev }
            }
        };
        Ok(outcome)
    }

    pub fn write_index(&mut self, index: &Index) -> Result<(), KvError> {
        let mut index = index.clone();
        index.schema = SCHEMA;
        self.set("index", &serde_json::to_string(&index).unwrap_or_default())
    }

    pub fn write_prefs(&mut self, prefs: &Prefs) -> Result<(), KvError> {
        self.set("prefs", &serde_json::to_string(prefs).unwrap_or_default())
    }

    /// Moves an assessment to the trash. Returns the trash key.
    pub fn delete(&mut self, id: &str, now: &str) -> Result<String, KvError> {
        let key = assessment_key(id);
        let text = self
            .get(&key)?
            .ok_or_else(|| KvError::Other(format!("no assessment {id}")))?;
        let trash = format!("trash:{id}:{now}");
        self.set(&trash, &text)?;
        self.remove(&key)?;
        Ok(trash)
    }

    /// Puts a copy of the stored version in the trash (before an import replaces it).
    pub fn keep_in_trash(&mut self, id: &str, now: &str) -> Result<Option<String>, KvError> {
        let Some(text) = self.get(&assessment_key(id))? else {
            return Ok(None);
        };
        let trash = format!("trash:{id}:{now}");
        self.set(&trash, &text)?;
        Ok(Some(trash))
    }

    /// Brings a trashed version back as the assessment (replacing what is there, which goes to
    /// the trash in turn, so nothing is lost either way).
    pub fn restore(&mut self, trash_key: &str, now: &str) -> Result<Record, KvError> {
        let text = self
            .get(trash_key)?
            .ok_or_else(|| KvError::Other("not in the trash".into()))?;
        let mut record: Record =
            serde_json::from_str(&text).map_err(|e| KvError::Other(e.to_string()))?;
        let id = record.assessment.id.clone();
        if let Some(current) = self.stored_record(&id) {
            self.set(&format!("trash:{id}:{now}"), &encode(&current))?;
            record.rev = current.rev + 1;
        }
        self.set(&assessment_key(&id), &encode(&record))?;
        self.remove(trash_key)?;
        Ok(record)
    }

    /// Deletes a trashed version for good (an explicit user action).
    pub fn purge(&mut self, trash_key: &str) -> Result<(), KvError> {
        if !trash_key.starts_with("trash:") {
            return Err(KvError::Other("not a trash key".into()));
        }
        self.remove(trash_key)
    }

    /// The model files the user loaded: (key without prefix, text). Read before `load`, so
    /// records can find their models.
    pub fn model_files(&self) -> Vec<(String, String)> {
        self.our_keys()
            .unwrap_or_default()
            .into_iter()
            .filter(|k| k.starts_with("model:"))
            .filter_map(|k| self.get(&k).ok().flatten().map(|t| (k, t)))
            .collect()
    }

    pub fn save_model(&mut self, key: &str, text: &str) -> Result<(), KvError> {
        self.set(&format!("model:{key}"), text)
    }

    pub fn remove_model(&mut self, key: &str) -> Result<(), KvError> {
        self.remove(&format!("model:{key}"))
    }

    /// Raw text kept under a key (for downloading a quarantined record).
    pub fn raw(&self, key: &str) -> Option<String> {
        self.get(key).ok().flatten()
    }

    /// Characters an assessment takes in storage (browsers count UTF-16 units; for the
    /// mostly-CJK text of an assessment, characters are the same count).
    pub fn stored_chars(&self, id: &str) -> usize {
        self.raw(&assessment_key(id))
            .map_or(0, |t| t.chars().count() + full(&assessment_key(id)).len())
    }
}

pub fn encode(record: &Record) -> String {
    serde_json::to_string(record).unwrap_or_default()
}
