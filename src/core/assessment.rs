//! An assessment: what a team records against one model. Answers are keyed by requirement id
//! and per-sub-item work (notes, evidence) by sub-item code, so nothing here depends on the
//! position of anything in the model.
//!
//! Every change goes through [`Edit`], a small value that can be applied to any copy of the
//! assessment. That is what lets two tabs merge their work: a change made here is re-applied on
//! top of what another tab saved, instead of one copy overwriting the other.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::i18n::{self, T};
use super::model::{EvidenceKind, ExpectedEvidence, LoadedModel, ModelRef};
use super::text::Lang;

pub const DEFAULT_TARGET: u8 = 3;

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
    pub fn expected(number: impl std::fmt::Display, e: &ExpectedEvidence) -> EvidenceEntry {
        EvidenceEntry {
            id: format!("e{number}"),
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

/// The registration form's fields (主体信息登记表). All optional, all free text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Project {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub organisation: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub project: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub summary: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub production_environment: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub team_developers: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub team_testers: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub team_operations: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub team_others: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub architecture: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub delivery_process: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub toolchain: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub branch_model: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub environments: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub iteration_length: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub release_frequency: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub deployment_failure_rate: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub efficiency_team: String,
}

/// A field of [`Project`], so forms and edits name fields without stringly-typed keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectField {
    Organisation,
    Project,
    Summary,
    ProductionEnvironment,
    TeamDevelopers,
    TeamTesters,
    TeamOperations,
    TeamOthers,
    Architecture,
    DeliveryProcess,
    Toolchain,
    BranchModel,
    Environments,
    IterationLength,
    ReleaseFrequency,
    DeploymentFailureRate,
    EfficiencyTeam,
}

impl ProjectField {
    pub const ALL: [ProjectField; 17] = [
        ProjectField::Organisation,
        ProjectField::Project,
        ProjectField::Summary,
        ProjectField::ProductionEnvironment,
        ProjectField::TeamDevelopers,
        ProjectField::TeamTesters,
        ProjectField::TeamOperations,
        ProjectField::TeamOthers,
        ProjectField::Architecture,
        ProjectField::DeliveryProcess,
        ProjectField::Toolchain,
        ProjectField::BranchModel,
        ProjectField::Environments,
        ProjectField::IterationLength,
        ProjectField::ReleaseFrequency,
        ProjectField::DeploymentFailureRate,
        ProjectField::EfficiencyTeam,
    ];

    /// The field's label, in the registration form's wording.
    pub fn text(self) -> T {
        match self {
            ProjectField::Organisation => i18n::PF_ORGANISATION,
            ProjectField::Project => i18n::PF_PROJECT,
            ProjectField::Summary => i18n::PF_SUMMARY,
            ProjectField::ProductionEnvironment => i18n::PF_PRODUCTION,
            ProjectField::TeamDevelopers => i18n::PF_TEAM_DEV,
            ProjectField::TeamTesters => i18n::PF_TEAM_TEST,
            ProjectField::TeamOperations => i18n::PF_TEAM_OPS,
            ProjectField::TeamOthers => i18n::PF_TEAM_OTHER,
            ProjectField::Architecture => i18n::PF_ARCHITECTURE,
            ProjectField::DeliveryProcess => i18n::PF_PROCESS,
            ProjectField::Toolchain => i18n::PF_TOOLCHAIN,
            ProjectField::BranchModel => i18n::PF_BRANCH,
            ProjectField::Environments => i18n::PF_ENVIRONMENTS,
            ProjectField::IterationLength => i18n::PF_ITERATION,
            ProjectField::ReleaseFrequency => i18n::PF_RELEASE,
            ProjectField::DeploymentFailureRate => i18n::PF_FAILURE_RATE,
            ProjectField::EfficiencyTeam => i18n::PF_EFFICIENCY_TEAM,
        }
    }

    /// Long fields get a text area rather than a one-line input.
    pub fn is_long(self) -> bool {
        matches!(
            self,
            ProjectField::Summary
                | ProjectField::ProductionEnvironment
                | ProjectField::Architecture
                | ProjectField::DeliveryProcess
                | ProjectField::Toolchain
                | ProjectField::BranchModel
                | ProjectField::Environments
                | ProjectField::EfficiencyTeam
        )
    }
}

impl Project {
    /// Whether no field is filled in.
    pub fn is_empty_fields(&self) -> bool {
        ProjectField::ALL.iter().all(|f| self.get(*f).is_empty())
    }

