//! The matrix: the rows of every member's model merged by code, each member's label of each
//! row, and the matrix a view asks for (a domain, "below target", the columns' order).

use std::collections::HashSet;

use super::duplicates::{one_per_assessment, Duplicate};
use super::{Member, MemberId, Origin};
use crate::assess::score::Label;
use crate::model::LoadedModel;
use crate::text::i18n::{self, T};
use crate::text::Text;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    Domain,
    Capability,
    Item,
}

impl RowKind {
    pub fn text(self) -> T {
        match self {
            RowKind::Domain => i18n::CSV_DOMAIN,
            RowKind::Capability => i18n::CSV_CAPABILITY,
            RowKind::Item => i18n::CSV_SUB_ITEM,
        }
    }

    /// The word used in the page's hooks (`data-row-kind`).
    pub fn code(self) -> &'static str {
        match self {
            RowKind::Domain => "domain",
            RowKind::Capability => "capability",
            RowKind::Item => "item",
        }
    }
}

/// A row of the matrix: a domain, capability or sub-item of any member's model, by code.
#[derive(Clone, Debug, PartialEq)]
pub struct RowSpec {
    pub kind: RowKind,
    pub code: String,
    /// The name in the first model (in load order) that has the code.
    pub name: Text,
    /// The code of the domain it belongs to.
    pub domain: String,
}

/// The rows of several models merged by code, in the order of the first model that has each;
/// a domain, capability or sub-item another model adds goes to the end of its group.
pub fn layout<'m>(models: impl IntoIterator<Item = &'m LoadedModel>) -> Vec<RowSpec> {
    struct Cap {
        code: String,
        name: Text,
        items: Vec<(String, Text)>,
    }
    struct Dom {
        code: String,
        name: Text,
        caps: Vec<Cap>,
    }
    let mut tree: Vec<Dom> = Vec::new();
    let mut items_seen: HashSet<String> = HashSet::new();
    for m in models {
        for d in &m.model.domains {
            let di = match tree.iter().position(|x| x.code == d.code) {
                Some(i) => i,
                None => {
                    tree.push(Dom {
                        code: d.code.clone(),
                        name: d.name.clone(),
                        caps: Vec::new(),
                    });
                    tree.len() - 1
                }
            };
            for c in &d.capabilities {
                let caps = &mut tree[di].caps;
                let ci = match caps.iter().position(|x| x.code == c.code) {
                    Some(i) => i,
                    None => {
                        caps.push(Cap {
                            code: c.code.clone(),
                            name: c.name.clone(),
                            items: Vec::new(),
                        });
                        caps.len() - 1
                    }
                };
                for it in &c.items {
                    if items_seen.insert(it.code.clone()) {
                        caps[ci].items.push((it.code.clone(), it.name.clone()));
                    }
                }
            }
        }
    }
    let mut rows = Vec::new();
    for d in tree {
        rows.push(RowSpec {
            kind: RowKind::Domain,
            code: d.code.clone(),
            name: d.name,
            domain: d.code.clone(),
        });
        for c in d.caps {
            rows.push(RowSpec {
                kind: RowKind::Capability,
                code: c.code,
                name: c.name,
                domain: d.code.clone(),
            });
            for (code, name) in c.items {
                rows.push(RowSpec {
                    kind: RowKind::Item,
                    code,
                    name,
                    domain: d.code.clone(),
                });
            }
        }
    }
    rows
}

/// The engine's label of a row's node in one member, None when its model has no such node.
fn label_in(m: &Member, row: &RowSpec) -> Option<Label> {
    let model = &m.model;
    match row.kind {
        RowKind::Domain => (0..model.domain_count())
            .find(|&d| model.domain(d).code == row.code)
            .map(|d| m.results.domains[d].label),
        RowKind::Capability => (0..model.capability_count())
            .find(|&c| model.capability(c).code == row.code)
            .map(|c| m.results.capabilities[c].label),
        RowKind::Item => model.find_item(&row.code).map(|i| m.results.items[i].label),
    }
}

