//! Recognising a form: which row is the header, what each column holds, which layout, and the
//! model the rows give, with every problem at its cell.
//!
//! The CAICT layout: rows above the header (title, notes) are skipped, the title taken from the
//! first; the header names the hierarchy (能力子域 or 能力域 / domain, 能力项 / capability,
//! 能力子项 / sub-item) and the levels (`1级`…`5级`, `初始级`…`卓越级`, `Level 1`…); one row
//! per sub-item; blank domain and capability cells (merged ones included) take the value
//! above. The long layout: one row per requirement with its level.
//!
//! Codes: from the cells when they carry them consistently (`CM 配置管理`, `CM-VC 版本控制`,
//! an ID column or `CM-VC-VCS 版本控制系统`, each starting with its parent's code and `-`);
//! else from an ID column of usable, unique values (the capability's and domain's codes its
//! prefixes, or positional parents, `D1-C2-<id>`, when they are not); else from positions,
//! `D1`, `D1-C2`, `D1-C2-I3`, so a corrected form read again keeps them.

use std::collections::HashMap;

use crate::model::form::cells::{self, LevelCell, Req};
use crate::model::form::{
    stem, Choice, Column, FormProblem, FormProblemKind as K, FormRead, Grid, Layout, Role,
};
use crate::model::validate::is_valid_code;
use crate::model::{
    Capability, Domain, Item, Level, LevelName, Model, Requirement, MODEL_FORMAT,
    MODEL_FORMAT_VERSION,
};
use crate::text::i18n::form as msg;
use crate::text::{Lang, Text};

/// Rows searched for the header.
const HEADER_SEARCH: u32 = 60;

/// The role a header's text names.
pub fn classify(header: &str) -> Role {
    let h: String = header
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    if h.is_empty() {
        return Role::Ignore;
    }
    let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
    if has(&["编号", "编码", "序号"])
        || matches!(
            h.as_str(),
            "id" | "code" | "no" | "no." | "#" | "序" | "itemcode" | "sub-itemcode"
        )
    {
        return Role::Id;
    }
    if has(&[
        "差距",
        "gap",
        "自评",
        "self-rating",
        "备注",
        "comment",
        "结果",
        "result",
    ]) {
        return Role::Ignore;
    }
    if has(&["能力子项", "子项", "sub-item", "subitem"]) {
        return Role::Item;
    }
    if has(&["能力项", "capability"]) {
        return Role::Capability;
    }
    if has(&["能力子域", "子域", "domain"]) {
        return Role::Domain;
    }
    if has(&["能力域", "part"]) {
        return Role::Part;
    }
    if let Some((n, _)) = cells::level_header(header) {
        return Role::Level(n);
    }
    if matches!(h.as_str(), "级别" | "等级" | "级" | "level") {
        return Role::LevelNumber;
    }
    if has(&["要求", "requirement"]) {
        return Role::Requirement;
    }
    if has(&["说明", "explanation", "note"]) {
        return Role::Explanation;
    }
    Role::Ignore
}

/// The roles of a row read as a header, with one column per role (the first) and a 能力域 column
/// taken as the domain when no 能力子域 column exists.
fn header_roles(grid: &Grid, row: u32) -> Vec<Role> {
    let cols = grid.col_count();
    let mut roles: Vec<Role> = (0..cols).map(|c| classify(grid.get(row, c))).collect();
    let mut seen = Vec::new();
    for r in roles.iter_mut() {
        if *r != Role::Ignore {
            if seen.contains(r) {
                *r = Role::Ignore;
            } else {
                seen.push(*r);
            }
        }
    }
    if !roles.contains(&Role::Domain) {
        if let Some(p) = roles.iter_mut().find(|r| **r == Role::Part) {
            *p = Role::Domain;
        }
    }
    roles
}

