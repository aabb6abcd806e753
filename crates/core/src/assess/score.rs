//! Scoring: one pure function from a model and answers to every computed level, label and
//! count the workbook shows or exports. Views read a memo of its result; nothing else computes
//! levels.

use std::collections::BTreeMap;
use std::fmt;

use crate::assess::assessment::{Answer, NaKind, Status};
use crate::assess::rule::Rule;
use crate::model::{LoadedModel, Node, MAX_LEVEL, MIN_LEVEL};
use crate::text::i18n::clarity;
use crate::text::Lang;

/// A computed level as CAICT's form writes it: `3`, or `3-` (at level 2 with some level-3
/// requirements met or partly met).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Label {
    /// The level reached (1..=5); `data-level` carries this number.
    pub level: u8,
    /// Progress towards the next level.
    pub partial: bool,
}

impl Label {
    /// Level 1 with no progress: where every node starts before anything is answered.
    pub const BASELINE: Label = Label {
        level: 1,
        partial: false,
    };

    /// The label in words, the level reached first and progress on the next level after it
    /// ("2 级，3 级部分达成" / "level 2, progress on 3"): what every view and writer shows
    /// where CAICT's "3-" could be read as "almost 3".
    pub fn words(self, lang: Lang) -> String {
        if self.partial {
            clarity::LEVEL_WORDS_PARTIAL.fmt(lang, &[("n", &self.level), ("m", &(self.level + 1))])
        } else {
            clarity::LEVEL_WORDS.fmt(lang, &[("n", &self.level)])
        }
    }

    /// The secondary part alone ("3 级部分达成" / "progress on 3"), None without progress.
    pub fn progress_words(self, lang: Lang) -> Option<String> {
        self.partial
            .then(|| clarity::LEVEL_PROGRESS.fmt(lang, &[("m", &(self.level + 1))]))
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.partial {
            write!(f, "{}-", self.level + 1)
        } else {
            write!(f, "{}", self.level)
        }
    }
}

/// The result for one node of the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodeScore {
    pub label: Label,
    /// Requirements with any answer, out of `total` (levels 2 to 5).
    pub answered: u32,
    pub total: u32,
    /// Requirements at levels up to the target that are not satisfied.
    pub blocking: u32,
    pub not_applicable: u32,
}

impl NodeScore {
    pub fn level(&self) -> u8 {
        self.label.level
    }

    /// Whether the outline shows a sub-item with this score under `filter`.
    pub fn shown_by(&self, filter: Filter) -> bool {
        match filter {
            Filter::All => true,
            Filter::Unanswered => self.answered != self.total,
            Filter::Blocking => self.blocking != 0,
            Filter::NotApplicable => self.not_applicable != 0,
        }
    }
}

/// Which sub-items the outline shows, judged on each one's score ([`NodeScore::shown_by`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Filter {
    #[default]
    All,
    /// Some requirement has no answer yet.
    Unanswered,
    /// Some requirement up to the target is not satisfied.
    Blocking,
    /// Some requirement is not applicable.
    NotApplicable,
}

impl Filter {
    pub const ALL: [Filter; 4] = [
        Filter::All,
        Filter::Unanswered,
        Filter::Blocking,
        Filter::NotApplicable,
    ];

    /// The word in the page's hooks (`data-filter`).
    pub fn code(self) -> &'static str {
        match self {
            Filter::All => "all",
            Filter::Unanswered => "unanswered",
            Filter::Blocking => "blocking",
            Filter::NotApplicable => "notapplicable",
        }
    }
}

/// Per sub-item detail beyond the node score.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ItemDetail {
    /// Whether each of levels 2..=5 is met on its own terms (`[0]` is level 2).
    pub level_met: [bool; 4],
    /// Whether some requirement of each of levels 2..=5 is met or partly met.
    pub progress: [bool; 4],
}

#[derive(Clone, Debug, PartialEq)]
pub struct Results {
    pub rule: Rule,
    pub target: u8,
    pub items: Vec<NodeScore>,
    pub item_details: Vec<ItemDetail>,
    pub capabilities: Vec<NodeScore>,
    pub domains: Vec<NodeScore>,
    pub part: NodeScore,
    /// Number of sub-items at each level, `[0]` is level 1.
    pub distribution: [u32; 5],
    /// Satisfied requirements of levels 2..=target, out of all of them.
    pub satisfied_to_target: u32,
    pub required_to_target: u32,
    /// Not-applicable answers by reason: out of scope, not used, other, no reason given.
    pub na_by_reason: [u32; 4],
    /// Blocking requirements (levels up to the target, not satisfied), in model order.
    pub blocking: Vec<usize>,
    /// The answer of each requirement, by requirement index.
    pub statuses: Vec<Option<Status>>,
}

impl Results {
    pub fn node(&self, node: Node) -> &NodeScore {
        match node {
            Node::Part => &self.part,
            Node::Domain(d) => &self.domains[d],
            Node::Capability(c) => &self.capabilities[c],
            Node::Item(i) => &self.items[i],
        }
    }

    /// Like [`Results::node`], but None for an index this result does not have (a view of
    /// another model that is being replaced).
    pub fn get(&self, node: Node) -> Option<&NodeScore> {
        match node {
            Node::Part => Some(&self.part),
            Node::Domain(d) => self.domains.get(d),
            Node::Capability(c) => self.capabilities.get(c),
            Node::Item(i) => self.items.get(i),
        }
    }

