//! The maturity model as data: the serde shape of the public model format (version 1) and a
//! loaded model with flat indexes that the engine and the views use.
//!
//! The model is immutable once loaded. Everything that refers into it (answers, evidence,
//! results) does so by code or requirement id, never by position, so a model of another
//! version can be swapped in without rewriting what the team entered.
//!
//! Also here: [`validate`] the checks of a model file (every problem with its JSON path),
//! [`sha256`] the files' fingerprints, [`synthetic`] test and benchmark models. A reader of
//! another model source (the spreadsheet forms) goes in a submodule of its own
//! (`model/form/`), producing the same [`Model`] for [`validate`] to check.
//!
//! Uses `text` only.

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::text::i18n::{self, T};
use crate::text::{Lang, Langs, Text};

pub mod form;
pub mod sha256;
pub mod synthetic;
pub mod validate;

/// The CD model shipped inside the workbook.
pub const EMBEDDED_MODEL: &str = include_str!("../../../../model/caict-devops-cd.json");

pub const MODEL_FORMAT: &str = "maturity-workbook/model";
pub const MODEL_FORMAT_VERSION: u64 = 1;
/// The lowest and highest levels of every sub-item. Level 1 is the baseline and is not answered.
pub const MIN_LEVEL: u8 = 1;
pub const MAX_LEVEL: u8 = 5;
/// The answered levels, 2 to 5, in order.
pub const ANSWERED_LEVELS: [u8; 4] = [2, 3, 4, 5];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Model {
    pub format: String,
    pub format_version: u64,
    pub id: String,
    pub version: String,
    pub title: Text,
    pub source: Text,
    /// Decisions taken while writing the model (oddities of the source and how they were handled).
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub notes: Vec<Text>,
    pub levels: Vec<LevelName>,
    pub domains: Vec<Domain>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LevelName {
    pub level: u8,
    pub name: Text,
    /// Optional: what the level means (a form gives only the name).
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub summary: Text,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Domain {
    pub code: String,
    pub name: Text,
    pub capabilities: Vec<Capability>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Capability {
    pub code: String,
    pub name: Text,
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub code: String,
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Text>,
    /// The level-1 (initial) description: the starting state, not answered.
    pub baseline: Text,
    /// Levels 2 to 5, in order.
    pub levels: Vec<Level>,
    pub l4_needs_l3_evidence: bool,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub notes: Vec<Text>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Level {
    pub level: u8,
    #[serde(default, deserialize_with = "null_as_default")]
    pub requirements: Vec<Requirement>,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "std::ops::Not::not"
    )]
    pub same_as_lower: bool,
    #[serde(default, deserialize_with = "null_as_default")]
    pub evidence: Vec<Evidence>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Requirement {
    pub id: String,
    pub text: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Text>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EvidenceKind {
    Document,
    Screenshot,
    Video,
}

impl EvidenceKind {
    pub const ALL: [EvidenceKind; 3] = [
        EvidenceKind::Document,
        EvidenceKind::Screenshot,
        EvidenceKind::Video,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EvidenceKind::Document => "document",
            EvidenceKind::Screenshot => "screenshot",
            EvidenceKind::Video => "video",
        }
    }

    pub fn text(self) -> T {
        match self {
            EvidenceKind::Document => i18n::KIND_DOCUMENT,
            EvidenceKind::Screenshot => i18n::KIND_SCREENSHOT,
            EvidenceKind::Video => i18n::KIND_VIDEO,
        }
    }

    pub fn from_code(code: &str) -> Option<EvidenceKind> {
        EvidenceKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub kind: EvidenceKind,
    pub title: Text,
}

/// An optional field written `null` reads as absent, as the validator takes it
/// (`validate::Walker::opt_array`, `opt_boolean`).
fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

impl Model {
    /// Calls `f` on every text of the model, in file order.
    pub fn for_each_text(&self, f: &mut dyn FnMut(&Text)) {
        f(&self.title);
        f(&self.source);
        self.notes.iter().for_each(&mut *f);
        for l in &self.levels {
            f(&l.name);
            if !l.summary.is_empty() {
                f(&l.summary);
            }
        }
        for d in &self.domains {
            f(&d.name);
            for c in &d.capabilities {
                f(&c.name);
                for i in &c.items {
                    f(&i.name);
                    i.explanation.iter().for_each(&mut *f);
                    f(&i.baseline);
                    i.notes.iter().for_each(&mut *f);
                    for level in &i.levels {
                        for r in &level.requirements {
                            f(&r.text);
                            r.explanation.iter().for_each(&mut *f);
                        }
                        level.evidence.iter().for_each(|e| f(&e.title));
                    }
                }
            }
        }
    }

    /// The languages every text of the model has (see docs/model-format.md, one language is
    /// enough).
    pub fn languages(&self) -> Langs {
        let mut langs = Langs::BOTH;
        self.for_each_text(&mut |t| langs.narrow(t));
        langs
    }
}

/// What an assessment records about the model it was answered against.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelRef {
    pub id: String,
    pub version: String,
    pub sha256: String,
}

/// Where a requirement sits in the model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReqPos {
    /// Flat index of the sub-item (model order).
    pub item: usize,
    pub level: u8,
    /// Position inside its level, from 0.
    pub n: usize,
}

/// One expected evidence document of a sub-item, merged over the levels that ask for it.
/// CAICT's checklist often repeats the same document at levels 2, 3 and 4; the team prepares
/// it once, so the workbook tracks it once.
#[derive(Clone, Debug, PartialEq)]
pub struct ExpectedEvidence {
    /// The evidence code of its first appearance, `<item>-L<level>-<n>` as in the checklist.
    pub code: String,
    pub kind: EvidenceKind,
    pub title: Text,
    /// The levels whose evidence list names it, ascending.
    pub levels: Vec<u8>,
}

/// Per sub-item flat data used by the engine.
#[derive(Clone, Debug)]
pub struct ItemIndex {
    pub domain: usize,
    /// Flat index of the capability.
    pub capability: usize,
    /// Requirement index ranges of levels 2..=5 (`levels[0]` is level 2).
    pub levels: [std::ops::Range<usize>; 4],
    pub same_as_lower: [bool; 4],
    pub evidence: Vec<ExpectedEvidence>,
}

/// A validated model with its content hash and flat indexes.
#[derive(Clone, Debug)]
pub struct LoadedModel {
    pub model: Model,
    pub sha256: String,
    /// Size of the file it was loaded from.
    pub bytes: usize,
    /// The file's text, for a model that is not the embedded one: exports and documents of
    /// its assessments carry it (`model_file`, docs/exchange-format.md), byte for byte so its
    /// fingerprint holds. None for the embedded model, which every workbook has.
    pub source: Option<Arc<str>>,
    items: Vec<(usize, usize, usize)>,
    item_index: Vec<ItemIndex>,
    capabilities: Vec<(usize, usize)>,
    capability_items: Vec<std::ops::Range<usize>>,
    domain_capabilities: Vec<std::ops::Range<usize>>,
    reqs: Vec<ReqPos>,
    req_ids: Vec<String>,
    req_lookup: HashMap<String, usize>,
    item_lookup: HashMap<String, usize>,
}

impl LoadedModel {
    /// Builds the indexes of a model that has passed validation.
    pub fn new(model: Model, source_bytes: &[u8]) -> LoadedModel {
        LoadedModel::with_sha256(model, sha256::hex(source_bytes), source_bytes.len())
    }

    /// As [`LoadedModel::new`], with the SHA-256 of the source (`bytes` long) already computed.
    pub fn with_sha256(model: Model, sha256: String, bytes: usize) -> LoadedModel {
        let mut items = Vec::new();
        let mut item_index = Vec::new();
        let mut capabilities = Vec::new();
        let mut capability_items = Vec::new();
        let mut domain_capabilities = Vec::new();
        let mut reqs = Vec::new();
        let mut req_ids = Vec::new();
        let mut req_lookup = HashMap::new();
        let mut item_lookup = HashMap::new();
        for (d, domain) in model.domains.iter().enumerate() {
            let cap_start = capabilities.len();
            for (c, cap) in domain.capabilities.iter().enumerate() {
                let flat_cap = capabilities.len();
                capabilities.push((d, c));
                let item_start = items.len();
                for (i, item) in cap.items.iter().enumerate() {
                    let flat_item = items.len();
                    items.push((d, c, i));
                    item_lookup.insert(item.code.clone(), flat_item);
                    let mut ranges: [std::ops::Range<usize>; 4] = Default::default();
                    let mut same = [false; 4];
                    for level in &item.levels {
                        let slot = usize::from(level.level.saturating_sub(2)).min(3);
                        let start = reqs.len();
                        for (n, req) in level.requirements.iter().enumerate() {
                            req_lookup.insert(req.id.clone(), reqs.len());
                            req_ids.push(req.id.clone());
                            reqs.push(ReqPos {
                                item: flat_item,
                                level: level.level,
                                n,
                            });
                        }
                        ranges[slot] = start..reqs.len();
                        same[slot] = level.same_as_lower;
                    }
                    item_index.push(ItemIndex {
                        domain: d,
                        capability: flat_cap,
                        levels: ranges,
                        same_as_lower: same,
                        evidence: merge_evidence(item),
                    });
                }
                capability_items.push(item_start..items.len());
            }
            domain_capabilities.push(cap_start..capabilities.len());
        }
        LoadedModel {
            model,
            sha256,
            bytes,
            source: None,
            items,
            item_index,
            capabilities,
            capability_items,
            domain_capabilities,
            reqs,
            req_ids,
            req_lookup,
            item_lookup,
        }
    }

    /// The same model, keeping the text it was read from (see [`LoadedModel::source`]).
    pub fn with_source(mut self, text: &str) -> LoadedModel {
        self.source = Some(Arc::from(text));
        self
    }

    /// The model file's text it was read from (empty for the embedded model, whose text is
    /// [`EMBEDDED_MODEL`]).
    pub fn file_text(&self) -> String {
        self.source.as_deref().unwrap_or_default().to_string()
    }

    /// The languages every text of the model has.
    pub fn languages(&self) -> Langs {
        self.model.languages()
    }

    pub fn reference(&self) -> ModelRef {
        ModelRef {
            id: self.model.id.clone(),
            version: self.model.version.clone(),
            sha256: self.sha256.clone(),
        }
    }

    /// `id@version`, the key under which a model is listed and stored.
    pub fn key(&self) -> String {
        format!("{}@{}", self.model.id, self.model.version)
    }

    pub fn title(&self, lang: Lang) -> &str {
        self.model.title.get(lang)
    }

    /// The model's short name for file names and default assessment names: the title after
    /// its last "：" or ": " (the part's name, "持续交付" / "Continuous Delivery"), else the
    /// whole title.
    pub fn short_title(&self, lang: Lang) -> &str {
        let title = self.title(lang).trim();
        let after = [
            title.rfind('：').map(|i| i + '：'.len_utf8()),
            title.rfind(": ").map(|i| i + 2),
        ]
        .into_iter()
        .flatten()
        .max();
        match after.map(|i| title[i..].trim()) {
            Some(rest) if !rest.is_empty() => rest,
            _ => title,
        }
    }

    pub fn item_count(&self) -> usize {
        self.items.len()
    }

    pub fn capability_count(&self) -> usize {
        self.capabilities.len()
    }

    pub fn domain_count(&self) -> usize {
        self.model.domains.len()
    }

    pub fn requirement_count(&self) -> usize {
        self.reqs.len()
    }

    pub fn item(&self, flat: usize) -> &Item {
        let (d, c, i) = self.items[flat];
        &self.model.domains[d].capabilities[c].items[i]
    }

    pub fn item_index(&self, flat: usize) -> &ItemIndex {
        &self.item_index[flat]
    }

    pub fn capability(&self, flat: usize) -> &Capability {
        let (d, c) = self.capabilities[flat];
        &self.model.domains[d].capabilities[c]
    }

    pub fn domain(&self, d: usize) -> &Domain {
        &self.model.domains[d]
    }

    /// Flat item indexes of a capability.
    pub fn capability_items(&self, flat_cap: usize) -> std::ops::Range<usize> {
        self.capability_items[flat_cap].clone()
    }

    /// Flat capability indexes of a domain.
    pub fn domain_capabilities(&self, d: usize) -> std::ops::Range<usize> {
        self.domain_capabilities[d].clone()
    }

    pub fn find_item(&self, code: &str) -> Option<usize> {
        self.item_lookup.get(code).copied()
    }

    pub fn find_requirement(&self, id: &str) -> Option<usize> {
        self.req_lookup.get(id).copied()
    }

    pub fn requirement_id(&self, r: usize) -> &str {
        &self.req_ids[r]
    }

    pub fn requirement_pos(&self, r: usize) -> ReqPos {
        self.reqs[r]
    }

    pub fn requirement(&self, r: usize) -> &Requirement {
        let pos = self.reqs[r];
        let item = self.item(pos.item);
        &item.levels[usize::from(pos.level - 2)].requirements[pos.n]
    }

    /// The name of a level (1..=5) in a language, falling back to the number.
    pub fn level_name(&self, level: u8, lang: Lang) -> String {
        self.model
            .levels
            .iter()
            .find(|l| l.level == level)
            .map(|l| l.name.get(lang).to_string())
            .unwrap_or_else(|| level.to_string())
    }
}

/// The model an assessment refers to, by one policy everywhere: the exact text if it is
/// loaded (same SHA-256), else the same id and version, else the same id (another version, to
/// which answers are carried over by requirement id).
pub fn find_model(models: &[Arc<LoadedModel>], r: &ModelRef) -> Option<Arc<LoadedModel>> {
    let same_id = || models.iter().filter(|m| m.model.id == r.id);
    same_id()
        .find(|m| m.sha256 == r.sha256)
        .or_else(|| same_id().find(|m| m.model.version == r.version))
        .or_else(|| same_id().next())
        .cloned()
}

/// The models this browser has: the one embedded in the workbook, which is always there and
/// comes first, then the model files loaded here, in the order they were loaded. Which model
/// an assessment or a file refers to is found here ([`Models::find`], by [`find_model`]'s
/// policy). A second way for models to arrive (a spreadsheet form) adds files here too.
#[derive(Clone, Debug)]
pub struct Models {
    /// `all[0]` is the embedded model.
    all: Vec<Arc<LoadedModel>>,
}

impl Models {
    pub fn new(embedded: Arc<LoadedModel>) -> Models {
        Models {
            all: vec![embedded],
        }
    }

    /// The model shipped inside the workbook (the default for a new assessment).
    pub fn embedded(&self) -> &Arc<LoadedModel> {
        &self.all[0]
    }

    /// Every model, the embedded one first.
    pub fn all(&self) -> &[Arc<LoadedModel>] {
        &self.all
    }

    /// The models loaded from files.
    pub fn files(&self) -> &[Arc<LoadedModel>] {
        &self.all[1..]
    }

    /// Whether `key` (`id@version`) is the embedded model's.
    pub fn is_embedded(&self, key: &str) -> bool {
        self.embedded().key() == key
    }

    /// The model an assessment or a file refers to ([`find_model`]).
    pub fn find(&self, r: &ModelRef) -> Option<Arc<LoadedModel>> {
        find_model(&self.all, r)
    }

    /// The model loaded under `id@version`.
    pub fn by_key(&self, key: &str) -> Option<Arc<LoadedModel>> {
        self.all.iter().find(|m| m.key() == key).cloned()
    }

    /// Adds a model read from a file.
    pub fn add_file(&mut self, model: Arc<LoadedModel>) {
        self.all.push(model);
    }

    /// Removes a model file; the embedded model stays.
    pub fn remove_file(&mut self, key: &str) {
        let embedded = Arc::clone(self.embedded());
        self.all
            .retain(|m| Arc::ptr_eq(m, &embedded) || m.key() != key);
    }

    /// Forgets every model file (before reading them again).
    pub fn clear_files(&mut self) {
        self.all.truncate(1);
    }
}

/// A node of the model tree, by flat index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Node {
    Part,
    Domain(usize),
    Capability(usize),
    Item(usize),
}

fn merge_evidence(item: &Item) -> Vec<ExpectedEvidence> {
    let mut out: Vec<ExpectedEvidence> = Vec::new();
    for level in &item.levels {
        for (n, ev) in level.evidence.iter().enumerate() {
            match out
                .iter_mut()
                .find(|e| e.kind == ev.kind && e.title.key() == ev.title.key())
            {
                Some(existing) => {
                    if !existing.levels.contains(&level.level) {
                        existing.levels.push(level.level);
                    }
                }
                None => out.push(ExpectedEvidence {
                    code: format!("{}-L{}-{}", item.code, level.level, n + 1),
                    kind: ev.kind,
                    title: ev.title.clone(),
                    levels: vec![level.level],
                }),
            }
        }
    }
    out
}
