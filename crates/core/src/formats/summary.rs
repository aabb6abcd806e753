//! The short summary that goes to an assessor by e-mail or clipboard: overall level against the
//! target, the level of each domain, what still blocks, and a reminder to attach the files.

use crate::assess::assessment::Assessment;
use crate::assess::gap::{evidence_plan, plan_counts};
use crate::assess::materials::last_check;
use crate::assess::rule::Rule;
use crate::assess::score::score;
use crate::model::LoadedModel;
use crate::text::i18n;
use crate::text::Lang;

/// Mail clients and servers cut long `mailto:` links; the body stays under this many characters.
pub const MAX_BODY_CHARS: usize = 1800;

pub struct MailSummary {
    pub subject: String,
    pub text: String,
    pub markdown: String,
}

pub fn summary(model: &LoadedModel, a: &Assessment, lang: Lang, today: &str) -> MailSummary {
    let r = score(model, &a.answers, a.target_level, Rule::default());
    let project = a.project_name();
    let org = &a.project.organisation;
    // Levels in words ("2 级，3 级部分达成"): a mail has no legend for CAICT's "3-".
    let overall = r.part.label.words(lang);
    let target = a.target_level;
    let reached = r.part.level() >= target;
    let [missing, in_progress, ready] = plan_counts(&evidence_plan(model, a));
    let title = model.title(lang);
    let subject = i18n::SUM_SUBJECT.fmt(
        lang,
        &[
            ("project", &project),
            ("model", &title),
            ("overall", &overall),
            ("target", &target),
        ],
    );
    let org_part = if org.is_empty() {
        String::new()
    } else {
        i18n::SUM_ORG.fmt(lang, &[("org", org)])
    };
    let state = if reached {
        i18n::SUM_REACHED
    } else {
        i18n::SUM_NOT_REACHED
    };
    let mut lines = vec![
        i18n::SUM_PROJECT.fmt(lang, &[("project", &project), ("org", &org_part)]),
        i18n::SUM_MODEL.fmt(
            lang,
            &[("model", &title), ("version", &model.model.version)],
        ),
        i18n::SUM_OVERALL.fmt(
            lang,
            &[
                ("overall", &overall),
                ("target", &target),
                ("state", &state.get(lang)),
            ],
        ),
        i18n::SUM_BLOCKING.fmt(
            lang,
            &[
                ("n", &r.blocking.len()),
                ("a", &r.part.answered),
                ("t", &r.part.total),
            ],
        ),
        i18n::SUM_EVIDENCE.fmt(
            lang,
            &[
                ("target", &target),
                ("ready", &ready),
                ("progress", &in_progress),
                ("missing", &missing),
            ],
        ),
    ];
    lines.extend(check_lines(model, a, lang));
    let bullets = lines.len();
    lines.push(i18n::SUM_DOMAINS.get(lang).to_string());
    let mut md = vec![format!("**{subject}**"), String::new()];
    md.extend(lines.iter().take(bullets).map(|l| format!("- {l}")));
    md.push(String::new());
    md.push(i18n::SUM_TABLE_HEAD.get(lang).to_string());
    md.push("|---|---|---|".into());
    for d in 0..model.domain_count() {
        let dom = model.domain(d);
        let s = &r.domains[d];
        let blocking = if s.blocking > 0 {
            i18n::SUM_DOMAIN_BLOCKING.fmt(lang, &[("n", &s.blocking)])
        } else {
            String::new()
        };
        let words = s.label.words(lang);
        lines.push(format!(
            "  {} {}: {words}{blocking}",
            dom.code,
            dom.name.get(lang),
        ));
        md.push(format!(
            "| {} {} | {words} | {} |",
            dom.code,
            dom.name.get(lang),
            s.blocking
        ));
    }
    let closing = [
        i18n::SUM_RULE.fmt(lang, &[("rule", &Rule::default().name().get(lang))]),
        i18n::clarity::SUM_ATTACHED.get(lang).to_string(),
        i18n::SUM_GENERATED.fmt(lang, &[("today", &today)]),
    ];
    lines.push(String::new());
    lines.extend(closing.iter().cloned());
    md.push(String::new());
    md.extend(closing);
    let mut text = lines.join("\n");
    if text.chars().count() > MAX_BODY_CHARS {
        text = text.chars().take(MAX_BODY_CHARS - 1).collect::<String>() + "…";
    }
    MailSummary {
        subject,
        text,
        markdown: md.join("\n"),
    }
}

/// How many missing materials the summary names before "and n more".
const MISSING_NAMED: usize = 8;

/// The last materials check: found of needed, and the missing materials' codes.
fn check_lines(model: &LoadedModel, a: &Assessment, lang: Lang) -> Vec<String> {
    use i18n::materials::{CHECK_LINE, MISSING_LIST, MORE};
    let Some((r, c)) = last_check(model, a) else {
        return Vec::new();
    };
    let mut out = vec![CHECK_LINE.fmt(
        lang,
        &[
            ("t", &crate::text::short_time(&c.checked_at)),
            ("found", &r.found()),
            ("needed", &r.needed()),
        ],
    )];
    let missing: Vec<String> = r.missing().map(|l| l.short_name(model, a)).collect();
    if !missing.is_empty() {
        let mut list = missing[..missing.len().min(MISSING_NAMED)].join(i18n::list_separator(lang));
        if missing.len() > MISSING_NAMED {
            list.push_str(i18n::list_separator(lang));
            list.push_str(&MORE.fmt(lang, &[("n", &(missing.len() - MISSING_NAMED))]));
        }
        out.push(MISSING_LIST.fmt(lang, &[("list", &list)]));
    }
    out
}

/// Percent-encodes text for a `mailto:` URL (RFC 6068): everything but unreserved characters,
/// with line breaks as CRLF.
pub fn mailto_encode(text: &str) -> String {
    let normalised = text.replace("\r\n", "\n").replace('\n', "\r\n");
    let mut out = String::with_capacity(normalised.len() * 3);
    for b in normalised.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub fn mailto(to: &str, s: &MailSummary) -> String {
    format!(
        "mailto:{}?subject={}&body={}",
        mailto_encode(to),
        mailto_encode(&s.subject),
        mailto_encode(&s.text)
    )
}

/// A file name from the project, the model and the date, safe on Windows shares.
pub fn file_name(project: &str, model_id: &str, date: &str, extension: &str) -> String {
    let clean: String = project
        .chars()
        .map(|c| {
            if c.is_control() || "\\/:*?\"<>|".contains(c) {
                '-'
            } else {
                c
            }
        })
        .collect::<String>()
        .trim()
        .trim_matches('.')
        .chars()
        .take(60)
        .collect();
    let base = if clean.is_empty() {
        "assessment".to_string()
    } else {
        clean.replace(' ', "_")
    };
    format!("{base}-{model_id}-{date}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mailto_encoding() {
        assert_eq!(mailto_encode("a b\nc&d=e"), "a%20b%0D%0Ac%26d%3De");
        assert_eq!(mailto_encode("级"), "%E7%BA%A7");
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(
            file_name("网银 项目", "caict-devops-cd", "2026-11-22", "json"),
            "网银_项目-caict-devops-cd-2026-11-22.json"
        );
        assert_eq!(file_name("a/b:c*?", "m", "d", "csv"), "a-b-c---m-d.csv");
        assert_eq!(file_name("  ", "m", "d", "csv"), "assessment-m-d.csv");
    }
}
