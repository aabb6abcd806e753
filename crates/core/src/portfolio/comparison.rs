//! Progress over time: how one member moved since another, sub-item by sub-item and answer by
//! answer, and which two members of one project to compare first.

use super::matrix::rank;
use super::{Member, Portfolio, RowKind};
use crate::assess::assessment::Status;
use crate::assess::score::Label;
use crate::text::i18n::{self, T};
use crate::text::Text;

impl Portfolio {
    /// Two members of the same project, the earliest and the latest by their last change: the
    /// first project (in the members' order) with more than one assessment or revision (copies
    /// of one revision count once).
    pub fn default_pair(&self) -> Option<(usize, usize)> {
        let at = |j: usize| &self.members[j].assessment.updated_at;
        for (n, &i) in self.choices.iter().enumerate() {
            let project = self.members[i].assessment.project_name();
            let (mut first, mut last) = (i, i);
            for &j in &self.choices[n + 1..] {
                if self.members[j].assessment.project_name() != project {
                    continue;
                }
                if at(j) < at(first) {
                    first = j;
                }
                if at(j) >= at(last) {
                    last = j;
                }
            }
            if first != last {
                return Some((first, last));
            }
        }
        None
    }

    /// How `later` moved since `earlier` (indexes into the members).
    pub fn compare(&self, earlier: usize, later: usize) -> Option<Comparison> {
        let (e, l) = (self.members.get(earlier)?, self.members.get(later)?);
        let items = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.kind == RowKind::Item)
            .filter_map(|(i, r)| {
                let (before, after) = (self.labels[earlier][i], self.labels[later][i]);
                let change = match (before, after) {
                    (None, None) => return None,
                    (Some(_), None) => Change::OnlyBefore,
                    (None, Some(_)) => Change::OnlyAfter,
                    (Some(b), Some(a)) if rank(a) > rank(b) => Change::Rose,
                    (Some(b), Some(a)) if rank(a) < rank(b) => Change::Fell,
                    _ => Change::Stayed,
                };
                Some(ItemChange {
                    code: r.code.clone(),
                    name: r.name.clone(),
                    before,
                    after,
                    change,
                })
            })
            .collect();
        // Requirements of either model: the later model's order, then those only the earlier
        // one has.
        let status = |m: &Member, id: &str| {
            m.model
                .find_requirement(id)
                .and_then(|_| m.assessment.status(id))
        };
        let item_of = |m: &Member, id: &str| {
            m.model
                .find_requirement(id)
                .map(|r| m.model.item(m.model.requirement_pos(r).item).code.clone())
        };
        let mut answers = Vec::new();
        let ids = (0..l.model.requirement_count())
            .map(|r| (l, l.model.requirement_id(r)))
            .chain(
                (0..e.model.requirement_count())
                    .map(|r| (e, e.model.requirement_id(r)))
                    .filter(|(_, id)| l.model.find_requirement(id).is_none()),
            );
        for (m, id) in ids {
            let (before, after) = (status(e, id), status(l, id));
            if before != after {
                answers.push(AnswerChange {
                    requirement: id.to_string(),
                    item: item_of(m, id).unwrap_or_default(),
                    before,
                    after,
                });
            }
        }
        Some(Comparison {
            earlier,
            later,
            same_project: e.assessment.project_name() == l.assessment.project_name(),
            items,
            answers,
            blocking: (e.results.blocking.len(), l.results.blocking.len()),
            overall: (e.results.part.label, l.results.part.label),
            targets: (e.assessment.target_level, l.assessment.target_level),
        })
    }
}

/// How a sub-item moved between two assessments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Rose,
    Fell,
    Stayed,
    /// Only the earlier assessment's model has it.
    OnlyBefore,
    /// Only the later assessment's model has it.
    OnlyAfter,
}

impl Change {
    pub const ALL: [Change; 5] = [
        Change::Rose,
        Change::Fell,
        Change::Stayed,
        Change::OnlyBefore,
        Change::OnlyAfter,
    ];

    /// The word used in the page's hooks (`data-change`).
    pub fn code(self) -> &'static str {
        match self {
            Change::Rose => "rose",
            Change::Fell => "fell",
            Change::Stayed => "stayed",
            Change::OnlyBefore => "only-before",
            Change::OnlyAfter => "only-after",
        }
    }

    pub fn text(self) -> T {
        match self {
            Change::Rose => i18n::PORT_ROSE,
            Change::Fell => i18n::PORT_FELL,
            Change::Stayed => i18n::PORT_STAYED,
            Change::OnlyBefore => i18n::PORT_ONLY_BEFORE,
            Change::OnlyAfter => i18n::PORT_ONLY_AFTER,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ItemChange {
    pub code: String,
    pub name: Text,
    pub before: Option<Label>,
    pub after: Option<Label>,
    pub change: Change,
}

/// A requirement whose answer differs between the two assessments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerChange {
    pub requirement: String,
    /// The code of its sub-item.
    pub item: String,
    pub before: Option<Status>,
    pub after: Option<Status>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// Indexes of the members compared.
    pub earlier: usize,
    pub later: usize,
    pub same_project: bool,
    /// Every sub-item either model has, in the matrix's row order.
    pub items: Vec<ItemChange>,
    pub answers: Vec<AnswerChange>,
    /// Blocking requirements (up to each one's target), then and now.
    pub blocking: (usize, usize),
    pub overall: (Label, Label),
    pub targets: (u8, u8),
}

impl Comparison {
    /// The sub-items that rose or fell.
    pub fn moved(&self) -> impl Iterator<Item = &ItemChange> {
        self.items
            .iter()
            .filter(|c| matches!(c.change, Change::Rose | Change::Fell))
    }

    pub fn count(&self, change: Change) -> usize {
        self.items.iter().filter(|c| c.change == change).count()
    }
}
