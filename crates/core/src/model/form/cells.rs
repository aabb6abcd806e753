//! What one cell of a form says: the numbered requirements of a level cell, the explanation
//! that follows a `说明：` line, "same as the level below" (`同上`, `同4级`), a sub-item's name
//! and explanation, a level from a column header. Pure text functions, tested case by case.

/// A requirement read from a level cell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Req {
    pub text: String,
    pub explanation: Option<String>,
}

impl Req {
    /// A requirement that has an explanation but no text (a marker, or a whole cell, followed
    /// only by a `说明：` line) takes its explanation as its text: a model's requirement needs a
    /// text, and the form's words are kept.
    pub fn with_text(mut self) -> Req {
        if self.text.trim().is_empty() {
            if let Some(e) = self.explanation.take() {
                self.text = e;
            }
        }
        self
    }
}

/// What a level cell says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LevelCell {
    Empty,
    /// `同上`, `同上一级`, `同4级` (for level 5), "Same as level 4": met when the level below is.
    SameAsLower,
    /// `同N级` naming another level than the one below.
    SameAsOther(u8),
    Requirements(Vec<Req>),
}

/// The start of an explanation line: `说明：`, `说明:`, `注：`, `Note:`, `Explanation:`.
fn explanation_start(line: &str) -> Option<&str> {
    for prefix in ["说明：", "说明:", "注：", "注:"] {
        if let Some(rest) = line.strip_prefix(prefix) {
            return Some(rest.trim());
        }
    }
    for prefix in ["note:", "explanation:"] {
        if line.len() >= prefix.len()
            && line.is_char_boundary(prefix.len())
            && line[..prefix.len()].eq_ignore_ascii_case(prefix)
        {
            return Some(line[prefix.len()..].trim());
        }
    }
    None
}

/// A numbering marker at the start of `s`: `1)`, `1）`, `1.`, `1、`, `(1)`, `（1）`, `①`.
/// Returns the number and the text after it. `1.5` is a number, not a marker.
pub fn marker(s: &str) -> Option<(u32, &str)> {
    let first = s.chars().next()?;
    if ('\u{2460}'..='\u{2473}').contains(&first) {
        return Some((u32::from(first) - 0x2460 + 1, &s[first.len_utf8()..]));
    }
    let (open, body) = match first {
        '(' | '（' => (true, &s[first.len_utf8()..]),
        _ => (false, s),
    };
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let n: u32 = body[..digits].parse().ok()?;
    let rest = &body[digits..];
    let close = rest.chars().next()?;
    let ok = if open {
        matches!(close, ')' | '）')
    } else {
        matches!(close, ')' | '）' | '、')
            || (close == '.' && !rest[1..].starts_with(|c: char| c.is_ascii_digit()))
    };
    ok.then(|| (n, &rest[close.len_utf8()..]))
}

/// Splits a line where the next numbering marker (`expect`, then on) starts after a
/// separator (`；`, `;`, `。`, a space): "1) a；2) b" holds two requirements. Only markers
/// that continue the count split, so "版本 2) x" inside a requirement stays whole unless 2 is
/// the next number expected; `n.` does not split inside a line (decimals, dates).
fn split_inline(line: &str, mut expect: u32) -> Vec<&str> {
    if marker(line).is_some_and(|(n, _)| n == expect) {
        expect += 1;
    }
    let mut parts = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    for (i, c) in line.char_indices() {
        let after_sep =
            prev.is_some_and(|p| matches!(p, '；' | ';' | '。' | ' ' | '\u{3000}' | '，' | ','));
        if after_sep && i > start {
            if let Some((n, _)) = marker(&line[i..]) {
                let dot = line[i..]
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .starts_with('.');
                if n == expect && !dot {
                    parts.push(line[start..i].trim_end());
                    start = i;
                    expect += 1;
                }
            }
        }
        prev = Some(c);
    }
    parts.push(&line[start..]);
    parts
}

