//! Merging another copy of the same assessment into this one (a colleague's workbook document
//! or export): what only one copy changed is taken, and what both changed differently is a
//! conflict for the user to decide. Nothing is overwritten without being shown.
//!
//! Who changed what is told by the stamps on answers, notes and evidence entries (when, by
//! whom) against the base: the latest time this copy was exported at or before the other copy
//! was, the point where the two most likely parted. A value stamped after the base was changed
//! on that side. When the base is uncertain the merge errs towards conflicts, never towards a
//! silent overwrite.

use std::collections::BTreeSet;

use crate::assess::assessment::{
    Answer, Assessment, EvidenceEntry, ItemWork, ProjectField, Stamp, StampKey,
};

/// Which copy a decision keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// This browser's copy.
    Here,
    /// The other copy (the file).
    There,
}

/// One version of a value in a conflict: what it is (None: cleared or removed) and its stamp.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version<T> {
    pub value: Option<T>,
    pub stamp: Option<Stamp>,
}

/// Something both copies changed differently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Conflict {
    Answer {
        req: String,
        here: Version<Answer>,
        there: Version<Answer>,
    },
    Notes {
        item: String,
        here: Version<String>,
        there: Version<String>,
    },
    Evidence {
        item: String,
        id: String,
        here: Version<EvidenceEntry>,
        there: Version<EvidenceEntry>,
    },
    Project {
        field: ProjectField,
        here: String,
        there: String,
    },
    Name {
        here: String,
        there: String,
    },
    Target {
        here: u8,
        there: u8,
    },
}

impl Conflict {
    /// The time of each side's change, where known (for "keep the newer of each").
    fn times(&self) -> (Option<&str>, Option<&str>) {
        fn at<T>(v: &Version<T>) -> Option<&str> {
            v.stamp.as_ref().map(|s| s.at.as_str())
        }
        match self {
            Conflict::Answer { here, there, .. } => (at(here), at(there)),
            Conflict::Notes { here, there, .. } => (at(here), at(there)),
            Conflict::Evidence { here, there, .. } => (at(here), at(there)),
            _ => (None, None),
        }
    }

    /// The side whose change is newer (this copy's when unknown or equal).
    pub fn newer(&self) -> Side {
        match self.times() {
            (Some(h), Some(t)) if t > h => Side::There,
            (None, Some(_)) => Side::There,
            _ => Side::Here,
        }
    }
}

/// What merging another copy would do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergePlan {
    /// This copy with everything only the other copy changed already taken.
    pub merged: Assessment,
    /// The other copy, as read.
    pub there: Assessment,
    /// The time the two copies are taken to have parted ("" when unknown).
    pub base: String,
    /// Requirement ids, `<item>` notes and `<item>/<entry>` evidence taken from the other copy.
    pub taken: Vec<String>,
    pub conflicts: Vec<Conflict>,
}

/// The time the two copies parted: the latest export of this copy at or before the other
/// copy's export ("" when there is none).
pub fn base(here: &Assessment, there: &Assessment) -> String {
    let limit = there.last_exported_at.as_deref().unwrap_or("");
    here.sync_points()
        .filter(|s| *s <= limit)
        .max()
        .unwrap_or("")
        .to_string()
}

/// How one side's version of a value stands against the base.
fn changed(stamp: Option<&Stamp>, base: &str) -> bool {
    stamp.is_some_and(|s| s.at.as_str() > base)
}

/// The decision for one value with a version on each side.
enum Decision {
    Same,
    Keep,
    Take,
    Conflict,
}

fn decide<T>(
    here: &Version<T>,
    there: &Version<T>,
    same: impl Fn(&T, &T) -> bool,
    base: &str,
) -> Decision {
    let equal = match (&here.value, &there.value) {
        (Some(a), Some(b)) => same(a, b),
        (None, None) => true,
        _ => false,
    };
    if equal {
        return Decision::Same;
    }
    match (
        changed(here.stamp.as_ref(), base),
        changed(there.stamp.as_ref(), base),
    ) {
        (false, true) => Decision::Take,
        (true, false) => Decision::Keep,
        (true, true) => Decision::Conflict,
        (false, false) => {
            // Neither is known to have changed: a value on one side only, with no record of a
            // removal anywhere, was added there; anything else is shown.
            match (&here.value, &there.value, &here.stamp, &there.stamp) {
                (None, Some(_), None, _) => Decision::Take,
                (Some(_), None, _, None) => Decision::Keep,
                _ => Decision::Conflict,
            }
        }
    }
}

fn version<T: Clone>(a: &Assessment, value: Option<&T>, key: &StampKey) -> Version<T> {
    Version {
        value: value.cloned(),
        stamp: a.stamp_of(key).cloned(),
    }
}

fn answer_version(a: &Assessment, req: &str) -> Version<Answer> {
    version(a, a.answers.get(req), &StampKey::Answer(req.to_string()))
}

fn notes_version(a: &Assessment, item: &str) -> Version<String> {
    let notes = a
        .items
        .get(item)
        .map(|w| &w.notes)
        .filter(|n| !n.is_empty());
    version(a, notes, &StampKey::Notes(item.to_string()))
}