    pub fn na_total(&self) -> u32 {
        self.na_by_reason.iter().sum()
    }

    /// Whether a requirement counts under the rule.
    pub fn satisfied(&self, r: usize) -> bool {
        self.rule.is_satisfied(self.statuses[r])
    }

    /// Share of requirements up to the target that are satisfied, 0.0..=1.0.
    pub fn share_to_target(&self) -> f64 {
        if self.required_to_target == 0 {
            1.0
        } else {
            f64::from(self.satisfied_to_target) / f64::from(self.required_to_target)
        }
    }
}

/// Computes every result. Answers to requirements the model does not have are ignored here
/// (they are kept aside by the assessment, not scored).
pub fn score(
    model: &LoadedModel,
    answers: &BTreeMap<String, Answer>,
    target: u8,
    rule: Rule,
) -> Results {
    let target = target.clamp(MIN_LEVEL + 1, MAX_LEVEL);
    let mut statuses: Vec<Option<Status>> = vec![None; model.requirement_count()];
    let mut na_by_reason = [0u32; 4];
    for (id, answer) in answers {
        if let Some(r) = model.find_requirement(id) {
            statuses[r] = Some(answer.status);
            if answer.status == Status::NotApplicable {
                let slot = match answer.na_reason.as_ref().map(|n| n.kind) {
                    Some(NaKind::OutOfScope) => 0,
                    Some(NaKind::NotUsed) => 1,
                    Some(NaKind::Other) => 2,
                    None => 3,
                };
                na_by_reason[slot] += 1;
            }
        }
    }

    let mut items = Vec::with_capacity(model.item_count());
    let mut item_details = Vec::with_capacity(model.item_count());
    let mut distribution = [0u32; 5];
    let mut blocking = Vec::new();
    let mut satisfied_to_target = 0;
    let mut required_to_target = 0;
    for i in 0..model.item_count() {
        let index = model.item_index(i);
        let mut level_met = [false; 4];
        let mut progress = [false; 4];
        let mut lower_met = true; // level 1 is the baseline, always "met"
        let (mut answered, mut total, mut item_blocking, mut na) = (0, 0, 0, 0);
        for slot in 0..4 {
            let level = slot as u8 + 2;
            let range = index.levels[slot].clone();
            let met = rule.level_met(
                index.same_as_lower[slot],
                lower_met,
                range.clone().map(|r| statuses[r]),
            );
            level_met[slot] = met;
            lower_met = met;
            for r in range {
                let s = statuses[r];
                total += 1;
                answered += u32::from(s.is_some());
                na += u32::from(s == Some(Status::NotApplicable));
                progress[slot] |= rule.shows_progress(s);
                if level <= target {
                    required_to_target += 1;
                    if rule.is_satisfied(s) {
                        satisfied_to_target += 1;
                    } else {
                        item_blocking += 1;
                        blocking.push(r);
                    }
                }
            }
        }
        let level = 1 + level_met.iter().take_while(|m| **m).count() as u8;
        let partial = level < MAX_LEVEL && progress[usize::from(level - 1)];
        distribution[usize::from(level - 1)] += 1;
        items.push(NodeScore {
            label: Label { level, partial },
            answered,
            total,
            blocking: item_blocking,
            not_applicable: na,
        });
        item_details.push(ItemDetail {
            level_met,
            progress,
        });
    }

    // A parent's level comes from its children's levels (through the rule); its counts and
    // its "N-" progress come from the sub-items below it, which are one contiguous range
    // because items are laid out in model order.
    let combine = |children: &mut dyn Iterator<Item = u8>, range: std::ops::Range<usize>| {
        let level = rule.aggregate(children);
        let partial = level < MAX_LEVEL
            && range
                .clone()
                .any(|i| item_details[i].progress[usize::from(level - 1)]);
        let mut node = NodeScore {
            label: Label { level, partial },
            answered: 0,
            total: 0,
            blocking: 0,
            not_applicable: 0,
        };
        for i in range {
            node.answered += items[i].answered;
            node.total += items[i].total;
            node.blocking += items[i].blocking;
            node.not_applicable += items[i].not_applicable;
        }
        node
    };

    let capabilities: Vec<NodeScore> = (0..model.capability_count())
        .map(|c| {
            let range = model.capability_items(c);
            combine(&mut range.clone().map(|i| items[i].label.level), range)
        })
        .collect();
    let domains: Vec<NodeScore> = (0..model.domain_count())
        .map(|d| {
            let caps = model.domain_capabilities(d);
            let first = caps
                .clone()
                .next()
                .map_or(0, |c| model.capability_items(c).start);
            let last = caps
                .clone()
                .last()
                .map_or(0, |c| model.capability_items(c).end);
            combine(&mut caps.map(|c| capabilities[c].label.level), first..last)
        })
        .collect();
    let part = combine(
        &mut domains.iter().map(|d| d.label.level),
        0..model.item_count(),
    );

    Results {
        rule,
        target,
        items,
        item_details,
        capabilities,
        domains,
        part,
        distribution,
        satisfied_to_target,
        required_to_target,
        na_by_reason,
        blocking,
        statuses,
    }
}
