//! Undo and redo of a person's edits, one by one.
//!
//! An edit made here becomes a [`Step`]: the edits that put back what it changed (taken from
//! the assessment before it applies) and the edits that make it again, both as plain setters
//! ("this answer is Met", "this entry is back at position 2"). Undoing applies the first list
//! as new [`Edit`]s, so an undo is saved, merged with another tab's writes and stamped like any
//! change; nothing is rewound in storage. Before a step applies, it checks that the assessment
//! still holds what the step made: when another tab or a merge changed the same thing since,
//! the step is dropped instead of overwriting that later work, and the user is told.
//!
//! A [`History`] is one assessment's steps in one tab. The workspace keeps it in the tab's
//! session store (sessionStorage), so it survives a reload and ends with the tab, like a text
//! editor's undo; other tabs keep their own and never undo each other's edits.

use serde::{Deserialize, Serialize};

use crate::assess::assessment::{
    added_entry, Assessment, Edit, EvidenceEntry, EvidenceField, NaReason, ProjectField,
};
use crate::text::i18n;
use crate::text::Lang;

/// How many steps a history keeps (the oldest go first).
pub const HISTORY_MAX: usize = 100;
/// The most characters a history's stored text may take (the oldest steps go first): typed
/// notes are kept whole in each step, and the session store is small.
pub const HISTORY_MAX_CHARS: usize = 400_000;
/// The version of a history's stored text; another version is not read (the history starts
/// empty).
const HISTORY_VERSION: u32 = 1;

/// What one step changed, for the user ("Undone: the answer to CM-VC-VCS-L2-1").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Subject {
    Answer(String),
    Comment(String),
    NaReason(String),
    Notes(String),
    /// An evidence entry of a sub-item.
    Evidence(String),
    Project(ProjectField),
    Target,
    Name,
}

impl Subject {
    fn of(edit: &Edit) -> Subject {
        match edit {
            Edit::Answer { req, .. } => Subject::Answer(req.clone()),
            Edit::Comment { req, .. } => Subject::Comment(req.clone()),
            Edit::NaReason { req, .. } | Edit::ClearNaReason { req } => {
                Subject::NaReason(req.clone())
            }
            Edit::Notes { item, .. } => Subject::Notes(item.clone()),
            Edit::Evidence { item, .. }
            | Edit::AddEvidence { item }
            | Edit::RemoveEvidence { item, .. }
            | Edit::InsertEvidence { item, .. } => Subject::Evidence(item.clone()),
            Edit::Project { field, .. } => Subject::Project(*field),
            Edit::Target(_) => Subject::Target,
            Edit::Rename(_)
            | Edit::Language(_)
            | Edit::Exported(_)
            | Edit::Attribute { .. }
            | Edit::Review(_)
            | Edit::EvidenceCheck(_) => Subject::Name,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            Subject::Answer(id) => i18n::UNDO_WHAT_ANSWER.fmt(lang, &[("id", id)]),
            Subject::Comment(id) => i18n::UNDO_WHAT_COMMENT.fmt(lang, &[("id", id)]),
            Subject::NaReason(id) => i18n::UNDO_WHAT_NA_REASON.fmt(lang, &[("id", id)]),
            Subject::Notes(code) => i18n::UNDO_WHAT_NOTES.fmt(lang, &[("code", code)]),
            Subject::Evidence(code) => i18n::UNDO_WHAT_EVIDENCE.fmt(lang, &[("code", code)]),
            Subject::Project(field) => {
                i18n::UNDO_WHAT_PROJECT.fmt(lang, &[("field", &field.text().get(lang))])
            }
            Subject::Target => i18n::UNDO_WHAT_TARGET.get(lang).to_string(),
            Subject::Name => i18n::UNDO_WHAT_NAME.get(lang).to_string(),
        }
    }
}

/// One undoable change: what puts it back, and what makes it again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub undo: Vec<Edit>,
    pub redo: Vec<Edit>,
}

