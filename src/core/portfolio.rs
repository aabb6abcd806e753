//! The organisation's portfolio: many teams' assessments side by side, and how one team moved
//! between two of its assessments ("progress over time").
//!
//! Members are assessments stored in this browser and files (JSON exports or workbook
//! documents) read exactly like an import and kept read-only. Every level comes from
//! [`score`] with the member's own model ([`find_model`] against the loaded models); domain and
//! capability rows show the engine's own results for those nodes, so the roll-up rule lives in
//! one place. Rows are matched by code, so assessments of different model versions sit side by
//! side and a sub-item one model lacks shows as such.
//!
//! Also here: what the page remembers in this browser ([`Record`]), and the matrix and the
//! comparison as CSV and as an Excel workbook.

use std::collections::HashSet;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::assessment::{Assessment, Status};
use super::csv::{field, BOM};
use super::document;
use super::exchange::{self, ImportProblem, Severity};
use super::i18n::{self, T};
use super::model::{find_model, LoadedModel};
use super::rule::Rule;
use super::score::{score, Label, Results};
use super::text::{Lang, Text};
use super::xlsx::{Cell, Range, Sheet, Style, Workbook};

/// Which member a column is: an assessment stored in this browser, or a file kept by the
/// portfolio (by its key there).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MemberId {
    Stored(String),
    File(String),
}

impl MemberId {
    /// A token for the page (option values, `data-column`); [`MemberId::from_token`] reads it.
    pub fn token(&self) -> String {
        match self {
            MemberId::Stored(id) => format!("stored-{id}"),
            MemberId::File(key) => format!("file-{key}"),
        }
    }

    pub fn from_token(token: &str) -> Option<MemberId> {
        let nonempty = |s: &str| (!s.is_empty()).then(|| s.to_string());
        if let Some(id) = token.strip_prefix("stored-") {
            nonempty(id).map(MemberId::Stored)
        } else {
            token
                .strip_prefix("file-")
                .and_then(nonempty)
                .map(MemberId::File)
        }
    }
}

/// Where a member comes from, as the page names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// An assessment in this browser (editable on its own pages).
    Stored,
    /// A file added by the picker or by drag and drop: its name.
    File(String),
    /// A file of the chosen folder: its name (path inside the folder).
    Folder(String),
}

impl Origin {
    /// The file name, for files.
    pub fn file_name(&self) -> Option<&str> {
        match self {
            Origin::Stored => None,
            Origin::File(n) | Origin::Folder(n) => Some(n),
        }
    }
}

/// One assessment of the portfolio with its model and its results.
#[derive(Clone, Debug)]
pub struct Member {
    pub id: MemberId,
    pub origin: Origin,
    pub assessment: Assessment,
    pub model: Arc<LoadedModel>,
    pub results: Results,
}

impl Member {
    /// Scores an assessment with its own model; None when that model is not loaded.
    pub fn new(
        id: MemberId,
        origin: Origin,
        assessment: Assessment,
        models: &[Arc<LoadedModel>],
    ) -> Option<Member> {
        let model = find_model(models, &assessment.model)?;
        let results = score(
            &model,
            &assessment.answers,
            assessment.target_level,
            Rule::default(),
        );
        Some(Member {
            id,
            origin,
            assessment,
            model,
            results,
        })
    }

    /// The date the assessment was last changed, `YYYY-MM-DD`.
    pub fn date(&self) -> &str {
        let at = &self.assessment.updated_at;
        at.get(..10).unwrap_or(at)
    }

    /// `id@version` of its model.
    pub fn model_key(&self) -> String {
        self.model.key()
    }
}

// ----- Reading files -----

/// Why a file was not added, or what the user should know about one that was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileProblem {
    /// A problem the exchange importer found (with its JSON path).
    Import(ImportProblem),
    /// An HTML page that is not a workbook document (no embedded assessment).
    NotADocument,
}

impl FileProblem {
    pub fn is_error(&self) -> bool {
        match self {
            FileProblem::Import(p) => p.severity == Severity::Error,
            FileProblem::NotADocument => true,
        }
    }

