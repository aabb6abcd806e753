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

use super::assessment::{
    Answer, Assessment, EntryKind, EvidenceEntry, EvidenceStatus, ItemWork, NaKind, NaReason,
    Project, ProjectField, Status,
};
use super::model::{LoadedModel, ModelRef, Node, MODEL_FORMAT};
use super::rule::Rule;
use super::score::{score, Results};
use super::text::Lang;
use super::validate::{is_valid_code, parse_json, Expected, Problem, ProblemKind, Walker};

pub const FORMAT: &str = "maturity-workbook/assessment";
pub const FORMAT_VERSION: u64 = 1;
/// A real export of the CD model is about 60 KB; 5 MB leaves room and refuses abuse.
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;

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

/// The title a model evidence has in a language, if `reference` names one.
fn model_evidence_title(
    model: &LoadedModel,
    item: &str,
    reference: &str,
) -> Option<(String, String)> {
    let i = model.find_item(item)?;
    model
        .item_index(i)
        .evidence
        .iter()
        .find(|e| e.code == reference)
        .map(|e| (e.title.zh.clone(), e.title.en.clone()))
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
                            .map(|(zh, en)| if a.language == Lang::Zh { zh } else { en })
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
        },
        answers: a.answers.clone(),
        items,
        results: results_out(model, &results),
        set_aside_answers: a.set_aside.clone(),
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
        let zh = lang == Lang::Zh;
        match &self.kind {
            Structure(k) => Problem::new(self.path.clone(), k.clone()).message(lang),
            ModelFileNotAssessment => {
                if zh {
                    "这是一个模型文件，不是自评结果；请在“模型”页面加载它".into()
                } else {
                    "this is a model file, not an assessment; load it on the Models page".into()
                }
            }
            UnknownModel { id, version } => {
                if zh {
                    format!("文件使用的模型“{id}”（版本 {version}）未加载；请先在“模型”页面加载该模型文件")
                } else {
                    format!("the file uses model \"{id}\" (version {version}), which is not loaded; load that model file on the Models page first")
                }
            }
            OtherModelVersion { file, here } => {
                if zh {
                    format!("文件基于模型版本 {file}，本工作簿为 {here}：答案按要求编号带入，新模型中没有的要求单独保留")
                } else {
                    format!("the file was answered against model version {file}, this workbook has {here}: answers are carried over by requirement id, and answers to requirements that no longer exist are kept aside")
                }
            }
            ModelTextDiffers => {
                if zh {
                    "模型版本相同但内容指纹不同（文字可能有修订）；答案按要求编号带入".into()
                } else {
                    "same model version but a different content fingerprint (the wording may have been revised); answers are carried over by requirement id".into()
                }
            }
            UnknownRequirement(id) => {
                if zh {
                    format!("模型中没有要求“{id}”：该答案将单独保留，不计入结果")
                } else {
                    format!("the model has no requirement \"{id}\": the answer is kept aside and not scored")
                }
            }
            UnknownItem(code) => {
                if zh {
                    format!("模型中没有能力子项“{code}”：其记录照原样保留")
                } else {
                    format!("the model has no sub-item \"{code}\": its notes and evidence are kept as they are")
                }
            }
            BadValue { found, allowed } => {
                if zh {
                    format!("取值“{found}”无效，允许：{allowed}")
                } else {
                    format!("value \"{found}\" is not allowed; expected one of: {allowed}")
                }
            }
            TargetOutOfRange(t) => {
                if zh {
                    format!("目标级别 {t} 无效，应为 2 至 5")
                } else {
                    format!("target level {t} is invalid; expected 2 to 5")
                }
            }
            UnknownField(f) => {
                if zh {
                    format!("未知字段“{f}”，已忽略")
                } else {
                    format!("unknown field \"{f}\", ignored")
                }
            }
            ResultsDiffer => {
                if zh {
                    "文件中的结果与重新计算的结果不同；以重新计算为准".into()
                } else {
                    "the results in the file differ from the recomputed ones; the recomputed results are used".into()
                }
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
                &format!("{path}.{key}"),
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
            let apath = format!("{path}[{}]", serde_json::to_string(id).unwrap_or_default());
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
            if let Some((zh, en)) = model_evidence_title(model, item, r) {
                if title == zh || title == en {
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
    let fail = |problems| ImportReport {
        assessment: None,
        model: None,
        problems,
    };
    let root = match parse_json(text, MAX_IMPORT_BYTES) {
        Ok(v) => v,
        Err(p) => {
            return fail(vec![ImportProblem {
                path: p.path,
                severity: Severity::Error,
                kind: ImportKind::Structure(p.kind),
            }])
        }
    };
    let mut r = Reader {
        w: Walker::default(),
        problems: Vec::new(),
        model: None,
    };
    let Some(obj) = r.w.object(&root, "$") else {
        r.flush();
        return fail(r.problems);
    };
    match r.w.string(obj, "$", "format") {
        Some(MODEL_FORMAT) => {
            r.error("$.format", ImportKind::ModelFileNotAssessment);
            r.flush();
            return fail(r.problems);
        }
        Some(FORMAT) | None => {}
        Some(other) => r.error(
            "$.format",
            ImportKind::Structure(ProblemKind::UnknownFormat(other.into())),
        ),
    }
    match obj.get("format_version") {
        None | Some(Value::Null) => r.w.push("$.format_version", ProblemKind::Missing),
        Some(v) if v.as_u64() == Some(FORMAT_VERSION) => {}
        Some(v) => r.error(
            "$.format_version",
            ImportKind::Structure(ProblemKind::UnsupportedVersion(v.to_string())),
        ),
    }
    r.w.string(obj, "$", "exported_at");
    r.unknown_fields(
        obj,
        "$",
        &[
            "format",
            "format_version",
            "exported_at",
            "model",
            "assessment",
            "answers",
            "items",
            "results",
            "set_aside_answers",
        ],
    );

    // The model: the same id must be loaded; another version or text is a warning.
    let mut file_model = ModelRef::default();
    let mut chosen: Option<Arc<LoadedModel>> = None;
    if let Some(mobj) =
        r.w.field(obj, "$", "model")
            .and_then(|v| r.w.object(v, "$.model"))
    {
        let id =
            r.w.string(mobj, "$.model", "id")
                .unwrap_or_default()
                .to_string();
        let version =
            r.w.string(mobj, "$.model", "version")
                .unwrap_or_default()
                .to_string();
        let sha256 =
            r.w.string(mobj, "$.model", "sha256")
                .unwrap_or_default()
                .to_string();
        file_model = ModelRef {
            id: id.clone(),
            version: version.clone(),
            sha256: sha256.clone(),
        };
        let same_id: Vec<&Arc<LoadedModel>> = models.iter().filter(|m| m.model.id == id).collect();
        chosen = same_id
            .iter()
            .find(|m| m.sha256 == sha256)
            .or_else(|| same_id.iter().find(|m| m.model.version == version))
            .or_else(|| same_id.first())
            .map(|m| Arc::clone(m));
        match &chosen {
            None if !id.is_empty() => r.error("$.model", ImportKind::UnknownModel { id, version }),
            Some(m) if m.model.version != version => r.warn(
                "$.model.version",
                ImportKind::OtherModelVersion {
                    file: version,
                    here: m.model.version.clone(),
                },
            ),
            Some(m) if m.sha256 != sha256 => r.warn("$.model.sha256", ImportKind::ModelTextDiffers),
            _ => {}
        }
    }
    r.model = chosen.as_deref();

    let mut a = Assessment {
        id: String::new(),
        name: String::new(),
        model: file_model,
        target_level: 3,
        language: Lang::Zh,
        project: Project::default(),
        created_at: String::new(),
        updated_at: String::new(),
        answers: BTreeMap::new(),
        items: BTreeMap::new(),
        set_aside: BTreeMap::new(),
        last_exported_at: obj
            .get("exported_at")
            .and_then(Value::as_str)
            .map(str::to_string),
        changes_since_export: 0,
    };
    if let Some(aobj) =
        r.w.field(obj, "$", "assessment")
            .and_then(|v| r.w.object(v, "$.assessment"))
    {
        let p = "$.assessment";
        r.unknown_fields(
            aobj,
            p,
            &[
                "id",
                "name",
                "target_level",
                "language",
                "project",
                "created_at",
                "updated_at",
            ],
        );
        if let Some(id) = r.w.string(aobj, p, "id") {
            if is_valid_code(id) {
                a.id = id.into();
            } else {
                r.w.push("$.assessment.id", ProblemKind::BadCode(id.into()));
            }
        }
        a.name = r.w.string(aobj, p, "name").unwrap_or_default().to_string();
        match aobj.get("target_level") {
            None | Some(Value::Null) => r.w.push("$.assessment.target_level", ProblemKind::Missing),
            Some(v) => match v.as_u64() {
                Some(t @ 2..=5) => a.target_level = t as u8,
                _ => r.error(
                    "$.assessment.target_level",
                    ImportKind::TargetOutOfRange(v.to_string()),
                ),
            },
        }
        if let Some(code) = r.w.string(aobj, p, "language") {
            match Lang::from_code(code) {
                Some(l) => a.language = l,
                None => r.error(
                    "$.assessment.language",
                    ImportKind::BadValue {
                        found: code.into(),
                        allowed: "zh, en",
                    },
                ),
            }
        }
        if let Some(pv) = aobj.get("project").filter(|v| !v.is_null()) {
            if let Some(pobj) = r.w.object(pv, "$.assessment.project") {
                for (key, value) in pobj {
                    let fpath = format!("$.assessment.project.{key}");
                    let field =
                        serde_json::from_value::<ProjectField>(Value::String(key.clone())).ok();
                    match (field, value) {
                        (Some(f), Value::String(s)) => *a.project.get_mut(f) = s.clone(),
                        (Some(_), Value::Null) => {}
                        (Some(_), _) => r.w.push(&fpath, ProblemKind::WrongType(Expected::String)),
                        (None, _) => r.warn(&fpath, ImportKind::UnknownField(key.clone())),
                    }
                }
            }
        }
        a.created_at =
            r.w.string(aobj, p, "created_at")
                .unwrap_or_default()
                .to_string();
        a.updated_at =
            r.w.string(aobj, p, "updated_at")
                .unwrap_or_default()
                .to_string();
    }

    let (answers, aside) = r.answers(obj.get("answers"), "$.answers", true);
    a.answers = answers;
    a.set_aside = aside;
    let (earlier_aside, _) = r.answers(obj.get("set_aside_answers"), "$.set_aside_answers", false);
    for (id, answer) in earlier_aside {
        a.set_aside.entry(id).or_insert(answer);
    }

    if let Some(iv) = obj.get("items").filter(|v| !v.is_null()) {
        if let Some(iobj) = r.w.object(iv, "$.items") {
            for (code, value) in iobj {
                let ipath = format!(
                    "$.items[{}]",
                    serde_json::to_string(code).unwrap_or_default()
                );
                if r.model.is_some_and(|m| m.find_item(code).is_none()) {
                    r.warn(&ipath, ImportKind::UnknownItem(code.clone()));
                }
                let Some(wobj) = r.w.object(value, &ipath) else {
                    continue;
                };
                r.unknown_fields(wobj, &ipath, &["notes", "evidence"]);
                let notes = r.text_or_empty(wobj, &ipath, "notes");
                let mut evidence = Vec::new();
                if let Some(list) = r.w.opt_array(wobj, &ipath, "evidence") {
                    for (n, ev) in list.iter().enumerate() {
                        if let Some(e) = r.evidence(ev, &format!("{ipath}.evidence[{n}]"), code) {
                            evidence.push(e);
                        }
                    }
                }
                // Entries without a usable id get fresh ones, so edits can find them.
                let mut seen = std::collections::BTreeSet::new();
                let mut next = 1;
                for e in &mut evidence {
                    if e.id.is_empty() || !seen.insert(e.id.clone()) {
                        while seen.contains(&format!("e{next}")) {
                            next += 1;
                        }
                        e.id = format!("e{next}");
                        seen.insert(e.id.clone());
                    }
                }
                a.items.insert(code.clone(), ItemWork { notes, evidence });
            }
        }
    }

    r.flush();
    let has_errors = r.problems.iter().any(|p| p.severity == Severity::Error);
    let model = match &chosen {
        Some(m) if !has_errors => Arc::clone(m),
        _ => return fail(r.problems),
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
    ImportReport {
        assessment: Some(a),
        model: Some(model),
        problems: r.problems,
    }
}
