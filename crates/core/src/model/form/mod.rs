//! Models read from the spreadsheet forms teams already have: CAICT's self-assessment form
//! (`.xlsx` as Excel and WPS write it, or `.csv` in UTF-8 or GB18030), in its own layout or in
//! a long layout of one row per requirement, turned into the same [`Model`] a model file gives,
//! and written back as a form ([`write`]). See docs/model-format.md, "Models from forms".
//!
//! Reading is three steps, so that the page can show a preview before anything is stored:
//! [`open`] gives the sheets' cells ([`Grid`]s) or a clear [`FormError`]; [`read`] recognises
//! the layout (the header row, each column's [`Role`], changeable) and builds the model with
//! every problem named by its cell (`自评表!E7`); [`finish`] gives the model file's text with the
//! title, id and version the user confirmed, for the workspace to check and store like any
//! model file.
//!
//! Hostile files stay harmless in bounded time and memory: [`zip::MAX_INFLATED`] in all,
//! document type declarations refused (entities never expanded), [`sheet::MAX_ROWS`] rows,
//! [`sheet::MAX_CELL_CHARS`] per cell; text is only ever text.

use crate::model::validate::quote;
use crate::model::{Model, MODEL_FORMAT, MODEL_FORMAT_VERSION};
use crate::text::i18n::{self, form as msg};
use crate::text::Lang;

pub mod cells;
pub mod csv;
pub mod recognise;
pub mod sheet;
pub mod write;
pub mod xlsx;
pub mod xml;
pub mod zip;

pub use recognise::read;
pub use sheet::Grid;

/// The largest form file read: far above any real form (the CD form is about 60 KB).
pub const MAX_FORM_BYTES: usize = 20 * 1024 * 1024;

/// Why a file could not be read as a form at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormError {
    /// Neither an `.xlsx` nor a CSV file.
    NotASpreadsheet,
    /// An `.xls` (Excel 97–2003) or a password-protected workbook.
    OldExcel,
    Encrypted,
    /// A broken zip container.
    Damaged(String),
    /// The parts would inflate past the limit.
    TooLarge {
        limit: usize,
    },
    /// A part that is not readable XML (`doctype`: it declares a document type).
    Unreadable {
        part: String,
        doctype: bool,
    },
    NoSheets,
    TooManyRows {
        sheet: String,
        limit: u32,
    },
}

impl FormError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            FormError::NotASpreadsheet => msg::E_NOT_SPREADSHEET.get(lang).into(),
            FormError::OldExcel => msg::E_OLD_EXCEL.get(lang).into(),
            FormError::Encrypted => msg::E_ENCRYPTED.get(lang).into(),
            FormError::Damaged(detail) => msg::E_DAMAGED.fmt(lang, &[("detail", &quote(detail))]),
            FormError::TooLarge { limit } => {
                msg::E_TOO_LARGE.fmt(lang, &[("mb", &(limit / (1024 * 1024)))])
            }
            FormError::Unreadable { part, doctype } => {
                let t = if *doctype {
                    msg::E_DOCTYPE
                } else {
                    msg::E_UNREADABLE
                };
                t.fmt(lang, &[("part", &quote(part))])
            }
            FormError::NoSheets => msg::E_NO_SHEETS.get(lang).into(),
            FormError::TooManyRows { sheet, limit } => {
                msg::E_TOO_MANY_ROWS.fmt(lang, &[("sheet", &quote(sheet)), ("limit", limit)])
            }
        }
    }
}

/// What a file turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Opened {
    Sheets(Vec<Grid>),
    /// A CSV file in GB18030 (or GBK): the page decodes it, then calls [`csv::grid`].
    NeedsGb18030,
}

/// The file name without folders and extension: a CSV sheet's name, the default title.
pub fn stem(file_name: &str) -> &str {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    match base.rsplit_once('.') {
        Some((s, _)) if !s.is_empty() => s,
        _ => base,
    }
}