/// Normalised for matching "same as" phrases: no spaces, no closing punctuation, lower case.
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .trim_end_matches(['。', '.', '；', ';', '，', ','])
        .to_ascii_lowercase()
}

/// A level number written as a digit or a Chinese numeral (一 … 五).
fn level_digit(s: &str) -> Option<u8> {
    let c = s.chars().next()?;
    let n = match c {
        '1'..='5' => c as u8 - b'0',
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        _ => return None,
    };
    Some(n)
}

/// Whether a cell says "same as level …": `Some(n)` with the level it names (`level - 1` for
/// 同上 and "same as above").
fn same_as(cell: &str, level: u8) -> Option<u8> {
    let s = squeeze(cell);
    let below = level.saturating_sub(1);
    if matches!(
        s.as_str(),
        "同上"
            | "同上一级"
            | "同上级"
            | "同前一级"
            | "与上一级相同"
            | "同低一级"
            | "sameasabove"
            | "sameasthelevelbelow"
            | "sameasthepreviouslevel"
            | "sameaslower"
    ) {
        return Some(below);
    }
    let named = s
        .strip_prefix('同')
        .or_else(|| s.strip_prefix('与'))
        .and_then(|r| {
            let n = level_digit(r)?;
            let tail = &r[r.chars().next()?.len_utf8()..];
            matches!(tail, "级" | "级相同").then_some(n)
        })
        .or_else(|| {
            let r = s.strip_prefix("sameaslevel")?;
            (r.len() == 1).then(|| level_digit(r)).flatten()
        });
    named
}

/// Reads a level cell (levels 2 to 5).
pub fn level_cell(cell: &str, level: u8) -> LevelCell {
    let cell = cell.trim();
    if cell.is_empty() {
        return LevelCell::Empty;
    }
    if let Some(n) = same_as(cell, level) {
        return if n + 1 == level {
            LevelCell::SameAsLower
        } else {
            LevelCell::SameAsOther(n)
        };
    }
    LevelCell::Requirements(requirements(cell))
}

/// The numbered requirements of a cell: a new one at each marker that continues the count
/// (at a line's start, or inside a line after a separator); lines without a marker continue the
/// requirement before them; a `说明：` line starts that requirement's explanation. Text before
/// the first marker is a requirement of its own; a cell without markers is one requirement.
pub fn requirements(cell: &str) -> Vec<Req> {
    let mut reqs: Vec<Req> = Vec::new();
    let mut in_explanation = false;
    let mut numbered = 0u32;
    let append = |reqs: &mut Vec<Req>, in_expl: bool, text: &str| {
        let Some(last) = reqs.last_mut() else {
            reqs.push(Req {
                text: text.to_string(),
                explanation: None,
            });
            return;
        };
        let target = if in_expl {
            last.explanation.get_or_insert_with(String::new)
        } else {
            &mut last.text
        };
        if !target.is_empty() {
            target.push('\n');
        }
        target.push_str(text);
    };
    for line in cell.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(rest) = explanation_start(line) {
            if reqs.is_empty() {
                reqs.push(Req::default());
            }
            in_explanation = true;
            if !rest.is_empty() {
                append(&mut reqs, true, rest);
            }
            continue;
        }
        for part in split_inline(line, numbered + 1) {
            let part = part.trim();
            match marker(part).filter(|(n, _)| *n == numbered + 1) {
                Some((n, rest)) => {
                    numbered = n;
                    in_explanation = false;
                    reqs.push(Req {
                        text: rest.trim().to_string(),
                        explanation: None,
                    });
                }
                _ if part.is_empty() => {}
                _ => append(&mut reqs, in_explanation, part),
            }
        }
    }
    for r in &mut reqs {
        if r.explanation
            .as_deref()
            .is_some_and(|e| e.trim().is_empty())
        {
            r.explanation = None;
        }
    }
    reqs.into_iter()
        .map(Req::with_text)
        .filter(|r| !r.text.trim().is_empty())
        .collect()
}

