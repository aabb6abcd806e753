//! The JSON exchange format, version 1: what travels to assessors and comes back.
//!
//! Export is deterministic (fixed key order, sorted maps), so export → import → export gives
//! the same file except `exported_at`. Import validates everything and reports every problem
//! with its JSON path; results in a file are recomputed, never trusted. See
//! docs/exchange-format.md.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::assess::assessment::{
    fix_evidence_ids, Answer, Assessment, EntryKind, EvidenceEntry, EvidenceStatus, ItemWork,
    NaKind, NaReason, Project, ProjectField, Stamp, Status, DEFAULT_TARGET, TARGET_LEVELS,
};
use crate::assess::materials::{CheckedFile, EvidenceCheck};
use crate::assess::rule::Rule;
use crate::assess::score::{score, Results};
use crate::model::validate::{
    is_valid_code, load_model, parse_json, quote, Expected, ProblemKind, Walker,
};
use crate::model::{find_model, LoadedModel, ModelRef, Node, MODEL_FORMAT};
use crate::text::i18n;
use crate::text::{Lang, Text};

pub const FORMAT: &str = "maturity-workbook/assessment";
pub const FORMAT_VERSION: u64 = 1;
/// A real export of the CD model is about 60 KB; 5 MB leaves room and refuses abuse.
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;
/// A time as the browser writes `exported_at`, for measuring what an export would take.
const EXPORTED_AT_WIDTH: &str = "2000-01-01T00:00:00.000Z";

#[derive(Serialize, Deserialize)]
struct FileV1 {
    format: String,
    format_version: u64,
    exported_at: String,
    model: ModelRef,
    assessment: FileAssessment,
    answers: BTreeMap<String, Answer>,
    items: BTreeMap<String, FileItem>,
    results: FileResults,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    set_aside_answers: BTreeMap<String, Answer>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    changed: BTreeMap<String, Stamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    evidence_check: Option<EvidenceCheck>,
    /// The model file's text, for a model that is not the embedded one: the file then opens in
    /// a workbook that never loaded that model (docs/exchange-format.md, "The model travels").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    model_file: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct FileAssessment {
    id: String,
    name: String,
    target_level: u8,
    language: Lang,
    project: Project,
    created_at: String,
    updated_at: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    updated_by: String,
}

#[derive(Serialize, Deserialize)]
struct FileItem {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    notes: String,
    evidence: Vec<FileEvidence>,
}

#[derive(Serialize, Deserialize)]
struct FileEvidence {
    id: String,
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    reference: Option<String>,
    title: String,
    kind: EntryKind,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    location: String,
    status: EvidenceStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    owner: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    due: String,
}

#[derive(Serialize, Deserialize, PartialEq, Eq, Debug, Clone)]
pub struct LevelOut {
    pub level: u8,
    pub label: String,
}

#[derive(Serialize, Deserialize, PartialEq, Eq, Debug)]
struct FileResults {
    rule: String,
    part: LevelOut,
    domains: BTreeMap<String, LevelOut>,
    capabilities: BTreeMap<String, LevelOut>,
    items: BTreeMap<String, LevelOut>,
    blocking: Vec<String>,
}

fn results_out(model: &LoadedModel, r: &Results) -> FileResults {
    let out = |node: Node| {
        let label = r.node(node).label;
        LevelOut {
            level: label.level,
            label: label.to_string(),
        }
    };
    FileResults {
        rule: r.rule.id().to_string(),
        part: out(Node::Part),
        domains: (0..model.domain_count())
            .map(|d| (model.domain(d).code.clone(), out(Node::Domain(d))))
            .collect(),
        capabilities: (0..model.capability_count())
            .map(|c| (model.capability(c).code.clone(), out(Node::Capability(c))))
            .collect(),
        items: (0..model.item_count())
            .map(|i| (model.item(i).code.clone(), out(Node::Item(i))))
            .collect(),
        blocking: r
            .blocking
            .iter()
            .map(|&x| model.requirement_id(x).to_string())
            .collect(),
    }
}