/// Reads a picked file's sheets: an `.xlsx` (zip) whatever its name, else a CSV text.
pub fn open(
    bytes: &[u8],
    file_name: &str,
    inflate: &mut zip::Inflate<'_>,
) -> Result<Opened, FormError> {
    if bytes.len() > MAX_FORM_BYTES {
        return Err(FormError::TooLarge {
            limit: MAX_FORM_BYTES,
        });
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return xlsx::read_sheets(bytes, inflate).map(Opened::Sheets);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(FormError::OldExcel);
    }
    let looks_binary = bytes.iter().take(4096).any(|&b| b == 0)
        && !bytes.starts_with(b"\xFF\xFE")
        && !bytes.starts_with(b"\xFE\xFF");
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = text.iter().find(|b| !b.is_ascii_whitespace());
    if looks_binary || matches!(first, None | Some(b'{' | b'<')) {
        return Err(FormError::NotASpreadsheet);
    }
    match csv::decode(bytes) {
        csv::Decoded::Text(text) => Ok(Opened::Sheets(vec![csv::grid(&text, stem(file_name))?])),
        csv::Decoded::Gb18030 => Ok(Opened::NeedsGb18030),
    }
}

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    Ignore,
    /// The sub-item's code (`ID`, `编号`, `序号`); in the long layout a requirement id is
    /// read as its sub-item's code.
    Id,
    /// The part (能力域 when a 能力子域 column also exists): not part of the model.
    Part,
    Domain,
    Capability,
    Item,
    /// A level's column in the CAICT layout.
    Level(u8),
    /// The long layout's level column.
    LevelNumber,
    /// The long layout's requirement column.
    Requirement,
    /// The long layout's explanation column.
    Explanation,
}

impl Role {
    /// Every role a column can be given, in the order the page lists them.
    pub const ALL: [Role; 14] = [
        Role::Ignore,
        Role::Id,
        Role::Part,
        Role::Domain,
        Role::Capability,
        Role::Item,
        Role::Level(1),
        Role::Level(2),
        Role::Level(3),
        Role::Level(4),
        Role::Level(5),
        Role::LevelNumber,
        Role::Requirement,
        Role::Explanation,
    ];

    /// The value of the role in the page's select (`data-column`).
    pub fn code(self) -> String {
        match self {
            Role::Ignore => "ignore".into(),
            Role::Id => "id".into(),
            Role::Part => "part".into(),
            Role::Domain => "domain".into(),
            Role::Capability => "capability".into(),
            Role::Item => "item".into(),
            Role::Level(n) => format!("level-{n}"),
            Role::LevelNumber => "level".into(),
            Role::Requirement => "requirement".into(),
            Role::Explanation => "explanation".into(),
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The role's name, in a language.
    pub fn name(self, lang: Lang) -> String {
        match self {
            Role::Ignore => msg::ROLE_IGNORE.get(lang).into(),
            Role::Id => msg::ROLE_ID.get(lang).into(),
            Role::Part => msg::ROLE_PART.get(lang).into(),
            Role::Domain => msg::ROLE_DOMAIN.get(lang).into(),
            Role::Capability => msg::ROLE_CAPABILITY.get(lang).into(),
            Role::Item => msg::ROLE_ITEM.get(lang).into(),
            Role::Level(n) => i18n::LEVEL_N.fmt(lang, &[("n", &n)]),
            Role::LevelNumber => msg::ROLE_LEVEL_NUMBER.get(lang).into(),
            Role::Requirement => msg::ROLE_REQUIREMENT.get(lang).into(),
            Role::Explanation => msg::ROLE_EXPLANATION.get(lang).into(),
        }
    }
}

/// The two layouts a form can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// CAICT's: one row per sub-item, one column per level.
    Caict,
    /// One row per requirement: sub-item, level, requirement (and optionally explanation).
    Long,
}

/// One column of the header row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// The header's text.
    pub header: String,
    /// Its address (`自评表!E5`).
    pub cell: String,
    /// The role recognised from the header.
    pub detected: Role,
    /// The role used (the recognised one unless the user chose another).
    pub role: Role,
}