/// A sub-item's cell: its name (the lines before a `说明：` line, joined by spaces), and the
/// explanation.
pub fn item_cell(cell: &str) -> (String, Option<String>) {
    let (name, explanation) = text_and_explanation(cell);
    (name.replace('\n', " "), explanation)
}

/// A cell's text up to a `说明：` line (its lines kept), and the explanation after it.
pub fn text_and_explanation(cell: &str) -> (String, Option<String>) {
    let mut text: Vec<&str> = Vec::new();
    let mut explanation: Option<Vec<&str>> = None;
    for line in cell.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match (explanation_start(line), explanation.as_mut()) {
            (Some(rest), _) => {
                let list = explanation.get_or_insert_with(Vec::new);
                if !rest.is_empty() {
                    list.push(rest);
                }
            }
            (None, Some(list)) => list.push(line),
            (None, None) => text.push(line),
        }
    }
    let explanation = explanation.map(|l| l.join("\n")).filter(|e| !e.is_empty());
    (text.join("\n"), explanation)
}

/// The level a column header names, and the level's name when the header gives one:
/// `1级`, `1 级`, `第1级`, `一级`, `初始级`, `2级 基础级`, `Level 2`, `L2`, `Level 2 Foundation`.
pub fn level_header(header: &str) -> Option<(u8, Option<String>)> {
    let h = header.trim();
    let names = [
        ("初始", 1),
        ("基础", 2),
        ("全面", 3),
        ("优秀", 4),
        ("卓越", 5),
    ];
    // ASCII lower case keeps every byte where it was.
    let lower = h.to_ascii_lowercase();
    let english = lower
        .strip_prefix("level")
        .map(str::trim_start)
        .or_else(|| lower.strip_prefix('l'));
    let clean = |name: &str| {
        let name = name
            .trim()
            .trim_end_matches("（目标）")
            .trim_end_matches("(target)")
            .trim();
        let name = match name.strip_prefix(['（', '(']) {
            Some(inner) => inner.trim_end_matches(['）', ')']),
            None => name.trim_start_matches(['：', ':', '·', '-', '–']),
        };
        let name = name.trim();
        (!name.is_empty()).then(|| name.to_string())
    };
    if let Some(rest) = english {
        let n = level_digit(rest)?;
        let first = rest.chars().next()?.len_utf8();
        let tail = rest[first..].trim_start_matches([' ', '-', ':', '·', '–']);
        let name = h.get(h.len() - tail.len()..).unwrap_or("");
        return Some((n, clean(name)));
    }
    let body = h.strip_prefix('第').unwrap_or(h).trim_start();
    if let Some(n) = level_digit(body) {
        let after = body[body.chars().next()?.len_utf8()..].trim_start();
        let rest = after.strip_prefix('级')?;
        return Some((n, clean(rest)));
    }
    let (_, n) = names
        .iter()
        .find(|(name, _)| h.starts_with(&format!("{name}级")))?;
    let name: String = h.chars().take(3).collect();
    Some((*n, Some(name)))
}