/// Labels in order: level first, then progress towards the next ("3-" is above "2").
pub(super) fn rank(l: Label) -> (u8, bool) {
    (l.level, l.partial)
}

/// Whether a label reaches a target level.
pub fn reaches(l: Label, target: u8) -> bool {
    l.level >= target
}

/// The order of the columns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Order {
    /// As the members were added.
    #[default]
    Added,
    /// Lowest overall level first.
    LowestFirst,
    /// Highest overall level first.
    HighestFirst,
}

impl Order {
    pub const ALL: [Order; 3] = [Order::Added, Order::LowestFirst, Order::HighestFirst];

    pub fn code(self) -> &'static str {
        match self {
            Order::Added => "added",
            Order::LowestFirst => "lowest",
            Order::HighestFirst => "highest",
        }
    }

    pub fn from_code(code: &str) -> Option<Order> {
        Order::ALL.into_iter().find(|o| o.code() == code)
    }

    pub fn text(self) -> T {
        match self {
            Order::Added => i18n::PORT_ORDER_ADDED,
            Order::LowestFirst => i18n::PORT_ORDER_LOWEST,
            Order::HighestFirst => i18n::PORT_ORDER_HIGHEST,
        }
    }
}

/// What the matrix shows: filters and the order of the columns.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct View {
    /// Only the rows of this domain (by code).
    pub domain: Option<String>,
    /// Only sub-items that some assessment has below its target (with their groups).
    pub below_target_only: bool,
    pub order: Order,
}

/// A column of the matrix.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// The member's index in the portfolio.
    pub member: usize,
    pub id: MemberId,
    pub assessment_id: String,
    pub name: String,
    pub project: String,
    pub date: String,
    pub target: u8,
    pub overall: Label,
    pub model_version: String,
    pub origin: Origin,
}

impl Column {
    pub fn reaches_target(&self) -> bool {
        reaches(self.overall, self.target)
    }
}

/// A row of the matrix with a cell per column (in the columns' order).
#[derive(Clone, Debug, PartialEq)]
pub struct MatrixRow {
    pub kind: RowKind,
    pub code: String,
    pub name: Text,
    /// None where the column's model has no such node.
    pub cells: Vec<Option<Label>>,
    /// Columns whose label reaches their own target.
    pub reaching: usize,
    /// Columns that have the node.
    pub present: usize,
    /// The column with the lowest label (the first of equals), if any has the node.
    pub weakest: Option<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Matrix {
    pub columns: Vec<Column>,
    pub rows: Vec<MatrixRow>,
}

/// The members, the merged rows, and each member's label of each row.
#[derive(Clone, Debug)]
pub struct Portfolio {
    pub(super) members: Vec<Member>,
    pub(super) rows: Vec<RowSpec>,
    /// `labels[member][row]`.
    pub(super) labels: Vec<Vec<Option<Label>>>,
    /// The members the matrix shows: one per assessment, its newest revision.
    pub(super) shown: Vec<usize>,
    /// The members the comparison offers: each revision once.
    pub(super) choices: Vec<usize>,
    pub(super) duplicates: Vec<Duplicate>,
}

impl Portfolio {
    pub fn new(members: Vec<Member>) -> Portfolio {
        // Each distinct model once, in the members' order.
        let mut models: Vec<&LoadedModel> = Vec::new();
        for m in &members {
            if !models
                .iter()
                .any(|x| x.sha256 == m.model.sha256 && x.key() == m.model.key())
            {
                models.push(&m.model);
            }
        }
        let rows = layout(models);
        let labels = members
            .iter()
            .map(|m| rows.iter().map(|r| label_in(m, r)).collect())
            .collect();
        let (shown, choices, duplicates) = one_per_assessment(&members);
        Portfolio {
            members,
            rows,
            labels,
            shown,
            choices,
            duplicates,
        }
    }

    pub fn members(&self) -> &[Member] {
        &self.members
    }

    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    pub fn rows(&self) -> &[RowSpec] {
        &self.rows
    }