/// The title of the model evidence `reference` names, if any.
fn model_evidence_title<'m>(
    model: &'m LoadedModel,
    item: &str,
    reference: &str,
) -> Option<&'m Text> {
    let i = model.find_item(item)?;
    model
        .item_index(i)
        .evidence
        .iter()
        .find(|e| e.code == reference)
        .map(|e| &e.title)
}

/// The exchange file of an assessment, as pretty-printed JSON.
pub fn export(model: &LoadedModel, a: &Assessment, exported_at: &str) -> String {
    let results = score(model, &a.answers, a.target_level, Rule::default());
    let items = a
        .items
        .iter()
        .filter(|(_, w)| !w.notes.is_empty() || !w.evidence.is_empty())
        .map(|(code, w)| {
            let evidence = w
                .evidence
                .iter()
                .map(|e| {
                    let title = match (&e.reference, e.title.is_empty()) {
                        (Some(r), true) => model_evidence_title(model, code, r)
                            .map(|t| t.get(a.language).to_string())
                            .unwrap_or_default(),
                        _ => e.title.clone(),
                    };
                    FileEvidence {
                        id: e.id.clone(),
                        reference: e.reference.clone(),
                        title,
                        kind: e.kind,
                        location: e.location.clone(),
                        status: e.status,
                        owner: e.owner.clone(),
                        due: e.due.clone(),
                    }
                })
                .collect();
            (
                code.clone(),
                FileItem {
                    notes: w.notes.clone(),
                    evidence,
                },
            )
        })
        .collect();
    let file = FileV1 {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        exported_at: exported_at.into(),
        model: a.model.clone(),
        assessment: FileAssessment {
            id: a.id.clone(),
            name: a.name.clone(),
            target_level: a.target_level,
            language: a.language,
            project: a.project.clone(),
            created_at: a.created_at.clone(),
            updated_at: a.updated_at.clone(),
            updated_by: a.updated_by.clone(),
        },
        answers: a.answers.clone(),
        items,
        results: results_out(model, &results),
        set_aside_answers: a.set_aside.clone(),
        changed: a.changed.clone(),
        evidence_check: a.evidence_check.clone(),
        model_file: model.source.as_deref().map(str::to_string),
    };
    serde_json::to_string_pretty(&file).unwrap_or_default() + "\n"
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The file cannot be imported.
    Error,
    /// The file can be imported; the user should know.
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportKind {
    Structure(ProblemKind),
    /// The file says it is of another format.
    UnknownFormat(String),
    /// An HTML file that is not a workbook document.
    NotADocument,
    ModelFileNotAssessment,
    UnknownModel {
        id: String,
        version: String,
    },
    OtherModelVersion {
        file: String,
        here: String,
    },
    ModelTextDiffers,
    UnknownRequirement(String),
    UnknownItem(String),
    BadValue {
        found: String,
        allowed: &'static str,
    },
    TargetOutOfRange(String),
    UnknownField(String),
    ResultsDiffer,
    /// Accepted, it would be exported (and saved in a document) over [`MAX_IMPORT_BYTES`].
    TooLargeWritten {
        bytes: usize,
        limit: usize,
    },
    /// The file carries its model, which is not loaded here: it is read with it and, when the
    /// file is imported or opened, added to this browser's models.
    BringsModel {
        title: Text,
        version: String,
    },
    /// The file carries its model, but this browser has another text of the same id and
    /// version: that one is used, the carried one is not added.
    CarriedNotUsed(String),
    /// The carried model is not a valid model file (its first problem).
    CarriedInvalid {
        path: String,
        kind: ProblemKind,
    },
    /// The carried model is another model than the one the file names.
    CarriedMismatch {
        carried: String,
        named: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportProblem {
    pub path: String,
    pub severity: Severity,
    pub kind: ImportKind,
}

impl ImportProblem {
    pub fn message(&self, lang: Lang) -> String {
        use ImportKind::*;
        let q = |s: &str| quote(s).into_owned();
        match &self.kind {
            Structure(k) => k.message(lang),
            UnknownFormat(f) => {
                i18n::P_UNKNOWN_FORMAT.fmt(lang, &[("found", &q(f)), ("expected", &FORMAT)])
            }
            ModelFileNotAssessment => i18n::I_MODEL_FILE.get(lang).into(),
            NotADocument => i18n::I_NOT_DOCUMENT.get(lang).into(),
            UnknownModel { id, version } => {
                i18n::I_UNKNOWN_MODEL.fmt(lang, &[("id", &q(id)), ("version", &q(version))])
            }
            OtherModelVersion { file, here } => {
                i18n::I_OTHER_VERSION.fmt(lang, &[("file", &q(file)), ("here", here)])
            }
            ModelTextDiffers => i18n::I_TEXT_DIFFERS.get(lang).into(),
            UnknownRequirement(id) => i18n::I_UNKNOWN_REQUIREMENT.fmt(lang, &[("id", &q(id))]),
            UnknownItem(code) => i18n::I_UNKNOWN_ITEM.fmt(lang, &[("code", &q(code))]),
            BadValue { found, allowed } => {
                i18n::I_BAD_VALUE.fmt(lang, &[("found", &q(found)), ("allowed", allowed)])
            }
            TargetOutOfRange(t) => i18n::I_TARGET.fmt(lang, &[("found", &q(t))]),
            UnknownField(f) => i18n::I_UNKNOWN_FIELD.fmt(lang, &[("field", &q(f))]),
            ResultsDiffer => i18n::I_RESULTS_DIFFER.get(lang).into(),
            TooLargeWritten { bytes, limit } => {
                i18n::I_TOO_LARGE_WRITTEN.fmt(lang, &[("bytes", bytes), ("limit", limit)])
            }
            BringsModel { title, version } => i18n::form::I_BRINGS_MODEL
                .fmt(lang, &[("title", &title.get(lang)), ("version", version)]),
            CarriedNotUsed(key) => i18n::form::I_CARRIED_NOT_USED.fmt(lang, &[("key", key)]),
            CarriedInvalid { path, kind } => i18n::form::I_CARRIED_INVALID
                .fmt(lang, &[("path", path), ("detail", &kind.message(lang))]),
            CarriedMismatch { carried, named } => {
                i18n::form::I_CARRIED_MISMATCH.fmt(lang, &[("carried", carried), ("named", named)])
            }
        }
    }
}

/// What reading an exchange file gave.
#[derive(Clone, Debug)]
pub struct ImportReport {
    /// The assessment, when the file has no errors.
    pub assessment: Option<Assessment>,
    pub model: Option<Arc<LoadedModel>>,
    /// The model the file carried, when it was read with it (no loaded model had its text):
    /// importing or opening the file adds it to this browser's models.
    pub carried: Option<Arc<LoadedModel>>,
    pub problems: Vec<ImportProblem>,
}

impl ImportReport {
    pub fn errors(&self) -> impl Iterator<Item = &ImportProblem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
    }
    pub fn warnings(&self) -> impl Iterator<Item = &ImportProblem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
    }
    pub fn is_ok(&self) -> bool {
        self.assessment.is_some()
    }
}

struct Reader<'m> {
    w: Walker,
    problems: Vec<ImportProblem>,
    model: Option<&'m LoadedModel>,
}