/// Whether roles make a header: the sub-item and three levels, or the long layout's columns.
fn is_header(roles: &[Role]) -> bool {
    let levels = roles.iter().filter(|r| matches!(r, Role::Level(_))).count();
    let item = roles.contains(&Role::Item);
    (item && levels >= 3)
        || (item && roles.contains(&Role::LevelNumber) && roles.contains(&Role::Requirement))
}

fn find_header(grid: &Grid) -> Option<u32> {
    (0..grid.row_count().min(HEADER_SEARCH)).find(|&r| is_header(&header_roles(grid, r)))
}

/// A cell's text as the form means it: line breaks as `\n`, without the control characters a
/// spreadsheet cannot hold (the form writer drops them, so a cell of nothing else is empty here
/// as it is in the form written back), trimmed, without the apostrophe a spreadsheet writer
/// puts before text that would read as a formula.
fn cell(grid: &Grid, row: u32, col: Option<u32>) -> String {
    let Some(col) = col else {
        return String::new();
    };
    let raw = grid.get(row, col);
    let unwritable =
        |c: char| (c < ' ' && c != '\n' && c != '\t') || c == '\u{FFFE}' || c == '\u{FFFF}';
    let clean: std::borrow::Cow<'_, str> = if raw.contains(unwritable) {
        raw.replace("\r\n", "\n")
            .replace('\r', "\n")
            .chars()
            .filter(|&c| !unwritable(c))
            .collect::<String>()
            .into()
    } else {
        raw.into()
    };
    let t = clean.trim();
    let t = match t.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => t,
    };
    t.to_string()
}

/// Reads the chosen (or first recognisable) sheet of a form.
pub fn read(grids: &[Grid], choice: &Choice, file_name: &str, today: &str) -> FormRead {
    let sheet = choice
        .sheet
        .filter(|&s| s < grids.len())
        .or_else(|| grids.iter().position(|g| find_header(g).is_some()))
        .unwrap_or(0);
    let empty = Grid::new(stem(file_name));
    let grid = grids.get(sheet).unwrap_or(&empty);
    let mut problems = Vec::new();
    let header = find_header(grid);
    if header.is_none() {
        problems.push(FormProblem {
            cell: grid.address(0, 0),
            kind: K::NoHeader,
        });
    }
    let header_row = header.unwrap_or_else(|| {
        (0..grid.row_count())
            .find(|&r| !grid.row_is_empty(r))
            .unwrap_or(0)
    });
    let detected = header_roles(grid, header_row);
    let columns: Vec<Column> = detected
        .iter()
        .enumerate()
        .map(|(c, &d)| Column {
            header: grid.get(header_row, c as u32).trim().to_string(),
            cell: grid.address(header_row, c as u32),
            detected: d,
            role: choice.roles.get(c).copied().unwrap_or(d),
        })
        .collect();
    let layout = if columns.iter().any(|c| c.role == Role::Requirement)
        && columns.iter().any(|c| c.role == Role::LevelNumber)
    {
        Layout::Long
    } else {
        Layout::Caict
    };
    let mut r = Recogniser {
        grid,
        header_row,
        columns: &columns,
        problems,
        col: [None; Role::ALL.len()],
    };
    r.check_columns(layout);
    let rows = match layout {
        Layout::Caict => r.caict_rows(),
        Layout::Long => r.long_rows(),
    };
    let lang = Lang::of_text(
        &rows
            .iter()
            .take(30)
            .map(|i| format!("{}{}{}", i.name, i.cap, i.baseline))
            .collect::<String>(),
    );
    let title = r.title().unwrap_or_else(|| stem(file_name).to_string());
    let level_names = r.level_names(lang);
    let domains = r.build(rows, lang);
    for (row, col) in &grid.cut {
        r.problems.push(FormProblem {
            cell: grid.address(*row, *col),
            kind: K::CellCut,
        });
    }
    // Nothing else wrong, yet nothing read (the rows under the header name no sub-item in the
    // columns chosen): a model needs a sub-item, so the form says so at its header row.
    if domains.is_empty() && !r.problems.iter().any(|p| !p.is_warning()) {
        r.problems.push(FormProblem {
            cell: grid.row_address(header_row),
            kind: K::NoItems,
        });
    }
    let source = msg::FORM_SOURCE.fmt(
        lang,
        &[
            ("file", &file_name),
            ("sheet", &grid.name),
            ("date", &today),
        ],
    );
    let problems = r.problems;
    FormRead {
        sheet,
        sheets: grids.iter().map(|g| g.name.clone()).collect(),
        header_row: header,
        columns,
        layout,
        lang,
        model: Model {
            format: MODEL_FORMAT.to_string(),
            format_version: MODEL_FORMAT_VERSION,
            id: String::new(),
            version: String::new(),
            title: Text::only(lang, title),
            source: Text::only(lang, source),
            notes: Vec::new(),
            levels: level_names,
            domains,
        },
        problems,
    }
}

