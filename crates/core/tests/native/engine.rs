//! The scoring rule, case by case. Each case is one line: a sub-item's shape, its answers, the
//! target, and the label and blocking count expected. Then parents, gaps and the evidence plan.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use maturity_core::assess::assessment::{
    Answer, Assessment, Edit, EvidenceField, EvidenceStatus, NaKind, NaReason, Status,
};
use maturity_core::assess::gap::{evidence_plan, gap, next_step, plan_counts};
use maturity_core::assess::rule::Rule;
use maturity_core::assess::score::{score, Filter, Results};
use maturity_core::model::synthetic::tiny_model;
use maturity_core::model::LoadedModel;
use maturity_core::text::Lang;

/// Answers written level by level, `|` between levels, one character per requirement:
/// m met, p partial, n not met, a not applicable, . unanswered.
fn answers_for(model: &LoadedModel, item_code: &str, spec: &str) -> BTreeMap<String, Answer> {
    let mut out = BTreeMap::new();
    for (slot, level) in spec.split('|').enumerate() {
        for (n, c) in level.chars().enumerate() {
            let status = match c {
                'm' => Status::Met,
                'p' => Status::Partial,
                'n' => Status::NotMet,
                'a' => Status::NotApplicable,
                '.' => continue,
                other => panic!("unknown answer {other}"),
            };
            let id = format!("{item_code}-L{}-{}", slot + 2, n + 1);
            assert!(model.find_requirement(&id).is_some(), "no requirement {id}");
            out.insert(id, Answer::new(status));
        }
    }
    out
}

#[track_caller]
fn check(shape: &str, answers: &str, target: u8, label: &str, blocking: u32) {
    let model = tiny_model(&[&[&[shape]]]);
    let results = score(
        &model,
        &answers_for(&model, "D1-C1-I1", answers),
        target,
        Rule::CaictStrict,
    );
    let item = results.items[0];
    assert_eq!(
        (item.label.to_string().as_str(), item.blocking),
        (label, blocking),
        "shape {shape:?}, answers {answers:?}, target {target}"
    );
    // A single-item model: every parent shows the same label.
    assert_eq!(results.part.label, item.label);
    assert_eq!(results.capabilities[0].label, item.label);
    assert_eq!(results.domains[0].label, item.label);
}

#[test]
fn sub_item_levels_and_labels() {
    // shape       answers          target label blocking
    check("2 1 1 1", "..|.|.|.", 3, "1", 3); // nothing answered
    check("2 1 1 1", "mm|.|.|.", 3, "2", 1);
    check("2 1 1 1", "mp|.|.|.", 3, "2-", 2); // partial counts as progress, not as met
    check("2 1 1 1", "mn|.|.|.", 3, "2-", 2); // one met is progress
    check("2 1 1 1", "nn|.|.|.", 3, "1", 3); // not met is no progress
    check("2 1 1 1", "pp|.|.|.", 3, "2-", 3);
    check("2 1 1 1", "aa|.|.|.", 3, "2", 1); // not applicable counts as satisfied
    check("2 1 1 1", "aa|a|a|a", 3, "5", 0); // all not applicable
    check("2 1 1 1", "mm|p|.|.", 3, "3-", 1);
    check("2 1 1 1", "mm|n|.|.", 3, "2", 1);
    check("2 1 1 1", "mm|m|.|.", 3, "3", 0);
    check("2 1 1 1", "mm|m|p|.", 3, "4-", 0);
    check("2 1 1 1", "mm|m|m|m", 3, "5", 0);
    check("2 1 1 1", "mm|n|m|m", 3, "2", 1); // levels count only when all below are met
    check("2 1 1 1", "n.|m|m|m", 3, "1", 2); // a level-2 gap caps everything
    check("2 1 1 1", "a.|m|m|m", 3, "1", 1);
    check("2 1 1 1", "mm|m|.|p", 3, "3", 0); // progress above the next level is not "N-"
    check("3 2 1 1", "mma|am|.|.", 3, "3", 0);
}

