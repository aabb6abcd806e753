//! The CAICT forms as one Excel workbook, in the chosen language: the self-assessment form
//! (自评表) in CAICT's layout and row order, the statistics sheet (统计结果), every requirement
//! (要求明细), the evidence checklist for the target (材料清单) and the registration form
//! (登记表). Every level, label and gap comes from [`score`], [`csv::level_cell`] and
//! [`csv::gap_cell`], so the workbook says what the workbook's views and CSV files say.
//! The sheets are described in docs/exchange-format.md.

use crate::assess::assessment::{Assessment, EvidenceStatus, ProjectField, Status};
use crate::assess::gap::evidence_plan;
use crate::assess::materials::{found_paths, last_check};
use crate::assess::rule::Rule;
use crate::assess::score::{score, Label, Results};
use crate::formats::csv;
use crate::formats::xlsx::{
    row_height, wrapped_lines, Cell, Package, Range, Sheet, Style, XlsxBook,
};
use crate::model::LoadedModel;
use crate::text::i18n::{self, clarity, T};
use crate::text::Lang;

/// The `.xlsx` package the Export menu offers (compress its parts, then zip them).
pub fn caict_workbook(model: &LoadedModel, a: &Assessment, lang: Lang, today: &str) -> Package {
    workbook(model, a, lang, today).package()
}

/// The workbook before it is packaged, for tests and for the package above.
pub fn workbook(model: &LoadedModel, a: &Assessment, lang: Lang, today: &str) -> XlsxBook {
    let results = score(model, &a.answers, a.target_level, Rule::default());
    let ctx = Ctx {
        model,
        a,
        lang,
        results: &results,
    };
    XlsxBook {
        title: i18n::XLSX_DOC_TITLE.fmt(lang, &[("project", &a.project_name())]),
        created: today.to_string(),
        sheets: vec![
            ctx.form(today),
            ctx.statistics(),
            ctx.requirements(),
            ctx.evidence(),
            ctx.registration(),
        ],
    }
}

/// The overall rating in words with the form's notation after it: "2 级，3 级部分达成（3-）".
fn overall_value(label: Label, lang: Lang) -> String {
    if label.partial {
        clarity::XLSX_OVERALL_VALUE.fmt(lang, &[("words", &label.words(lang)), ("label", &label)])
    } else {
        label.words(lang)
    }
}

/// A row saying what "N-" means (label in the first two columns, the legend across the rest
/// of `width` columns, `merged` characters wide), beside every column that writes "N-".
fn legend_row(sheet: &mut Sheet, lang: Lang, width: usize, merged: f64) {
    let legend = clarity::XLSX_LEVEL_LEGEND.get(lang);
    let mut cells = vec![
        Cell::text(clarity::XLSX_LEGEND_LABEL.get(lang), Style::Label),
        Cell::blank(Style::Label),
        Cell::text(legend, Style::Text),
    ];
    cells.resize(width.max(3), Cell::blank(Style::Text));
    let row = sheet.push(cells);
    sheet.rows[row as usize].height = Some(row_height(wrapped_lines(legend, merged)));
    sheet.merge(Range::new(row, 0, row, 1));
    sheet.merge(Range::new(row, 2, row, width.max(3) as u32 - 1));
}

/// A level against the target, as a fill (and always with the level's text in the cell).
fn level_style(level: u8, target: u8) -> Style {
    if level >= target {
        Style::Good
    } else {
        Style::Warn
    }
}

struct Ctx<'a> {
    model: &'a LoadedModel,
    a: &'a Assessment,
    lang: Lang,
    results: &'a Results,
}

/// Columns of the self-assessment form.
const FORM_WIDTHS: [f64; 12] = [
    10.0, 14.0, 16.0, 20.0, 30.0, 30.0, 30.0, 30.0, 30.0, 8.0, 40.0, 30.0,
];