/// A key of the file as a path writes it: quoted as JSON, cut to [`quote`]'s length.
fn json_key(key: &str) -> String {
    serde_json::to_string(&quote(key)).unwrap_or_default()
}

impl Reader<'_> {
    fn error(&mut self, path: &str, kind: ImportKind) {
        self.problems.push(ImportProblem {
            path: path.into(),
            severity: Severity::Error,
            kind,
        });
    }
    fn warn(&mut self, path: &str, kind: ImportKind) {
        self.problems.push(ImportProblem {
            path: path.into(),
            severity: Severity::Warning,
            kind,
        });
    }
    /// Moves the walker's structural problems into the list as errors.
    fn flush(&mut self) {
        for p in self.w.problems.drain(..) {
            self.problems.push(ImportProblem {
                path: p.path,
                severity: Severity::Error,
                kind: ImportKind::Structure(p.kind),
            });
        }
    }
    fn unknown_fields(&mut self, obj: &Map<String, Value>, path: &str, known: &[&str]) {
        for key in obj.keys().filter(|k| !known.contains(&k.as_str())) {
            self.warn(
                &format!("{path}.{}", quote(key)),
                ImportKind::UnknownField(key.clone()),
            );
        }
    }
    fn text_or_empty(&mut self, obj: &Map<String, Value>, path: &str, key: &str) -> String {
        self.w
            .opt_string(obj, path, key)
            .unwrap_or_default()
            .to_string()
    }

    /// An optional `{"at": …, "by": …}` stamp.
    fn stamp(&mut self, obj: &Map<String, Value>, path: &str, key: &str) -> Option<Stamp> {
        let v = obj.get(key).filter(|v| !v.is_null())?;
        let spath = format!("{path}.{}", quote(key));
        let sobj = self.w.object(v, &spath)?;
        self.unknown_fields(sobj, &spath, &["at", "by"]);
        let at = self.w.string(sobj, &spath, "at")?.to_string();
        let by = self.text_or_empty(sobj, &spath, "by");
        Some(Stamp { at, by })
    }

    /// When and by whom answers, notes and evidence entries last changed.
    fn changed(&mut self, obj: &Map<String, Value>) -> BTreeMap<String, Stamp> {
        let mut out = BTreeMap::new();
        let Some(cobj) = obj
            .get("changed")
            .filter(|v| !v.is_null())
            .and_then(|v| self.w.object(v, "$.changed"))
        else {
            return out;
        };
        for key in cobj.keys() {
            if let Some(stamp) = self.stamp(cobj, "$.changed", key) {
                out.insert(key.clone(), stamp);
            }
        }
        out
    }

    /// The last check of the materials folder: when, which folder, the files kept.
    fn evidence_check(&mut self, obj: &Map<String, Value>) -> Option<EvidenceCheck> {
        let p = "$.evidence_check";
        let cobj = obj
            .get("evidence_check")
            .filter(|v| !v.is_null())
            .and_then(|v| self.w.object(v, p))?;
        self.unknown_fields(cobj, p, &["checked_at", "folder", "files", "not_kept"]);
        let checked_at = self.w.string(cobj, p, "checked_at").map(str::to_string);
        let folder = self.text_or_empty(cobj, p, "folder");
        let not_kept = self.count(cobj, p, "not_kept");
        let mut files = Vec::new();
        for (n, v) in self
            .w
            .opt_array(cobj, p, "files")
            .into_iter()
            .flatten()
            .enumerate()
        {
            let fpath = format!("{p}.files[{n}]");
            let Some(fobj) = self.w.object(v, &fpath) else {
                continue;
            };
            self.unknown_fields(fobj, &fpath, &["path", "size", "modified"]);
            let size = self.count(fobj, &fpath, "size");
            let modified = self.text_or_empty(fobj, &fpath, "modified");
            if let Some(path) = self.w.string(fobj, &fpath, "path") {
                files.push(CheckedFile {
                    path: path.to_string(),
                    size,
                    modified,
                });
            }
        }
        Some(EvidenceCheck {
            checked_at: checked_at?,
            folder,
            files,
            not_kept: u32::try_from(not_kept).unwrap_or(u32::MAX),
        })
    }

    /// An optional whole number (0 when absent).
    fn count(&mut self, obj: &Map<String, Value>, path: &str, key: &str) -> u64 {
        match obj.get(key) {
            None | Some(Value::Null) => 0,
            Some(v) => v.as_u64().unwrap_or_else(|| {
                self.w.push(
                    &format!("{path}.{key}"),
                    ProblemKind::WrongType(Expected::Integer),
                );
                0
            }),
        }
    }

    fn answer(&mut self, v: &Value, path: &str) -> Option<Answer> {
        let obj = self.w.object(v, path)?;
        self.unknown_fields(obj, path, &["status", "comment", "na_reason"]);
        let status = match self.w.string(obj, path, "status") {
            Some(s) => match Status::from_code(s) {
                Some(st) => Some(st),
                None => {
                    self.error(
                        &format!("{path}.status"),
                        ImportKind::BadValue {
                            found: s.into(),
                            allowed: "met, partial, not_met, not_applicable",
                        },
                    );
                    None
                }
            },
            None => None,
        };
        let comment = self.text_or_empty(obj, path, "comment");
        let na_reason = match obj.get("na_reason") {
            None | Some(Value::Null) => None,
            Some(v) => {
                let rpath = format!("{path}.na_reason");
                let robj = self.w.object(v, &rpath)?;
                let kind = self.w.string(robj, &rpath, "kind").and_then(|k| {
                    let found = NaKind::from_code(k);
                    if found.is_none() {
                        self.error(
                            &format!("{rpath}.kind"),
                            ImportKind::BadValue {
                                found: k.into(),
                                allowed: "out_of_scope, not_used, other",
                            },
                        );
                    }
                    found
                });
                let text = self.text_or_empty(robj, &rpath, "text");
                kind.map(|kind| NaReason { kind, text })
            }
        };
        Some(Answer {
            status: status?,
            comment,
            na_reason,
        })
    }

    fn answers(
        &mut self,
        v: Option<&Value>,
        path: &str,
        check_known: bool,
    ) -> (BTreeMap<String, Answer>, BTreeMap<String, Answer>) {
        let mut known = BTreeMap::new();
        let mut aside = BTreeMap::new();
        let Some(v) = v else { return (known, aside) };
        let Some(obj) = self.w.object(v, path) else {
            return (known, aside);
        };
        for (id, value) in obj {
            let apath = format!("{path}[{}]", json_key(id));
            let Some(answer) = self.answer(value, &apath) else {
                continue;
            };
            let exists = self.model.is_some_and(|m| m.find_requirement(id).is_some());
            if exists || !check_known {
                known.insert(id.clone(), answer);
            } else {
                self.warn(&apath, ImportKind::UnknownRequirement(id.clone()));
                aside.insert(id.clone(), answer);
            }
        }
        (known, aside)
    }

    fn evidence(&mut self, v: &Value, path: &str, item: &str) -> Option<EvidenceEntry> {
        let obj = self.w.object(v, path)?;
        self.unknown_fields(
            obj,
            path,
            &[
                "id", "ref", "title", "kind", "location", "status", "owner", "due",
            ],
        );
        let id = self.text_or_empty(obj, path, "id");
        let reference = self.w.opt_string(obj, path, "ref").map(str::to_string);
        let mut title = self.text_or_empty(obj, path, "title");
        if let (Some(model), Some(r)) = (self.model, &reference) {
            if let Some(t) = model_evidence_title(model, item, r) {
                if Lang::ALL.into_iter().any(|l| title == t.get(l)) {
                    title.clear();
                }
            }
        }
        let kind = match self.w.string(obj, path, "kind") {
            Some(k) => EntryKind::from_code(k).or_else(|| {
                self.error(
                    &format!("{path}.kind"),
                    ImportKind::BadValue {
                        found: k.into(),
                        allowed: "document, screenshot, video, link, other",
                    },
                );
                None
            }),
            None => None,
        };
        let status = match obj.get("status") {
            None | Some(Value::Null) => Some(EvidenceStatus::Missing),
            Some(Value::String(s)) => EvidenceStatus::from_code(s).or_else(|| {
                self.error(
                    &format!("{path}.status"),
                    ImportKind::BadValue {
                        found: s.clone(),
                        allowed: "missing, in_progress, ready",
                    },
                );
                None
            }),
            Some(_) => {
                self.w.push(
                    &format!("{path}.status"),
                    ProblemKind::WrongType(Expected::String),
                );
                None
            }
        };
        Some(EvidenceEntry {
            id,
            reference,
            title,
            kind: kind?,
            location: self.text_or_empty(obj, path, "location"),
            status: status?,
            owner: self.text_or_empty(obj, path, "owner"),
            due: self.text_or_empty(obj, path, "due"),
        })
    }
}