#[test]
fn same_as_lower_levels() {
    check("1 1 1 s", "m|m|m|", 3, "5", 0); // level 5 follows level 4
    check("1 1 1 s", "m|m|n|", 3, "3", 0);
    check("1 1 1 s", "m|m|p|", 3, "4-", 0);
    check("1 1 s s", "m|m||", 3, "5", 0);
    check("1 1 s s", "m|n||", 3, "2", 1);
    check("1 1 s 1", "m|m||n", 3, "4", 0); // level 4 same as 3, level 5 its own
    check("1 1 s 1", "m|m||p", 3, "5-", 0);
}

#[test]
fn targets_of_two_and_five() {
    check("2 1 1 1", "..|.|.|.", 2, "1", 2);
    check("2 1 1 1", "mm|.|.|.", 2, "2", 0);
    check("2 1 1 1", "mm|.|.|.", 5, "2", 3);
    check("2 1 1 1", "mm|m|m|.", 5, "4", 1);
    check("2 1 1 s", "mm|m|m|", 5, "5", 0); // a same-as-lower level has nothing to block
    check("2 1 1 1", "aa|a|a|a", 5, "5", 0);
}

fn results(spec: &[&[&[&str]]], answers: &[(&str, Status)], target: u8) -> (LoadedModel, Results) {
    let model = tiny_model(spec);
    let map = answers
        .iter()
        .map(|(id, s)| (id.to_string(), Answer::new(*s)))
        .collect();
    let r = score(&model, &map, target, Rule::CaictStrict);
    (model, r)
}

#[test]
fn parents_take_their_weakest_child() {
    use Status::*;
    // Two capabilities in one domain, a second domain with one item.
    let spec: &[&[&[&str]]] = &[&[&["1 1 1 1", "1 1 1 1"], &["1 1 1 1"]], &[&["1 1 1 1"]]];
    fn all_met(code: &str) -> Vec<(String, Status)> {
        (2..=5)
            .map(|l| (format!("{code}-L{l}-1"), Status::Met))
            .collect()
    }
    let mut answers: Vec<(String, Status)> = all_met("D1-C1-I1");
    answers.extend([
        ("D1-C1-I2-L2-1".to_string(), Met),
        ("D1-C1-I2-L3-1".to_string(), Partial),
    ]);
    answers.extend(all_met("D1-C2-I1"));
    answers.extend([
        ("D2-C1-I1-L2-1".to_string(), Met),
        ("D2-C1-I1-L3-1".to_string(), Met),
    ]);
    let answers: Vec<(&str, Status)> = answers.iter().map(|(a, s)| (a.as_str(), *s)).collect();
    let (_, r) = results(spec, &answers, 3);
    let labels = |v: &[maturity_core::assess::score::NodeScore]| {
        v.iter().map(|n| n.label.to_string()).collect::<Vec<_>>()
    };
    assert_eq!(labels(&r.items), ["5", "3-", "5", "3"]);
    assert_eq!(labels(&r.capabilities), ["3-", "5", "3"]);
    assert_eq!(labels(&r.domains), ["3-", "3"]);
    assert_eq!(r.part.label.to_string(), "3-");
    assert_eq!(r.part.level(), 2);
    assert_eq!(r.distribution, [0, 1, 1, 0, 2]);
    assert_eq!((r.part.answered, r.part.total), (12, 16));
}

#[test]
fn parent_shows_progress_from_a_child_beyond_it() {
    use Status::*;
    // One item at level 4, one at level 2: the capability is at 2 with level-3 work done in the
    // first item, so it reads "3-" (some but not all level-3 requirements met).
    let spec: &[&[&[&str]]] = &[&[&["1 1 1 1", "1 1 1 1"]]];
    let (_, r) = results(
        spec,
        &[
            ("D1-C1-I1-L2-1", Met),
            ("D1-C1-I1-L3-1", Met),
            ("D1-C1-I1-L4-1", Met),
            ("D1-C1-I2-L2-1", Met),
        ],
        3,
    );
    assert_eq!(r.capabilities[0].label.to_string(), "3-");
    assert_eq!(r.capabilities[0].level(), 2);
}

