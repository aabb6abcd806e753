//! An assessment: what a team records against one model. Answers are keyed by requirement id
//! and per-sub-item work (notes, evidence) by sub-item code, so nothing here depends on the
//! position of anything in the model.
//!
//! Every change goes through [`Edit`], a small value that can be applied to any copy of the
//! assessment. That is what lets two tabs merge their work: a change made here is re-applied on
//! top of what another tab saved, instead of one copy overwriting the other.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::assess::materials::EvidenceCheck;
use crate::model::{EvidenceKind, ExpectedEvidence, LoadedModel, ModelRef};
use crate::text::i18n::{self, T};
use crate::text::Lang;

/// The target levels a team can choose (level 1 is the starting point, not a target).
pub const TARGET_LEVELS: std::ops::RangeInclusive<u8> = 2..=5;
/// The target of a new assessment: CAICT's common "level 3" assessment.
pub const DEFAULT_TARGET: u8 = 3;

/// A target level brought into [`TARGET_LEVELS`].
pub fn clamp_target(t: u8) -> u8 {
    t.clamp(*TARGET_LEVELS.start(), *TARGET_LEVELS.end())
}

/// The id of the `n`th evidence entry of a sub-item: `e1`, `e2`, …
pub fn evidence_id(n: u32) -> String {
    format!("e{n}")
}

/// The number behind an evidence id, if it follows the scheme.
fn evidence_number(id: &str) -> Option<u32> {
    id.strip_prefix('e').and_then(|n| n.parse().ok())
}