/// Reads an exchange file against the loaded models.
pub fn import(text: &str, models: &[Arc<LoadedModel>]) -> ImportReport {
    let root = match parse_json(text, MAX_IMPORT_BYTES) {
        Ok(v) => v,
        Err(p) => {
            return ImportReport::failed(vec![ImportProblem {
                path: p.path,
                severity: Severity::Error,
                kind: ImportKind::Structure(p.kind),
            }])
        }
    };
    import_value(&root, models)
}

/// Reads an exchange file already parsed as JSON (a workbook document's embedded data).
pub fn import_value(root: &Value, models: &[Arc<LoadedModel>]) -> ImportReport {
    let mut r = Reader {
        w: Walker::default(),
        problems: Vec::new(),
        model: None,
    };
    let Some(obj) = r.w.object(root, "$") else {
        r.flush();
        return ImportReport::failed(r.problems);
    };
    if !r.header(obj) {
        r.flush();
        return ImportReport::failed(r.problems);
    }
    let (file_model, chosen, carried) = r.model_ref(obj, models);
    r.model = chosen.as_deref();
    let mut a = Assessment::unbound("", "", file_model, DEFAULT_TARGET);
    a.last_exported_at = obj
        .get("exported_at")
        .and_then(Value::as_str)
        .map(str::to_string);
    r.assessment(obj, &mut a);
    let (answers, aside) = r.answers(obj.get("answers"), "$.answers", true);
    a.answers = answers;
    a.set_aside = aside;
    let (earlier_aside, _) = r.answers(obj.get("set_aside_answers"), "$.set_aside_answers", false);
    for (id, answer) in earlier_aside {
        a.set_aside.entry(id).or_insert(answer);
    }
    r.items(obj, &mut a);
    a.changed = r.changed(obj);
    a.evidence_check = r.evidence_check(obj);
    r.flush();
    let has_errors = r.problems.iter().any(|p| p.severity == Severity::Error);
    let model = match &chosen {
        Some(m) if !has_errors => Arc::clone(m),
        _ => return ImportReport::failed(r.problems),
    };
    // Results in the file are informational: recompute, and say so if they differ.
    if let Some(rv) = obj.get("results") {
        let recomputed = results_out(
            &model,
            &score(&model, &a.answers, a.target_level, Rule::default()),
        );
        let theirs = serde_json::from_value::<FileResults>(rv.clone()).ok();
        if theirs.as_ref() != Some(&recomputed) {
            r.warn("$.results", ImportKind::ResultsDiffer);
        }
    }
    a.model = model.reference();
    a.ensure_evidence_entries(&model);
    // What is accepted must read back: exported again (pretty-printed), or saved in a workbook
    // document (where every `<` is written `\u003c`), it must stay within the limit, or the
    // team's own file would be refused. A file near the limit, or with many characters that
    // grow when escaped, can be over it once written.
    let written = export(&model, &a, EXPORTED_AT_WIDTH);
    let bytes = written.len() + 5 * written.matches('<').count();
    if bytes > MAX_IMPORT_BYTES {
        r.error(
            "$",
            ImportKind::TooLargeWritten {
                bytes,
                limit: MAX_IMPORT_BYTES,
            },
        );
        return ImportReport::failed(r.problems);
    }
    let carried = carried.filter(|c| Arc::ptr_eq(c, &model));
    ImportReport {
        assessment: Some(a),
        model: Some(model),
        carried,
        problems: r.problems,
    }
}