/// Something wrong in a form, at a cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormProblem {
    /// `自评表!E7`, or a whole row `自评表!5:5`.
    pub cell: String,
    pub kind: FormProblemKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormProblemKind {
    /// No row names the sub-items and the levels.
    NoHeader,
    /// A column the layout needs is missing (`role`).
    MissingColumn(Role),
    /// Two columns have the same role.
    TwoColumns(Role),
    /// A level column is missing.
    MissingLevel(u8),
    /// An empty level cell.
    EmptyLevel(u8),
    ItemWithoutName,
    ItemWithoutCapability,
    ItemWithoutDomain,
    /// Two sub-items with one name under one capability (the first's cell).
    DuplicateItem {
        name: String,
        first: String,
    },
    SameAsLowerAtLevel2,
    /// `同N级` naming a level other than the one below.
    SameAsOther(u8),
    /// The long layout: a level that is not 1 to 5.
    BadLevel(String),
    /// The long layout: a sub-item without rows for a level.
    LevelWithoutRows(u8),
    /// A header, but no sub-item under it (so no model).
    NoItems,
    /// A cell longer than a spreadsheet allows: cut there (a warning).
    CellCut,
    /// The code column is not used (a value not usable as a code, or twice): codes come from
    /// positions instead (a warning).
    IdNotUsed(String),
}

impl FormProblem {
    /// Warnings do not keep the model from being loaded.
    pub fn is_warning(&self) -> bool {
        matches!(
            self.kind,
            FormProblemKind::CellCut | FormProblemKind::IdNotUsed(_)
        )
    }

    pub fn message(&self, lang: Lang) -> String {
        use FormProblemKind::*;
        match &self.kind {
            NoHeader => msg::P_NO_HEADER.get(lang).into(),
            MissingColumn(role) => msg::P_MISSING_COLUMN.fmt(lang, &[("role", &role.name(lang))]),
            TwoColumns(role) => msg::P_TWO_COLUMNS.fmt(lang, &[("role", &role.name(lang))]),
            MissingLevel(n) => msg::P_MISSING_LEVEL.fmt(lang, &[("n", n)]),
            EmptyLevel(n) => msg::P_EMPTY_LEVEL.fmt(lang, &[("n", n)]),
            ItemWithoutName => msg::P_ITEM_WITHOUT_NAME.get(lang).into(),
            ItemWithoutCapability => msg::P_ITEM_WITHOUT_CAPABILITY.get(lang).into(),
            ItemWithoutDomain => msg::P_ITEM_WITHOUT_DOMAIN.get(lang).into(),
            DuplicateItem { name, first } => {
                msg::P_DUPLICATE_ITEM.fmt(lang, &[("name", &quote(name)), ("first", first)])
            }
            SameAsLowerAtLevel2 => msg::P_SAME_AT_2.get(lang).into(),
            SameAsOther(n) => msg::P_SAME_AS_OTHER.fmt(lang, &[("n", n)]),
            BadLevel(found) => msg::P_BAD_LEVEL.fmt(lang, &[("found", &quote(found))]),
            LevelWithoutRows(n) => msg::P_LEVEL_WITHOUT_ROWS.fmt(lang, &[("n", n)]),
            NoItems => msg::P_NO_ITEMS.get(lang).into(),
            CellCut => msg::P_CELL_CUT.fmt(lang, &[("limit", &sheet::MAX_CELL_CHARS)]),
            IdNotUsed(value) => msg::P_ID_NOT_USED.fmt(lang, &[("value", &quote(value))]),
        }
    }
}

/// What the user chose in the preview: the sheet (by position) and each column's role.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choice {
    pub sheet: Option<usize>,
    /// Roles by column, overriding the recognised ones (shorter lists keep the rest).
    pub roles: Vec<Role>,
}