/// The answer to one requirement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    Partial,
    NotMet,
    NotApplicable,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Met,
        Status::Partial,
        Status::NotMet,
        Status::NotApplicable,
    ];

    /// The code used in exports and in the `data-status` hook.
    pub fn code(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Partial => "partial",
            Status::NotMet => "not_met",
            Status::NotApplicable => "not_applicable",
        }
    }

    /// The answer's name, as the page, the exports and the report write it.
    pub fn text(self) -> T {
        match self {
            Status::Met => i18n::MET,
            Status::Partial => i18n::PARTIAL,
            Status::NotMet => i18n::NOT_MET,
            Status::NotApplicable => i18n::NOT_APPLICABLE,
        }
    }

    /// The name of an answer or of its absence ("unanswered").
    pub fn text_of(status: Option<Status>) -> T {
        status.map_or(i18n::UNANSWERED, Status::text)
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Why a requirement does not apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NaKind {
    OutOfScope,
    NotUsed,
    Other,
}

impl NaKind {
    pub const ALL: [NaKind; 3] = [NaKind::OutOfScope, NaKind::NotUsed, NaKind::Other];

    pub fn code(self) -> &'static str {
        match self {
            NaKind::OutOfScope => "out_of_scope",
            NaKind::NotUsed => "not_used",
            NaKind::Other => "other",
        }
    }

    pub fn text(self) -> T {
        match self {
            NaKind::OutOfScope => i18n::NA_OUT_OF_SCOPE,
            NaKind::NotUsed => i18n::NA_NOT_USED,
            NaKind::Other => i18n::NA_OTHER,
        }
    }

    pub fn from_code(code: &str) -> Option<NaKind> {
        NaKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NaReason {
    pub kind: NaKind,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
}

/// When and by whom something was last changed: what lets the copies of several people be
/// merged, and lets a conflict say who wrote what.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Stamp {
    /// An ISO 8601 time (UTC).
    pub at: String,
    /// The name the user gave this browser (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
}

impl Stamp {
    pub fn new(at: &str, by: &str) -> Stamp {
        Stamp {
            at: at.to_string(),
            by: by.to_string(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub status: Status,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
    /// Kept even when the status later changes, so typed text is never thrown away.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub na_reason: Option<NaReason>,
}

impl Answer {
    pub fn new(status: Status) -> Answer {
        Answer {
            status,
            comment: String::new(),
            na_reason: None,
        }
    }
}

/// The kind of a piece of evidence the team tracks (wider than the model's kinds: a team may
/// also point to a link or something else).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Document,
    Screenshot,
    Video,
    Link,
    Other,
}

impl EntryKind {
    pub const ALL: [EntryKind; 5] = [
        EntryKind::Document,
        EntryKind::Screenshot,
        EntryKind::Video,
        EntryKind::Link,
        EntryKind::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EntryKind::Document => "document",
            EntryKind::Screenshot => "screenshot",
            EntryKind::Video => "video",
            EntryKind::Link => "link",
            EntryKind::Other => "other",
        }
    }

    pub fn text(self) -> T {
        match self {
            EntryKind::Document => i18n::KIND_DOCUMENT,
            EntryKind::Screenshot => i18n::KIND_SCREENSHOT,
            EntryKind::Video => i18n::KIND_VIDEO,
            EntryKind::Link => i18n::KIND_LINK,
            EntryKind::Other => i18n::KIND_OTHER,
        }
    }

    pub fn from_code(code: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

impl From<EvidenceKind> for EntryKind {
    fn from(k: EvidenceKind) -> EntryKind {
        match k {
            EvidenceKind::Document => EntryKind::Document,
            EvidenceKind::Screenshot => EntryKind::Screenshot,
            EvidenceKind::Video => EntryKind::Video,
        }
    }
}

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceStatus {
    #[default]
    Missing,
    InProgress,
    Ready,
}

impl EvidenceStatus {
    pub const ALL: [EvidenceStatus; 3] = [
        EvidenceStatus::Missing,
        EvidenceStatus::InProgress,
        EvidenceStatus::Ready,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EvidenceStatus::Missing => "missing",
            EvidenceStatus::InProgress => "in_progress",
            EvidenceStatus::Ready => "ready",
        }
    }

    pub fn text(self) -> T {
        match self {
            EvidenceStatus::Missing => i18n::EV_MISSING,
            EvidenceStatus::InProgress => i18n::EV_IN_PROGRESS,
            EvidenceStatus::Ready => i18n::EV_READY,
        }
    }

    pub fn from_code(code: &str) -> Option<EvidenceStatus> {
        EvidenceStatus::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One piece of evidence the team prepares for a sub-item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceEntry {
    /// Stable within its sub-item (`e1`, `e2`, …), so edits from two tabs find the same entry.
    pub id: String,
    /// The code of the model's expected evidence it tracks (`CM-VC-VCS-L3-2`); absent for
    /// entries the team added.
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Empty for a model evidence whose title is the model's (shown in the current language).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    pub kind: EntryKind,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub location: String,
    #[serde(default)]
    pub status: EvidenceStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// A date as `YYYY-MM-DD`, or empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub due: String,
}

impl EvidenceEntry {
    /// A missing entry `e<number>` tracking one of the model's expected evidence, its title
    /// left to the model (so it follows the reader's language).
    pub fn expected(number: u32, e: &ExpectedEvidence) -> EvidenceEntry {
        EvidenceEntry {
            id: evidence_id(number),
            reference: Some(e.code.clone()),
            title: String::new(),
            kind: e.kind.into(),
            location: String::new(),
            status: EvidenceStatus::Missing,
            owner: String::new(),
            due: String::new(),
        }
    }
}

/// The team's work on one sub-item besides the answers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemWork {
    /// 问题记录与改进思路: questions about the standard and improvement ideas.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(default)]
    pub evidence: Vec<EvidenceEntry>,
}

/// The registration form's fields (主体信息登记表) as one table, written once: each row is
/// the field of [`Project`] (its name is also its key in the exchange format), its
/// [`ProjectField`], its label in the catalogue, and whether it is long (a text area rather
/// than a one-line input). Adding a field is one row here and its label.
macro_rules! project_fields {
    ($($field:ident: $variant:ident, $label:path, $long:literal;)*) => {
        /// The registration form's fields. All optional, all free text. Stored and exchanged
        /// as an object of the non-empty fields, in this order; read through one map of field
        /// codes (unknown keys ignored), which keeps the wasm small (a derive per field costs
        /// about 16 KB here).
        #[derive(Clone, Debug, Default, PartialEq, Eq)]
        pub struct Project {
            $(pub $field: String,)*
        }

        /// A field of [`Project`], so forms and edits name fields without stringly-typed keys.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum ProjectField {
            $($variant,)*
        }

        impl ProjectField {
            pub const ALL: [ProjectField; [$(stringify!($field)),*].len()] =
                [$(ProjectField::$variant),*];

            /// The field's key in the exchange format (`team_developers`).
            pub fn code(self) -> &'static str {
                match self {
                    $(ProjectField::$variant => stringify!($field),)*
                }
            }

            /// Long fields get a text area rather than a one-line input.
            pub fn is_long(self) -> bool {
                match self {
                    $(ProjectField::$variant => $long,)*
                }
            }

            /// The field's label, as in the registration form.
            pub fn text(self) -> T {
                match self {
                    $(ProjectField::$variant => $label,)*
                }
            }
        }

        impl Project {
            pub fn get(&self, f: ProjectField) -> &str {
                match f {
                    $(ProjectField::$variant => &self.$field,)*
                }
            }

            pub fn get_mut(&mut self, f: ProjectField) -> &mut String {
                match f {
                    $(ProjectField::$variant => &mut self.$field,)*
                }
            }
        }
    };
}

project_fields! {
    organisation: Organisation, i18n::PF_ORGANISATION, false;
    project: Project, i18n::PF_PROJECT, false;
    summary: Summary, i18n::PF_SUMMARY, true;
    production_environment: ProductionEnvironment, i18n::PF_PRODUCTION, true;
    team_developers: TeamDevelopers, i18n::PF_TEAM_DEV, false;
    team_testers: TeamTesters, i18n::PF_TEAM_TEST, false;
    team_operations: TeamOperations, i18n::PF_TEAM_OPS, false;
    team_others: TeamOthers, i18n::PF_TEAM_OTHER, false;
    architecture: Architecture, i18n::PF_ARCHITECTURE, true;
    delivery_process: DeliveryProcess, i18n::PF_PROCESS, true;
    toolchain: Toolchain, i18n::PF_TOOLCHAIN, true;
    branch_model: BranchModel, i18n::PF_BRANCH, true;
    environments: Environments, i18n::PF_ENVIRONMENTS, true;
    iteration_length: IterationLength, i18n::PF_ITERATION, false;
    release_frequency: ReleaseFrequency, i18n::PF_RELEASE, false;
    deployment_failure_rate: DeploymentFailureRate, i18n::PF_FAILURE_RATE, false;
    efficiency_team: EfficiencyTeam, i18n::PF_EFFICIENCY_TEAM, true;
}

impl Serialize for Project {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let filled: Vec<ProjectField> = ProjectField::ALL
            .into_iter()
            .filter(|f| !self.get(*f).is_empty())
            .collect();
        let mut map = s.serialize_map(Some(filled.len()))?;
        for f in filled {
            map.serialize_entry(f.code(), self.get(f))?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Project {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Project, D::Error> {
        let map = BTreeMap::<String, String>::deserialize(d)?;
        let mut p = Project::default();
        for (key, value) in map {
            if let Some(f) = ProjectField::from_code(&key) {
                *p.get_mut(f) = value;
            }
        }
        Ok(p)
    }
}

impl ProjectField {
    pub fn from_code(code: &str) -> Option<ProjectField> {
        ProjectField::ALL.into_iter().find(|f| f.code() == code)
    }
}

impl Project {
    /// Whether no field is filled in.
    pub fn is_empty_fields(&self) -> bool {
        ProjectField::ALL.iter().all(|f| self.get(*f).is_empty())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub id: String,
    pub name: String,
    pub model: ModelRef,
    pub target_level: u8,
    pub language: Lang,
    #[serde(default)]
    pub project: Project,
    pub created_at: String,
    pub updated_at: String,
    /// Unanswered requirements are absent.
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
    #[serde(default)]
    pub items: BTreeMap<String, ItemWork>,
    /// Answers whose requirement no longer exists in the model (after a model update or an
    /// import from another model version). Kept and listed, never dropped.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub set_aside: BTreeMap<String, Answer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_exported_at: Option<String>,
    /// Meaningful changes since the last export, for the gentle reminder.
    #[serde(default)]
    pub changes_since_export: u32,
    /// Who made the last change (the name the user gave this browser).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub updated_by: String,
    /// Earlier times this copy was exported or saved (oldest first, at most [`LINEAGE_MAX`];
    /// the latest is `last_exported_at`; kept in this browser, not written to files). A copy
    /// made from one of these exports parted from this one then, which a merge needs to tell
    /// who changed what.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lineage: Vec<String>,
    /// When and by whom each answer, each sub-item's notes and each evidence entry last
    /// changed, by [`StampKey`]. A key whose value is gone (an answer cleared, an entry removed)
    /// keeps its stamp: what tells a deletion from "never there" when copies are merged.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub changed: BTreeMap<String, Stamp>,
    /// Shown for review in this browser: it came here from a file (a workbook document opened,
    /// an import) and nothing in it changes until the user chooses to edit it
    /// ([`Edit::Review`]). A choice of this browser, kept with its working copy and never
    /// written to files.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub review: bool,
    /// The last check of the team's materials folder (names, sizes, dates; see
    /// `assess::materials`), kept so the result travels with the work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence_check: Option<EvidenceCheck>,
}

/// How many export times an assessment remembers.
pub const LINEAGE_MAX: usize = 100;

/// Adds an export time to a lineage (once, keeping the newest [`LINEAGE_MAX`]).
pub fn extend_lineage(lineage: &mut Vec<String>, at: &str) {
    if !lineage.iter().any(|x| x == at) {
        lineage.push(at.to_string());
        lineage.sort();
    }
    if lineage.len() > LINEAGE_MAX {
        let extra = lineage.len() - LINEAGE_MAX;
        lineage.drain(..extra);
    }
}

/// What a stamp in [`Assessment::changed`] belongs to. Codes and ids never contain `#` or `/`,
/// so the three kinds of key cannot meet.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum StampKey {
    /// An answer, by requirement id.
    Answer(String),
    /// The notes of a sub-item, by its code (`<item>#notes`).
    Notes(String),
    /// An evidence entry (`<item>/<entry id>`).
    Evidence(String, String),
}

impl StampKey {
    pub fn parse(key: &str) -> StampKey {
        if let Some(item) = key.strip_suffix("#notes") {
            StampKey::Notes(item.to_string())
        } else if let Some((item, id)) = key.split_once('/') {
            StampKey::Evidence(item.to_string(), id.to_string())
        } else {
            StampKey::Answer(key.to_string())
        }
    }
}

impl std::fmt::Display for StampKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StampKey::Answer(req) => f.write_str(req),
            StampKey::Notes(item) => write!(f, "{item}#notes"),
            StampKey::Evidence(item, id) => write!(f, "{item}/{id}"),
        }
    }
}

/// One field of an evidence entry, with its new value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "field", content = "value")]
pub enum EvidenceField {
    Title(String),
    Kind(EntryKind),
    Location(String),
    Status(EvidenceStatus),
    Owner(String),
    Due(String),
}

/// A change to an assessment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Edit {
    /// Sets or clears (None) the answer of a requirement.
    Answer {
        req: String,
        status: Option<Status>,
    },
    Comment {
        req: String,
        text: String,
    },
    NaReason {
        req: String,
        kind: NaKind,
        text: String,
    },
    Notes {
        item: String,
        text: String,
    },
    Evidence {
        item: String,
        id: String,
        field: EvidenceField,
    },
    AddEvidence {
        item: String,
    },
    RemoveEvidence {
        item: String,
        id: String,
    },
    Project {
        field: ProjectField,
        value: String,
    },
    Target(u8),
    Rename(String),
    Language(Lang),
    /// The assessment was exported at this time.
    Exported(String),
    /// The user gave their name: the changes made here after `since` that carry no name yet
    /// (their stamps, and the last change) get it. `since` is when the assessment came to this
    /// browser (opened from a document, imported, or last exported). An edit like the others,
    /// so it is replayed when another tab saved first.
    Attribute {
        by: String,
        since: String,
    },
    /// Removes the reason a requirement does not apply (undoing the first reason given).
    ClearNaReason {
        req: String,
    },
    /// Puts an evidence entry back as it was, at position `at` (undoing a removal, redoing an
    /// addition); an entry with its id is replaced.
    InsertEvidence {
        item: String,
        at: usize,
        entry: EvidenceEntry,
    },
    /// Shows the assessment for review only (true) or lets it be edited (false) in this
    /// browser: see [`Assessment::review`].
    Review(bool),
    /// The last check of the materials folder (None: forget it).
    EvidenceCheck(Option<Box<EvidenceCheck>>),
}