impl Step {
    /// The step `edit` makes on `a`, taken before it applies. None for what is not undone one
    /// by one: the display language, exports, a name given to earlier changes, the review
    /// choice, the record of a materials check, and edits that find nothing to change (an evidence field of no entry).
    pub fn of(a: &Assessment, edit: &Edit) -> Option<Step> {
        let undo = match edit {
            Edit::Answer { req, status } => {
                let before = a.answers.get(req);
                match (before, status) {
                    (None, _) => {
                        // What an undo removes must still be the bare answer this made: a
                        // comment or reason added since (here or in another tab) is not
                        // cleared with it.
                        let redo = vec![
                            edit.clone(),
                            Edit::Comment {
                                req: req.clone(),
                                text: String::new(),
                            },
                            Edit::ClearNaReason { req: req.clone() },
                        ];
                        let undo = vec![Edit::Answer {
                            req: req.clone(),
                            status: None,
                        }];
                        return Some(Step { undo, redo });
                    }
                    (Some(b), Some(_)) => vec![Edit::Answer {
                        req: req.clone(),
                        status: Some(b.status),
                    }],
                    (Some(b), None) => vec![
                        Edit::Answer {
                            req: req.clone(),
                            status: Some(b.status),
                        },
                        Edit::Comment {
                            req: req.clone(),
                            text: b.comment.clone(),
                        },
                        reason_edit(req, b.na_reason.as_ref()),
                    ],
                }
            }
            Edit::Comment { req, .. } => vec![Edit::Comment {
                req: req.clone(),
                text: a.answers.get(req)?.comment.clone(),
            }],
            Edit::NaReason { req, .. } | Edit::ClearNaReason { req } => {
                vec![reason_edit(req, a.answers.get(req)?.na_reason.as_ref())]
            }
            Edit::Notes { item, .. } => vec![Edit::Notes {
                item: item.clone(),
                text: a
                    .items
                    .get(item)
                    .map(|w| w.notes.clone())
                    .unwrap_or_default(),
            }],
            Edit::Evidence { item, id, field } => {
                let (_, entry) = entry(a, item, id)?;
                vec![Edit::Evidence {
                    item: item.clone(),
                    id: id.clone(),
                    field: field_of(entry, field),
                }]
            }
            Edit::AddEvidence { item } => {
                let existing = a.items.get(item).map_or(&[][..], |w| &w.evidence[..]);
                let added = added_entry(existing);
                let undo = vec![Edit::RemoveEvidence {
                    item: item.clone(),
                    id: added.id.clone(),
                }];
                // Made again, it comes back under the same id, where it was.
                let redo = vec![Edit::InsertEvidence {
                    item: item.clone(),
                    at: existing.len(),
                    entry: added,
                }];
                return Some(Step { undo, redo });
            }
            Edit::RemoveEvidence { item, id } => {
                let (at, entry) = entry(a, item, id)?;
                vec![Edit::InsertEvidence {
                    item: item.clone(),
                    at,
                    entry: entry.clone(),
                }]
            }
            Edit::InsertEvidence {
                item, entry: new, ..
            } => match entry(a, item, &new.id) {
                Some((at, old)) => vec![Edit::InsertEvidence {
                    item: item.clone(),
                    at,
                    entry: old.clone(),
                }],
                None => vec![Edit::RemoveEvidence {
                    item: item.clone(),
                    id: new.id.clone(),
                }],
            },
            Edit::Project { field, .. } => vec![Edit::Project {
                field: *field,
                value: a.project.get(*field).to_string(),
            }],
            Edit::Target(_) => vec![Edit::Target(a.target_level)],
            Edit::Rename(_) => vec![Edit::Rename(a.name.clone())],
            // The record of a materials check is replaced by the next check; taking its result
            // is undone by the materials check's own undo.
            Edit::Language(_)
            | Edit::Exported(_)
            | Edit::Attribute { .. }
            | Edit::Review(_)
            | Edit::EvidenceCheck(_) => return None,
        };
        Some(Step {
            undo,
            redo: vec![edit.clone()],
        })
    }

    /// What the step changes.
    pub fn subject(&self) -> Subject {
        self.redo
            .first()
            .or(self.undo.first())
            .map_or(Subject::Name, Subject::of)
    }

    /// The text field a step was typed into, when it was: consecutive steps of one field are
    /// one step (undo takes back what was typed there, not a letter).
    fn typed_field(&self) -> Option<String> {
        let [edit] = &self.redo[..] else {
            return None;
        };
        Some(match edit {
            Edit::Comment { req, .. } => format!("comment {req}"),
            Edit::NaReason { req, .. } => format!("reason {req}"),
            Edit::Notes { item, .. } => format!("notes {item}"),
            Edit::Evidence { item, id, field } => {
                let name = match field {
                    EvidenceField::Title(_) => "title",
                    EvidenceField::Location(_) => "location",
                    EvidenceField::Owner(_) => "owner",
                    EvidenceField::Due(_) => "due",
                    EvidenceField::Kind(_) | EvidenceField::Status(_) => return None,
                };
                format!("evidence {item}/{id} {name}")
            }
            Edit::Project { field, .. } => format!("project {}", field.code()),
            Edit::Rename(_) => "name".to_string(),
            _ => return None,
        })
    }
}

/// The edit that sets a requirement's N/A reason to `reason` (or removes it).
fn reason_edit(req: &str, reason: Option<&NaReason>) -> Edit {
    match reason {
        Some(r) => Edit::NaReason {
            req: req.to_string(),
            kind: r.kind,
            text: r.text.clone(),
        },
        None => Edit::ClearNaReason {
            req: req.to_string(),
        },
    }
}