    /// Where in the file (a JSON path), if anywhere.
    pub fn path(&self) -> &str {
        match self {
            FileProblem::Import(p) => &p.path,
            FileProblem::NotADocument => "",
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            FileProblem::Import(p) => p.message(lang),
            FileProblem::NotADocument => i18n::PORT_NOT_A_DOCUMENT.get(lang).to_string(),
        }
    }
}

/// A file read and validated.
#[derive(Clone, Debug)]
pub struct FileRead {
    /// The exchange JSON it holds (the whole file, or a workbook document's embedded block):
    /// what the portfolio keeps in this browser, and reads again next time.
    pub json: String,
    pub assessment: Assessment,
    pub warnings: Vec<FileProblem>,
}

/// Reads a JSON export or a workbook document exactly like an import: a document's embedded
/// block is cut out without running anything, then the exchange importer validates
/// everything and recomputes. Every problem is returned when the file cannot be added.
pub fn read_file(text: &str, models: &[Arc<LoadedModel>]) -> Result<FileRead, Vec<FileProblem>> {
    let json = if document::looks_like_html(text) {
        document::read(text).ok_or_else(|| vec![FileProblem::NotADocument])?
    } else {
        text
    };
    let report = exchange::import(json, models);
    let problems: Vec<FileProblem> = report
        .problems
        .into_iter()
        .map(FileProblem::Import)
        .collect();
    match report.assessment {
        Some(assessment) => Ok(FileRead {
            json: json.to_string(),
            assessment,
            warnings: problems,
        }),
        None => Err(problems),
    }
}

