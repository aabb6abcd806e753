//! The portfolio's exports: the matrix and the comparison as CSV (through the one CSV line
//! writer) and as an Excel workbook (through the xlsx writer). Kept beside the portfolio rather
//! than in `formats`, which the portfolio itself uses to read files: the floors stay one-way.

use super::{reaches, Column, Comparison, Matrix, MatrixRow, Portfolio, RowKind};
use crate::assess::assessment::Status;
use crate::assess::rule::Rule;
use crate::assess::score::Label;
use crate::formats::csv::{line, BOM};
use crate::formats::xlsx::{Cell, Range, Sheet, Style, XlsxBook};
use crate::text::i18n::{self, T};
use crate::text::Lang;

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
pub fn xlsx_book(
    p: &Portfolio,
    m: &Matrix,
    c: Option<&Comparison>,
    lang: Lang,
    today: &str,
) -> XlsxBook {
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
    XlsxBook {
        title,
        created: today.to_string(),
        sheets,
    }
}