impl ImportReport {
    fn failed(problems: Vec<ImportProblem>) -> ImportReport {
        ImportReport {
            assessment: None,
            model: None,
            carried: None,
            problems,
        }
    }
}

/// The top-level keys of a version-1 file.
const FILE_KEYS: &[&str] = &[
    "format",
    "format_version",
    "exported_at",
    "model",
    "assessment",
    "answers",
    "items",
    "results",
    "set_aside_answers",
    "changed",
    "evidence_check",
    "model_file",
];

const ASSESSMENT_KEYS: &[&str] = &[
    "id",
    "name",
    "target_level",
    "language",
    "project",
    "created_at",
    "updated_at",
    "updated_by",
];

impl Reader<'_> {
    /// The format and its version. False when the file is something else entirely (a model).
    fn header(&mut self, obj: &Map<String, Value>) -> bool {
        match self.w.string(obj, "$", "format") {
            Some(MODEL_FORMAT) => {
                self.error("$.format", ImportKind::ModelFileNotAssessment);
                return false;
            }
            Some(FORMAT) | None => {}
            Some(other) => self.error("$.format", ImportKind::UnknownFormat(other.into())),
        }
        match obj.get("format_version") {
            None | Some(Value::Null) => self.w.push("$.format_version", ProblemKind::Missing),
            Some(v) if v.as_u64() == Some(FORMAT_VERSION) => {}
            Some(v) => self.error(
                "$.format_version",
                ImportKind::Structure(ProblemKind::UnsupportedVersion(v.to_string())),
            ),
        }
        self.w.string(obj, "$", "exported_at");
        self.unknown_fields(obj, "$", FILE_KEYS);
        true
    }

    /// The model the file was answered against, and the model to read it with: the loaded one
    /// with the same text; else the model the file carries (checked like a loaded model file),
    /// unless another text of the same id and version is loaded; else the same id in another
    /// version (a warning). Returns the carried model too when it is the one chosen.
    fn model_ref(
        &mut self,
        obj: &Map<String, Value>,
        models: &[Arc<LoadedModel>],
    ) -> (ModelRef, Option<Arc<LoadedModel>>, Option<Arc<LoadedModel>>) {
        let Some(mobj) = self
            .w
            .field(obj, "$", "model")
            .and_then(|v| self.w.object(v, "$.model"))
        else {
            return (ModelRef::default(), None, None);
        };
        let mut field = |key: &str| {
            self.w
                .string(mobj, "$.model", key)
                .unwrap_or_default()
                .to_string()
        };
        let file = ModelRef {
            id: field("id"),
            version: field("version"),
            sha256: field("sha256"),
        };
        let exact = models
            .iter()
            .find(|m| m.model.id == file.id && m.sha256 == file.sha256)
            .cloned();
        let carried = match exact {
            Some(_) => None,
            None => self.carried_model(obj, &file),
        };
        let key = format!("{}@{}", file.id, file.version);
        let same_version = models.iter().find(|m| m.key() == key).cloned();
        let chosen = match (exact, carried.clone(), same_version) {
            (Some(m), _, _) => Some(m),
            (None, Some(_), Some(here)) => {
                self.warn("$.model_file", ImportKind::CarriedNotUsed(key));
                Some(here)
            }
            (None, Some(c), None) => {
                self.warn(
                    "$.model_file",
                    ImportKind::BringsModel {
                        title: c.model.title.clone(),
                        version: c.model.version.clone(),
                    },
                );
                Some(c)
            }
            (None, None, _) => find_model(models, &file),
        };
        match &chosen {
            None if !file.id.is_empty() => self.error(
                "$.model",
                ImportKind::UnknownModel {
                    id: file.id.clone(),
                    version: file.version.clone(),
                },
            ),
            Some(m) if m.model.version != file.version => self.warn(
                "$.model.version",
                ImportKind::OtherModelVersion {
                    file: file.version.clone(),
                    here: m.model.version.clone(),
                },
            ),
            Some(m) if m.sha256 != file.sha256 && carried.is_none() => {
                self.warn("$.model.sha256", ImportKind::ModelTextDiffers)
            }
            _ => {}
        }
        (file, chosen, carried)
    }

    /// The model file the exchange file carries (`model_file`), checked like a model file
    /// loaded on the Models page: every problem makes it unusable (the first is told).
    fn carried_model(
        &mut self,
        obj: &Map<String, Value>,
        file: &ModelRef,
    ) -> Option<Arc<LoadedModel>> {
        let text = match obj.get("model_file") {
            None | Some(Value::Null) => return None,
            Some(Value::String(s)) => s,
            Some(_) => {
                self.w
                    .push("$.model_file", ProblemKind::WrongType(Expected::String));
                return None;
            }
        };
        match load_model(text) {
            Ok(m) if m.model.id == file.id && m.model.version == file.version => {
                Some(Arc::new(m.with_source(text)))
            }
            Ok(m) => {
                self.error(
                    "$.model_file",
                    ImportKind::CarriedMismatch {
                        carried: m.key(),
                        named: format!("{}@{}", file.id, file.version),
                    },
                );
                None
            }
            Err(problems) => {
                if let Some(p) = problems.into_iter().next() {
                    self.warn(
                        "$.model_file",
                        ImportKind::CarriedInvalid {
                            path: p.path,
                            kind: p.kind,
                        },
                    );
                }
                None
            }
        }
    }

    /// The assessment's own fields: id, name, target, language, project, times.
    fn assessment(&mut self, obj: &Map<String, Value>, a: &mut Assessment) {
        let p = "$.assessment";
        let Some(aobj) = self
            .w
            .field(obj, "$", "assessment")
            .and_then(|v| self.w.object(v, p))
        else {
            return;
        };
        self.unknown_fields(aobj, p, ASSESSMENT_KEYS);
        if let Some(id) = self.w.string(aobj, p, "id") {
            if is_valid_code(id) {
                a.id = id.into();
            } else {
                self.w
                    .push("$.assessment.id", ProblemKind::BadCode(id.into()));
            }
        }
        a.name = self.text_or_empty(aobj, p, "name");
        match aobj.get("target_level") {
            None | Some(Value::Null) => self
                .w
                .push("$.assessment.target_level", ProblemKind::Missing),
            Some(v) => match v.as_u64().and_then(|t| u8::try_from(t).ok()) {
                Some(t) if TARGET_LEVELS.contains(&t) => a.target_level = t,
                _ => self.error(
                    "$.assessment.target_level",
                    ImportKind::TargetOutOfRange(v.to_string()),
                ),
            },
        }
        if let Some(code) = self.w.string(aobj, p, "language") {
            match Lang::from_code(code) {
                Some(l) => a.language = l,
                None => self.error(
                    "$.assessment.language",
                    ImportKind::BadValue {
                        found: code.into(),
                        allowed: "zh, en",
                    },
                ),
            }
        }
        if let Some(pv) = aobj.get("project").filter(|v| !v.is_null()) {
            self.project(pv, &mut a.project);
        }
        a.created_at = self.text_or_empty(aobj, p, "created_at");
        a.updated_at = self.text_or_empty(aobj, p, "updated_at");
        a.updated_by = self.text_or_empty(aobj, p, "updated_by");
    }

    fn project(&mut self, v: &Value, project: &mut Project) {
        let Some(pobj) = self.w.object(v, "$.assessment.project") else {
            return;
        };
        for (key, value) in pobj {
            let fpath = format!("$.assessment.project.{}", quote(key));
            let field = ProjectField::from_code(key);
            match (field, value) {
                (Some(f), Value::String(s)) => *project.get_mut(f) = s.clone(),
                (Some(_), Value::Null) => {}
                (Some(_), _) => self
                    .w
                    .push(&fpath, ProblemKind::WrongType(Expected::String)),
                (None, _) => self.warn(&fpath, ImportKind::UnknownField(key.clone())),
            }
        }
    }

    /// The notes and evidence of each sub-item.
    fn items(&mut self, obj: &Map<String, Value>, a: &mut Assessment) {
        let Some(iv) = obj.get("items").filter(|v| !v.is_null()) else {
            return;
        };
        let Some(iobj) = self.w.object(iv, "$.items") else {
            return;
        };
        for (code, value) in iobj {
            let ipath = format!("$.items[{}]", json_key(code));
            if self.model.is_some_and(|m| m.find_item(code).is_none()) {
                self.warn(&ipath, ImportKind::UnknownItem(code.clone()));
            }
            let Some(wobj) = self.w.object(value, &ipath) else {
                continue;
            };
            self.unknown_fields(wobj, &ipath, &["notes", "evidence"]);
            let notes = self.text_or_empty(wobj, &ipath, "notes");
            let mut evidence = Vec::new();
            if let Some(list) = self.w.opt_array(wobj, &ipath, "evidence") {
                for (n, ev) in list.iter().enumerate() {
                    if let Some(e) = self.evidence(ev, &format!("{ipath}.evidence[{n}]"), code) {
                        evidence.push(e);
                    }
                }
            }
            fix_evidence_ids(&mut evidence);
            a.items.insert(code.clone(), ItemWork { notes, evidence });
        }
    }
}