// ----- The matrix -----

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
fn rank(l: Label) -> (u8, bool) {
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
    members: Vec<Member>,
    rows: Vec<RowSpec>,
    /// `labels[member][row]`.
    labels: Vec<Vec<Option<Label>>>,
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
        Portfolio {
            members,
            rows,
            labels,
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

    /// The columns in a given order (equals keep the order they were added in).
    fn column_order(&self, order: Order) -> Vec<usize> {
        let mut keyed: Vec<(u8, bool, usize)> = self
            .members
            .iter()
            .enumerate()
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
        self.members.iter().enumerate().any(|(m, member)| {
            self.labels[m][row].is_some_and(|l| !reaches(l, member.assessment.target_level))
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

    /// Two members of the same project, the earliest and the latest by their last change: the
    /// first project (in the members' order) with more than one assessment.
    pub fn default_pair(&self) -> Option<(usize, usize)> {
        let at = |j: usize| &self.members[j].assessment.updated_at;
        for (i, m) in self.members.iter().enumerate() {
            let project = m.assessment.project_name();
            let (mut first, mut last) = (i, i);
            for j in i + 1..self.members.len() {
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

// ----- Progress over time -----

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

// ----- What this browser remembers -----

/// The schema of [`Record`] written by this version.
pub const RECORD_SCHEMA: u32 = 1;

/// Which stored assessments and which files are in the portfolio (the files' contents are
/// kept separately, one entry per file).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub schema: u32,
    /// Ids of assessments stored in this browser.
    #[serde(default)]
    pub stored: Vec<String>,
    #[serde(default)]
    pub files: Vec<FileRef>,
    /// The name of the chosen folder, when one is remembered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folder: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRef {
    /// The key of its contents.
    pub key: String,
    pub name: String,
    /// Read from the chosen folder (replaced when the folder is read again).
    #[serde(default)]
    pub folder: bool,
    pub added_at: String,
}

/// Why a remembered portfolio could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordError {
    Unreadable,
    /// Written by a newer workbook.
    Newer(u32),
}

impl RecordError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            RecordError::Unreadable => i18n::PORT_RECORD_UNREADABLE.get(lang).into(),
            RecordError::Newer(n) => i18n::PORT_RECORD_NEWER.fmt(lang, &[("n", n)]),
        }
    }
}

impl Record {
    pub fn new() -> Record {
        Record {
            schema: RECORD_SCHEMA,
            ..Record::default()
        }
    }

    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn decode(text: &str) -> Result<Record, RecordError> {
        let r: Record = serde_json::from_str(text).map_err(|_| RecordError::Unreadable)?;
        if r.schema > RECORD_SCHEMA {
            return Err(RecordError::Newer(r.schema));
        }
        Ok(r)
    }

    pub fn is_empty(&self) -> bool {
        self.stored.is_empty() && self.files.is_empty()
    }

    /// Adds or removes a stored assessment; true when something changed.
    pub fn set_stored(&mut self, id: &str, on: bool) -> bool {
        let has = self.stored.iter().any(|x| x == id);
        match (has, on) {
            (false, true) => self.stored.push(id.to_string()),
            (true, false) => self.stored.retain(|x| x != id),
            _ => return false,
        }
        true
    }

    /// Adds a picked file. A file of the same name added earlier (not from the folder) is
    /// replaced: the newer copy of a team's file takes its place. Returns the replaced key.
    pub fn add_file(&mut self, key: &str, name: &str, at: &str) -> Option<String> {
        let entry = FileRef {
            key: key.to_string(),
            name: name.to_string(),
            folder: false,
            added_at: at.to_string(),
        };
        match self.files.iter_mut().find(|f| !f.folder && f.name == name) {
            Some(f) => Some(std::mem::replace(f, entry).key),
            None => {
                self.files.push(entry);
                None
            }
        }
    }

    /// Replaces every file of the folder with a new reading of it; returns the keys no longer
    /// used.
    pub fn replace_folder(&mut self, folder: &str, files: Vec<FileRef>) -> Vec<String> {
        let old: Vec<String> = self
            .files
            .iter()
            .filter(|f| f.folder)
            .map(|f| f.key.clone())
            .collect();
        self.files.retain(|f| !f.folder);
        self.files
            .extend(files.into_iter().map(|f| FileRef { folder: true, ..f }));
        self.folder = Some(folder.to_string());
        old.into_iter()
            .filter(|k| !self.files.iter().any(|f| &f.key == k))
            .collect()
    }

    /// Removes a file; true when it was there.
    pub fn remove_file(&mut self, key: &str) -> bool {
        let before = self.files.len();
        self.files.retain(|f| f.key != key);
        self.files.len() != before
    }

    /// Forgets the folder and its files; returns their keys.
    pub fn forget_folder(&mut self) -> Vec<String> {
        self.folder = None;
        let keys = self
            .files
            .iter()
            .filter(|f| f.folder)
            .map(|f| f.key.clone())
            .collect();
        self.files.retain(|f| !f.folder);
        keys
    }

    /// Kept file keys the record does not name (left by an interrupted write).
    pub fn orphans<'k>(&self, kept: impl IntoIterator<Item = &'k str>) -> Vec<String> {
        kept.into_iter()
            .filter(|k| !self.files.iter().any(|f| f.key == *k))
            .map(str::to_string)
            .collect()
    }

    pub fn member_ids(&self) -> impl Iterator<Item = MemberId> + '_ {
        self.stored
            .iter()
            .map(|id| MemberId::Stored(id.clone()))
            .chain(self.files.iter().map(|f| MemberId::File(f.key.clone())))
    }
}

// ----- Exports -----

fn line(fields: &[String]) -> String {
    let mut out = fields
        .iter()
        .map(|f| field(f))
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    out
}

/// A label as exports write it; a node the model lacks as a short note.
pub fn cell_text(l: Option<Label>, lang: Lang) -> String {
    l.map_or_else(
        || i18n::PORT_MISSING.get(lang).to_string(),
        |l| l.to_string(),
    )
}

fn reaching_text(r: &MatrixRow) -> String {
    format!("{}/{}", r.reaching, r.present)
}

fn weakest_text(m: &Matrix, r: &MatrixRow) -> String {
    r.weakest
        .and_then(|c| m.columns.get(c))
        .map(|c| c.name.clone())
        .unwrap_or_default()
}

/// The header lines above the rows: one line per column attribute.
fn header_lines(m: &Matrix, lang: Lang) -> Vec<Vec<String>> {
    let per = |label: T, f: &dyn Fn(&Column) -> String| {
        let mut v = vec![String::new(), String::new(), label.get(lang).to_string()];
        v.extend(m.columns.iter().map(f));
        v
    };
    let mut first = vec![
        i18n::PORT_KIND.get(lang).to_string(),
        i18n::CSV_CODE.get(lang).to_string(),
        i18n::PORT_ASSESSMENT.get(lang).to_string(),
    ];
    first.extend(m.columns.iter().map(|c| c.name.clone()));
    first.push(i18n::PORT_REACHING.get(lang).to_string());
    first.push(i18n::PORT_WEAKEST.get(lang).to_string());
    vec![
        first,
        per(i18n::PORT_ID, &|c| c.assessment_id.clone()),
        per(i18n::PF_PROJECT, &|c| c.project.clone()),
        per(i18n::PORT_DATE, &|c| c.date.clone()),
        per(i18n::PORT_MODEL_VERSION, &|c| c.model_version.clone()),
        per(i18n::TARGET_LEVEL, &|c| c.target.to_string()),
        per(i18n::OVERALL, &|c| c.overall.to_string()),
    ]
}

/// The matrix as CSV (UTF-8 with BOM, CRLF): the columns' attributes on the first lines, then
/// one line per row. See docs/exchange-format.md.
pub fn matrix_csv(m: &Matrix, lang: Lang) -> String {
    let mut out = String::from(BOM);
    for l in header_lines(m, lang) {
        out.push_str(&line(&l));
    }
    for r in &m.rows {
        let mut l = vec![
            r.kind.text().get(lang).to_string(),
            r.code.clone(),
            r.name.get(lang).to_string(),
        ];
        l.extend(r.cells.iter().map(|c| cell_text(*c, lang)));
        l.push(reaching_text(r));
        l.push(weakest_text(m, r));
        out.push_str(&line(&l));
    }
    out.push_str(&line(&[]));
    out.push_str(&line(&[Rule::default().statement().get(lang).to_string()]));
    out
}

fn status_text(s: Option<Status>, lang: Lang) -> String {
    Status::text_of(s).get(lang).to_string()
}

/// The comparison as lines: a summary, the sub-items, the changed answers.
fn comparison_lines(p: &Portfolio, c: &Comparison, lang: Lang) -> Vec<Vec<String>> {
    let (e, l) = (&p.members[c.earlier], &p.members[c.later]);
    let t = |x: T| x.get(lang).to_string();
    let mut out = vec![
        vec![String::new(), t(i18n::PORT_EARLIER), t(i18n::PORT_LATER)],
        vec![
            t(i18n::PORT_ASSESSMENT),
            e.assessment.name.clone(),
            l.assessment.name.clone(),
        ],
        vec![
            t(i18n::PF_PROJECT),
            e.assessment.project_name().to_string(),
            l.assessment.project_name().to_string(),
        ],
        vec![
            t(i18n::PORT_DATE),
            e.date().to_string(),
            l.date().to_string(),
        ],
        vec![
            t(i18n::TARGET_LEVEL),
            c.targets.0.to_string(),
            c.targets.1.to_string(),
        ],
        vec![
            t(i18n::OVERALL),
            c.overall.0.to_string(),
            c.overall.1.to_string(),
        ],
        vec![
            t(i18n::PORT_BLOCKING),
            c.blocking.0.to_string(),
            c.blocking.1.to_string(),
        ],
        Vec::new(),
        vec![
            t(i18n::CSV_CODE),
            t(i18n::CSV_SUB_ITEM),
            t(i18n::PORT_EARLIER),
            t(i18n::PORT_LATER),
            t(i18n::PORT_CHANGE),
        ],
    ];
    for it in &c.items {
        out.push(vec![
            it.code.clone(),
            it.name.get(lang).to_string(),
            cell_text(it.before, lang),
            cell_text(it.after, lang),
            t(it.change.text()),
        ]);
    }
    out.push(Vec::new());
    out.push(vec![
        t(i18n::CSV_REQ_ID),
        t(i18n::CSV_SUB_ITEM),
        t(i18n::PORT_EARLIER),
        t(i18n::PORT_LATER),
    ]);
    for a in &c.answers {
        out.push(vec![
            a.requirement.clone(),
            a.item.clone(),
            status_text(a.before, lang),
            status_text(a.after, lang),
        ]);
    }
    out
}

/// The comparison as CSV.
pub fn comparison_csv(p: &Portfolio, c: &Comparison, lang: Lang) -> String {
    let mut out = String::from(BOM);
    for l in comparison_lines(p, c, lang) {
        out.push_str(&line(&l));
    }
    out
}

/// The matrix and, when there is one, the comparison, as an Excel workbook: a sheet each.
pub fn workbook(
    p: &Portfolio,
    m: &Matrix,
    c: Option<&Comparison>,
    lang: Lang,
    today: &str,
) -> Workbook {
    let mut sheet = Sheet::new(i18n::PORT_SHEET_MATRIX.get(lang));
    let title = i18n::PORT_XLSX_TITLE.fmt(lang, &[("n", &m.columns.len()), ("date", &today)]);
    sheet.push(vec![Cell::text(title.clone(), Style::Title)]);
    let heads = header_lines(m, lang);
    let head_rows = heads.len() as u32;
    for (n, l) in heads.into_iter().enumerate() {
        let row = l
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                let style = if n == 0 || i < 3 {
                    Style::Header
                } else if n + 1 == head_rows as usize {
                    match m.columns.get(i - 3) {
                        Some(col) if col.reaches_target() => Style::Good,
                        Some(_) => Style::Warn,
                        None => Style::Center,
                    }
                } else {
                    Style::Center
                };
                Cell::text(s, style)
            })
            .collect();
        sheet.push(row);
    }
    for r in &m.rows {
        let strong = r.kind != RowKind::Item;
        let text_style = if strong { Style::Strong } else { Style::Text };
        let mut row = vec![
            Cell::text(r.kind.text().get(lang), text_style),
            Cell::text(r.code.clone(), text_style),
            Cell::text(r.name.get(lang), text_style),
        ];
        for (i, cell) in r.cells.iter().enumerate() {
            let style = match cell {
                None => Style::Center,
                Some(l) if reaches(*l, m.columns[i].target) => Style::Good,
                Some(_) => Style::Warn,
            };
            row.push(Cell::text(cell_text(*cell, lang), style));
        }
        row.push(Cell::text(reaching_text(r), Style::Center));
        row.push(Cell::text(weakest_text(m, r), Style::Text));
        sheet.push(row);
    }
    sheet.push(Vec::new());
    sheet.push(vec![Cell::text(
        Rule::default().statement().get(lang),
        Style::Note,
    )]);
    let last_col = m.columns.len() as u32 + 4;
    sheet.merge(Range::new(0, 0, 0, last_col.min(8)));
    sheet.fit_widths(6.0, 40.0);
    sheet.freeze_rows = 1 + head_rows;
    sheet.freeze_cols = 3;
    sheet.print_title_rows = Some((1, head_rows));
    let mut sheets = vec![sheet];
    if let Some(c) = c {
        let mut s = Sheet::new(i18n::PORT_SHEET_COMPARISON.get(lang));
        s.push(vec![Cell::text(
            i18n::PORT_COMPARISON_TITLE.get(lang),
            Style::Title,
        )]);
        // Each block (summary, sub-items, answers) starts with its header line.
        let mut header_next = true;
        for l in comparison_lines(p, c, lang) {
            if l.is_empty() {
                header_next = true;
                s.push(Vec::new());
                continue;
            }
            let header = std::mem::take(&mut header_next);
            let row = l
                .into_iter()
                .map(|v| Cell::text(v, if header { Style::Header } else { Style::Text }))
                .collect();
            s.push(row);
        }
        s.fit_widths(8.0, 50.0);
        sheets.push(s);
    }
    Workbook {
        title,
        created: today.to_string(),
        sheets,
    }
}