    /// A member's label of a row (by index into [`Portfolio::rows`]).
    pub fn label(&self, member: usize, row: usize) -> Option<Label> {
        self.labels.get(member)?.get(row).copied().flatten()
    }

    pub fn position(&self, id: &MemberId) -> Option<usize> {
        self.members.iter().position(|m| &m.id == id)
    }

    /// The domains of the rows, for the filter.
    pub fn domains(&self) -> impl Iterator<Item = &RowSpec> {
        self.rows.iter().filter(|r| r.kind == RowKind::Domain)
    }

    /// The columns in a given order (equals keep the order they were added in): one per
    /// assessment, however often it was offered.
    fn column_order(&self, order: Order) -> Vec<usize> {
        let mut keyed: Vec<(u8, bool, usize)> = self
            .shown
            .iter()
            .map(|&i| (i, &self.members[i]))
            .map(|(i, m)| {
                let (level, partial) = rank(m.results.part.label);
                match order {
                    Order::Added => (0, false, i),
                    Order::LowestFirst => (level, partial, i),
                    Order::HighestFirst => (u8::MAX - level, !partial, i),
                }
            })
            .collect();
        keyed.sort_unstable();
        keyed.into_iter().map(|k| k.2).collect()
    }

    /// Whether some member has the sub-item of `row` below its own target.
    fn below_somewhere(&self, row: usize) -> bool {
        self.shown.iter().any(|&m| {
            let target = self.members[m].assessment.target_level;
            self.labels[m][row].is_some_and(|l| !reaches(l, target))
        })
    }

    /// The matrix as the view asks for it.
    pub fn matrix(&self, view: &View) -> Matrix {
        let order = self.column_order(view.order);
        let columns = order
            .iter()
            .map(|&i| {
                let m = &self.members[i];
                let a = &m.assessment;
                Column {
                    member: i,
                    id: m.id.clone(),
                    assessment_id: a.id.clone(),
                    name: a.name.clone(),
                    project: a.project_name().to_string(),
                    date: m.date().to_string(),
                    target: a.target_level,
                    overall: m.results.part.label,
                    model_version: m.model.model.version.clone(),
                    origin: m.origin.clone(),
                }
            })
            .collect::<Vec<_>>();
        // Which rows show: the domain filter, then "below target" on sub-items, and a group
        // row only when a sub-item under it shows.
        let in_domain = |r: &RowSpec| view.domain.as_ref().is_none_or(|d| &r.domain == d);
        let mut show = vec![false; self.rows.len()];
        let mut group: [Option<usize>; 2] = [None, None];
        for (i, r) in self.rows.iter().enumerate() {
            match r.kind {
                RowKind::Domain => group = [Some(i), None],
                RowKind::Capability => group[1] = Some(i),
                RowKind::Item => {
                    if in_domain(r) && (!view.below_target_only || self.below_somewhere(i)) {
                        show[i] = true;
                        for g in group.into_iter().flatten() {
                            show[g] = true;
                        }
                    }
                }
            }
        }
        let rows = self
            .rows
            .iter()
            .enumerate()
            .filter(|(i, _)| show[*i])
            .map(|(i, r)| {
                let cells: Vec<Option<Label>> = order.iter().map(|&m| self.labels[m][i]).collect();
                let mut reaching = 0;
                let mut present = 0;
                let mut weakest: Option<usize> = None;
                for (c, cell) in cells.iter().enumerate() {
                    let Some(l) = cell else { continue };
                    present += 1;
                    reaching += usize::from(reaches(*l, columns[c].target));
                    if weakest.is_none_or(|w| cells[w].is_some_and(|x| rank(*l) < rank(x))) {
                        weakest = Some(c);
                    }
                }
                MatrixRow {
                    kind: r.kind,
                    code: r.code.clone(),
                    name: r.name.clone(),
                    cells,
                    reaching,
                    present,
                    weakest,
                }
            })
            .collect();
        Matrix { columns, rows }
    }
}