/// A level written in a cell of the long layout: `2`, `2级`, `Level 2`, `基础级`.
pub fn level_value(cell: &str) -> Option<u8> {
    let t = cell.trim().trim_end_matches(".0");
    if t.len() == 1 {
        return level_digit(t).filter(|_| t.as_bytes()[0].is_ascii_digit());
    }
    level_header(t).map(|(n, _)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(cell: &str) -> Vec<String> {
        requirements(cell).into_iter().map(|r| r.text).collect()
    }

    #[test]
    fn every_numbering_marker_starts_a_requirement() {
        for cell in [
            "1) a\n2) b\n3) c",
            "1）a\n2）b\n3）c",
            "1. a\n2. b\n3. c",
            "1、a\n2、b\n3、c",
            "(1) a\n(2) b\n(3) c",
            "（1）a\n（2）b\n（3）c",
            "①a\n②b\n③c",
            "1) a 2) b 3) c",
        ] {
            assert_eq!(texts(cell), ["a", "b", "c"], "{cell}");
        }
        // Inside a line, the separator stays with the requirement it ends, as at a line's end.
        for cell in [
            "1) a；2) b；3) c",
            "（1）a；（2）b；（3）c",
            "1) a；\n2) b；\n3) c",
        ] {
            assert_eq!(texts(cell), ["a；", "b；", "c"], "{cell}");
        }
    }

    #[test]
    fn unmarked_lines_continue_and_numbers_must_follow() {
        assert_eq!(texts("只有一条要求"), ["只有一条要求"]);
        assert_eq!(
            texts("1) 制定规范，包括：\n命名约定\n权限模型\n2) 专人负责"),
            ["制定规范，包括：\n命名约定\n权限模型", "专人负责"]
        );
        // A number that does not continue the count is text.
        assert_eq!(texts("1) 保留 3) 个版本\n2) b"), ["保留 3) 个版本", "b"]);
        assert_eq!(texts("1. 版本 1.5 以上\n2. b"), ["版本 1.5 以上", "b"]);
        // Text before the first marker is a requirement of its own.
        assert_eq!(texts("总体要求\n1) a\n2) b"), ["总体要求", "a", "b"]);
    }

    #[test]
    fn explanations_follow_their_requirement() {
        let reqs = requirements("1) a\n说明：why a\nmore\n2) b\nNote: why b");
        assert_eq!(reqs.len(), 2);
        assert_eq!(reqs[0].explanation.as_deref(), Some("why a\nmore"));
        assert_eq!(reqs[1].text, "b");
        assert_eq!(reqs[1].explanation.as_deref(), Some("why b"));
        assert_eq!(
            item_cell("版本控制系统\n说明：代码与配置"),
            ("版本控制系统".to_string(), Some("代码与配置".to_string()))
        );
        assert_eq!(item_cell("Backup"), ("Backup".to_string(), None));
    }

    #[test]
    fn same_as_lower_in_its_spellings() {
        for (cell, level) in [
            ("同上", 5),
            ("同上一级", 3),
            ("同4级", 5),
            ("同 4 级。", 5),
            ("同四级", 5),
            ("Same as level 4", 5),
            ("same as above", 4),
        ] {
            assert_eq!(level_cell(cell, level), LevelCell::SameAsLower, "{cell}");
        }
        assert_eq!(level_cell("同3级", 5), LevelCell::SameAsOther(3));
        assert_eq!(level_cell("  ", 3), LevelCell::Empty);
        assert!(matches!(
            level_cell("同上级领导审批", 3),
            LevelCell::Requirements(_)
        ));
    }

    #[test]
    fn level_headers_in_their_spellings() {
        assert_eq!(level_header("1级"), Some((1, None)));
        assert_eq!(level_header("第 2 级"), Some((2, None)));
        assert_eq!(
            level_header("5级 卓越级（目标）"),
            Some((5, Some("卓越级".into())))
        );
        assert_eq!(level_header("Level一"), Some((1, None)));
        assert_eq!(level_value("3"), Some(3));
        assert_eq!(level_value("3.0"), Some(3));
        assert_eq!(level_value("6"), None);
        assert_eq!(level_value("优秀级"), Some(4));
        assert_eq!(level_header("第2级"), Some((2, None)));
        assert_eq!(level_header("3级 全面级"), Some((3, Some("全面级".into()))));
        assert_eq!(
            level_header("3级（全面级）"),
            Some((3, Some("全面级".into())))
        );
        assert_eq!(level_header("四级"), Some((4, None)));
        assert_eq!(level_header("卓越级"), Some((5, Some("卓越级".into()))));
        assert_eq!(
            level_header("Level 2 Foundation"),
            Some((2, Some("Foundation".into())))
        );
        assert_eq!(level_header("L4"), Some((4, None)));
        assert_eq!(level_header("级别"), None);
        assert_eq!(level_header("Label"), None);
        assert_eq!(level_header("能力项"), None);
    }
}
