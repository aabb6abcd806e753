//! Spreadsheet exports in the layouts of CAICT's forms: the self-assessment form (自评表), a
//! sheet of every requirement, and the evidence checklist (材料清单) for the target level.
//! CSV per RFC 4180 (quoted fields, CRLF), UTF-8 with a byte-order mark so Excel reads Chinese.

use super::assessment::{Assessment, EvidenceStatus, NaKind, Status};
use super::gap::evidence_plan;
use super::model::{LoadedModel, Node};
use super::rule::Rule;
use super::score::{score, Results};
use super::text::Lang;

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

fn line(fields: &[String]) -> String {
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

fn pick(lang: Lang, zh: &str, en: &str) -> String {
    if lang == Lang::Zh {
        zh.to_string()
    } else {
        en.to_string()
    }
}

pub fn status_name(s: Option<Status>, lang: Lang) -> String {
    match s {
        Some(Status::Met) => pick(lang, "满足", "Met"),
        Some(Status::Partial) => pick(lang, "部分满足", "Partly met"),
        Some(Status::NotMet) => pick(lang, "不满足", "Not met"),
        Some(Status::NotApplicable) => pick(lang, "不适用", "Not applicable"),
        None => pick(lang, "未答", "Unanswered"),
    }
}

pub fn na_kind_name(k: NaKind, lang: Lang) -> String {
    match k {
        NaKind::OutOfScope => pick(lang, "不在评估范围内", "Out of scope"),
        NaKind::NotUsed => pick(lang, "本系统不涉及", "Not used by this system"),
        NaKind::Other => pick(lang, "其他", "Other"),
    }
}

pub fn evidence_status_name(s: EvidenceStatus, lang: Lang) -> String {
    match s {
        EvidenceStatus::Missing => pick(lang, "缺失", "Missing"),
        EvidenceStatus::InProgress => pick(lang, "准备中", "In progress"),
        EvidenceStatus::Ready => pick(lang, "已就绪", "Ready"),
    }
}

/// The text of one level cell, as in the form: the numbered requirements of that level.
pub(crate) fn level_cell(model: &LoadedModel, item: usize, level: u8, lang: Lang) -> String {
    let it = model.item(item);
    if level == 1 {
        return it.baseline.get(lang).to_string();
    }
    let slot = usize::from(level - 2);
    if it.levels[slot].same_as_lower {
        return pick(
            lang,
            &format!("同{}级", level - 1),
            &format!("Same as level {}", level - 1),
        );
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
        return pick(
            lang,
            &format!("已达到{target}级"),
            &format!("Meets level {target}"),
        );
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
    let head = pick(
        lang,
        &format!("{}项要求未满足：", blocking.len()),
        &format!("{} requirements not yet satisfied:", blocking.len()),
    );
    format!("{head}\n{}", blocking.join("\n"))
}

/// The self-assessment form (自评表): one row per sub-item.
pub fn form(model: &LoadedModel, a: &Assessment, lang: Lang) -> String {
    let results = score(model, &a.answers, a.target_level, Rule::default());
    let target = a.target_level;
    let level_header = |n: u8| {
        format!(
            "{}{} {}",
            n,
            pick(lang, "级", ""),
            model.level_name(n, lang)
        )
        .replace("  ", " ")
    };
    let mut out = String::from(BOM);
    out.push_str(&line(&[
        pick(lang, "能力域", "Part"),
        pick(lang, "能力子域", "Domain"),
        pick(lang, "能力项", "Capability"),
        pick(lang, "能力子项", "Sub-item"),
        level_header(1),
        level_header(2),
        level_header(3),
        level_header(4),
        level_header(5),
        pick(lang, "自评", "Self-rating"),
        pick(
            lang,
            &format!("和{target}级要求的差距"),
            &format!("Gap to level {target}"),
        ),
        pick(
            lang,
            "问题记录与改进思路",
            "Questions and improvement ideas",
        ),
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
        pick(lang, "统计", "Statistics"),
        pick(lang, "整体自评", "Overall self-rating"),
        results.part.label.to_string(),
        pick(lang, "目标级别", "Target level"),
        target.to_string(),
        pick(lang, "规则", "Rule"),
        Rule::default().name(lang).to_string(),
    ]));
    for (n, count) in results.distribution.iter().enumerate() {
        out.push_str(&line(&[
            String::new(),
            format!("{}{}", n + 1, pick(lang, "级子项数", "-level sub-items")),
            count.to_string(),
        ]));
    }
    out.push_str(&line(&[
        String::new(),
        Rule::default().statement(lang).to_string(),
    ]));
    out
}

/// Every requirement with its answer.
pub fn requirements(model: &LoadedModel, a: &Assessment, lang: Lang) -> String {
    let mut out = String::from(BOM);
    out.push_str(&line(&[
        pick(lang, "要求编号", "Requirement id"),
        pick(lang, "能力子项", "Sub-item"),
        pick(lang, "级别", "Level"),
        pick(lang, "要求", "Requirement"),
        pick(lang, "答案", "Answer"),
        pick(lang, "备注", "Comment"),
        pick(lang, "不适用原因", "Reason not applicable"),
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
                let kind = na_kind_name(n.kind, lang);
                if n.text.is_empty() {
                    kind
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
            status_name(answer.map(|x| x.status), lang),
            answer.map(|x| x.comment.clone()).unwrap_or_default(),
            reason,
        ]));
    }
    out
}

/// The evidence checklist for the target level.
pub fn evidence(model: &LoadedModel, a: &Assessment, lang: Lang) -> String {
    let mut out = String::from(BOM);
    out.push_str(&line(&[
        pick(lang, "编码", "Code"),
        pick(lang, "能力子项", "Sub-item"),
        pick(lang, "级别", "Level"),
        pick(lang, "类型", "Kind"),
        pick(lang, "材料名称", "Title"),
        pick(lang, "状态", "Status"),
        pick(lang, "负责人", "Owner"),
        pick(lang, "位置", "Location"),
        pick(lang, "截止日期", "Due"),
    ]));
    for plan in evidence_plan(model, a) {
        let item = model.item(plan.item);
        for l in &plan.lines {
            let expected = l.expected.map(|n| &model.item_index(plan.item).evidence[n]);
            let code = expected
                .map(|e| e.code.clone())
                .unwrap_or_else(|| item.code.clone());
            let title = match (&l.entry, expected) {
                (Some(e), _) if !e.title.is_empty() => e.title.clone(),
                (_, Some(x)) => x.title.get(lang).to_string(),
                _ => String::new(),
            };
            let kind = l
                .entry
                .as_ref()
                .map(|e| e.kind.code())
                .or(expected.map(|e| e.kind.code()))
                .unwrap_or("other");
            let levels = l
                .levels
                .iter()
                .map(u8::to_string)
                .collect::<Vec<_>>()
                .join("/");
            out.push_str(&line(&[
                code,
                format!("{} {}", item.code, item.name.get(lang)),
                levels,
                kind_name(kind, lang),
                title,
                evidence_status_name(l.status(), lang),
                l.entry
                    .as_ref()
                    .map(|e| e.owner.clone())
                    .unwrap_or_default(),
                l.entry
                    .as_ref()
                    .map(|e| e.location.clone())
                    .unwrap_or_default(),
                l.entry.as_ref().map(|e| e.due.clone()).unwrap_or_default(),
            ]));
        }
    }
    out
}

pub fn kind_name(code: &str, lang: Lang) -> String {
    match code {
        "document" => pick(lang, "材料文档", "Document"),
        "screenshot" => pick(lang, "演示截图", "Screenshot"),
        "video" => pick(lang, "演示视频", "Video"),
        "link" => pick(lang, "链接", "Link"),
        _ => pick(lang, "其他", "Other"),
    }
}

/// A label for a node as the form writes it.
pub fn node_label(results: &Results, node: Node) -> String {
    results.node(node).label.to_string()
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