fn entry_version(a: &Assessment, item: &str, id: &str) -> Version<EvidenceEntry> {
    let entry = a
        .items
        .get(item)
        .and_then(|w| w.evidence.iter().find(|e| e.id == id));
    version(
        a,
        entry,
        &StampKey::Evidence(item.to_string(), id.to_string()),
    )
}

/// Records a version's stamp (or that it has none) under its key.
fn set_stamp<T>(a: &mut Assessment, key: StampKey, v: &Version<T>) {
    match &v.stamp {
        Some(s) => a.changed.insert(key.to_string(), s.clone()),
        None => a.changed.remove(&key.to_string()),
    };
}

fn set_answer(a: &mut Assessment, req: &str, v: &Version<Answer>) {
    match &v.value {
        Some(x) => a.answers.insert(req.to_string(), x.clone()),
        None => a.answers.remove(req),
    };
    set_stamp(a, StampKey::Answer(req.to_string()), v);
}

fn set_notes(a: &mut Assessment, item: &str, v: &Version<String>) {
    a.items.entry(item.to_string()).or_default().notes = v.value.clone().unwrap_or_default();
    set_stamp(a, StampKey::Notes(item.to_string()), v);
}

fn set_entry(a: &mut Assessment, item: &str, id: &str, v: &Version<EvidenceEntry>) {
    let work = a.items.entry(item.to_string()).or_default();
    match &v.value {
        Some(e) => match work.evidence.iter_mut().find(|x| x.id == id) {
            Some(slot) => *slot = e.clone(),
            None => work.evidence.push(e.clone()),
        },
        None => work.evidence.retain(|x| x.id != id),
    }
    set_stamp(a, StampKey::Evidence(item.to_string(), id.to_string()), v);
}

/// The keys of a kind that have a stamp (including removed values).
fn stamped<'a>(a: &'a Assessment) -> impl Iterator<Item = StampKey> + 'a {
    a.changed.keys().map(|k| StampKey::parse(k))
}

/// Works out what merging `there` into `here` takes and what conflicts.
pub fn plan(here: &Assessment, there: &Assessment) -> MergePlan {
    let base = base(here, there);
    let mut merged = here.clone();
    let mut taken = Vec::new();
    let mut conflicts = Vec::new();

    // Answers, including those cleared on either side.
    let mut reqs: BTreeSet<String> = BTreeSet::new();
    for a in [here, there] {
        reqs.extend(a.answers.keys().cloned());
        reqs.extend(stamped(a).filter_map(|k| match k {
            StampKey::Answer(req) => Some(req),
            _ => None,
        }));
    }
    for req in &reqs {
        let (h, t) = (answer_version(here, req), answer_version(there, req));
        match decide(&h, &t, |a, b| a == b, &base) {
            Decision::Same | Decision::Keep => {}
            Decision::Take => {
                set_answer(&mut merged, req, &t);
                taken.push(req.clone());
            }
            Decision::Conflict => conflicts.push(Conflict::Answer {
                req: req.clone(),
                here: h,
                there: t,
            }),
        }
    }

    // Notes and evidence, sub-item by sub-item.
    let items: BTreeSet<&String> = here.items.keys().chain(there.items.keys()).collect();
    for item in items {
        let (h, t) = (notes_version(here, item), notes_version(there, item));
        match decide(&h, &t, |a, b| a == b, &base) {
            Decision::Same | Decision::Keep => {}
            Decision::Take => {
                set_notes(&mut merged, item, &t);
                taken.push(item.clone());
            }
            Decision::Conflict => conflicts.push(Conflict::Notes {
                item: item.clone(),
                here: h,
                there: t,
            }),
        }
        let ids = |a: &Assessment| -> Vec<String> {
            let mut ids: Vec<String> = a
                .items
                .get(item)
                .map(|w| w.evidence.iter().map(|e| e.id.clone()).collect())
                .unwrap_or_default();
            ids.extend(stamped(a).filter_map(|k| match k {
                StampKey::Evidence(i, id) if i == *item => Some(id),
                _ => None,
            }));
            ids
        };
        let mut all: Vec<String> = Vec::new();
        for id in ids(here).into_iter().chain(ids(there)) {
            if !all.contains(&id) {
                all.push(id);
            }
        }
        for id in all {
            let (h, t) = (
                entry_version(here, item, &id),
                entry_version(there, item, &id),
            );
            let outcome = decide(&h, &t, |a, b| a == b, &base);
            let both_added = matches!(
                (&h.value, &t.value),
                (Some(a), Some(b)) if a.reference.is_none() && b.reference.is_none()
            );
            match outcome {
                Decision::Same | Decision::Keep => {}
                Decision::Take => {
                    set_entry(&mut merged, item, &id, &t);
                    taken.push(format!("{item}/{id}"));
                }
                // Two entries of the team's own under one id were most likely added on each
                // side: keep both, the other under a fresh id.
                Decision::Conflict if both_added => {
                    if let Some(mut e) = t.value.clone() {
                        e.id = fresh_id(merged.items.entry(item.clone()).or_default());
                        let id = e.id.clone();
                        let moved = Version {
                            value: Some(e),
                            stamp: t.stamp.clone(),
                        };
                        set_entry(&mut merged, item, &id, &moved);
                        taken.push(format!("{item}/{id}"));
                    }
                }
                Decision::Conflict => conflicts.push(Conflict::Evidence {
                    item: item.clone(),
                    id,
                    here: h,
                    there: t,
                }),
            }
        }
    }

    plain_fields(here, there, &mut merged, &mut taken, &mut conflicts);
    // The last check of the materials folder: the newer of the two.
    let checked = |a: &Assessment| a.evidence_check.as_ref().map(|c| c.checked_at.clone());
    if checked(there) > checked(here) {
        merged.evidence_check = there.evidence_check.clone();
        taken.push("evidence_check".into());
    }
    // Answers set aside travel along: what either side kept aside stays kept.
    for (id, a) in &there.set_aside {
        merged
            .set_aside
            .entry(id.clone())
            .or_insert_with(|| a.clone());
    }
    MergePlan {
        merged,
        there: there.clone(),
        base,
        taken,
        conflicts,
    }
}

