//! What the portfolio keeps in this browser, and what happens to it: the storage policy of the
//! portfolio page as a plain type, the way the workspace is for assessments.
//!
//! A [`Shelf`] holds the list of members ([`Holdings`]) and the files read and validated. Each
//! action changes it in memory (the page shows that at once) and answers with the storage
//! operations to carry out, in order ([`Op`]: put or delete by [`Key`]), which the browser
//! adapter runs against IndexedDB. Nothing here touches storage, so native tests drive every
//! path with a map standing in for the store. The policy:
//! - a file's contents (its exchange JSON) are kept under `pfile:<key>`, the list under
//!   `portfolio`, the chosen folder's handle under `pfolder`; contents are written before the
//!   list that names them, and removed after the list that no longer does;
//! - a write that fails is reported and the files stay in the page's memory; a removal that
//!   fails leaves contents no list names, which the next opening removes ([`Shelf::sweep`]);
//! - a list written by a newer workbook is not understood: the shelf opens empty and changes
//!   nothing in storage (every action answers with no operation);
//! - a list that could not be read is not trusted to say which contents are orphans;
//! - files are validated again at each opening, against the models loaded then, so a model
//!   loaded later applies; a file that no longer reads is listed, not removed.

use std::sync::Arc;

use crate::assess::assessment::Assessment;
use crate::model::LoadedModel;
use crate::store::persist::Key;

use super::{
    read_file, FileProblem, FileRead, FileRef, Holdings, HoldingsError, Member, MemberId, Origin,
};
use super::{Portfolio, HOLDINGS_SCHEMA};

/// One storage operation on the portfolio's store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    /// Write one text.
    Put(Key, String),
    /// Write several texts in one transaction (the contents of files read together).
    PutAll(Vec<(Key, String)>),
    /// Keep the chosen folder's handle under this key (only the browser holds the handle).
    RememberFolder(Key),
    /// Remove a key. A failure is not reported: the next opening sweeps what no list names.
    Delete(Key),
}

/// A file of the portfolio, read and validated.
#[derive(Clone, Debug)]
pub struct ShelfFile {
    /// The key of its contents (`pfile:<key>`).
    pub key: String,
    pub name: String,
    /// Read from the chosen folder (replaced when the folder is read again).
    pub folder: bool,
    pub assessment: Assessment,
    pub warnings: Vec<FileProblem>,
    /// The model the file carried, when it was read with it: the file is scored with it.
    pub carried: Option<Arc<LoadedModel>>,
}

/// A file that could not be added: the browser's reading error (`E`, from the adapter), or
/// every problem the importer found.
#[derive(Clone, Debug, PartialEq)]
pub struct Refused<E> {
    pub name: String,
    pub problems: Vec<FileProblem>,
    pub read_error: Option<E>,
}

/// What an action did beyond the shelf's new state.
#[derive(Clone, Debug, PartialEq)]
pub struct ShelfReport<E> {
    /// The storage operations to carry out, in order.
    pub ops: Vec<Op>,
    /// How many files were added.
    pub added: usize,
    /// The files that were not added (or, at opening, no longer read), in the order given.
    pub refused: Vec<Refused<E>>,
    /// Files the list names whose contents are gone (at opening).
    pub missing: Vec<String>,
}

impl<E> Default for ShelfReport<E> {
    fn default() -> Self {
        ShelfReport {
            ops: Vec::new(),
            added: 0,
            refused: Vec::new(),
            missing: Vec::new(),
        }
    }
}

/// The portfolio as this browser keeps it.
#[derive(Clone, Debug)]
pub struct Shelf {
    holdings: Holdings,
    files: Vec<ShelfFile>,
    /// The stored list is from a newer workbook: nothing in storage changes.
    frozen: bool,
    /// The stored list was read as it is, so contents it does not name are orphans.
    clean: bool,
}

impl Default for Shelf {
    fn default() -> Shelf {
        Shelf::new()
    }
}

impl Shelf {
    /// An empty portfolio (nothing remembered yet).
    pub fn new() -> Shelf {
        Shelf {
            holdings: Holdings::new(),
            files: Vec::new(),
            frozen: false,
            clean: true,
        }
    }

    /// Opens the stored list (`None` when there is none). A list that cannot be read opens
    /// empty, with the reason; one from a newer workbook also freezes the shelf.
    pub fn open(stored: Option<&str>) -> (Shelf, Option<HoldingsError>) {
        let Some(text) = stored else {
            return (Shelf::new(), None);
        };
        match Holdings::decode(text) {
            Ok(holdings) => (
                Shelf {
                    holdings,
                    ..Shelf::new()
                },
                None,
            ),
            Err(e) => {
                let shelf = Shelf {
                    frozen: matches!(e, HoldingsError::Newer(_)),
                    clean: false,
                    ..Shelf::new()
                };
                (shelf, Some(e))
            }
        }
    }