/// One sub-item as the rows give it, before grouping and codes.
#[derive(Default)]
struct RowItem {
    row: u32,
    domain: String,
    cap: String,
    /// The name and explanation as in its cell.
    name: String,
    explanation: Option<String>,
    /// The ID column's value.
    id: String,
    baseline: String,
    /// Levels 2 to 5.
    levels: [Option<LevelCell>; 4],
}

struct Recogniser<'a> {
    grid: &'a Grid,
    header_row: u32,
    columns: &'a [Column],
    problems: Vec<FormProblem>,
    /// The column of each role in use, by the role's place in [`Role::ALL`].
    col: [Option<u32>; Role::ALL.len()],
}

/// A role's place in [`Role::ALL`].
fn slot(role: Role) -> usize {
    Role::ALL.iter().position(|r| *r == role).unwrap_or(0)
}

/// One key of several parts, for the one map type the reader uses (`HashMap<String, _>`).
fn key(parts: &[&str]) -> String {
    parts.join("\u{1}")
}

impl Recogniser<'_> {
    fn problem(&mut self, cell: String, kind: K) {
        self.problems.push(FormProblem { cell, kind });
    }

    fn header_cell(&self, col: u32) -> String {
        self.grid.address(self.header_row, col)
    }

    /// Each role's column; a role given twice and a column the layout needs are problems.
    fn check_columns(&mut self, layout: Layout) {
        for (c, column) in self.columns.iter().enumerate() {
            if column.role == Role::Ignore {
                continue;
            }
            if self.col[slot(column.role)].is_some() {
                let cell = self.header_cell(c as u32);
                self.problem(cell, K::TwoColumns(column.role));
            } else {
                self.col[slot(column.role)] = Some(c as u32);
            }
        }
        let row = self.grid.row_address(self.header_row);
        let needed: &[Role] = match layout {
            Layout::Caict => &[Role::Domain, Role::Capability, Role::Item],
            Layout::Long => &[
                Role::Domain,
                Role::Capability,
                Role::Item,
                Role::LevelNumber,
                Role::Requirement,
            ],
        };
        for role in needed {
            if self.col[slot(*role)].is_none() {
                self.problem(row.clone(), K::MissingColumn(*role));
            }
        }
        if layout == Layout::Caict {
            for n in 1..=5 {
                if self.col[slot(Role::Level(n))].is_none() {
                    self.problem(row.clone(), K::MissingLevel(n));
                }
            }
        }
    }

    fn at(&self, role: Role) -> Option<u32> {
        self.col[slot(role)]
    }

    fn text(&self, row: u32, role: Role) -> String {
        cell(self.grid, row, self.at(role))
    }

    fn address(&self, row: u32, role: Role) -> String {
        self.grid.address(row, self.at(role).unwrap_or(0))
    }

    /// The first text above the header: the form's title.
    fn title(&self) -> Option<String> {
        (0..self.header_row).find_map(|r| {
            (0..self.grid.col_count())
                .map(|c| cell(self.grid, r, Some(c)))
                .find(|t| !t.is_empty())
                .map(|t| t.lines().next().unwrap_or("").trim().to_string())
        })
    }

    /// The level names from the level headers, else CAICT's names in the form's language.
    fn level_names(&self, lang: Lang) -> Vec<LevelName> {
        let defaults = [
            msg::LEVEL_1,
            msg::LEVEL_2,
            msg::LEVEL_3,
            msg::LEVEL_4,
            msg::LEVEL_5,
        ];
        (1..=5u8)
            .map(|n| {
                let from_header = self
                    .at(Role::Level(n))
                    .and_then(|c| cells::level_header(&cell(self.grid, self.header_row, Some(c))))
                    .and_then(|(_, name)| name);
                let name = from_header
                    .unwrap_or_else(|| defaults[usize::from(n - 1)].get(lang).to_string());
                LevelName {
                    level: n,
                    name: Text::only(lang, name),
                    summary: Text::default(),
                }
            })
            .collect()
    }

    /// Domain and capability as the row gives them, blank ones taking the value above.
    fn hierarchy(&mut self, row: u32, above: &mut (String, String)) -> (String, String) {
        let domain = self.text(row, Role::Domain);
        let cap = self.text(row, Role::Capability);
        if !domain.is_empty() {
            above.0 = domain;
            // A new domain starts its capabilities afresh.
            if cap.is_empty() {
                above.1.clear();
            }
        }
        if !cap.is_empty() {
            above.1 = cap;
        }
        above.clone()
    }

    /// A sub-item's row must have a domain and a capability.
    fn placed(&mut self, row: u32, domain: &str, cap: &str) -> bool {
        if domain.is_empty() {
            let cell = self.address(row, Role::Domain);
            self.problem(cell, K::ItemWithoutDomain);
        }
        if cap.is_empty() {
            let cell = self.address(row, Role::Capability);
            self.problem(cell, K::ItemWithoutCapability);
        }
        !domain.is_empty() && !cap.is_empty()
    }

    fn caict_rows(&mut self) -> Vec<RowItem> {
        let mut out = Vec::new();
        if self.col[slot(Role::Item)].is_none() {
            return out;
        }
        let mut above = (String::new(), String::new());
        for row in self.header_row + 1..self.grid.row_count() {
            let (domain, cap) = self.hierarchy(row, &mut above);
            let item = self.text(row, Role::Item);
            let level_texts: Vec<String> =
                (1..=5).map(|n| self.text(row, Role::Level(n))).collect();
            if item.is_empty() {
                // A row of counts (a statistics block under the form) or blank: not a sub-item.
                let words = level_texts.iter().any(|t| {
                    t.chars()
                        .any(|c| !c.is_ascii_digit() && !".-% ".contains(c))
                });
                if words {
                    let cell = self.address(row, Role::Item);
                    self.problem(cell, K::ItemWithoutName);
                }
                continue;
            }
            if !self.placed(row, &domain, &cap) {
                continue;
            }
            let (name, explanation) = cells::item_cell(&item);
            let mut it = RowItem {
                row,
                domain,
                cap,
                name,
                explanation,
                id: self.text(row, Role::Id),
                baseline: level_texts[0].clone(),
                ..RowItem::default()
            };
            if it.baseline.is_empty() && self.at(Role::Level(1)).is_some() {
                let cell = self.address(row, Role::Level(1));
                self.problem(cell, K::EmptyLevel(1));
            }
            for n in 2..=5u8 {
                if self.at(Role::Level(n)).is_none() {
                    continue;
                }
                let parsed = cells::level_cell(&level_texts[usize::from(n - 1)], n);
                self.check_level(row, self.at(Role::Level(n)), n, &parsed);
                it.levels[usize::from(n - 2)] = Some(parsed);
            }
            out.push(it);
        }
        out
    }

    fn check_level(&mut self, row: u32, col: Option<u32>, n: u8, parsed: &LevelCell) {
        let cell = self.grid.address(row, col.unwrap_or(0));
        match parsed {
            LevelCell::Empty => self.problem(cell, K::EmptyLevel(n)),
            LevelCell::Requirements(r) if r.is_empty() => self.problem(cell, K::EmptyLevel(n)),
            LevelCell::SameAsLower if n == 2 => self.problem(cell, K::SameAsLowerAtLevel2),
            LevelCell::SameAsOther(m) => self.problem(cell, K::SameAsOther(*m)),
            _ => {}
        }
    }

    fn long_rows(&mut self) -> Vec<RowItem> {
        let mut out: Vec<RowItem> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut above = (String::new(), String::new());
        for row in self.header_row + 1..self.grid.row_count() {
            let (domain, cap) = self.hierarchy(row, &mut above);
            let item = self.text(row, Role::Item);
            let req = self.text(row, Role::Requirement);
            let level_text = self.text(row, Role::LevelNumber);
            if item.is_empty() {
                if !req.is_empty() {
                    let cell = self.address(row, Role::Item);
                    self.problem(cell, K::ItemWithoutName);
                }
                continue;
            }
            if !self.placed(row, &domain, &cap) {
                continue;
            }
            let Some(level) = cells::level_value(&level_text) else {
                let cell = self.address(row, Role::LevelNumber);
                self.problem(cell, K::BadLevel(level_text));
                continue;
            };
            let (name, explanation) = cells::item_cell(&item);
            let at = *index
                .entry(key(&[&domain, &cap, &name]))
                .or_insert_with(|| {
                    out.push(RowItem {
                        row,
                        domain,
                        cap,
                        name,
                        explanation,
                        id: strip_requirement_suffix(&self_text(
                            self.grid,
                            row,
                            self.col[slot(Role::Id)],
                        )),
                        ..RowItem::default()
                    });
                    out.len() - 1
                });
            let it = &mut out[at];
            if level == 1 {
                if !it.baseline.is_empty() {
                    it.baseline.push('\n');
                }
                it.baseline.push_str(&req);
                continue;
            }
            let slot = &mut it.levels[usize::from(level - 2)];
            let cell = self.address(row, Role::Requirement);
            match cells::level_cell(&req, level) {
                LevelCell::Empty => self.problem(cell, K::EmptyLevel(level)),
                LevelCell::SameAsLower if level == 2 => self.problem(cell, K::SameAsLowerAtLevel2),
                LevelCell::SameAsOther(m) => self.problem(cell, K::SameAsOther(m)),
                LevelCell::SameAsLower => *slot = Some(LevelCell::SameAsLower),
                LevelCell::Requirements(_) => {
                    // One row is one requirement: markers inside it are not split.
                    let (text, mut expl) = cells::text_and_explanation(&req);
                    let extra = self.text(row, Role::Explanation);
                    if !extra.is_empty() {
                        expl = Some(match expl {
                            Some(e) => format!("{extra}\n{e}"),
                            None => extra,
                        });
                    }
                    let req = Req {
                        text,
                        explanation: expl,
                    }
                    .with_text();
                    match slot {
                        Some(LevelCell::Requirements(list)) => list.push(req),
                        _ => *slot = Some(LevelCell::Requirements(vec![req])),
                    }
                }
            }
        }
        for it in &out {
            let cell = self.grid.address(it.row, self.at(Role::Item).unwrap_or(0));
            if it.baseline.is_empty() {
                self.problem(cell.clone(), K::LevelWithoutRows(1));
            }
            for (k, l) in it.levels.iter().enumerate() {
                if l.is_none() {
                    self.problem(cell.clone(), K::LevelWithoutRows(k as u8 + 2));
                }
            }
        }
        out
    }

    /// Groups the rows into domains and capabilities (by name, in order of first appearance),
    /// gives codes and builds the model's tree.
    fn build(&mut self, rows: Vec<RowItem>, lang: Lang) -> Vec<Domain> {
        let codes = self.codes(&rows);
        let mut domains: Vec<Domain> = Vec::new();
        let mut first_cell: HashMap<String, String> = HashMap::new();
        let mut places: HashMap<String, usize> = HashMap::new();
        for (it, code) in rows.into_iter().zip(codes) {
            let d = match places.get(&key(&["d", &code.domain])) {
                Some(&d) => d,
                None => {
                    places.insert(key(&["d", &code.domain]), domains.len());
                    domains.push(Domain {
                        code: code.domain.clone(),
                        name: Text::only(lang, code.domain_name.clone()),
                        capabilities: Vec::new(),
                    });
                    domains.len() - 1
                }
            };
            let caps = &mut domains[d].capabilities;
            let c = match places.get(&key(&["c", &code.cap])) {
                Some(&c) => c,
                None => {
                    places.insert(key(&["c", &code.cap]), caps.len());
                    caps.push(Capability {
                        code: code.cap.clone(),
                        name: Text::only(lang, code.cap_name.clone()),
                        items: Vec::new(),
                    });
                    caps.len() - 1
                }
            };
            let cell = self.grid.address(it.row, self.at(Role::Item).unwrap_or(0));
            let name = code.item_name.clone();
            let name_key = key(&[&d.to_string(), &c.to_string(), &name]);
            match first_cell.get(&name_key) {
                Some(first) => {
                    let kind = K::DuplicateItem {
                        name: name.clone(),
                        first: first.clone(),
                    };
                    self.problem(cell, kind);
                    continue;
                }
                None => {
                    first_cell.insert(name_key, cell);
                }
            }
            let item_code = code.item;
            let levels = (2..=5u8)
                .map(|n| {
                    let parsed = it.levels[usize::from(n - 2)].clone();
                    let (same, reqs) = match parsed {
                        Some(LevelCell::SameAsLower) if n > 2 => (true, Vec::new()),
                        Some(LevelCell::Requirements(r)) => (false, r),
                        _ => (false, Vec::new()),
                    };
                    Level {
                        level: n,
                        requirements: reqs
                            .into_iter()
                            .enumerate()
                            .map(|(k, r)| Requirement {
                                id: format!("{item_code}-L{n}-{}", k + 1),
                                text: Text::only(lang, r.text),
                                explanation: r.explanation.map(|e| Text::only(lang, e)),
                            })
                            .collect(),
                        same_as_lower: same,
                        evidence: Vec::new(),
                    }
                })
                .collect();
            domains[d].capabilities[c].items.push(Item {
                code: item_code,
                name: Text::only(lang, name),
                explanation: it.explanation.map(|e| Text::only(lang, e)),
                baseline: Text::only(lang, it.baseline),
                levels,
                l4_needs_l3_evidence: false,
                notes: Vec::new(),
            });
        }
        domains
    }

    /// Codes and names of each row's domain, capability and sub-item (see the module's doc).
    fn codes(&mut self, rows: &[RowItem]) -> Vec<Codes> {
        if let Some(c) = from_tokens(rows) {
            return c;
        }
        let plain: Vec<(String, String, String)> = rows
            .iter()
            .map(|r| (r.domain.clone(), r.cap.clone(), r.name.clone()))
            .collect();
        let positional = positions(&plain);
        let has_ids = self.at(Role::Id).is_some() && !rows.is_empty();
        if !has_ids {
            return positional;
        }
        // The ID column: every value usable and unique, or it is not used (a warning).
        let mut seen: HashMap<String, usize> = HashMap::new();
        for r in rows {
            let bad = !usable_code(&r.id) || seen.insert(r.id.clone(), 0).is_some();
            if bad {
                let cell = self.address(r.row, Role::Id);
                self.problem(cell, K::IdNotUsed(r.id.clone()));
                return positional;
            }
        }
        if let Some(c) = from_id_prefixes(rows) {
            return c;
        }
        positional
            .into_iter()
            .zip(rows)
            .map(|(mut c, r)| {
                c.item = format!("{}-{}", c.cap, r.id);
                c
            })
            .collect()
    }
}

