//! What the portfolio page remembers in this browser: which stored assessments and which files
//! are members ([`Holdings`], kept under `persist::Key::Portfolio`), with the rules for adding,
//! replacing and forgetting them.

use serde::{Deserialize, Serialize};

use super::MemberId;
use crate::text::i18n;
use crate::text::Lang;

/// The schema of [`Holdings`] written by this version.
pub const HOLDINGS_SCHEMA: u32 = 1;

/// Which stored assessments and which files are in the portfolio (the files' contents are
/// kept separately, one entry per file).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holdings {
    pub schema: u32,
    /// Ids of assessments stored in this browser.
    #[serde(default)]
    pub stored: Vec<String>,
    #[serde(default)]
    pub files: Vec<FileRef>,
    /// The name of the chosen folder, when one is remembered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folder: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRef {
    /// The key of its contents.
    pub key: String,
    pub name: String,
    /// Read from the chosen folder (replaced when the folder is read again).
    #[serde(default)]
    pub folder: bool,
    pub added_at: String,
}

/// Why a remembered portfolio could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HoldingsError {
    Unreadable,
    /// Written by a newer workbook.
    Newer(u32),
}

impl HoldingsError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            HoldingsError::Unreadable => i18n::PORT_RECORD_UNREADABLE.get(lang).into(),
            HoldingsError::Newer(n) => i18n::PORT_RECORD_NEWER.fmt(lang, &[("n", n)]),
        }
    }
}

impl Holdings {
    pub fn new() -> Holdings {
        Holdings {
            schema: HOLDINGS_SCHEMA,
            ..Holdings::default()
        }
    }

    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn decode(text: &str) -> Result<Holdings, HoldingsError> {
        let r: Holdings = serde_json::from_str(text).map_err(|_| HoldingsError::Unreadable)?;
        if r.schema > HOLDINGS_SCHEMA {
            return Err(HoldingsError::Newer(r.schema));
        }
        Ok(r)
    }

    pub fn is_empty(&self) -> bool {
        self.stored.is_empty() && self.files.is_empty()
    }

    /// Adds or removes a stored assessment; true when something changed.
    pub fn set_stored(&mut self, id: &str, on: bool) -> bool {
        let has = self.stored.iter().any(|x| x == id);
        match (has, on) {
            (false, true) => self.stored.push(id.to_string()),
            (true, false) => self.stored.retain(|x| x != id),
            _ => return false,
        }
        true
    }

    /// Adds a picked file. A file of the same name added earlier (not from the folder) is
    /// replaced: the newer copy of a team's file takes its place. Returns the replaced key.
    pub fn add_file(&mut self, key: &str, name: &str, at: &str) -> Option<String> {
        let entry = FileRef {
            key: key.to_string(),
            name: name.to_string(),
            folder: false,
            added_at: at.to_string(),
        };
        match self.files.iter_mut().find(|f| !f.folder && f.name == name) {
            Some(f) => Some(std::mem::replace(f, entry).key),
            None => {
                self.files.push(entry);
                None
            }
        }
    }

    /// Replaces every file of the folder with a new reading of it; returns the keys no longer
    /// used.
    pub fn replace_folder(&mut self, folder: &str, files: Vec<FileRef>) -> Vec<String> {
        let old: Vec<String> = self
            .files
            .iter()
            .filter(|f| f.folder)
            .map(|f| f.key.clone())
            .collect();
        self.files.retain(|f| !f.folder);
        self.files
            .extend(files.into_iter().map(|f| FileRef { folder: true, ..f }));
        self.folder = Some(folder.to_string());
        old.into_iter()
            .filter(|k| !self.files.iter().any(|f| &f.key == k))
            .collect()
    }

    /// Removes a file; true when it was there.
    pub fn remove_file(&mut self, key: &str) -> bool {
        let before = self.files.len();
        self.files.retain(|f| f.key != key);
        self.files.len() != before
    }

    /// Forgets the folder and its files; returns their keys.
    pub fn forget_folder(&mut self) -> Vec<String> {
        self.folder = None;
        let keys = self
            .files
            .iter()
            .filter(|f| f.folder)
            .map(|f| f.key.clone())
            .collect();
        self.files.retain(|f| !f.folder);
        keys
    }

    /// Kept file keys the record does not name (left by an interrupted write).
    pub fn orphans<'k>(&self, kept: impl IntoIterator<Item = &'k str>) -> Vec<String> {
        kept.into_iter()
            .filter(|k| !self.files.iter().any(|f| f.key == *k))
            .map(str::to_string)
            .collect()
    }

    pub fn member_ids(&self) -> impl Iterator<Item = MemberId> + '_ {
        self.stored
            .iter()
            .map(|id| MemberId::Stored(id.clone()))
            .chain(self.files.iter().map(|f| MemberId::File(f.key.clone())))
    }
}