    /// The store could not be read at all: an empty portfolio that sweeps nothing.
    pub fn unreadable() -> Shelf {
        Shelf {
            clean: false,
            ..Shelf::new()
        }
    }

    /// The keys of the contents the list names, in its order (to read them for [`Shelf::fill`]).
    pub fn contents_keys(&self) -> Vec<Key> {
        self.holdings
            .files
            .iter()
            .map(|f| Key::PortfolioFile(f.key.clone()))
            .collect()
    }

    /// Reads the contents the list names (`contents[i]` for [`Shelf::contents_keys`]`[i]`,
    /// `None` where it is gone), each validated again against `models`. Files that no longer
    /// read are refused but stay in the list; files whose contents are gone are missing.
    pub fn fill<E>(
        &mut self,
        contents: Vec<Option<String>>,
        models: &[Arc<LoadedModel>],
    ) -> ShelfReport<E> {
        let mut report = ShelfReport::default();
        self.files.clear();
        for (f, text) in self.holdings.files.iter().zip(contents) {
            let Some(text) = text else {
                report.missing.push(f.name.clone());
                continue;
            };
            match read_file(&text, models) {
                Ok(read) => self.files.push(ShelfFile {
                    key: f.key.clone(),
                    name: f.name.clone(),
                    folder: f.folder,
                    assessment: read.assessment,
                    warnings: read.warnings,
                    carried: read.carried,
                }),
                Err(problems) => report.refused.push(Refused {
                    name: f.name.clone(),
                    problems,
                    read_error: None,
                }),
            }
        }
        report
    }