fn self_text(grid: &Grid, row: u32, col: Option<u32>) -> String {
    cell(grid, row, col)
}

/// A requirement id's sub-item code: `CM-VC-VCS-L2-1` → `CM-VC-VCS`.
fn strip_requirement_suffix(id: &str) -> String {
    let parts: Vec<&str> = id.rsplitn(3, '-').collect();
    if parts.len() == 3
        && parts[0].bytes().all(|b| b.is_ascii_digit())
        && !parts[0].is_empty()
        && parts[1].len() == 2
        && parts[1].starts_with(['L', 'l'])
        && parts[1].as_bytes()[1].is_ascii_digit()
    {
        parts[2].to_string()
    } else {
        id.to_string()
    }
}

#[derive(Clone, Debug)]
struct Codes {
    domain: String,
    domain_name: String,
    cap: String,
    cap_name: String,
    item: String,
    item_name: String,
}

/// An ID column's value usable as a sub-item's code: a valid code whose parts between `-` are
/// none empty (`D2-` or `D2--I1` would give a capability code its domain's code does not
/// prefix, or none).
fn usable_code(code: &str) -> bool {
    is_valid_code(code) && code.split('-').all(|part| !part.is_empty())
}

/// Whether codes given to domains, capabilities and sub-items stay apart: a model's codes are
/// unique across the three (a capability `A-B` and a sub-item `A-B` of another row are not).
fn apart(codes: &[Codes]) -> bool {
    let mut kinds: HashMap<String, usize> = HashMap::new();
    codes.iter().all(|c| {
        [(&c.domain, 0), (&c.cap, 1), (&c.item, 2)]
            .into_iter()
            .all(|(code, kind)| *kinds.entry(code.clone()).or_insert(kind) == kind)
    })
}