#[test]
fn counts_share_and_not_applicable_reasons() {
    let model = tiny_model(&[&[&["2 2 1 1"]]]);
    let mut a = Assessment::new("a1", "t", &model, 3, Lang::Zh, "2026-01-01T00:00:00Z");
    let now = "2026-01-01T00:00:01Z";
    for (id, s) in [
        ("D1-C1-I1-L2-1", Status::Met),
        ("D1-C1-I1-L2-2", Status::NotApplicable),
        ("D1-C1-I1-L3-1", Status::NotApplicable),
        ("D1-C1-I1-L3-2", Status::Partial),
        ("D1-C1-I1-L5-1", Status::NotApplicable),
    ] {
        a.apply(
            &Edit::Answer {
                req: id.into(),
                status: Some(s),
            },
            now,
        );
    }
    a.apply(
        &Edit::NaReason {
            req: "D1-C1-I1-L2-2".into(),
            kind: NaKind::OutOfScope,
            text: String::new(),
        },
        now,
    );
    a.apply(
        &Edit::NaReason {
            req: "D1-C1-I1-L3-1".into(),
            kind: NaKind::Other,
            text: "no DB".into(),
        },
        now,
    );
    let r = score(&model, &a.answers, a.target_level, Rule::CaictStrict);
    assert_eq!(r.na_by_reason, [1, 0, 1, 1]);
    assert_eq!(r.na_total(), 3);
    assert_eq!((r.satisfied_to_target, r.required_to_target), (3, 4));
    assert!((r.share_to_target() - 0.75).abs() < 1e-9);
    assert_eq!(
        (r.part.answered, r.part.total, r.part.not_applicable),
        (5, 6, 3)
    );
    assert_eq!(r.items[0].label.to_string(), "3-");
}

#[test]
fn empty_answers_on_the_embedded_model() {
    let model = maturity_core::model::validate::load_model(maturity_core::model::EMBEDDED_MODEL)
        .expect("embedded model loads");
    let r = score(&model, &BTreeMap::new(), 3, Rule::CaictStrict);
    assert_eq!(r.part.label.to_string(), "1");
    assert_eq!(r.distribution, [49, 0, 0, 0, 0]);
    assert_eq!(r.part.answered, 0);
    assert_eq!(r.part.total as usize, model.requirement_count());
    let to_target: usize = (0..model.item_count())
        .map(|i| {
            (0..2)
                .map(|s| model.item_index(i).levels[s].len())
                .sum::<usize>()
        })
        .sum();
    assert_eq!(r.blocking.len(), to_target);
    assert_eq!(r.required_to_target as usize, to_target);
}

