//! Spreadsheet exports in the layouts of CAICT's forms: the self-assessment form (自评表), a
//! sheet of every requirement, and the evidence checklist (材料清单) for the target level.
//! CSV per RFC 4180 (quoted fields, CRLF), UTF-8 with a byte-order mark so Excel reads Chinese.

use crate::assess::assessment::{Assessment, Status};
use crate::assess::gap::evidence_plan;
use crate::assess::materials::{found_paths, last_check};
use crate::assess::rule::Rule;
use crate::assess::score::{score, Results};
use crate::model::LoadedModel;
use crate::text::i18n;
use crate::text::Lang;

pub const BOM: &str = "\u{feff}";

/// Text that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
/// return) gets a leading apostrophe, the usual guard against formula injection from text
/// typed by users. Shared by the CSV and the `.xlsx` exports.
pub fn guard(value: &str) -> std::borrow::Cow<'_, str> {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}").into(),
        _ => value.into(),
    }
}

/// One field, guarded ([`guard`]) and quoted when it must be.
pub fn field(value: &str) -> String {
    let guarded = guard(value);
    if guarded.contains([',', '"', '\n', '\r'])
        || guarded.starts_with(' ')
        || guarded.ends_with(' ')
    {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded.into_owned()
    }
}

/// One CSV line: the fields quoted where needed, joined by commas, ended by CRLF. Every CSV
/// the workbook writes goes through it, but the form's (`model::form::write::form_csv`), which
/// quotes a little more for the form reader.
pub fn line(fields: &[String]) -> String {
    let mut out = fields
        .iter()
        .map(|f| field(f))
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    out
}

/// Parses RFC 4180 CSV (with an optional BOM) into rows. Used to check exports read back.
pub fn parse(text: &str) -> Result<Vec<Vec<String>>, String> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cur = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cur.push('"');
                }
                '"' => quoted = false,
                _ => cur.push(c),
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
            }
            '"' => return Err("quote inside an unquoted field".into()),
            ',' => {
                row.push(std::mem::take(&mut cur));
                at_field_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                row.push(std::mem::take(&mut cur));
                rows.push(std::mem::take(&mut row));
                at_field_start = true;
            }
            _ => {
                cur.push(c);
                at_field_start = false;
            }
        }
    }
    if quoted {
        return Err("unterminated quoted field".into());
    }
    if !cur.is_empty() || !row.is_empty() {
        row.push(cur);
        rows.push(row);
    }
    Ok(rows)
}