impl Edit {
    /// Whether the change counts towards the "export again" reminder. Answers, notes and
    /// evidence do; switching the display language does not.
    pub fn is_meaningful(&self) -> bool {
        !matches!(
            self,
            Edit::Language(_) | Edit::Exported(_) | Edit::Attribute { .. } | Edit::Review(_)
        )
    }

    /// Whether the change moves `updated_at`. Naming who made earlier changes is not a change
    /// of the work (a saved document stays saved), and neither is exporting it (a JSON export
    /// leaves the workbook document saved).
    fn moves_time(&self) -> bool {
        !matches!(
            self,
            Edit::Attribute { .. } | Edit::Exported(_) | Edit::Review(_)
        )
    }
}

impl Assessment {
    /// A new assessment bound to a model, with evidence entries pre-filled from the model's
    /// expected evidence (one entry per distinct document of each sub-item).
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        model: &LoadedModel,
        target_level: u8,
        language: Lang,
        now: &str,
    ) -> Assessment {
        let mut items = BTreeMap::new();
        for i in 0..model.item_count() {
            let evidence = model
                .item_index(i)
                .evidence
                .iter()
                .enumerate()
                .map(|(n, e)| EvidenceEntry::expected(n as u32 + 1, e))
                .collect::<Vec<_>>();
            if !evidence.is_empty() {
                items.insert(
                    model.item(i).code.clone(),
                    ItemWork {
                        evidence,
                        ..ItemWork::default()
                    },
                );
            }
        }
        let mut a = Assessment::unbound(&id.into(), &name.into(), model.reference(), target_level);
        a.language = language;
        a.created_at = now.to_string();
        a.updated_at = now.to_string();
        a.items = items;
        a
    }

    /// An empty assessment for a model that is not loaded (no evidence entries pre-filled).
    pub fn unbound(id: &str, name: &str, model: ModelRef, target_level: u8) -> Assessment {
        Assessment {
            id: id.to_string(),
            name: name.to_string(),
            model,
            target_level: clamp_target(target_level),
            language: Lang::default(),
            project: Project::default(),
            created_at: String::new(),
            updated_at: String::new(),
            answers: BTreeMap::new(),
            items: BTreeMap::new(),
            set_aside: BTreeMap::new(),
            last_exported_at: None,
            changes_since_export: 0,
            updated_by: String::new(),
            lineage: Vec::new(),
            changed: BTreeMap::new(),
            review: false,
            evidence_check: None,
        }
    }

    /// The project's name as exports and the report show it: the registration form's project
    /// name, else the assessment's name.
    pub fn project_name(&self) -> &str {
        if self.project.project.is_empty() {
            &self.name
        } else {
            &self.project.project
        }
    }

    pub fn status(&self, req: &str) -> Option<Status> {
        self.answers.get(req).map(|a| a.status)
    }

    /// Applies a change. Returns whether anything changed; `updated_at` moves only then.
    pub fn apply(&mut self, edit: &Edit, now: &str) -> bool {
        let changed = self.apply_inner(edit);
        if changed && edit.moves_time() {
            self.updated_at = now.to_string();
            if edit.is_meaningful() {
                self.changes_since_export = self.changes_since_export.saturating_add(1);
            }
        }
        changed
    }

    /// Applies a change made by a person (`by`: the name the user gave; may be empty), and
    /// records when and by whom on what it changed, for merging copies later.
    pub fn apply_by(&mut self, edit: &Edit, now: &str, by: &str) -> bool {
        let changed = self.apply(edit, now);
        if changed && edit.is_meaningful() {
            self.updated_by = by.to_string();
            self.stamp(edit, Stamp::new(now, by));
        }
        changed
    }

    /// Records the stamp of a change on the answer, notes or evidence entry it touched (kept
    /// also when the change removed it).
    fn stamp(&mut self, edit: &Edit, stamp: Stamp) {
        let key = match edit {
            Edit::Answer { req, .. }
            | Edit::Comment { req, .. }
            | Edit::NaReason { req, .. }
            | Edit::ClearNaReason { req } => StampKey::Answer(req.clone()),
            Edit::Notes { item, .. } => StampKey::Notes(item.clone()),
            Edit::Evidence { item, id, .. } | Edit::RemoveEvidence { item, id } => {
                StampKey::Evidence(item.clone(), id.clone())
            }
            Edit::InsertEvidence { item, entry, .. } => {
                StampKey::Evidence(item.clone(), entry.id.clone())
            }
            Edit::AddEvidence { item } => {
                match self.items.get(item).and_then(|w| w.evidence.last()) {
                    Some(e) => StampKey::Evidence(item.clone(), e.id.clone()),
                    None => return,
                }
            }
            _ => return,
        };
        self.changed.insert(key.to_string(), stamp);
    }

    /// When and by whom something last changed.
    pub fn stamp_of(&self, key: &StampKey) -> Option<&Stamp> {
        self.changed.get(&key.to_string())
    }

    fn apply_inner(&mut self, edit: &Edit) -> bool {
        match edit {
            Edit::Answer { req, status: None } => self.answers.remove(req).is_some(),
            Edit::Answer {
                req,
                status: Some(status),
            } => match self.answers.get_mut(req) {
                Some(a) if a.status == *status => false,
                Some(a) => {
                    a.status = *status;
                    true
                }
                None => {
                    self.answers.insert(req.clone(), Answer::new(*status));
                    true
                }
            },
            Edit::Comment { req, text } => match self.answers.get_mut(req) {
                Some(a) if a.comment != *text => {
                    a.comment = text.clone();
                    true
                }
                _ => false,
            },
            Edit::NaReason { req, kind, text } => match self.answers.get_mut(req) {
                Some(a) => {
                    let reason = NaReason {
                        kind: *kind,
                        text: text.clone(),
                    };
                    if a.na_reason.as_ref() == Some(&reason) {
                        false
                    } else {
                        a.na_reason = Some(reason);
                        true
                    }
                }
                None => false,
            },
            Edit::Notes { item, text } => {
                let work = self.items.entry(item.clone()).or_default();
                if work.notes == *text {
                    false
                } else {
                    work.notes = text.clone();
                    true
                }
            }
            Edit::Evidence { item, id, field } => {
                let Some(entry) = self
                    .items
                    .get_mut(item)
                    .and_then(|w| w.evidence.iter_mut().find(|e| e.id == *id))
                else {
                    return false;
                };
                set_evidence_field(entry, field)
            }
            Edit::AddEvidence { item } => {
                let work = self.items.entry(item.clone()).or_default();
                work.evidence.push(added_entry(&work.evidence));
                true
            }
            Edit::RemoveEvidence { item, id } => match self.items.get_mut(item) {
                Some(work) => {
                    let before = work.evidence.len();
                    work.evidence.retain(|e| e.id != *id);
                    work.evidence.len() != before
                }
                None => false,
            },
            Edit::Project { field, value } => {
                let slot = self.project.get_mut(*field);
                if slot == value {
                    false
                } else {
                    *slot = value.clone();
                    true
                }
            }
            Edit::Target(t) => {
                let t = clamp_target(*t);
                let changed = self.target_level != t;
                self.target_level = t;
                changed
            }
            Edit::Rename(name) => {
                let changed = self.name != *name;
                self.name = name.clone();
                changed
            }
            Edit::Language(l) => {
                let changed = self.language != *l;
                self.language = *l;
                changed
            }
            Edit::Exported(at) => {
                self.mark_exported(at);
                true
            }
            Edit::Attribute { by, since } => self.attribute(by, since),
            Edit::ClearNaReason { req } => self
                .answers
                .get_mut(req)
                .is_some_and(|a| a.na_reason.take().is_some()),
            Edit::InsertEvidence { item, at, entry } => {
                let work = self.items.entry(item.clone()).or_default();
                match work.evidence.iter_mut().find(|e| e.id == entry.id) {
                    Some(e) if e == entry => false,
                    Some(e) => {
                        *e = entry.clone();
                        true
                    }
                    None => {
                        let at = (*at).min(work.evidence.len());
                        work.evidence.insert(at, entry.clone());
                        true
                    }
                }
            }
            Edit::Review(on) => {
                let changed = self.review != *on;
                self.review = *on;
                changed
            }
            Edit::EvidenceCheck(check) => {
                let check = check.as_deref().cloned();
                let changed = self.evidence_check != check;
                self.evidence_check = check;
                changed
            }
        }
    }

    /// Gives the name `by` to the changes after `since` that carry none; whether any did.
    fn attribute(&mut self, by: &str, since: &str) -> bool {
        if by.is_empty() {
            return false;
        }
        let mut named = false;
        for stamp in self.changed.values_mut() {
            if stamp.by.is_empty() && stamp.at.as_str() > since {
                stamp.by = by.to_string();
                named = true;
            }
        }
        if self.updated_by.is_empty() && self.updated_at.as_str() > since {
            self.updated_by = by.to_string();
            named = true;
        }
        named
    }

    /// Records a successful export.
    pub fn mark_exported(&mut self, now: &str) {
        if let Some(previous) = self.last_exported_at.replace(now.to_string()) {
            extend_lineage(&mut self.lineage, &previous);
        }
        self.changes_since_export = 0;
    }

    /// Every time this copy or its ancestors were exported, for finding where two copies
    /// parted.
    pub fn sync_points(&self) -> impl Iterator<Item = &str> {
        self.lineage
            .iter()
            .map(String::as_str)
            .chain(self.last_exported_at.as_deref())
    }

    /// Adds an evidence entry for every expected evidence of the model that the assessment does
    /// not track yet (after a model update, or for a file from another tool). Returns how many.
    pub fn ensure_evidence_entries(&mut self, model: &LoadedModel) -> usize {
        let mut added = 0;
        for i in 0..model.item_count() {
            let expected = &model.item_index(i).evidence;
            if expected.is_empty() {
                continue;
            }
            let work = self.items.entry(model.item(i).code.clone()).or_default();
            for e in expected {
                if work
                    .evidence
                    .iter()
                    .any(|x| x.reference.as_deref() == Some(e.code.as_str()))
                {
                    continue;
                }
                let next = next_entry_number(&work.evidence);
                work.evidence.push(EvidenceEntry::expected(next, e));
                added += 1;
            }
        }
        added
    }

    /// Binds the assessment to another version of its model: answers are carried over by
    /// requirement id, answers whose requirement is gone are set aside (kept and listed), and
    /// new expected evidence gets entries. None if it is already bound to exactly this model.
    pub fn rebind(&mut self, model: &LoadedModel) -> Option<Rebound> {
        if self.model == model.reference() {
            return None;
        }
        let from = self.model.clone();
        let set_aside = self.set_aside_unknown(model);
        let evidence_added = self.ensure_evidence_entries(model);
        self.model = model.reference();
        Some(Rebound {
            from,
            set_aside,
            evidence_added,
        })
    }

    /// Moves answers whose requirement the model does not have into `set_aside`, and returns
    /// their ids. Used when an assessment meets a model of another version.
    pub fn set_aside_unknown(&mut self, model: &LoadedModel) -> Vec<String> {
        let unknown: Vec<String> = self
            .answers
            .keys()
            .filter(|id| model.find_requirement(id).is_none())
            .cloned()
            .collect();
        for id in &unknown {
            if let Some(a) = self.answers.remove(id) {
                self.set_aside.insert(id.clone(), a);
            }
        }
        // An answer set aside earlier comes back if its requirement exists again.
        let returning: Vec<String> = self
            .set_aside
            .keys()
            .filter(|id| model.find_requirement(id).is_some() && !self.answers.contains_key(*id))
            .cloned()
            .collect();
        for id in returning {
            if let Some(a) = self.set_aside.remove(&id) {
                self.answers.insert(id, a);
            }
        }
        unknown
    }
}