/// `CM 配置管理` → (`CM`, `配置管理`) when the first word could be a code.
fn token(cell: &str) -> Option<(&str, &str)> {
    let (word, rest) = cell.split_once([' ', '\u{3000}'])?;
    let rest = rest.trim();
    (is_valid_code(word) && !rest.is_empty()).then_some((word, rest))
}

/// Codes written in the cells, when every row carries them and they nest (a capability's
/// starts with its domain's and `-`, a sub-item's — from the ID column or its cell — with its
/// capability's), one code per name and one name per code.
fn from_tokens(rows: &[RowItem]) -> Option<Vec<Codes>> {
    if rows.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    let mut names: HashMap<String, String> = HashMap::new();
    let mut codes: HashMap<String, String> = HashMap::new();
    let mut bind = |level: &str, code: &str, name: &str| {
        let code_key = format!("{level}{code}");
        let name_key = format!("{level}{name}");
        let ok_code = codes.get(&code_key).is_none_or(|n| n == name);
        let ok_name = names.get(&name_key).is_none_or(|c| c == code);
        codes.insert(code_key, name.to_string());
        names.insert(name_key, code.to_string());
        ok_code && ok_name
    };
    let mut items: HashMap<String, usize> = HashMap::new();
    for r in rows {
        let (dc, dn) = token(&r.domain)?;
        let (cc, cn) = token(&r.cap)?;
        let (ic, iname) = if !r.id.is_empty() {
            let name = match token(&r.name) {
                Some((c, n)) if c == r.id => n,
                _ => r.name.as_str(),
            };
            (r.id.as_str(), name)
        } else {
            token(&r.name)?
        };
        let nested = cc.len() > dc.len() + 1
            && cc.starts_with(dc)
            && cc.as_bytes()[dc.len()] == b'-'
            && ic.len() > cc.len() + 1
            && ic.starts_with(cc)
            && ic.as_bytes()[cc.len()] == b'-'
            && is_valid_code(ic);
        let scoped_cap = format!("{dn}\u{1}{cn}");
        if !nested
            || !bind("d", dc, dn)
            || !bind("c", cc, &scoped_cap)
            || items.insert(ic.to_string(), 0).is_some()
        {
            return None;
        }
        out.push(Codes {
            domain: dc.into(),
            domain_name: dn.into(),
            cap: cc.into(),
            cap_name: cn.into(),
            item: ic.into(),
            item_name: iname.into(),
        });
    }
    apart(&out).then_some(out)
}