    /// Removes stored contents no list names (`kept`: the keys of the contents in the store),
    /// left by an interrupted write; nothing when the list was not read as it is.
    pub fn sweep<'k>(&self, kept: impl IntoIterator<Item = &'k str>) -> Vec<Op> {
        if !self.clean || self.frozen {
            return Vec::new();
        }
        self.holdings
            .orphans(kept)
            .into_iter()
            .map(|k| Op::Delete(Key::PortfolioFile(k)))
            .collect()
    }

    pub fn holdings(&self) -> &Holdings {
        &self.holdings
    }

    pub fn files(&self) -> &[ShelfFile] {
        &self.files
    }

    /// Whether the stored list is a newer workbook's (then nothing is stored).
    pub fn is_frozen(&self) -> bool {
        self.frozen
    }

    /// Whether a stored assessment is a member.
    pub fn has_stored(&self, id: &str) -> bool {
        self.holdings.stored.iter().any(|x| x == id)
    }

    /// The chosen folder's name, when one is remembered.
    pub fn folder(&self) -> Option<&str> {
        self.holdings.folder.as_deref()
    }

    /// Adds or removes a stored assessment.
    pub fn set_stored(&mut self, id: &str, on: bool) -> Vec<Op> {
        if self.holdings.set_stored(id, on) {
            self.unless_frozen(vec![self.put_list()])
        } else {
            Vec::new()
        }
    }

    /// Adds picked or dropped files (`incoming`: each file's name and its text, or why the
    /// browser could not read it). A file of the same name added earlier (not from the
    /// folder) is replaced. `new_key` names the contents of each file added.
    pub fn add_files<E>(
        &mut self,
        incoming: Vec<(String, Result<String, E>)>,
        models: &[Arc<LoadedModel>],
        now: &str,
        new_key: impl FnMut() -> String,
    ) -> ShelfReport<E> {
        let (read, mut report) = read_all(incoming, models, new_key);
        let mut replaced = Vec::new();
        for (_, file) in &read {
            replaced.extend(self.holdings.add_file(&file.key, &file.name, now));
        }
        self.files.retain(|f| !replaced.contains(&f.key));
        report.added = read.len();
        report.ops = self.keep(read, None, replaced);
        report
    }

    /// Replaces the folder's files with a new reading of it (`folder`: its name; `incoming` as
    /// for [`Shelf::add_files`]); the chosen folder is remembered.
    pub fn read_folder<E>(
        &mut self,
        folder: &str,
        incoming: Vec<(String, Result<String, E>)>,
        models: &[Arc<LoadedModel>],
        now: &str,
        new_key: impl FnMut() -> String,
    ) -> ShelfReport<E> {
        let (mut read, mut report) = read_all(incoming, models, new_key);
        let refs = read
            .iter()
            .map(|(_, f)| FileRef {
                key: f.key.clone(),
                name: f.name.clone(),
                folder: true,
                added_at: now.to_string(),
            })
            .collect();
        let gone = self.holdings.replace_folder(folder, refs);
        self.files.retain(|f| !f.folder);
        for (_, f) in &mut read {
            f.folder = true;
        }
        report.added = read.len();
        report.ops = self.keep(read, Some(Key::PortfolioFolder), gone);
        report
    }

    /// Forgets the chosen folder and its files.
    pub fn forget_folder(&mut self) -> Vec<Op> {
        let keys = self.holdings.forget_folder();
        self.files.retain(|f| !f.folder);
        self.drop_files(keys)
    }

    /// Removes one file.
    pub fn remove_file(&mut self, key: &str) -> Vec<Op> {
        self.holdings.remove_file(key);
        self.files.retain(|f| f.key != key);
        let ops = vec![
            self.put_list(),
            Op::Delete(Key::PortfolioFile(key.to_string())),
        ];
        self.unless_frozen(ops)
    }

    /// Removes every file and the folder (the stored assessments stay chosen).
    pub fn clear_files(&mut self) -> Vec<Op> {
        let keys = self.holdings.files.iter().map(|f| f.key.clone()).collect();
        self.holdings.files.clear();
        self.holdings.folder = None;
        self.files.clear();
        self.drop_files(keys)
    }

    /// The portfolio of the members: the chosen stored assessments (`stored` finds one by id;
    /// it may be gone), then the files, each with its own model; those whose model is not
    /// loaded are left out.
    pub fn portfolio(
        &self,
        mut stored: impl FnMut(&str) -> Option<Assessment>,
        models: &[Arc<LoadedModel>],
    ) -> Portfolio {
        let mut members = Vec::new();
        for id in &self.holdings.stored {
            if let Some(a) = stored(id) {
                members.extend(Member::new(
                    MemberId::Stored(id.clone()),
                    Origin::Stored,
                    a,
                    models,
                ));
            }
        }
        for f in &self.files {
            let origin = if f.folder {
                Origin::Folder(f.name.clone())
            } else {
                Origin::File(f.name.clone())
            };
            members.extend(Member::new(
                MemberId::File(f.key.clone()),
                origin,
                f.assessment.clone(),
                &FileRead::models(&f.carried, models),
            ));
        }
        Portfolio::new(members)
    }

    /// Files read go on the shelf; their contents are written first, then the folder's
    /// handle (when `folder` is given), then the list; then the contents no longer named go.
    fn keep(
        &mut self,
        read: Vec<(String, ShelfFile)>,
        folder: Option<Key>,
        unnamed: Vec<String>,
    ) -> Vec<Op> {
        let mut ops = Vec::new();
        // The texts move into the operation (hundreds of files: no second copy of each).
        let mut contents: Vec<(Key, String)> = Vec::with_capacity(read.len());
        self.files.reserve(read.len());
        for (json, f) in read {
            contents.push((Key::PortfolioFile(f.key.clone()), json));
            self.files.push(f);
        }
        if !contents.is_empty() {
            ops.push(Op::PutAll(contents));
        }
        ops.extend(folder.map(Op::RememberFolder));
        ops.push(self.put_list());
        ops.extend(
            unnamed
                .into_iter()
                .map(|k| Op::Delete(Key::PortfolioFile(k))),
        );
        self.unless_frozen(ops)
    }

    /// The folder's handle goes, then the list is written, then the contents it no longer
    /// names.
    fn drop_files(&self, keys: Vec<String>) -> Vec<Op> {
        let mut ops = vec![Op::Delete(Key::PortfolioFolder), self.put_list()];
        ops.extend(keys.into_iter().map(|k| Op::Delete(Key::PortfolioFile(k))));
        self.unless_frozen(ops)
    }

    fn put_list(&self) -> Op {
        debug_assert_eq!(self.holdings.schema, HOLDINGS_SCHEMA);
        Op::Put(Key::Portfolio, self.holdings.encode())
    }

    fn unless_frozen(&self, ops: Vec<Op>) -> Vec<Op> {
        if self.frozen {
            Vec::new()
        } else {
            ops
        }
    }
}

/// Reads and validates incoming files: the good ones with their exchange JSON (under a new
/// key each), the others refused, in the order given.
fn read_all<E>(
    incoming: Vec<(String, Result<String, E>)>,
    models: &[Arc<LoadedModel>],
    mut new_key: impl FnMut() -> String,
) -> (Vec<(String, ShelfFile)>, ShelfReport<E>) {
    let mut read = Vec::new();
    let mut report = ShelfReport::default();
    for (name, text) in incoming {
        match text {
            Ok(text) => match read_file(&text, models) {
                Ok(file) => {
                    let entry = ShelfFile {
                        key: new_key(),
                        name,
                        folder: false,
                        assessment: file.assessment,
                        warnings: file.warnings,
                        carried: file.carried,
                    };
                    read.push((file.json, entry));
                }
                Err(problems) => report.refused.push(Refused {
                    name,
                    problems,
                    read_error: None,
                }),
            },
            Err(e) => report.refused.push(Refused {
                name,
                problems: Vec::new(),
                read_error: Some(e),
            }),
        }
    }
    (read, report)
}
