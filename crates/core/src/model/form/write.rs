//! Any model written back as a form: one sheet in the CAICT layout (a title row, a note, the
//! header `编号 | 能力子域 | 能力项 | 能力子项 | 1级 … 5级`, one row per sub-item, domains and
//! capabilities merged down their rows with their codes in front), in one language. Reading it
//! back ([`super::read`]) gives the same codes, texts, baselines, explanations and
//! `same_as_lower` levels, so an organisation can correct the wording in Excel and load the
//! form as a new version. Texts go through the `.xlsx` writer's guards (markup stays text,
//! formulas are not formulas).

use crate::formats::csv::BOM;
use crate::formats::xlsx::{cell_text, Cell, Package, Range, Sheet, Style, XlsxBook};
use crate::model::{Item, LoadedModel, Model};
use crate::text::i18n::{self, form as msg};
use crate::text::{Lang, Text};

/// The columns: ID, domain, capability, sub-item, levels 1 to 5.
const WIDTHS: [f64; 9] = [16.0, 18.0, 20.0, 24.0, 30.0, 36.0, 36.0, 36.0, 36.0];

/// The language a model's form is written in: the interface's when the model has it, else the
/// one it has.
pub fn form_lang(model: &LoadedModel, ui: Lang) -> Lang {
    let langs = model.languages();
    if langs.has(ui) {
        ui
    } else {
        langs.list().first().copied().unwrap_or(ui)
    }
}

fn text(t: &Text, lang: Lang) -> String {
    t.get(lang).to_string()
}

/// The sub-item's cell: its name, and its explanation after a `说明：` line.
fn item_cell(item: &Item, lang: Lang) -> String {
    let mut cell = text(&item.name, lang);
    if let Some(e) = &item.explanation {
        cell.push('\n');
        cell.push_str(&msg::FORM_EXPLANATION.fmt(lang, &[("text", &e.get(lang))]));
    }
    cell
}

/// A level cell: `同N级`, or the numbered requirements, each explanation on a `说明：` line
/// after its requirement.
pub fn level_cell(item: &Item, level: u8, lang: Lang) -> String {
    if level == 1 {
        return text(&item.baseline, lang);
    }
    let Some(l) = item.levels.iter().find(|l| l.level == level) else {
        return String::new();
    };
    if l.same_as_lower {
        return i18n::SAME_AS_LEVEL.fmt(lang, &[("n", &(level - 1))]);
    }
    let mut lines = Vec::new();
    for (n, r) in l.requirements.iter().enumerate() {
        lines.push(format!("{}) {}", n + 1, r.text.get(lang)));
        if let Some(e) = &r.explanation {
            lines.push(msg::FORM_EXPLANATION.fmt(lang, &[("text", &e.get(lang))]));
        }
    }
    lines.join("\n")
}

/// The form of a model in a language, as a workbook of one sheet.
pub fn form_book(model: &Model, lang: Lang, today: &str) -> XlsxBook {
    let mut sheet = Sheet::new(msg::FORM_SHEET.get(lang));
    sheet.widths = WIDTHS.to_vec();
    let last = WIDTHS.len() as u32 - 1;
    let row = sheet.push(vec![Cell::text(text(&model.title, lang), Style::Title)]);
    sheet.rows[row as usize].height = Some(24.0);
    sheet.merge(Range::new(row, 0, row, last));
    let note = msg::FORM_NOTE.fmt(lang, &[("id", &model.id), ("version", &model.version)]);
    let row = sheet.push(vec![Cell::text(note, Style::Note)]);
    sheet.rows[row as usize].height = Some(32.0);
    sheet.merge(Range::new(row, 0, row, last));
    let mut header = vec![
        Cell::text(msg::FORM_CODE.get(lang), Style::Header),
        Cell::text(i18n::CSV_DOMAIN.get(lang), Style::Header),
        Cell::text(i18n::CSV_CAPABILITY.get(lang), Style::Header),
        Cell::text(i18n::CSV_SUB_ITEM.get(lang), Style::Header),
    ];
    for n in 1..=5u8 {
        let name = model
            .levels
            .iter()
            .find(|l| l.level == n)
            .map(|l| text(&l.name, lang))
            .unwrap_or_default();
        header.push(Cell::text(
            msg::FORM_LEVEL_HEADER
                .fmt(lang, &[("n", &n), ("name", &name)])
                .trim()
                .to_string(),
            Style::Header,
        ));
    }
    let header_row = sheet.push(header);
    for domain in &model.domains {
        let domain_start = sheet.next_row();
        for cap in &domain.capabilities {
            let cap_start = sheet.next_row();
            for item in &cap.items {
                let first_of_domain = sheet.next_row() == domain_start;
                let first_of_cap = sheet.next_row() == cap_start;
                let named = |show: bool, code: &str, name: &Text| {
                    if show {
                        Cell::text(format!("{code} {}", name.get(lang)), Style::Strong)
                    } else {
                        Cell::blank(Style::Strong)
                    }
                };
                let mut cells = vec![
                    Cell::text(item.code.clone(), Style::Text),
                    named(first_of_domain, &domain.code, &domain.name),
                    named(first_of_cap, &cap.code, &cap.name),
                    Cell::text(item_cell(item, lang), Style::Text),
                ];
                for n in 1..=5u8 {
                    cells.push(Cell::text(level_cell(item, n, lang), Style::Text));
                }
                sheet.push(cells);
            }
            let end = sheet.next_row().saturating_sub(1);
            sheet.merge(Range::new(cap_start, 2, end, 2));
        }
        let end = sheet.next_row().saturating_sub(1);
        sheet.merge(Range::new(domain_start, 1, end, 1));
    }
    sheet.freeze_rows = header_row + 1;
    sheet.freeze_cols = 4;
    sheet.print_title_rows = Some((header_row, header_row));
    XlsxBook {
        title: text(&model.title, lang),
        created: today.to_string(),
        sheets: vec![sheet],
    }
}

/// The form's `.xlsx` package (compress its parts, then zip them).
pub fn form_package(model: &Model, lang: Lang, today: &str) -> Package {
    form_book(model, lang, today).package()
}

/// The form as CSV (UTF-8 with a BOM), the same rows without merging and the same texts as the
/// `.xlsx` holds: for tests and tools.
pub fn form_csv(model: &Model, lang: Lang, today: &str) -> String {
    let book = form_book(model, lang, today);
    let mut out = BOM.to_string();
    for row in &book.sheets[0].rows {
        let fields: Vec<String> = row
            .cells
            .iter()
            .map(|c| match &c.value {
                // As the .xlsx writer writes it (characters a cell cannot hold dropped).
                crate::formats::xlsx::Value::Text(t) => form_field(&cell_text(t)),
                crate::formats::xlsx::Value::Number(n) => form_field(&n.to_string()),
                crate::formats::xlsx::Value::Empty => String::new(),
            })
            .collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A field of the form's CSV: quoted where [`crate::formats::csv::field`] quotes it, and also
/// where the form reader could misread it unquoted: holding `;` or a tab (it guesses the
/// separator from what the first lines hold outside quotes) or starting with `<` or `{` (a file
/// starting so is not taken for CSV).
fn form_field(value: &str) -> String {
    let field = crate::formats::csv::field(value);
    if !field.starts_with('"') && (field.contains([';', '\t']) || field.starts_with(['<', '{'])) {
        // Unquoted, it holds no `"`.
        format!("\"{field}\"")
    } else {
        field
    }
}