/// The part of a code before its last `-`.
fn parent_code(code: &str) -> Option<&str> {
    code.rsplit_once('-')
        .map(|(p, _)| p)
        .filter(|p| !p.is_empty())
}

/// Codes from the ID column's values (all usable and unique): a capability's code is the part
/// of its sub-items' codes before their last `-`, a domain's the same of its capabilities',
/// when that holds for every row and gives one code per name and one name per code.
fn from_id_prefixes(rows: &[RowItem]) -> Option<Vec<Codes>> {
    let mut bound: HashMap<String, String> = HashMap::new();
    let mut out = Vec::new();
    for r in rows {
        let cc = parent_code(&r.id)?;
        let dc = parent_code(cc)?;
        let cap_name = key(&[&r.domain, &r.cap]);
        for (k, v) in [
            (key(&["cn", &cap_name]), cc),
            (key(&["cc", cc]), cap_name.as_str()),
            (key(&["dn", &r.domain]), dc),
            (key(&["dc", dc]), r.domain.as_str()),
        ] {
            if bound.entry(k).or_insert_with(|| v.to_string()) != v {
                return None;
            }
        }
        out.push(Codes {
            domain: dc.into(),
            domain_name: r.domain.clone(),
            cap: cc.into(),
            cap_name: r.cap.clone(),
            item: r.id.clone(),
            item_name: r.name.clone(),
        });
    }
    apart(&out).then_some(out)
}