/// What changed when an assessment moved to another version of its model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rebound {
    pub from: ModelRef,
    /// Requirement ids whose answers were set aside.
    pub set_aside: Vec<String>,
    pub evidence_added: usize,
}

/// The entry [`Edit::AddEvidence`] adds after `entries`: an empty document, `e<next number>`.
pub(crate) fn added_entry(entries: &[EvidenceEntry]) -> EvidenceEntry {
    EvidenceEntry {
        id: evidence_id(next_entry_number(entries)),
        reference: None,
        title: String::new(),
        kind: EntryKind::Document,
        location: String::new(),
        status: EvidenceStatus::Missing,
        owner: String::new(),
        due: String::new(),
    }
}

/// The number of a new entry: one more than the highest in use, or, when that is the largest
/// number an id can carry (a file can say `e4294967295`), the smallest one not in use; never
/// an id already there (edits and removals find an entry by its id).
fn next_entry_number(entries: &[EvidenceEntry]) -> u32 {
    let highest = entries
        .iter()
        .filter_map(|e| evidence_number(&e.id))
        .max()
        .unwrap_or(0);
    highest.checked_add(1).unwrap_or_else(|| {
        let used: std::collections::BTreeSet<&str> =
            entries.iter().map(|e| e.id.as_str()).collect();
        (1..=u32::MAX)
            .find(|&n| !used.contains(evidence_id(n).as_str()))
            .unwrap_or(1)
    })
}