    pub fn get(&self, f: ProjectField) -> &str {
        match f {
            ProjectField::Organisation => &self.organisation,
            ProjectField::Project => &self.project,
            ProjectField::Summary => &self.summary,
            ProjectField::ProductionEnvironment => &self.production_environment,
            ProjectField::TeamDevelopers => &self.team_developers,
            ProjectField::TeamTesters => &self.team_testers,
            ProjectField::TeamOperations => &self.team_operations,
            ProjectField::TeamOthers => &self.team_others,
            ProjectField::Architecture => &self.architecture,
            ProjectField::DeliveryProcess => &self.delivery_process,
            ProjectField::Toolchain => &self.toolchain,
            ProjectField::BranchModel => &self.branch_model,
            ProjectField::Environments => &self.environments,
            ProjectField::IterationLength => &self.iteration_length,
            ProjectField::ReleaseFrequency => &self.release_frequency,
            ProjectField::DeploymentFailureRate => &self.deployment_failure_rate,
            ProjectField::EfficiencyTeam => &self.efficiency_team,
        }
    }

    pub fn get_mut(&mut self, f: ProjectField) -> &mut String {
        match f {
            ProjectField::Organisation => &mut self.organisation,
            ProjectField::Project => &mut self.project,
            ProjectField::Summary => &mut self.summary,
            ProjectField::ProductionEnvironment => &mut self.production_environment,
            ProjectField::TeamDevelopers => &mut self.team_developers,
            ProjectField::TeamTesters => &mut self.team_testers,
            ProjectField::TeamOperations => &mut self.team_operations,
            ProjectField::TeamOthers => &mut self.team_others,
            ProjectField::Architecture => &mut self.architecture,
            ProjectField::DeliveryProcess => &mut self.delivery_process,
            ProjectField::Toolchain => &mut self.toolchain,
            ProjectField::BranchModel => &mut self.branch_model,
            ProjectField::Environments => &mut self.environments,
            ProjectField::IterationLength => &mut self.iteration_length,
            ProjectField::ReleaseFrequency => &mut self.release_frequency,
            ProjectField::DeploymentFailureRate => &mut self.deployment_failure_rate,
            ProjectField::EfficiencyTeam => &mut self.efficiency_team,
        }
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
}

impl Edit {
    /// Whether the change counts towards the "export again" reminder. Answers, notes and
    /// evidence do; switching the display language does not.
    pub fn is_meaningful(&self) -> bool {
        !matches!(self, Edit::Language(_) | Edit::Exported(_))
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
                .map(|(n, e)| EvidenceEntry::expected(n + 1, e))
                .collect::<Vec<_>>();
            if !evidence.is_empty() {
                items.insert(
                    model.item(i).code.clone(),
                    ItemWork {
                        notes: String::new(),
                        evidence,
                    },
                );
            }
        }
        Assessment {
            id: id.into(),
            name: name.into(),
            model: model.reference(),
            target_level: target_level.clamp(2, 5),
            language,
            project: Project::default(),
            created_at: now.to_string(),
            updated_at: now.to_string(),
            answers: BTreeMap::new(),
            items,
            set_aside: BTreeMap::new(),
            last_exported_at: None,
            changes_since_export: 0,
        }
    }

    pub fn status(&self, req: &str) -> Option<Status> {
        self.answers.get(req).map(|a| a.status)
    }

    /// Applies a change. Returns whether anything changed; `updated_at` moves only then.
    pub fn apply(&mut self, edit: &Edit, now: &str) -> bool {
        let changed = self.apply_inner(edit);
        if changed {
            self.updated_at = now.to_string();
            if edit.is_meaningful() {
                self.changes_since_export = self.changes_since_export.saturating_add(1);
            }
        }
        changed
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
                let next = next_entry_number(&work.evidence);
                work.evidence.push(EvidenceEntry {
                    id: format!("e{next}"),
                    reference: None,
                    title: String::new(),
                    kind: EntryKind::Document,
                    location: String::new(),
                    status: EvidenceStatus::Missing,
                    owner: String::new(),
                    due: String::new(),
                });
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
                let t = (*t).clamp(2, 5);
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
        }
    }

    /// Records a successful export.
    pub fn mark_exported(&mut self, now: &str) {
        self.last_exported_at = Some(now.to_string());
        self.changes_since_export = 0;
    }

    /// Answers given, notes written and evidence touched: what a user would miss if it vanished.
    pub fn has_work(&self) -> bool {
        !self.answers.is_empty()
            || !self.set_aside.is_empty()
            || self.items.values().any(|w| {
                !w.notes.is_empty()
                    || w.evidence.iter().any(|e| {
                        e.reference.is_none()
                            || e.status != EvidenceStatus::Missing
                            || !e.location.is_empty()
                            || !e.owner.is_empty()
                    })
            })
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

fn next_entry_number(entries: &[EvidenceEntry]) -> u32 {
    entries
        .iter()
        .filter_map(|e| e.id.strip_prefix('e').and_then(|n| n.parse::<u32>().ok()))
        .max()
        .unwrap_or(0)
        + 1
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