/// Codes from positions: `D1`, `D1-C2`, `D1-C2-I3` (domains and capabilities by name, in order
/// of first appearance).
fn positions(rows: &[(String, String, String)]) -> Vec<Codes> {
    // Places by name: a domain's, a capability's within its domain, and the count of sub-items.
    let mut places: HashMap<String, usize> = HashMap::new();
    let mut domains = 0;
    let mut caps: Vec<usize> = Vec::new();
    let mut items: Vec<Vec<usize>> = Vec::new();
    rows.iter()
        .map(|(d, c, name)| {
            let di = *places.entry(key(&["d", d])).or_insert_with(|| {
                domains += 1;
                caps.push(0);
                items.push(Vec::new());
                domains - 1
            });
            let ci = *places.entry(key(&["c", d, c])).or_insert_with(|| {
                caps[di] += 1;
                items[di].push(0);
                caps[di] - 1
            });
            items[di][ci] += 1;
            let n = items[di][ci];
            let domain = format!("D{}", di + 1);
            let cap = format!("{domain}-C{}", ci + 1);
            Codes {
                item: format!("{cap}-I{n}"),
                domain,
                domain_name: d.clone(),
                cap,
                cap_name: c.clone(),
                item_name: name.clone(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_name_their_roles() {
        for (h, role) in [
            ("能力子域", Role::Domain),
            ("能力域", Role::Part),
            ("Domain", Role::Domain),
            ("能力项", Role::Capability),
            ("能力子项", Role::Item),
            ("Sub-item", Role::Item),
            ("序号", Role::Id),
            ("ID", Role::Id),
            ("2级 基础级", Role::Level(2)),
            ("卓越级", Role::Level(5)),
            ("自评结果", Role::Ignore),
            ("和3级要求的差距", Role::Ignore),
            ("级别", Role::LevelNumber),
            ("要求", Role::Requirement),
            ("说明", Role::Explanation),
            ("", Role::Ignore),
        ] {
            assert_eq!(classify(h), role, "{h}");
        }
    }

    #[test]
    fn requirement_ids_give_their_sub_item() {
        assert_eq!(strip_requirement_suffix("CM-VC-VCS-L2-1"), "CM-VC-VCS");
        assert_eq!(strip_requirement_suffix("CM-VC-VCS"), "CM-VC-VCS");
        assert_eq!(strip_requirement_suffix("A-L2-x"), "A-L2-x");
    }
}
