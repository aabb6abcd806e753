//! The same assessment offered more than once (its JSON, its workbook document, the copy
//! stored in this browser, an older export): one column of the matrix, the newest revision,
//! and a notice naming what was skipped. Earlier revisions stay choosable for progress over
//! time; copies holding the same work count once. Members are told apart by their caption:
//! organisation, project, date and source, with the time or a number added where two would
//! still read the same.

use std::collections::{BTreeMap, HashMap};

use super::{Member, Origin, Portfolio};
use crate::store::merge::same_work;
use crate::text::i18n;
use crate::text::Lang;

/// One assessment offered more than once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Duplicate {
    /// The assessment's id.
    pub id: String,
    /// The member shown in the matrix: the newest revision (the first offered of equals).
    pub kept: usize,
    /// The other members holding it, in the order offered.
    pub skipped: Vec<usize>,
}

/// Which members the matrix shows (one per assessment id, the newest revision, in the order
/// the first of each was offered), which the comparison offers (one per revision), and the
/// assessments offered more than once.
pub(super) fn one_per_assessment(members: &[Member]) -> (Vec<usize>, Vec<usize>, Vec<Duplicate>) {
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut first_seen: Vec<&str> = Vec::new();
    for (i, m) in members.iter().enumerate() {
        let id = m.assessment.id.as_str();
        let group = groups.entry(id).or_default();
        if group.is_empty() {
            first_seen.push(id);
        }
        group.push(i);
    }
    let mut shown = Vec::new();
    let mut duplicates = Vec::new();
    for id in first_seen {
        let group = &groups[id];
        let mut kept = group[0];
        for &i in &group[1..] {
            if members[i].assessment.updated_at > members[kept].assessment.updated_at {
                kept = i;
            }
        }
        shown.push(kept);
        if group.len() > 1 {
            duplicates.push(Duplicate {
                id: id.to_string(),
                kept,
                skipped: group.iter().copied().filter(|&i| i != kept).collect(),
            });
        }
    }
    shown.sort_unstable();
    // The comparison: each revision once. Copies holding the same work (an export and a
    // document saved a minute later differ only in their times) count once: the one shown,
    // else the first offered.
    let mut choices: Vec<usize> = Vec::new();
    for id in groups.keys() {
        let group = &groups[id];
        let mut taken: Vec<usize> = group
            .iter()
            .copied()
            .filter(|i| shown.binary_search(i).is_ok())
            .collect();
        for &i in group {
            if !taken
                .iter()
                .any(|&j| same_work(&members[i].assessment, &members[j].assessment))
            {
                taken.push(i);
            }
        }
        choices.extend(taken);
    }
    choices.sort_unstable();
    (shown, choices, duplicates)
}

impl Member {
    /// Where the member comes from, as captions and notices name it: this browser, or the
    /// file's name.
    pub fn source(&self, lang: Lang) -> String {
        match &self.origin {
            Origin::Stored => i18n::PORT_SOURCE_STORED.get(lang).to_string(),
            Origin::File(name) | Origin::Folder(name) => name.clone(),
        }
    }

    /// When it was last changed, to the minute (`YYYY-MM-DD HH:MM`).
    fn date_time(&self) -> String {
        let at = &self.assessment.updated_at;
        match (at.get(..10), at.get(11..16)) {
            (Some(d), Some(t)) => format!("{d} {t}"),
            _ => at.clone(),
        }
    }
}

impl Portfolio {
    /// The members the comparison offers: each revision of each assessment once.
    pub fn choices(&self) -> &[usize] {
        &self.choices
    }

    /// The assessments offered more than once.
    pub fn duplicates(&self) -> &[Duplicate] {
        &self.duplicates
    }

    /// Each member's caption, "organisation · project · date · source" (the organisation when
    /// known), so that no two members the page offers read the same: where two would, the
    /// time of the last change is added, and then a number.
    pub fn captions(&self, lang: Lang) -> Vec<String> {
        let caption = |m: &Member, date: String| {
            let a = &m.assessment;
            [
                a.project.organisation.trim(),
                a.project_name().trim(),
                &date,
                &m.source(lang),
            ]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
        };
        let mut out: Vec<String> = self
            .members
            .iter()
            .map(|m| caption(m, m.date().to_string()))
            .collect();
        let offered: Vec<usize> = (0..self.members.len()).collect();
        for i in clashing(&out, &offered) {
            out[i] = caption(&self.members[i], self.members[i].date_time());
        }
        let clashes = clashing(&out, &offered);
        for (n, i) in clashes.into_iter().enumerate() {
            out[i] = format!("{} ({})", out[i], n + 1);
        }
        out
    }
}

/// The members (of `among`) whose caption another one has too (counted, not compared pairwise:
/// a portfolio of hundreds of files).
fn clashing(captions: &[String], among: &[usize]) -> Vec<usize> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for &i in among {
        *count.entry(captions[i].as_str()).or_default() += 1;
    }
    among
        .iter()
        .copied()
        .filter(|&i| count[captions[i].as_str()] > 1)
        .collect()
}

impl Duplicate {
    /// What the page tells: which assessment, how often, which one the matrix shows and what
    /// it skipped (and that earlier revisions can still be compared).
    pub fn message(&self, p: &Portfolio, lang: Lang) -> String {
        let members = p.members();
        let kept = &members[self.kept];
        let named = |m: &Member| format!("{}, {}", m.source(lang), m.date_time());
        let skipped = self
            .skipped
            .iter()
            .map(|&i| named(&members[i]))
            .collect::<Vec<_>>()
            .join(i18n::list_separator(lang));
        let mut text = i18n::PORT_DUPLICATE.fmt(
            lang,
            &[
                ("name", &kept.assessment.name),
                ("n", &(self.skipped.len() + 1)),
                ("kept", &named(kept)),
                ("skipped", &skipped),
            ],
        );
        let earlier = self
            .skipped
            .iter()
            .any(|&i| !same_work(&members[i].assessment, &kept.assessment));
        if earlier {
            text.push(' ');
            text.push_str(i18n::PORT_DUPLICATE_EARLIER.get(lang));
        }
        text
    }
}