/// Gives every entry without a usable id (empty, or the same as an earlier one) a fresh id of
/// the scheme, so edits can find each entry.
pub fn fix_evidence_ids(entries: &mut [EvidenceEntry]) {
    let mut seen = std::collections::BTreeSet::new();
    let mut next = 1;
    for e in entries.iter_mut() {
        if e.id.is_empty() || !seen.insert(e.id.clone()) {
            while seen.contains(&evidence_id(next)) {
                next += 1;
            }
            e.id = evidence_id(next);
            seen.insert(e.id.clone());
        }
    }
}

fn set_evidence_field(entry: &mut EvidenceEntry, field: &EvidenceField) -> bool {
    fn set<T: PartialEq + Clone>(slot: &mut T, v: &T) -> bool {
        if slot == v {
            false
        } else {
            *slot = v.clone();
            true
        }
    }
    match field {
        EvidenceField::Title(v) => set(&mut entry.title, v),
        EvidenceField::Kind(v) => set(&mut entry.kind, v),
        EvidenceField::Location(v) => set(&mut entry.location, v),
        EvidenceField::Status(v) => set(&mut entry.status, v),
        EvidenceField::Owner(v) => set(&mut entry.owner, v),
        EvidenceField::Due(v) => set(&mut entry.due, v),
    }
}