/// The text of one level cell, as in the form: the numbered requirements of that level.
pub(crate) fn level_cell(model: &LoadedModel, item: usize, level: u8, lang: Lang) -> String {
    let it = model.item(item);
    if level == 1 {
        return it.baseline.get(lang).to_string();
    }
    let slot = usize::from(level - 2);
    if it.levels[slot].same_as_lower {
        return i18n::SAME_AS_LEVEL.fmt(lang, &[("n", &(level - 1))]);
    }
    it.levels[slot]
        .requirements
        .iter()
        .enumerate()
        .map(|(n, r)| format!("{}) {}", n + 1, r.text.get(lang)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The gap cell: what stands between the sub-item and the target.
pub(crate) fn gap_cell(model: &LoadedModel, results: &Results, item: usize, lang: Lang) -> String {
    let target = results.target;
    if results.items[item].level() >= target {
        return i18n::MEETS_LEVEL.fmt(lang, &[("n", &target)]);
    }
    let range = model.item_index(item).levels[0].start
        ..model.item_index(item).levels[usize::from(target - 2)].end;
    let blocking: Vec<String> = range
        .filter(|&r| !results.satisfied(r))
        .map(|r| {
            format!(
                "{} {}",
                model.requirement_id(r),
                model.requirement(r).text.get(lang)
            )
        })
        .collect();
    let head = i18n::N_NOT_SATISFIED.fmt(lang, &[("n", &blocking.len())]);
    format!("{head}\n{}", blocking.join("\n"))
}

/// The self-assessment form (自评表): one row per sub-item.
pub fn form(model: &LoadedModel, a: &Assessment, lang: Lang) -> String {
    let results = score(model, &a.answers, a.target_level, Rule::default());
    let target = a.target_level;
    let level_header = |n: u8| {
        i18n::CSV_LEVEL_HEADER
            .fmt(lang, &[("n", &n), ("name", &model.level_name(n, lang))])
            .replace("  ", " ")
    };
    let mut out = String::from(BOM);
    out.push_str(&line(&[
        i18n::CSV_PART.get(lang).into(),
        i18n::CSV_DOMAIN.get(lang).into(),
        i18n::CSV_CAPABILITY.get(lang).into(),
        i18n::CSV_SUB_ITEM.get(lang).into(),
        level_header(1),
        level_header(2),
        level_header(3),
        level_header(4),
        level_header(5),
        i18n::CSV_SELF_RATING.get(lang).into(),
        i18n::CSV_GAP_TO.fmt(lang, &[("n", &target)]),
        i18n::NOTES.get(lang).into(),
    ]));
    let part = model.title(lang).to_string();
    for i in 0..model.item_count() {
        let it = model.item(i);
        let index = model.item_index(i);
        let domain = model.domain(index.domain);
        let cap = model.capability(index.capability);
        let mut row = vec![
            part.clone(),
            format!("{} {}", domain.code, domain.name.get(lang)),
            format!("{} {}", cap.code, cap.name.get(lang)),
            format!("{} {}", it.code, it.name.get(lang)),
        ];
        for level in 1..=5 {
            row.push(level_cell(model, i, level, lang));
        }
        row.push(results.items[i].label.to_string());
        row.push(gap_cell(model, &results, i, lang));
        row.push(
            a.items
                .get(&it.code)
                .map(|w| w.notes.clone())
                .unwrap_or_default(),
        );
        out.push_str(&line(&row));
    }
    out.push_str(&line(&[]));
    out.push_str(&line(&[
        i18n::CSV_STATISTICS.get(lang).into(),
        i18n::CSV_OVERALL.get(lang).into(),
        results.part.label.to_string(),
        i18n::TARGET_LEVEL.get(lang).into(),
        target.to_string(),
        i18n::CSV_RULE.get(lang).into(),
        Rule::default().name().get(lang).into(),
    ]));
    for (n, count) in results.distribution.iter().enumerate() {
        out.push_str(&line(&[
            String::new(),
            i18n::CSV_LEVEL_COUNT.fmt(lang, &[("n", &(n + 1))]),
            count.to_string(),
        ]));
    }
    out.push_str(&line(&[
        String::new(),
        Rule::default().statement().get(lang).into(),
    ]));
    out.push_str(&line(&[
        String::new(),
        i18n::clarity::XLSX_LEVEL_LEGEND.get(lang).into(),
    ]));
    out
}

/// Every requirement with its answer.
pub fn requirements(model: &LoadedModel, a: &Assessment, lang: Lang) -> String {
    let mut out = String::from(BOM);
    out.push_str(&line(&[
        i18n::CSV_REQ_ID.get(lang).into(),
        i18n::CSV_SUB_ITEM.get(lang).into(),
        i18n::CSV_LEVEL.get(lang).into(),
        i18n::REQUIREMENT.get(lang).into(),
        i18n::ANSWER.get(lang).into(),
        i18n::COMMENT.get(lang).into(),
        i18n::CSV_REASON.get(lang).into(),
    ]));
    for r in 0..model.requirement_count() {
        let id = model.requirement_id(r);
        let pos = model.requirement_pos(r);
        let item = model.item(pos.item);
        let answer = a.answers.get(id);
        let reason = answer
            .filter(|x| x.status == Status::NotApplicable)
            .and_then(|x| x.na_reason.as_ref())
            .map(|n| {
                let kind = n.kind.text().get(lang);
                if n.text.is_empty() {
                    kind.to_string()
                } else {
                    format!("{kind}: {}", n.text)
                }
            })
            .unwrap_or_default();
        out.push_str(&line(&[
            id.to_string(),
            format!("{} {}", item.code, item.name.get(lang)),
            pos.level.to_string(),
            model.requirement(r).text.get(lang).to_string(),
            Status::text_of(answer.map(|x| x.status)).get(lang).into(),
            answer.map(|x| x.comment.clone()).unwrap_or_default(),
            reason,
        ]));
    }
    out
}

/// The evidence checklist for the target level, with the files the last check found.
pub fn evidence(model: &LoadedModel, a: &Assessment, lang: Lang) -> String {
    let mut out = String::from(BOM);
    let checked = last_check(model, a);
    let mut n = 0;
    out.push_str(&line(&[
        i18n::materials::MATERIAL_CODE.get(lang).into(),
        i18n::CSV_SUB_ITEM.get(lang).into(),
        i18n::CSV_LEVEL.get(lang).into(),
        i18n::EV_KIND.get(lang).into(),
        i18n::EV_TITLE.get(lang).into(),
        i18n::EV_STATUS.get(lang).into(),
        i18n::EV_OWNER.get(lang).into(),
        i18n::CSV_LOCATION.get(lang).into(),
        i18n::EV_DUE.get(lang).into(),
        i18n::materials::FILES_FOUND.get(lang).into(),
    ]));
    for plan in evidence_plan(model, a) {
        let item = model.item(plan.item);
        for l in &plan.lines {
            let expected = l.expected_in(model, plan.item);
            let code = l.code(expected, &item.code).to_string();
            let title = l.title(expected, lang);
            let kind = l.kind(expected);
            let levels = l.levels_text();
            out.push_str(&line(&[
                code,
                format!("{} {}", item.code, item.name.get(lang)),
                levels,
                kind.text().get(lang).into(),
                title,
                l.status().text().get(lang).into(),
                l.entry
                    .as_ref()
                    .map(|e| e.owner.clone())
                    .unwrap_or_default(),
                l.entry
                    .as_ref()
                    .map(|e| e.location.clone())
                    .unwrap_or_default(),
                l.entry.as_ref().map(|e| e.due.clone()).unwrap_or_default(),
                checked
                    .as_ref()
                    .map(|(r, c)| found_paths(r.lines.get(n), &c.files))
                    .unwrap_or_default(),
            ]));
            n += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_when_needed() {
        for (input, want) in [
            ("plain", "plain"),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            (" padded", "\" padded\""),
            ("=SUM(A1)", "'=SUM(A1)"),
            ("-1+1", "'-1+1"),
            ("@cmd", "'@cmd"),
            ("3-", "3-"),
            ("中文，逗号", "中文，逗号"),
        ] {
            assert_eq!(field(input), want, "{input:?}");
        }
    }

    #[test]
    fn parse_reads_back_what_line_writes() {
        let rows = vec![
            vec!["a".to_string(), "b,c".into(), "d\"e".into()],
            vec!["多行\n文本".into(), String::new(), " x ".into()],
        ];
        let text: String = BOM.to_string() + &rows.iter().map(|r| line(r)).collect::<String>();
        assert_eq!(parse(&text).unwrap(), rows);
        assert!(parse("\"open").is_err());
    }
}
