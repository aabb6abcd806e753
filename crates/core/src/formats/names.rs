//! The names of the files the workbook writes for an assessment: the project, the model, the
//! level reached and the target, each with its word, and the date —
//! `手机银行App-持续交付-自评2-目标3-2026-12-04.html`,
//! `Mobile_banking_App-Continuous_Delivery-rated2-target3-2026-12-04.json`. The level reached is
//! always a whole level (never CAICT's "3-", which a name on a share would overstate), and
//! every character a file system refuses (Windows' `\ / : * ? " < > |`, control and
//! direction-changing characters) is replaced. Every writer of the open assessment's files
//! (the document, JSON, Excel, CSV, the PDF's suggested name) takes its name from here.

use crate::assess::assessment::Assessment;
use crate::assess::rule::Rule;
use crate::assess::score::score;
use crate::model::LoadedModel;
use crate::text::i18n::clarity;
use crate::text::Lang;

/// The longest project part of a name, in characters.
const MAX_PROJECT_CHARS: usize = 60;

/// What a file name says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameParts<'a> {
    /// The project, or the assessment's name when no project is given.
    pub project: &'a str,
    /// The model's short title ("持续交付"); left out when the project part already says it.
    pub model: &'a str,
    /// The level reached (a whole level).
    pub reached: u8,
    pub target: u8,
    /// What the file holds besides the assessment as a whole ("自评表"), if anything.
    pub part: Option<&'a str>,
    pub date: &'a str,
    /// Without the dot; empty for a stem (the PDF's suggested name is the page's title).
    pub extension: &'a str,
}

/// The name of a file of the open assessment, in the user's language: its level computed
/// here by the one scoring function.
pub fn assessment_file(
    model: &LoadedModel,
    a: &Assessment,
    lang: Lang,
    date: &str,
    part: Option<&str>,
    extension: &str,
) -> String {
    let reached = score(model, &a.answers, a.target_level, Rule::default())
        .part
        .level();
    let project = if a.project.project.trim().is_empty() {
        a.name.as_str()
    } else {
        a.project.project.as_str()
    };
    compose(
        &NameParts {
            project,
            model: model.short_title(lang),
            reached,
            target: a.target_level,
            part,
            date,
            extension,
        },
        lang,
    )
}

/// Puts the parts together: `project-model-自评N-目标M[-part]-date.ext`.
pub fn compose(p: &NameParts, lang: Lang) -> String {
    let project = safe_part(p.project, MAX_PROJECT_CHARS);
    let model = safe_part(p.model, MAX_PROJECT_CHARS);
    let mut parts: Vec<String> = Vec::new();
    if !project.is_empty() {
        parts.push(project.clone());
    }
    if !model.is_empty() && !project.to_lowercase().contains(&model.to_lowercase()) {
        parts.push(model);
    }
    if parts.is_empty() {
        parts.push("assessment".into());
    }
    parts.push(clarity::FILE_RATED.fmt(lang, &[("n", &p.reached)]));
    parts.push(clarity::FILE_TARGET.fmt(lang, &[("n", &p.target)]));
    if let Some(part) = p.part.map(|x| safe_part(x, MAX_PROJECT_CHARS)) {
        if !part.is_empty() {
            parts.push(part);
        }
    }
    let date = safe_part(p.date, 32);
    if !date.is_empty() {
        parts.push(date);
    }
    let stem = parts.join("-");
    if p.extension.is_empty() {
        stem
    } else {
        format!("{stem}.{}", p.extension)
    }
}

/// Whether a file system (Windows' being the strictest of those a share may sit on) or a
/// reader could trip over a character: the reserved ones, control characters, and those that
/// change the direction of the text around them (which can make a name read as another).
fn refused(c: char) -> bool {
    c.is_control()
        || "\\/:*?\"<>|".contains(c)
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// One part of a name: refused characters become "-", spaces "_", runs of either one, at most
/// `max` characters, and no dot, dash, underscore or space at either end (Windows drops a
/// trailing dot; a leading one hides the file elsewhere).
pub fn safe_part(s: &str, max: usize) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = if refused(c) {
            '-'
        } else if c.is_whitespace() {
            '_'
        } else {
            c
        };
        if (c == '-' || c == '_') && out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    let trim = |c: char| matches!(c, '.' | '-' | '_' | ' ');
    let cut: String = out.trim_matches(trim).chars().take(max).collect();
    cut.trim_matches(trim).to_string()
}