/// A form as recognised: the model it gives and everything the preview shows.
#[derive(Clone, Debug, PartialEq)]
pub struct FormRead {
    /// The sheet read (by position) and every sheet's name.
    pub sheet: usize,
    pub sheets: Vec<String>,
    /// The header row (zero-based), when one was found.
    pub header_row: Option<u32>,
    pub columns: Vec<Column>,
    pub layout: Layout,
    /// The language the form is written in.
    pub lang: Lang,
    /// The model, without id and version (the user confirms them); its title is the title row's.
    pub model: Model,
    pub problems: Vec<FormProblem>,
}

impl FormRead {
    /// Whether the model can be loaded (warnings aside).
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| !p.is_warning())
    }

    /// Domains, capabilities, sub-items and requirements.
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let m = &self.model;
        let caps = m.domains.iter().map(|d| d.capabilities.len()).sum();
        let items = m
            .domains
            .iter()
            .flat_map(|d| &d.capabilities)
            .map(|c| c.items.len())
            .sum();
        let reqs = m
            .domains
            .iter()
            .flat_map(|d| &d.capabilities)
            .flat_map(|c| &c.items)
            .flat_map(|i| &i.levels)
            .map(|l| l.requirements.len())
            .sum();
        (m.domains.len(), caps, items, reqs)
    }
}

impl FormRead {
    /// The first `n` sub-items as text in the form's language, as the preview shows them
    /// (name, explanation, each level's cell as the form writer would write it); and how many.
    pub fn sample(&self, n: usize) -> (usize, String) {
        let lang = self.lang;
        let items: Vec<_> = self
            .model
            .domains
            .iter()
            .flat_map(|d| &d.capabilities)
            .flat_map(|c| &c.items)
            .take(n)
            .collect();
        let mut out = String::new();
        for item in &items {
            out.push_str(&format!("{} {}\n", item.code, item.name.get(lang)));
            if let Some(e) = &item.explanation {
                let line = msg::FORM_EXPLANATION.fmt(lang, &[("text", &e.get(lang))]);
                out.push_str(&format!("  {line}\n"));
            }
            for level in 1..=5u8 {
                let name = self
                    .model
                    .levels
                    .iter()
                    .find(|l| l.level == level)
                    .map(|l| l.name.get(lang).to_string())
                    .unwrap_or_default();
                let head = msg::FORM_LEVEL_HEADER.fmt(lang, &[("n", &level), ("name", &name)]);
                out.push_str(&format!("  {head}\n"));
                for line in write::level_cell(item, level, lang).lines() {
                    out.push_str(&format!("    {line}\n"));
                }
            }
            out.push('\n');
        }
        (items.len(), out.trim_end().to_string())
    }
}

/// A model id from a file name or title: its ASCII letters and digits in lower case, words
/// joined by `-`; `form` when none is left.
pub fn suggest_id(file_name: &str) -> String {
    let mut id = String::new();
    for c in stem(file_name).chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_matches('-').chars().take(48).collect::<String>();
    let id = id.trim_matches('-');
    if id.chars().any(|c| c.is_ascii_alphabetic()) {
        id.to_string()
    } else {
        "form".to_string()
    }
}

/// A version not yet taken among `taken` (`id@version` keys): `today`, else `today.2`, ….
pub fn suggest_version(id: &str, today: &str, taken: &[String]) -> String {
    let free = |v: &str| !taken.iter().any(|k| *k == format!("{id}@{v}"));
    if free(today) {
        return today.to_string();
    }
    (2..1000)
        .map(|n| format!("{today}.{n}"))
        .find(|v| free(v))
        .unwrap_or_else(|| today.to_string())
}

/// The model file's text for a recognised form, with the title, id and version the user
/// confirmed. The workspace checks it like any model file before storing it.
pub fn finish(read: &FormRead, title: &str, id: &str, version: &str) -> String {
    let mut model = read.model.clone();
    model.format = MODEL_FORMAT.to_string();
    model.format_version = MODEL_FORMAT_VERSION;
    model.id = id.trim().to_string();
    model.version = version.trim().to_string();
    let title = title.trim();
    if !title.is_empty() {
        model.title = crate::text::Text::only(read.lang, title);
    }
    serde_json::to_string_pretty(&model).unwrap_or_default() + "\n"
}