#[test]
fn gap_groups_blocking_requirements() {
    use Status::*;
    let spec: &[&[&[&str]]] = &[&[&["1 1 1 1", "1 1 1 1"], &["2 1 1 1"]], &[&["1 1 1 1"]]];
    let (model, r) = results(
        spec,
        &[
            ("D1-C1-I1-L2-1", Met),
            ("D1-C1-I1-L3-1", Met),
            ("D1-C2-I1-L2-1", Met),
            ("D2-C1-I1-L2-1", NotMet),
        ],
        3,
    );
    let g = gap(&model, &r);
    assert_eq!(g.total, 6);
    type Shape = Vec<(usize, Vec<(usize, Vec<(usize, usize)>)>)>;
    let shape: Shape = g
        .domains
        .iter()
        .map(|d| {
            (
                d.count,
                d.capabilities
                    .iter()
                    .map(|c| {
                        (
                            c.count,
                            c.items
                                .iter()
                                .map(|i| (i.item, i.requirements.len()))
                                .collect(),
                        )
                    })
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        vec![
            (4, vec![(2, vec![(1, 2)]), (2, vec![(2, 2)])]),
            (2, vec![(2, vec![(3, 2)])])
        ]
    );
    let ids: Vec<&str> = g.domains[0].capabilities[1].items[0]
        .requirements
        .iter()
        .map(|&x| model.requirement_id(x))
        .collect();
    assert_eq!(ids, ["D1-C2-I1-L2-2", "D1-C2-I1-L3-1"]);
}

#[test]
fn next_step_lists_the_unsatisfied_requirements_of_the_next_level() {
    use Status::*;
    let (model, r) = results(
        &[&[&["1 3 1 s"]]],
        &[("D1-C1-I1-L2-1", Met), ("D1-C1-I1-L3-2", Met)],
        3,
    );
    let step = next_step(&model, &r, 0).expect("not at 5");
    assert_eq!(step.level, 3);
    let ids: Vec<&str> = step
        .requirements
        .iter()
        .map(|&x| model.requirement_id(x))
        .collect();
    assert_eq!(ids, ["D1-C1-I1-L3-1", "D1-C1-I1-L3-3"]);
    let (model, r) = results(
        &[&[&["1 1 1 1"]]],
        &[
            ("D1-C1-I1-L2-1", NotApplicable),
            ("D1-C1-I1-L3-1", Met),
            ("D1-C1-I1-L4-1", Met),
            ("D1-C1-I1-L5-1", Met),
        ],
        3,
    );
    assert_eq!(r.items[0].level(), 5);
    assert_eq!(next_step(&model, &r, 0), None);
}

#[test]
fn evidence_plan_follows_the_target_and_the_level_4_rule() {
    let model =
        maturity_core::model::validate::load_model(maturity_core::model::EMBEDDED_MODEL).unwrap();
    let mut a = Assessment::new("a", "n", &model, 3, Lang::Zh, "t0");
    let count = |a: &Assessment| {
        evidence_plan(&model, a)
            .iter()
            .map(|p| p.lines.len())
            .sum::<usize>()
    };
    let at3 = count(&a);
    // CM-VC-VCS at level 3 asks for five documents, one of them also listed at level 2.
    let vcs = model.find_item("CM-VC-VCS").unwrap();
    let plan = evidence_plan(&model, &a);
    let vcs_plan = plan.iter().find(|p| p.item == vcs).unwrap();
    assert_eq!(vcs_plan.lines.len(), 5);
    a.apply(&Edit::Target(4), "t1");
    let plan4 = evidence_plan(&model, &a);
    // Level 4 of CM-VC-VCS: its own 5 documents plus the 4 of level 3 it does not share.
    assert_eq!(plan4.iter().find(|p| p.item == vcs).unwrap().lines.len(), 9);
    // CM-VC-BM does not need level-3 evidence for a level-4 target.
    let bm = model.find_item("CM-VC-BM").unwrap();
    assert_eq!(plan4.iter().find(|p| p.item == bm).unwrap().lines.len(), 1);
    // A level-5 target prepares everything a level-4 target does (the checklist has almost no
    // level-5 materials), plus what level 5 names.
    a.apply(&Edit::Target(5), "t1");
    let plan5 = evidence_plan(&model, &a);
    for p4 in &plan4 {
        let p5 = plan5.iter().find(|p| p.item == p4.item).unwrap();
        for line in &p4.lines {
            assert!(p5.lines.contains(line), "{line:?} missing at target 5");
        }
    }
    assert_eq!(plan5.iter().find(|p| p.item == vcs).unwrap().lines.len(), 9);
    a.apply(&Edit::Target(2), "t2");
    assert!(count(&a) < at3);
    // Marking one entry ready shows in the counts.
    a.apply(&Edit::Target(3), "t3");
    let before = plan_counts(&evidence_plan(&model, &a));
    a.apply(
        &Edit::Evidence {
            item: "CM-VC-VCS".into(),
            id: "e1".into(),
            field: EvidenceField::Status(EvidenceStatus::Ready),
        },
        "t4",
    );
    let after = plan_counts(&evidence_plan(&model, &a));
    assert_eq!((after[0], after[2]), (before[0] - 1, before[2] + 1));
    // An entry the team adds is always in the plan.
    a.apply(
        &Edit::AddEvidence {
            item: "EM-EM-EB".into(),
        },
        "t5",
    );
    assert_eq!(count(&a), at3 + 1);
}

#[test]
fn edits_report_whether_they_changed_anything() {
    let model = tiny_model(&[&[&["1 1 1 1"]]]);
    let mut a = Assessment::new("a", "n", &model, 3, Lang::Zh, "t0");
    let set = Edit::Answer {
        req: "D1-C1-I1-L2-1".into(),
        status: Some(Status::Met),
    };
    assert!(a.apply(&set, "t1"));
    assert!(!a.apply(&set, "t2"));
    assert_eq!(a.updated_at, "t1");
    assert!(a.apply(
        &Edit::Comment {
            req: "D1-C1-I1-L2-1".into(),
            text: "see wiki".into()
        },
        "t3"
    ));
    // A comment needs an answer to hang on.
    assert!(!a.apply(
        &Edit::Comment {
            req: "D1-C1-I1-L3-1".into(),
            text: "x".into()
        },
        "t4"
    ));
    assert!(a.apply(
        &Edit::NaReason {
            req: "D1-C1-I1-L2-1".into(),
            kind: NaKind::NotUsed,
            text: String::new()
        },
        "t5"
    ));
    // Changing the status keeps the reason text the user typed.
    assert!(a.apply(
        &Edit::Answer {
            req: "D1-C1-I1-L2-1".into(),
            status: Some(Status::Partial)
        },
        "t6"
    ));
    assert_eq!(
        a.answers["D1-C1-I1-L2-1"].na_reason,
        Some(NaReason {
            kind: NaKind::NotUsed,
            text: String::new()
        })
    );
    assert!(a.apply(
        &Edit::Answer {
            req: "D1-C1-I1-L2-1".into(),
            status: None
        },
        "t7"
    ));
    assert!(a.answers.is_empty());
    assert_eq!(a.changes_since_export, 5);
    assert!(!a.apply(&Edit::Language(Lang::Zh), "t8"));
    assert!(a.apply(&Edit::Language(Lang::En), "t8"));
    assert_eq!(
        a.changes_since_export, 5,
        "a language switch is not a meaningful change"
    );
    assert!(a.apply(&Edit::Target(9), "t9"));
    assert_eq!(a.target_level, 5, "targets are clamped to 2..=5");
}

/// The outline's filter, judged on each sub-item's score: one sub-item untouched, one fully
/// met, one with a not-applicable answer and one blocking the target.
#[test]
fn the_outline_filter_shows_the_sub_items_it_names() {
    let (_, r) = results(
        &[&[&["1 1 1 1", "1 1 1 1", "1 1 1 1", "1 1 1 1"]]],
        &[
            ("D1-C1-I2-L2-1", Status::Met),
            ("D1-C1-I2-L3-1", Status::Met),
            ("D1-C1-I2-L4-1", Status::Met),
            ("D1-C1-I2-L5-1", Status::Met),
            ("D1-C1-I3-L2-1", Status::NotApplicable),
            ("D1-C1-I4-L2-1", Status::NotMet),
        ],
        3,
    );
    let shown = |f: Filter| -> Vec<usize> { (0..4).filter(|&i| r.items[i].shown_by(f)).collect() };
    assert_eq!(shown(Filter::All), [0, 1, 2, 3]);
    assert_eq!(shown(Filter::Unanswered), [0, 2, 3]);
    assert_eq!(shown(Filter::Blocking), [0, 2, 3]);
    assert_eq!(shown(Filter::NotApplicable), [2]);
    // The page's hooks keep their words.
    let codes: Vec<&str> = Filter::ALL.iter().map(|f| f.code()).collect();
    assert_eq!(codes, ["all", "unanswered", "blocking", "notapplicable"]);
}
