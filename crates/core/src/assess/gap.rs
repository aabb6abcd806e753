//! What stands between a team and its target: the blocking requirements grouped as the model
//! is, what the next level of each sub-item takes, and the evidence still to prepare.

use crate::assess::assessment::{Assessment, EntryKind, EvidenceEntry, EvidenceStatus};
use crate::assess::score::Results;
use crate::model::{ExpectedEvidence, LoadedModel};
use crate::text::Lang;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GapItem {
    pub item: usize,
    /// Blocking requirement indexes, in model order.
    pub requirements: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GapCapability {
    pub capability: usize,
    pub count: usize,
    pub items: Vec<GapItem>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GapDomain {
    pub domain: usize,
    pub count: usize,
    pub capabilities: Vec<GapCapability>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gap {
    pub target: u8,
    pub total: usize,
    pub domains: Vec<GapDomain>,
}

/// Groups the blocking requirements of `results` by domain, capability and sub-item.
pub fn gap(model: &LoadedModel, results: &Results) -> Gap {
    let mut domains: Vec<GapDomain> = Vec::new();
    for &r in &results.blocking {
        let item = model.requirement_pos(r).item;
        let index = model.item_index(item);
        if domains.last().is_none_or(|d| d.domain != index.domain) {
            domains.push(GapDomain {
                domain: index.domain,
                count: 0,
                capabilities: Vec::new(),
            });
        }
        let domain = domains.last_mut().expect("pushed above");
        domain.count += 1;
        if domain
            .capabilities
            .last()
            .is_none_or(|c| c.capability != index.capability)
        {
            domain.capabilities.push(GapCapability {
                capability: index.capability,
                count: 0,
                items: Vec::new(),
            });
        }
        let cap = domain.capabilities.last_mut().expect("pushed above");
        cap.count += 1;
        if cap.items.last().is_none_or(|i| i.item != item) {
            cap.items.push(GapItem {
                item,
                requirements: Vec::new(),
            });
        }
        cap.items
            .last_mut()
            .expect("pushed above")
            .requirements
            .push(r);
    }
    Gap {
        target: results.target,
        total: results.blocking.len(),
        domains,
    }
}

/// What a sub-item needs to reach the level above its current one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextStep {
    pub level: u8,
    /// Requirements of that level not yet satisfied.
    pub requirements: Vec<usize>,
}

pub fn next_step(model: &LoadedModel, results: &Results, item: usize) -> Option<NextStep> {
    let current = results.items[item].label.level;
    if current >= 5 {
        return None;
    }
    let next = current + 1;
    let range = model.item_index(item).levels[usize::from(next - 2)].clone();
    let requirements = range.filter(|&r| !results.satisfied(r)).collect();
    Some(NextStep {
        level: next,
        requirements,
    })
}

/// One line of the evidence plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanLine {
    /// Index into the sub-item's expected evidence, when it comes from the model.
    pub expected: Option<usize>,
    /// The team's entry tracking it, when there is one.
    pub entry: Option<EvidenceEntry>,
    /// Levels whose evidence lists name it (empty for an entry the team added).
    pub levels: Vec<u8>,
}

impl PlanLine {
    pub fn status(&self) -> EvidenceStatus {
        self.entry.as_ref().map(|e| e.status).unwrap_or_default()
    }

    /// The model's expected evidence this line tracks, if any.
    pub fn expected_in<'m>(
        &self,
        model: &'m LoadedModel,
        item: usize,
    ) -> Option<&'m ExpectedEvidence> {
        self.expected.map(|n| &model.item_index(item).evidence[n])
    }

    /// The checklist code: the model evidence's, else the sub-item's (an entry the team added).
    pub fn code<'a>(&self, expected: Option<&'a ExpectedEvidence>, item_code: &'a str) -> &'a str {
        expected.map_or(item_code, |e| e.code.as_str())
    }

    /// The levels that ask for it, as the checklist writes them (`2/3`).
    pub fn levels_text(&self) -> String {
        self.levels
            .iter()
            .map(u8::to_string)
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The kind: the team's choice, else the model's.
    pub fn kind(&self, expected: Option<&ExpectedEvidence>) -> EntryKind {
        self.entry
            .as_ref()
            .map(|e| e.kind)
            .or(expected.map(|e| e.kind.into()))
            .unwrap_or(EntryKind::Other)
    }

    /// The title: one the team typed, else the model's in the reader's language.
    pub fn title(&self, expected: Option<&ExpectedEvidence>, lang: Lang) -> String {
        match (&self.entry, expected) {
            (Some(e), _) if !e.title.is_empty() => e.title.clone(),
            (_, Some(x)) => x.title.get(lang).to_string(),
            _ => String::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanItem {
    pub item: usize,
    pub lines: Vec<PlanLine>,
}

/// Whether a target level calls for a piece of expected evidence: the target level's own
/// evidence, plus the level-3 evidence for a level-4 target where the checklist says so. CAICT's
/// checklist gives no separate level-5 materials ("not provided for now"), so a level-5 target
/// prepares everything a level-4 target does, plus any level-5 evidence a model names.
pub fn evidence_needed(levels: &[u8], target: u8, l4_needs_l3: bool) -> bool {
    match target {
        5 => levels.contains(&5) || evidence_needed(levels, 4, l4_needs_l3),
        4 => levels.contains(&4) || (l4_needs_l3 && levels.contains(&3)),
        t => levels.contains(&t),
    }
}

/// The evidence to prepare for the assessment's target, sub-item by sub-item, with the status
/// the team recorded. Entries the team added itself are always listed.
pub fn evidence_plan(model: &LoadedModel, assessment: &Assessment) -> Vec<PlanItem> {
    let target = assessment.target_level;
    let mut plan = Vec::new();
    for i in 0..model.item_count() {
        let item = model.item(i);
        let index = model.item_index(i);
        let entries: &[EvidenceEntry] = assessment
            .items
            .get(&item.code)
            .map_or(&[], |w| w.evidence.as_slice());
        let mut lines = Vec::new();
        for (n, expected) in index.evidence.iter().enumerate() {
            if evidence_needed(&expected.levels, target, item.l4_needs_l3_evidence) {
                let entry = entries
                    .iter()
                    .find(|e| e.reference.as_deref() == Some(expected.code.as_str()))
                    .cloned();
                lines.push(PlanLine {
                    expected: Some(n),
                    entry,
                    levels: expected.levels.clone(),
                });
            }
        }
        for entry in entries.iter().filter(|e| {
            e.reference
                .as_deref()
                .is_none_or(|r| index.evidence.iter().all(|x| x.code != r))
        }) {
            lines.push(PlanLine {
                expected: None,
                entry: Some(entry.clone()),
                levels: Vec::new(),
            });
        }
        if !lines.is_empty() {
            plan.push(PlanItem { item: i, lines });
        }
    }
    plan
}

/// Lines of a plan by status: missing, in progress, ready.
pub fn plan_counts(plan: &[PlanItem]) -> [usize; 3] {
    let mut counts = [0; 3];
    for line in plan.iter().flat_map(|p| &p.lines) {
        counts[match line.status() {
            EvidenceStatus::Missing => 0,
            EvidenceStatus::InProgress => 1,
            EvidenceStatus::Ready => 2,
        }] += 1;
    }
    counts
}