/// Project fields, name and target carry no stamps: an empty side takes the other's text; two
/// different texts are a conflict.
fn plain_fields(
    here: &Assessment,
    there: &Assessment,
    merged: &mut Assessment,
    taken: &mut Vec<String>,
    conflicts: &mut Vec<Conflict>,
) {
    for field in ProjectField::ALL {
        let (h, t) = (here.project.get(field), there.project.get(field));
        if h == t || t.is_empty() {
            continue;
        }
        if h.is_empty() {
            *merged.project.get_mut(field) = t.to_string();
            taken.push(field.code().to_string());
        } else {
            conflicts.push(Conflict::Project {
                field,
                here: h.to_string(),
                there: t.to_string(),
            });
        }
    }
    if here.name != there.name && !there.name.is_empty() {
        conflicts.push(Conflict::Name {
            here: here.name.clone(),
            there: there.name.clone(),
        });
    }
    if here.target_level != there.target_level {
        conflicts.push(Conflict::Target {
            here: here.target_level,
            there: there.target_level,
        });
    }
}

fn fresh_id(work: &ItemWork) -> String {
    let used: BTreeSet<&str> = work.evidence.iter().map(|e| e.id.as_str()).collect();
    (1..)
        .map(crate::assess::assessment::evidence_id)
        .find(|id| !used.contains(id.as_str()))
        .unwrap_or_default()
}

/// The merged assessment with every conflict decided (`choices[i]` for `conflicts[i]`; a
/// missing choice keeps this copy's version). `now` and `by` stamp the merge itself.
pub fn resolve(plan: &MergePlan, choices: &[Side], now: &str, by: &str) -> Assessment {
    let mut a = plan.merged.clone();
    for (n, conflict) in plan.conflicts.iter().enumerate() {
        if choices.get(n) != Some(&Side::There) {
            continue;
        }
        match conflict {
            Conflict::Answer { req, there, .. } => set_answer(&mut a, req, there),
            Conflict::Notes { item, there, .. } => set_notes(&mut a, item, there),
            Conflict::Evidence {
                item, id, there, ..
            } => set_entry(&mut a, item, id, there),
            Conflict::Project { field, there, .. } => *a.project.get_mut(*field) = there.clone(),
            Conflict::Name { there, .. } => a.name = there.clone(),
            Conflict::Target { there, .. } => a.target_level = *there,
        }
    }
    // What the other copy knew of its exports, this one now knows too.
    for at in plan.there.sync_points() {
        crate::assess::assessment::extend_lineage(&mut a.lineage, at);
    }
    if let Some(last) = a.last_exported_at.clone() {
        a.lineage.retain(|t| *t != last);
    }
    a.updated_at = now.to_string();
    a.updated_by = by.to_string();
    let changed = plan.taken.len() + choices.iter().filter(|c| **c == Side::There).count();
    a.changes_since_export = a.changes_since_export.saturating_add(changed as u32);
    a
}

/// Which copy is newer, to say plainly when a document meets this browser's copy.
pub fn newer(here: &Assessment, there: &Assessment) -> Option<Side> {
    match here.updated_at.cmp(&there.updated_at) {
        std::cmp::Ordering::Greater => Some(Side::Here),
        std::cmp::Ordering::Less => Some(Side::There),
        std::cmp::Ordering::Equal => None,
    }
}

/// Whether two copies hold the same work (answers, notes, evidence, project, name, target, the
/// last materials check), whatever their stamps and times.
pub fn same_work(a: &Assessment, b: &Assessment) -> bool {
    let items = |x: &Assessment| -> Vec<(String, String, Vec<EvidenceEntry>)> {
        x.items
            .iter()
            .filter(|(_, w)| !w.notes.is_empty() || !w.evidence.is_empty())
            .map(|(k, w)| (k.clone(), w.notes.clone(), w.evidence.clone()))
            .collect()
    };
    a.name == b.name
        && a.target_level == b.target_level
        && a.project == b.project
        && a.answers == b.answers
        && items(a) == items(b)
        && a.evidence_check == b.evidence_check
}