impl Ctx<'_> {
    fn t(&self, t: T) -> &'static str {
        t.get(self.lang)
    }

    fn level_header(&self, n: u8, mark_target: bool) -> Cell {
        let target = mark_target && n == self.results.target;
        let template = if target {
            i18n::XLSX_LEVEL_TARGET
        } else {
            i18n::XLSX_LEVEL_HEADER
        };
        let text = template.fmt(
            self.lang,
            &[("n", &n), ("name", &self.model.level_name(n, self.lang))],
        );
        Cell::text(text, if target { Style::Target } else { Style::Header })
    }

    /// 自评表: the header block, then one row per sub-item in model order, with the part,
    /// domains and capabilities merged down their rows as CAICT's form groups them.
    fn form(&self, today: &str) -> Sheet {
        let mut sheet = Sheet::new(self.t(i18n::XLSX_SHEET_FORM));
        sheet.widths = FORM_WIDTHS.to_vec();
        self.form_head(&mut sheet, today);
        let header_row = self.form_header_row(&mut sheet);
        self.form_items(&mut sheet);
        sheet.freeze_rows = header_row + 1;
        sheet.freeze_cols = 4;
        sheet.print_title_rows = Some((header_row, header_row));
        sheet
    }

    /// Rows 1 to 6 of 自评表: the title; organisation, project and date; the model; target,
    /// overall rating and verdict; what "N-" means; the scoring rule in words.
    fn form_head(&self, sheet: &mut Sheet, today: &str) {
        let (m, lang, r) = (self.model, self.lang, self.results);
        let target = r.target;
        let last = FORM_WIDTHS.len() as u32 - 1;
        let label = |t: T| Cell::text(t.get(lang), Style::Label);
        let text = |s: String| Cell::text(s, Style::Text);
        let blank = Cell::blank(Style::Text);

        // Row 1: the title.
        let title = i18n::XLSX_FORM_TITLE.fmt(self.lang, &[("title", &m.title(lang))]);
        let row = sheet.push(vec![Cell::text(title, Style::Title)]);
        sheet.rows[row as usize].height = Some(24.0);
        sheet.merge(Range::new(row, 0, row, last));

        // Row 2: whose it is (评估企业名称, 评估项目名称) and the date.
        let row = sheet.push(vec![
            label(i18n::PF_ORGANISATION),
            Cell::blank(Style::Label),
            text(self.a.project.organisation.clone()),
            blank.clone(),
            label(i18n::PF_PROJECT),
            text(self.a.project_name().to_string()),
            blank.clone(),
            blank.clone(),
            blank.clone(),
            label(i18n::XLSX_DATE),
            text(today.to_string()),
            blank.clone(),
        ]);
        sheet.merge(Range::new(row, 0, row, 1));
        sheet.merge(Range::new(row, 2, row, 3));
        sheet.merge(Range::new(row, 5, row, 8));
        sheet.merge(Range::new(row, 10, row, 11));

        // Row 3: the model and its version.
        let model_value = i18n::XLSX_MODEL_VALUE.fmt(
            self.lang,
            &[("title", &m.title(lang)), ("version", &m.model.version)],
        );
        let mut cells = vec![
            label(i18n::XLSX_MODEL),
            Cell::blank(Style::Label),
            text(model_value),
        ];
        cells.resize(FORM_WIDTHS.len(), blank.clone());
        let row = sheet.push(cells);
        sheet.merge(Range::new(row, 0, row, 1));
        sheet.merge(Range::new(row, 2, row, last));

        // Row 4: target and overall rating (in words, then as the form writes it), each a
        // filled cell with its text, and the verdict.
        let target_value = i18n::XLSX_TARGET_VALUE.fmt(
            self.lang,
            &[("n", &target), ("name", &m.level_name(target, lang))],
        );
        let verdict = if r.part.level() >= target {
            i18n::VERDICT_REACHED.fmt(self.lang, &[("n", &target)])
        } else {
            i18n::VERDICT_GAP.fmt(self.lang, &[("n", &target), ("k", &r.blocking.len())])
        };
        let mut cells = vec![
            label(i18n::TARGET_LEVEL),
            Cell::blank(Style::Label),
            Cell::text(target_value, Style::Target),
            Cell::blank(Style::Target),
            label(i18n::OVERALL),
            Cell::text(
                overall_value(r.part.label, lang),
                level_style(r.part.level(), target),
            ),
            text(verdict),
        ];
        cells.resize(FORM_WIDTHS.len(), blank.clone());
        let row = sheet.push(cells);
        sheet.merge(Range::new(row, 0, row, 1));
        sheet.merge(Range::new(row, 2, row, 3));
        sheet.merge(Range::new(row, 6, row, last));

        // Row 5: what "N-" means, beside the column that writes it.
        legend_row(
            sheet,
            lang,
            FORM_WIDTHS.len(),
            FORM_WIDTHS[2..].iter().sum(),
        );

        // Row 6: the scoring rule, in words.
        let rule = Rule::default();
        let statement = i18n::XLSX_RULE_VALUE.fmt(
            self.lang,
            &[
                ("name", &rule.name().get(lang)),
                ("statement", &rule.statement().get(lang)),
            ],
        );
        let merged_width: f64 = FORM_WIDTHS[2..].iter().sum();
        let height = row_height(wrapped_lines(&statement, merged_width));
        let mut cells = vec![
            label(i18n::RULE),
            Cell::blank(Style::Label),
            text(statement),
        ];
        cells.resize(FORM_WIDTHS.len(), blank.clone());
        let row = sheet.push(cells);
        sheet.rows[row as usize].height = Some(height);
        sheet.merge(Range::new(row, 0, row, 1));
        sheet.merge(Range::new(row, 2, row, last));
    }

    /// Row 7 of 自评表, the table header (repeated on every printed page); returns its row.
    fn form_header_row(&self, sheet: &mut Sheet) -> u32 {
        let target = self.results.target;
        sheet.push(vec![
            Cell::text(self.t(i18n::XLSX_PART), Style::Header),
            Cell::text(self.t(i18n::DOMAIN), Style::Header),
            Cell::text(self.t(i18n::XLSX_CAPABILITY), Style::Header),
            Cell::text(self.t(i18n::SUB_ITEM), Style::Header),
            self.level_header(1, true),
            self.level_header(2, true),
            self.level_header(3, true),
            self.level_header(4, true),
            self.level_header(5, true),
            Cell::text(self.t(i18n::SELF_RATING), Style::Header),
            Cell::text(
                i18n::XLSX_GAP_HEADER.fmt(self.lang, &[("n", &target)]),
                Style::Header,
            ),
            Cell::text(self.t(i18n::NOTES), Style::Header),
        ])
    }

    /// One row of 自评表 per sub-item, with the part, domains and capabilities merged down
    /// their rows.
    fn form_items(&self, sheet: &mut Sheet) {
        let (m, lang, r) = (self.model, self.lang, self.results);
        let target = r.target;
        let text = |s: String| Cell::text(s, Style::Text);
        // One row per sub-item.
        let first = sheet.next_row();
        let mut domain_start = (first, usize::MAX);
        let mut cap_start = (first, usize::MAX);
        for i in 0..m.item_count() {
            let it = m.item(i);
            let index = m.item_index(i);
            let row = sheet.next_row();
            // A group ends where the next begins: merge its rows in its column.
            if index.domain != domain_start.1 {
                if i > 0 {
                    sheet.merge(Range::new(domain_start.0, 1, row - 1, 1));
                }
                domain_start = (row, index.domain);
            }
            if index.capability != cap_start.1 {
                if i > 0 {
                    sheet.merge(Range::new(cap_start.0, 2, row - 1, 2));
                }
                cap_start = (row, index.capability);
            }
            let domain = m.domain(index.domain);
            let cap = m.capability(index.capability);
            let group = |s: String, start: bool| {
                if start {
                    Cell::text(s, Style::Strong)
                } else {
                    Cell::blank(Style::Strong)
                }
            };
            let mut cells = vec![
                group(m.title(lang).to_string(), i == 0),
                group(
                    format!("{} {}", domain.code, domain.name.get(lang)),
                    domain_start.0 == row,
                ),
                group(
                    format!("{} {}", cap.code, cap.name.get(lang)),
                    cap_start.0 == row,
                ),
                text(format!("{} {}", it.code, it.name.get(lang))),
            ];
            for level in 1..=5 {
                cells.push(text(csv::level_cell(m, i, level, lang)));
            }
            let score = &r.items[i];
            cells.push(Cell::text(
                score.label.to_string(),
                level_style(score.level(), target),
            ));
            cells.push(text(csv::gap_cell(m, r, i, lang)));
            cells.push(text(
                self.a
                    .items
                    .get(&it.code)
                    .map(|w| w.notes.clone())
                    .unwrap_or_default(),
            ));
            sheet.push(cells);
        }
        let end = sheet.next_row().saturating_sub(1);
        if m.item_count() > 0 {
            sheet.merge(Range::new(domain_start.0, 1, end, 1));
            sheet.merge(Range::new(cap_start.0, 2, end, 2));
            sheet.merge(Range::new(first, 0, end, 0));
        }
    }

    /// 统计结果: how many sub-items are at each level, per domain and overall, with each
    /// domain's rating and what blocks the target.
    fn statistics(&self) -> Sheet {
        let (m, r) = (self.model, self.results);
        let target = r.target;
        let mut sheet = Sheet::new(self.t(i18n::XLSX_SHEET_STATS));
        let title = sheet.push(vec![Cell::text(self.t(i18n::DISTRIBUTION), Style::Title)]);
        sheet.rows[title as usize].height = Some(24.0);
        sheet.merge(Range::new(title, 0, title, 8));
        let mut header = vec![Cell::text(self.t(i18n::DOMAIN), Style::Header)];
        header.extend((1..=5).map(|n| self.level_header(n, true)));
        for t in [i18n::XLSX_ITEM_COUNT, i18n::SELF_RATING, i18n::BLOCKING] {
            header.push(Cell::text(self.t(t), Style::Header));
        }
        let header_row = sheet.push(header);

        let mut counts = vec![[0u32; 5]; m.domain_count()];
        for i in 0..m.item_count() {
            counts[m.item_index(i).domain][usize::from(r.items[i].level() - 1)] += 1;
        }
        let row = |name: String,
                   strong: bool,
                   dist: &[u32; 5],
                   label: String,
                   level: u8,
                   blocking: u32| {
            let mut cells = vec![Cell::text(
                name,
                if strong { Style::Strong } else { Style::Text },
            )];
            cells.extend(dist.iter().map(|&n| Cell::number(n, Style::Center)));
            cells.push(Cell::number(dist.iter().sum::<u32>(), Style::Center));
            cells.push(Cell::text(label, level_style(level, target)));
            cells.push(Cell::number(blocking, Style::Center));
            cells
        };
        for (d, dist) in counts.iter().enumerate() {
            let domain = m.domain(d);
            let score = &r.domains[d];
            sheet.push(row(
                format!("{} {}", domain.code, domain.name.get(self.lang)),
                false,
                dist,
                score.label.to_string(),
                score.level(),
                score.blocking,
            ));
        }
        sheet.push(row(
            self.t(i18n::XLSX_TOTAL).to_string(),
            true,
            &r.distribution,
            r.part.label.to_string(),
            r.part.level(),
            r.part.blocking,
        ));
        sheet.fit_widths(8.0, 40.0);
        sheet.push(Vec::new());
        let merged = sheet.widths.iter().skip(2).sum();
        legend_row(&mut sheet, self.lang, 9, merged);
        sheet.freeze_rows = header_row + 1;
        sheet.print_title_rows = Some((header_row, header_row));
        sheet
    }

    /// 要求明细: every requirement with its answer, comment and reason, and whether it blocks
    /// the target; filterable.
    fn requirements(&self) -> Sheet {
        let (m, lang, r) = (self.model, self.lang, self.results);
        let mut sheet = Sheet::new(self.t(i18n::XLSX_SHEET_REQUIREMENTS));
        let header: Vec<Cell> = [
            i18n::XLSX_REQ_ID,
            i18n::SUB_ITEM,
            i18n::XLSX_LEVEL,
            i18n::REQUIREMENT,
            i18n::ANSWER,
            i18n::COMMENT,
            i18n::NA_REASON,
            i18n::FILTER_BLOCKING,
        ]
        .into_iter()
        .map(|t| Cell::text(self.t(t), Style::Header))
        .collect();
        let width = header.len() as u32;
        let header_row = sheet.push(header);
        let mut blocking = vec![false; m.requirement_count()];
        for &b in &r.blocking {
            blocking[b] = true;
        }
        for (req, &blocks) in blocking.iter().enumerate() {
            let id = m.requirement_id(req);
            let pos = m.requirement_pos(req);
            let item = m.item(pos.item);
            let answer = self.a.answers.get(id);
            let status = answer.map(|x| x.status);
            let reason = answer
                .filter(|x| x.status == Status::NotApplicable)
                .and_then(|x| x.na_reason.as_ref())
                .map(|n| {
                    let kind = self.t(n.kind.text());
                    if n.text.is_empty() {
                        kind.to_string()
                    } else {
                        i18n::XLSX_NA_REASON_VALUE
                            .fmt(self.lang, &[("kind", &kind), ("text", &n.text)])
                    }
                })
                .unwrap_or_default();
            let answer_style = match status {
                Some(Status::Met) => Style::Good,
                Some(Status::Partial | Status::NotMet) => Style::Warn,
                _ => Style::Center,
            };
            sheet.push(vec![
                Cell::text(id, Style::Text),
                Cell::text(
                    format!("{} {}", item.code, item.name.get(lang)),
                    Style::Text,
                ),
                Cell::number(pos.level, Style::Center),
                Cell::text(m.requirement(req).text.get(lang), Style::Text),
                Cell::text(self.t(Status::text_of(status)), answer_style),
                Cell::text(
                    answer.map(|x| x.comment.clone()).unwrap_or_default(),
                    Style::Text,
                ),
                Cell::text(reason, Style::Text),
                if blocks {
                    Cell::text(self.t(i18n::XLSX_YES), Style::Warn)
                } else {
                    Cell::blank(Style::Center)
                },
            ]);
        }
        sheet.fit_widths(8.0, 60.0);
        sheet.freeze_rows = header_row + 1;
        sheet.freeze_cols = 1;
        let last = sheet.next_row().saturating_sub(1);
        sheet.autofilter = Some(Range::new(header_row, 0, last, width - 1));
        sheet.print_title_rows = Some((header_row, header_row));
        sheet
    }

    /// 材料清单: the evidence for the target level as CAICT's checklist lists it, plus the
    /// team's status, owner, location and due date; filterable.
    fn evidence(&self) -> Sheet {
        let (m, lang) = (self.model, self.lang);
        let target = self.results.target;
        let mut sheet = Sheet::new(self.t(i18n::XLSX_SHEET_EVIDENCE));
        let title = i18n::XLSX_EVIDENCE_TITLE.fmt(self.lang, &[("n", &target)]);
        let title_row = sheet.push(vec![Cell::text(title, Style::Title)]);
        sheet.rows[title_row as usize].height = Some(24.0);
        let header: Vec<Cell> = [
            i18n::materials::MATERIAL_CODE,
            i18n::SUB_ITEM,
            i18n::EV_LEVELS,
            i18n::EV_KIND,
            i18n::EV_TITLE,
            i18n::EV_STATUS,
            i18n::EV_OWNER,
            i18n::EV_LOCATION,
            i18n::EV_DUE,
            i18n::materials::FILES_FOUND,
        ]
        .into_iter()
        .map(|t| Cell::text(self.t(t), Style::Header))
        .collect();
        let width = header.len() as u32;
        sheet.merge(Range::new(title_row, 0, title_row, width - 1));
        let header_row = sheet.push(header);
        let checked = last_check(m, self.a);
        let mut n = 0;
        for plan in evidence_plan(m, self.a) {
            let item = m.item(plan.item);
            for line in &plan.lines {
                let found = checked
                    .as_ref()
                    .map(|(r, c)| found_paths(r.lines.get(n), &c.files))
                    .unwrap_or_default();
                n += 1;
                let expected = line.expected_in(m, plan.item);
                let entry = line.entry.as_ref();
                let code = line.code(expected, &item.code);
                let title = line.title(expected, lang);
                let kind = line.kind(expected);
                let levels = line.levels_text();
                let status = line.status();
                let field = |f: fn(&crate::assess::assessment::EvidenceEntry) -> &String| {
                    Cell::text(entry.map(f).cloned().unwrap_or_default(), Style::Text)
                };
                sheet.push(vec![
                    Cell::text(code, Style::Text),
                    Cell::text(
                        format!("{} {}", item.code, item.name.get(lang)),
                        Style::Text,
                    ),
                    Cell::text(levels, Style::Center),
                    Cell::text(self.t(kind.text()), Style::Center),
                    Cell::text(title, Style::Text),
                    Cell::text(
                        self.t(status.text()),
                        match status {
                            EvidenceStatus::Ready => Style::Good,
                            _ => Style::Warn,
                        },
                    ),
                    field(|e| &e.owner),
                    field(|e| &e.location),
                    field(|e| &e.due),
                    Cell::text(found, Style::Text),
                ]);
            }
        }
        sheet.fit_widths(8.0, 50.0);
        sheet.freeze_rows = header_row + 1;
        let last = sheet.next_row().saturating_sub(1);
        sheet.autofilter = Some(Range::new(header_row, 0, last, width - 1));
        // Under the table: what a material code is, and the last check of the folder.
        sheet.push(Vec::new());
        let mut notes = vec![self.t(i18n::materials::CODE_NOTE).to_string()];
        if let Some((r, c)) = &checked {
            notes.push(i18n::materials::CHECK_LINE.fmt(
                lang,
                &[
                    ("t", &crate::text::short_time(&c.checked_at)),
                    ("found", &r.found()),
                    ("needed", &r.needed()),
                ],
            ));
        }
        for note in notes {
            let row = sheet.push(vec![Cell::text(note, Style::Note)]);
            sheet.merge(Range::new(row, 0, row, width - 1));
            sheet.rows[row as usize].height = Some(30.0);
        }
        sheet.print_title_rows = Some((header_row, header_row));
        sheet
    }

    /// 登记表: the assessment's name and the registration form's fields.
    fn registration(&self) -> Sheet {
        let mut sheet = Sheet::new(self.t(i18n::XLSX_SHEET_REGISTRATION));
        let title = sheet.push(vec![Cell::text(
            self.t(i18n::XLSX_REGISTRATION_TITLE),
            Style::Title,
        )]);
        sheet.rows[title as usize].height = Some(24.0);
        sheet.merge(Range::new(title, 0, title, 1));
        let header_row = sheet.push(vec![
            Cell::text(self.t(i18n::XLSX_FIELD), Style::Header),
            Cell::text(self.t(i18n::XLSX_VALUE), Style::Header),
        ]);
        sheet.push(vec![
            Cell::text(self.t(i18n::ASSESSMENT_NAME), Style::Label),
            Cell::text(self.a.name.clone(), Style::Text),
        ]);
        for f in ProjectField::ALL {
            sheet.push(vec![
                Cell::text(self.t(f.text()), Style::Label),
                Cell::text(self.a.project.get(f), Style::Text),
            ]);
        }
        sheet.fit_widths(10.0, 40.0);
        sheet.widths[1] = 90.0;
        sheet.freeze_rows = header_row + 1;
        sheet.print_title_rows = Some((header_row, header_row));
        sheet
    }
}