/// An evidence entry and its position.
fn entry<'a>(a: &'a Assessment, item: &str, id: &str) -> Option<(usize, &'a EvidenceEntry)> {
    a.items
        .get(item)?
        .evidence
        .iter()
        .enumerate()
        .find(|(_, e)| e.id == id)
}

/// The entry's present value of the field `like` names.
fn field_of(e: &EvidenceEntry, like: &EvidenceField) -> EvidenceField {
    match like {
        EvidenceField::Title(_) => EvidenceField::Title(e.title.clone()),
        EvidenceField::Kind(_) => EvidenceField::Kind(e.kind),
        EvidenceField::Location(_) => EvidenceField::Location(e.location.clone()),
        EvidenceField::Status(_) => EvidenceField::Status(e.status),
        EvidenceField::Owner(_) => EvidenceField::Owner(e.owner.clone()),
        EvidenceField::Due(_) => EvidenceField::Due(e.due.clone()),
    }
}

/// Whether `a` holds what `edits` set: applying them would change nothing.
pub fn holds(a: &Assessment, edits: &[Edit]) -> bool {
    let mut copy = a.clone();
    edits.iter().all(|e| !copy.apply(e, ""))
}

/// What taking a step from a history gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Taken {
    /// Nothing to undo (or redo).
    Nothing,
    /// Apply these edits, in order; the step changed this.
    Apply(Vec<Edit>, Subject),
    /// The assessment no longer holds what the step made (changed since in another tab or by
    /// a merge): the step was dropped and nothing is to be applied.
    Stale(Subject),
}

/// One assessment's undo and redo steps in one tab.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    #[serde(default)]
    version: u32,
    #[serde(default)]
    undo: Vec<Step>,
    #[serde(default)]
    redo: Vec<Step>,
    /// The last step may take in the next edit of the same text field (typing goes on).
    #[serde(default)]
    open: bool,
}

impl History {
    /// Records a step of a new edit: redo is no longer possible. Typing on in the same field
    /// extends the last step.
    pub fn record(&mut self, step: Step) {
        self.redo.clear();
        match self.undo.last_mut() {
            Some(last)
                if self.open
                    && last.typed_field().is_some()
                    && last.typed_field() == step.typed_field() =>
            {
                last.redo = step.redo;
            }
            _ => self.undo.push(step),
        }
        self.open = true;
        if self.undo.len() > HISTORY_MAX {
            let extra = self.undo.len() - HISTORY_MAX;
            self.undo.drain(..extra);
        }
    }

    /// Ends the step being typed: the next edit of the same field is a step of its own.
    pub fn seal(&mut self) {
        self.open = false;
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// What the next undo would take back.
    pub fn next_undo(&self) -> Option<Subject> {
        self.undo.last().map(Step::subject)
    }

    /// What the next redo would make again.
    pub fn next_redo(&self) -> Option<Subject> {
        self.redo.last().map(Step::subject)
    }

    /// Takes the last step back, if `a` still holds what it made.
    pub fn undo(&mut self, a: &Assessment) -> Taken {
        self.open = false;
        let Some(step) = self.undo.pop() else {
            return Taken::Nothing;
        };
        let subject = step.subject();
        if !holds(a, &step.redo) {
            return Taken::Stale(subject);
        }
        let edits = step.undo.clone();
        self.redo.push(step);
        Taken::Apply(edits, subject)
    }

    /// Makes the last undone step again, if `a` still holds what the undo put back.
    pub fn redo(&mut self, a: &Assessment) -> Taken {
        self.open = false;
        let Some(step) = self.redo.pop() else {
            return Taken::Nothing;
        };
        let subject = step.subject();
        if !holds(a, &step.undo) {
            return Taken::Stale(subject);
        }
        let edits = step.redo.clone();
        self.undo.push(step);
        Taken::Apply(edits, subject)
    }

    /// The history as stored in the session store, within [`HISTORY_MAX_CHARS`] (the oldest
    /// steps go first, redo steps before undo steps).
    pub fn encode(&mut self) -> String {
        self.version = HISTORY_VERSION;
        loop {
            let text = serde_json::to_string(self).unwrap_or_default();
            if text.chars().count() <= HISTORY_MAX_CHARS {
                return text;
            }
            if !self.redo.is_empty() {
                self.redo.remove(0);
            } else if !self.undo.is_empty() {
                self.undo.remove(0);
            } else {
                return text;
            }
        }
    }

    /// A history read back; an empty one when the text is not one this version wrote.
    pub fn decode(text: &str) -> History {
        serde_json::from_str::<History>(text)
            .ok()
            .filter(|h| h.version == HISTORY_VERSION)
            .unwrap_or_default()
    }
}
