//! The portfolio: every matrix cell is the engine's result for that assessment (sub-items,
//! and capabilities and domains as the engine rolls them up), two model versions side by side
//! matched by code, filters and sorting, the comparison of two assessments listing exactly
//! the sub-items that moved, reading files like an import, what the browser remembers, and the
//! CSV and Excel exports read back.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::io::Cursor;
use std::sync::{Arc, OnceLock};

use calamine::{Data, Reader, Xlsx};
use maturity_core::assess::assessment::{Assessment, Edit, Status};
use maturity_core::assess::rule::Rule;
use maturity_core::assess::score::{score, Label};
use maturity_core::formats::csv;
use maturity_core::formats::document;
use maturity_core::formats::exchange::export;
use maturity_core::model::validate::load_model;
use maturity_core::model::LoadedModel;
use maturity_core::model::EMBEDDED_MODEL;
use maturity_core::portfolio::{
    comparison_csv, layout, matrix_csv, read_file, xlsx_book, Change, FileProblem, FileRef,
    Holdings, HoldingsError, Member, MemberId, Order, Origin, Portfolio, RowKind, View,
    HOLDINGS_SCHEMA,
};
use maturity_core::text::Lang;
use serde_json::Value;

fn v1() -> Arc<LoadedModel> {
    static M: OnceLock<Arc<LoadedModel>> = OnceLock::new();
    M.get_or_init(|| Arc::new(load_model(EMBEDDED_MODEL).unwrap()))
        .clone()
}

/// The removed and the added sub-item of [`v2`].
const GONE: &str = "CM-VC-BM";
const NEW: &str = "CM-VC-NEW";

/// Another version of the embedded model: `CM-VC-BM` removed, a sub-item `CM-VC-NEW` added to
/// the same capability (a copy of `CM-VC-VCS` under the new code), and a new domain `ZZ` with
/// one capability and one sub-item.
fn v2() -> Arc<LoadedModel> {
    static M: OnceLock<Arc<LoadedModel>> = OnceLock::new();
    M.get_or_init(|| {
        let mut m: Value = serde_json::from_str(EMBEDDED_MODEL).unwrap();
        m["version"] = "2099.1".into();
        let caps = m["domains"][0]["capabilities"].as_array_mut().unwrap();
        let cap = caps.iter_mut().find(|c| c["code"] == "CM-VC").unwrap();
        let items = cap["items"].as_array_mut().unwrap();
        let template = items.iter().find(|i| i["code"] == "CM-VC-VCS").unwrap();
        let copy: Value = serde_json::from_str(
            &serde_json::to_string(template)
                .unwrap()
                .replace("CM-VC-VCS", NEW),
        )
        .unwrap();
        items.retain(|i| i["code"] != GONE);
        items.push(copy.clone());
        let zz_item: Value =
            serde_json::from_str(&serde_json::to_string(&copy).unwrap().replace(NEW, "ZZ-Z-Z"))
                .unwrap();
        let domains = m["domains"].as_array_mut().unwrap();
        domains.push(serde_json::json!({
            "code": "ZZ",
            "name": {"zh": "新子域", "en": "New domain"},
            "capabilities": [{
                "code": "ZZ-Z",
                "name": {"zh": "新能力项", "en": "New capability"},
                "items": [zz_item],
            }],
        }));
        let text = serde_json::to_string_pretty(&m).unwrap();
        Arc::new(load_model(&text).unwrap_or_else(|p| panic!("v2 loads: {p:?}")))
    })
    .clone()
}

fn models() -> Vec<Arc<LoadedModel>> {
    vec![v1(), v2()]
}

/// Answers from a compact spec: `"CM-VC-VCS L2 met"` sets every requirement of that level,
/// `"CM-VC-VCS-L3-1 partial"` one requirement.
fn answers(model: &LoadedModel, a: &mut Assessment, spec: &[&str], at: &str) {
    for line in spec {
        let parts: Vec<&str> = line.split_whitespace().collect();
        let status = Status::from_code(parts[parts.len() - 1]).expect("a status");
        let reqs: Vec<String> = match parts.as_slice() {
            [item, level, _] => {
                let lv: u8 = level.trim_start_matches('L').parse().unwrap();
                let i = model.find_item(item).expect("item");
                let range = model.item_index(i).levels[usize::from(lv - 2)].clone();
                range.map(|r| model.requirement_id(r).to_string()).collect()
            }
            [req, _] => vec![req.to_string()],
            _ => panic!("bad spec {line}"),
        };
        for req in reqs {
            a.apply(
                &Edit::Answer {
                    req,
                    status: Some(status),
                },
                at,
            );
        }
    }
}

fn assessment(
    model: &LoadedModel,
    id: &str,
    project: &str,
    target: u8,
    spec: &[&str],
    at: &str,
) -> Assessment {
    let mut a = Assessment::new(id, format!("{project} {at}"), model, target, Lang::Zh, at);
    a.project.project = project.to_string();
    answers(model, &mut a, spec, at);
    a
}

fn member(id: &str, a: Assessment) -> Member {
    Member::new(MemberId::Stored(id.into()), Origin::Stored, a, &models()).expect("model loaded")
}

/// Five assessments: four on the embedded model with varied targets and answers, one on v2.
fn five() -> Vec<Member> {
    let m1 = v1();
    let m2 = v2();
    let specs: [(&str, &str, u8, Vec<&str>, &LoadedModel); 5] = [
        (
            "a1",
            "网银",
            3,
            vec!["CM-VC-VCS L2 met", "CM-VC-VCS L3 met"],
            &m1,
        ),
        (
            "a2",
            "手机银行",
            2,
            vec![
                "CM-VC-VCS L2 met",
                "CM-VC-BM L2 met",
                "CM-VC-BM-L3-1 partial",
            ],
            &m1,
        ),
        ("a3", "信贷", 4, vec![], &m1),
        (
            "a4",
            "网银",
            3,
            vec![
                "CM-VC-VCS L2 met",
                "CM-VC-VCS L3 not_applicable",
                "CM-VC-VCS-L4-1 met",
            ],
            &m1,
        ),
        (
            "a5",
            "支付",
            2,
            vec!["CM-VC-VCS L2 met", "CM-VC-NEW L2 met", "ZZ-Z-Z L2 met"],
            &m2,
        ),
    ];
    specs
        .into_iter()
        .enumerate()
        .map(|(n, (id, project, target, spec, model))| {
            let at = format!("2026-0{}-01T08:00:00.000Z", n + 1);
            member(id, assessment(model, id, project, target, &spec, &at))
        })
        .collect()
}

/// The engine's label for a node code in an assessment, computed here independently.
fn engine(a: &Assessment, model: &LoadedModel, kind: RowKind, code: &str) -> Option<Label> {
    let r = score(model, &a.answers, a.target_level, Rule::default());
    match kind {
        RowKind::Item => model.find_item(code).map(|i| r.items[i].label),
        RowKind::Capability => (0..model.capability_count())
            .find(|&c| model.capability(c).code == code)
            .map(|c| r.capabilities[c].label),
        RowKind::Domain => (0..model.domain_count())
            .find(|&d| model.domain(d).code == code)
            .map(|d| r.domains[d].label),
    }
}

#[test]
fn every_cell_is_the_engines_result_for_that_assessment() {
    let p = Portfolio::new(five());
    let m = p.matrix(&View::default());
    assert_eq!(m.columns.len(), 5);
    // Every row of both models is there once: v1's 49 sub-items, plus v2's two new ones.
    let items: Vec<&str> = m
        .rows
        .iter()
        .filter(|r| r.kind == RowKind::Item)
        .map(|r| r.code.as_str())
        .collect();
    assert_eq!(items.len(), 51);
    assert_eq!(
        items.iter().collect::<BTreeSet<_>>().len(),
        51,
        "no duplicates"
    );
    let mut checked = 0;
    for row in &m.rows {
        for (c, col) in m.columns.iter().enumerate() {
            let member = &p.members()[col.member];
            let want = engine(&member.assessment, &member.model, row.kind, &row.code);
            assert_eq!(row.cells[c], want, "{} in {}", row.code, col.assessment_id);
            checked += 1;
        }
    }
    assert_eq!(checked, m.rows.len() * 5);
    // Columns carry the engine's overall label and the assessment's own attributes.
    for col in &m.columns {
        let member = &p.members()[col.member];
        let r = score(
            &member.model,
            &member.assessment.answers,
            member.assessment.target_level,
            Rule::default(),
        );
        assert_eq!(col.overall, r.part.label);
        assert_eq!(col.target, member.assessment.target_level);
        assert_eq!(col.project, member.assessment.project.project);
        assert_eq!(col.date, &member.assessment.updated_at[..10]);
    }
}

#[test]
fn two_model_versions_sit_side_by_side_matched_by_code() {
    let p = Portfolio::new(five());
    let m = p.matrix(&View::default());
    let row = |code: &str| m.rows.iter().find(|r| r.code == code).unwrap();
    let v2_col = m
        .columns
        .iter()
        .position(|c| c.model_version == "2099.1")
        .unwrap();
    // The sub-item v2 dropped: v2's column says so, the others have a level.
    let gone = row(GONE);
    assert_eq!(gone.cells[v2_col], None);
    assert_eq!(gone.present, 4);
    assert!(gone
        .cells
        .iter()
        .enumerate()
        .all(|(c, x)| (c == v2_col) != x.is_some()));
    // The sub-item v2 added sits in its capability, after v1's sub-items.
    let new = row(NEW);
    assert_eq!(new.present, 1);
    assert_eq!(
        new.cells[v2_col],
        Some(Label {
            level: 2,
            partial: false
        })
    );
    let rows: Vec<&str> = m.rows.iter().map(|r| r.code.as_str()).collect();
    let at = |code: &str| rows.iter().position(|r| *r == code).unwrap();
    assert!(at("CM-VC") < at(GONE) && at(GONE) < at(NEW) && at(NEW) < at("CM-CM"));
    // The new domain comes after every domain of the first model, with its capability.
    let zz = at("ZZ");
    assert_eq!(&rows[zz..], &["ZZ", "ZZ-Z", "ZZ-Z-Z"]);
    assert_eq!(
        row("ZZ").cells[v2_col],
        Some(Label {
            level: 2,
            partial: false
        })
    );
    // The layout of one model is that model in order.
    let only_v1: Vec<String> = layout([v1().as_ref()])
        .into_iter()
        .filter(|r| r.kind == RowKind::Item)
        .map(|r| r.code)
        .collect();
    let model_order: Vec<String> = (0..v1().item_count())
        .map(|i| v1().item(i).code.clone())
        .collect();
    assert_eq!(only_v1, model_order);
}

#[test]
fn each_row_counts_who_reaches_their_target_and_names_the_weakest() {
    let p = Portfolio::new(five());
    for order in Order::ALL {
        let m = p.matrix(&View {
            order,
            ..View::default()
        });
        for row in &m.rows {
            let mut reaching = 0;
            let mut present = 0;
            let mut weakest: Option<(usize, (u8, bool))> = None;
            for (c, cell) in row.cells.iter().enumerate() {
                if let Some(l) = cell {
                    present += 1;
                    if l.level >= m.columns[c].target {
                        reaching += 1;
                    }
                    let rank = (l.level, l.partial);
                    if weakest.is_none_or(|(_, w)| rank < w) {
                        weakest = Some((c, rank));
                    }
                }
            }
            assert_eq!(
                (row.reaching, row.present),
                (reaching, present),
                "{}",
                row.code
            );
            assert_eq!(row.weakest, weakest.map(|w| w.0), "{}", row.code);
        }
    }
    // A concrete case: CM-VC-VCS is 3 in a1 (target 3), 2 in a2 (target 2), 1 in a3 (target 4),
    // "4-" in a4 (level 3 met through N/A, one level-4 requirement met; target 3), 2 in a5
    // (target 2): four reach their target, a3 is the weakest.
    let m = p.matrix(&View::default());
    let vcs = m.rows.iter().find(|r| r.code == "CM-VC-VCS").unwrap();
    let labels: Vec<String> = vcs
        .cells
        .iter()
        .map(|c| c.map(|l| l.to_string()).unwrap_or_default())
        .collect();
    assert_eq!(labels, ["3", "2", "1", "4-", "2"]);
    assert_eq!((vcs.reaching, vcs.present), (4, 5));
    assert_eq!(vcs.weakest, Some(2));
}

#[test]
fn filters_keep_the_asked_rows_with_their_groups() {
    let p = Portfolio::new(five());
    let all = p.matrix(&View::default());
    // A domain: exactly its rows.
    let cm = p.matrix(&View {
        domain: Some("CM".into()),
        ..View::default()
    });
    let want: Vec<&str> = p
        .rows()
        .iter()
        .filter(|r| r.domain == "CM")
        .map(|r| r.code.as_str())
        .collect();
    let got: Vec<&str> = cm.rows.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(got, want);
    assert_eq!(got[0], "CM");
    // Below target: a sub-item shows exactly when some assessment has it below its target;
    // a group shows exactly when one of its sub-items shows.
    let below = p.matrix(&View {
        below_target_only: true,
        ..View::default()
    });
    let shown: BTreeSet<&str> = below.rows.iter().map(|r| r.code.as_str()).collect();
    for r in &all.rows {
        let is_below = r
            .cells
            .iter()
            .zip(&all.columns)
            .any(|(c, col)| c.is_some_and(|l| l.level < col.target));
        if r.kind == RowKind::Item {
            assert_eq!(shown.contains(r.code.as_str()), is_below, "{}", r.code);
        }
    }
    for r in below.rows.iter().filter(|r| r.kind != RowKind::Item) {
        assert!(
            below
                .rows
                .iter()
                .any(|x| x.kind == RowKind::Item && x.code.starts_with(&format!("{}-", r.code))),
            "{} shows without a sub-item",
            r.code
        );
    }
    // a3 (nothing answered, target 4) is below everywhere: every sub-item of v1 shows, and
    // v2's new ones only if a5 is below target there (it is not: both are at 2, target 2).
    assert!(!shown.contains(NEW) && !shown.contains("ZZ-Z-Z") && !shown.contains("ZZ"));
    assert!(shown.contains(GONE));
    // Both filters at once.
    let both = p.matrix(&View {
        domain: Some("ZZ".into()),
        below_target_only: true,
        ..View::default()
    });
    assert!(both.rows.is_empty());
    assert_eq!(both.columns.len(), 5, "columns stay");
}

#[test]
fn columns_sort_by_overall_level_and_keep_the_added_order_among_equals() {
    // On the CD model nearly every overall level is 1; a one-sub-item model gives distinct ones.
    let tiny = Arc::new(
        load_model(&maturity_core::model::synthetic::tiny_model_json(&[&[&[
            "1 1 1 1",
        ]]]))
        .unwrap(),
    );
    let all = vec![v1(), tiny.clone()];
    let mk = |id: &str, spec: &[&str]| {
        let mut a = Assessment::new(id, id, &tiny, 3, Lang::En, "2026-01-01T00:00:00.000Z");
        answers(&tiny, &mut a, spec, "2026-01-01T00:00:00.000Z");
        Member::new(
            MemberId::File(id.into()),
            Origin::File(format!("{id}.json")),
            a,
            &all,
        )
        .unwrap()
    };
    let members = vec![
        mk("b", &["D1-C1-I1 L2 met"]),
        mk("a", &[]),
        mk(
            "d",
            &["D1-C1-I1 L2 met", "D1-C1-I1 L3 met", "D1-C1-I1 L4 met"],
        ),
        mk("c", &["D1-C1-I1 L2 met"]),
        mk("e", &["D1-C1-I1-L2-1 partial"]),
    ];
    let p = Portfolio::new(members);
    let ids = |order: Order| -> Vec<String> {
        p.matrix(&View {
            order,
            ..View::default()
        })
        .columns
        .into_iter()
        .map(|c| c.assessment_id)
        .collect()
    };
    assert_eq!(ids(Order::Added), ["b", "a", "d", "c", "e"]);
    // a: 1, e: "2-" (1 with progress), b and c: 2, d: 4.
    assert_eq!(ids(Order::LowestFirst), ["a", "e", "b", "c", "d"]);
    assert_eq!(ids(Order::HighestFirst), ["d", "b", "c", "e", "a"]);
    // Sorting moves whole columns: each cell still belongs to its assessment.
    let m = p.matrix(&View {
        order: Order::HighestFirst,
        ..View::default()
    });
    for row in &m.rows {
        for (c, col) in m.columns.iter().enumerate() {
            let mem = &p.members()[col.member];
            assert_eq!(
                row.cells[c],
                engine(&mem.assessment, &tiny, row.kind, &row.code)
            );
        }
    }
    for o in Order::ALL {
        assert_eq!(Order::from_code(o.code()), Some(o));
    }
}

/// A comparison case: answers then, answers now (on the same assessment), targets, and the
/// sub-items expected to rise and fall.
struct Case {
    name: &'static str,
    then: &'static [&'static str],
    now: &'static [&'static str],
    targets: (u8, u8),
    rose: &'static [&'static str],
    fell: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "nothing changed",
        then: &["CM-VC-VCS L2 met"],
        now: &["CM-VC-VCS L2 met"],
        targets: (3, 3),
        rose: &[],
        fell: &[],
    },
    Case {
        name: "one sub-item reaches level 2",
        then: &[],
        now: &["CM-VC-VCS L2 met"],
        targets: (3, 3),
        rose: &["CM-VC-VCS"],
        fell: &[],
    },
    Case {
        name: "progress alone counts as rising (1 to 2-)",
        then: &[],
        now: &["CM-VC-BM-L2-1 partial"],
        targets: (3, 3),
        rose: &["CM-VC-BM"],
        fell: &[],
    },
    Case {
        name: "partly met to met at the same level is a rise (2- to 2)",
        then: &["DM-DCM-CP-L2-1 partial"],
        now: &["DM-DCM-CP L2 met"],
        targets: (3, 3),
        rose: &["DM-DCM-CP"],
        fell: &[],
    },
    Case {
        name: "a fall and a rise at once",
        then: &["CM-VC-VCS L2 met", "CM-VC-VCS L3 met"],
        now: &[
            "CM-VC-VCS L2 met",
            "CM-VC-VCS-L3-1 not_met",
            "CM-CM-CP L2 met",
        ],
        targets: (3, 3),
        rose: &["CM-CM-CP"],
        fell: &["CM-VC-VCS"],
    },
    Case {
        name: "a changed answer that moves no level",
        then: &["CM-VC-VCS-L4-1 not_met"],
        now: &["CM-VC-VCS-L4-1 met"],
        targets: (2, 2),
        rose: &[],
        fell: &[],
    },
    Case {
        name: "a changed target moves no level",
        then: &["CM-VC-VCS L2 met"],
        now: &["CM-VC-VCS L2 met"],
        targets: (2, 4),
        rose: &[],
        fell: &[],
    },
    Case {
        name: "not applicable counts as satisfied",
        then: &["CM-VC-VCS L2 not_met"],
        now: &["CM-VC-VCS L2 not_applicable"],
        targets: (3, 3),
        rose: &["CM-VC-VCS"],
        fell: &[],
    },
];

#[test]
fn the_comparison_lists_exactly_the_sub_items_that_moved() {
    let m = v1();
    for case in CASES {
        let then = assessment(
            &m,
            "x",
            "网银",
            case.targets.0,
            case.then,
            "2026-01-01T00:00:00.000Z",
        );
        let mut now = assessment(
            &m,
            "x",
            "网银",
            case.targets.1,
            case.now,
            "2026-04-01T00:00:00.000Z",
        );
        now.updated_at = "2026-04-01T00:00:00.000Z".into();
        let p = Portfolio::new(vec![
            Member::new(
                MemberId::File("q1".into()),
                Origin::File("q1.json".into()),
                then.clone(),
                &models(),
            )
            .unwrap(),
            Member::new(
                MemberId::File("q2".into()),
                Origin::File("q2.json".into()),
                now.clone(),
                &models(),
            )
            .unwrap(),
        ]);
        assert_eq!(p.default_pair(), Some((0, 1)), "{}", case.name);
        let c = p.compare(0, 1).unwrap();
        let codes = |ch: Change| -> BTreeSet<&str> {
            c.items
                .iter()
                .filter(|i| i.change == ch)
                .map(|i| i.code.as_str())
                .collect()
        };
        assert_eq!(
            codes(Change::Rose),
            case.rose.iter().copied().collect(),
            "{}",
            case.name
        );
        assert_eq!(
            codes(Change::Fell),
            case.fell.iter().copied().collect(),
            "{}",
            case.name
        );
        assert_eq!(
            c.count(Change::Stayed),
            m.item_count() - case.rose.len() - case.fell.len(),
            "{}",
            case.name
        );
        assert_eq!(c.moved().count(), case.rose.len() + case.fell.len());
        // Independently: a sub-item moved exactly when the engine's labels differ.
        let (r0, r1) = (
            score(&m, &then.answers, then.target_level, Rule::default()),
            score(&m, &now.answers, now.target_level, Rule::default()),
        );
        let moved: BTreeSet<&str> = (0..m.item_count())
            .filter(|&i| r0.items[i].label != r1.items[i].label)
            .map(|i| m.item(i).code.as_str())
            .collect();
        let listed: BTreeSet<&str> = c.moved().map(|i| i.code.as_str()).collect();
        assert_eq!(listed, moved, "{}", case.name);
        // The answers that changed, exactly.
        let changed: BTreeSet<String> = (0..m.requirement_count())
            .map(|r| m.requirement_id(r).to_string())
            .filter(|id| then.status(id) != now.status(id))
            .collect();
        let listed: BTreeSet<String> = c.answers.iter().map(|a| a.requirement.clone()).collect();
        assert_eq!(listed, changed, "{}", case.name);
        for a in &c.answers {
            assert_eq!(a.before, then.status(&a.requirement));
            assert_eq!(a.after, now.status(&a.requirement));
            assert!(a.requirement.starts_with(&format!("{}-L", a.item)));
        }
        // Blocking then and now, as the engine counts them.
        assert_eq!(
            c.blocking,
            (r0.blocking.len(), r1.blocking.len()),
            "{}",
            case.name
        );
        assert_eq!(c.overall, (r0.part.label, r1.part.label));
        assert_eq!(c.targets, case.targets);
        assert!(c.same_project);
    }
}

#[test]
fn comparing_across_model_versions_names_what_only_one_has() {
    let then = assessment(
        &v1(),
        "x",
        "网银",
        3,
        &["CM-VC-BM L2 met", "CM-VC-VCS L2 met"],
        "2026-01-01T00:00:00.000Z",
    );
    let now = assessment(
        &v2(),
        "x",
        "网银",
        3,
        &["CM-VC-NEW L2 met", "CM-VC-VCS L2 met"],
        "2026-04-01T00:00:00.000Z",
    );
    let p = Portfolio::new(vec![member("t", then), member("n", now)]);
    let c = p.compare(0, 1).unwrap();
    let change = |code: &str| c.items.iter().find(|i| i.code == code).map(|i| i.change);
    assert_eq!(change(GONE), Some(Change::OnlyBefore));
    assert_eq!(change(NEW), Some(Change::OnlyAfter));
    assert_eq!(change("ZZ-Z-Z"), Some(Change::OnlyAfter));
    assert_eq!(change("CM-VC-VCS"), Some(Change::Stayed));
    assert_eq!(c.moved().count(), 0);
    // Answers: the dropped sub-item's answers were there before and are not now; the new
    // sub-item's are new.
    let reqs: BTreeSet<&str> = c.answers.iter().map(|a| a.requirement.as_str()).collect();
    assert!(reqs.iter().any(|r| r.starts_with("CM-VC-BM-L2-")));
    assert!(reqs.iter().any(|r| r.starts_with("CM-VC-NEW-L2-")));
    assert!(!reqs.iter().any(|r| r.starts_with("CM-VC-VCS-")));
    let bm = c.answers.iter().find(|a| a.item == GONE).unwrap();
    assert_eq!((bm.before, bm.after), (Some(Status::Met), None));
    // Different projects are allowed, and said.
    let other = assessment(&v1(), "y", "信贷", 3, &[], "2026-05-01T00:00:00.000Z");
    let p = Portfolio::new(vec![member("t", other), p.members()[1].clone()]);
    assert!(!p.compare(0, 1).unwrap().same_project);
    assert_eq!(p.default_pair(), None, "no project has two assessments");
    assert!(p.compare(0, 9).is_none());
}

#[test]
fn files_are_read_like_imports_and_documents_without_running_anything() {
    let m = v1();
    let a = assessment(
        &m,
        "f1",
        "网银<img src=x onerror=alert(1)>",
        3,
        &["CM-VC-VCS L2 met"],
        "2026-01-01T00:00:00.000Z",
    );
    let json = export(&m, &a, "2026-01-02T00:00:00.000Z");
    // A JSON export.
    let read = read_file(&json, &models()).expect("a valid export");
    assert_eq!(read.assessment.answers, a.answers);
    assert_eq!(
        read.assessment.project.project, a.project.project,
        "text kept as it is"
    );
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    assert_eq!(read.json, json);
    // A workbook document: the embedded block is what is read and kept.
    let page =
        "<!doctype html><html><head><script>window.x=1</script></head><body><p>x</p></body></html>";
    let doc = document::write(page, &json).unwrap();
    let read = read_file(&doc, &models()).expect("a workbook document");
    assert_eq!(read.assessment.answers, a.answers);
    assert_eq!(read.json.trim(), document::read(&doc).unwrap());
    // An HTML page that is not a document.
    let err = read_file("<html><script>alert(1)</script></html>", &models()).unwrap_err();
    assert_eq!(err, vec![FileProblem::NotADocument]);
    assert!(err[0].is_error() && !err[0].message(Lang::En).is_empty());
    // Broken files are refused with every problem, each with a message in both languages.
    let mut broken: Value = serde_json::from_str(&json).unwrap();
    broken["answers"]["CM-VC-VCS-L2-1"]["status"] = "<script>".into();
    broken["assessment"]["target_level"] = 9.into();
    let err = read_file(&broken.to_string(), &models()).unwrap_err();
    assert!(err.iter().filter(|p| p.is_error()).count() >= 2, "{err:?}");
    for p in &err {
        assert!(!p.message(Lang::Zh).is_empty() && !p.message(Lang::En).is_empty());
    }
    assert!(err.iter().any(|p| p.path().contains("CM-VC-VCS-L2-1")));
    for junk in [
        "",
        "{",
        "[]",
        "null",
        "\u{feff}<",
        "{\"format\":\"maturity-workbook/model\"}",
    ] {
        assert!(read_file(junk, &models()).is_err(), "{junk:?}");
    }
    // A model nobody loaded.
    let mut unknown: Value = serde_json::from_str(&json).unwrap();
    unknown["model"]["id"] = "someone-else".into();
    assert!(read_file(&unknown.to_string(), &models()).is_err());
    // A file of another version than the loaded one is read with a warning.
    let only_v2 = vec![v2()];
    let read = read_file(&json, &only_v2).expect("another version still reads");
    assert!(!read.warnings.is_empty() && read.warnings.iter().all(|w| !w.is_error()));
}

#[test]
fn members_need_their_model_loaded() {
    let tiny = Arc::new(
        load_model(&maturity_core::model::synthetic::tiny_model_json(&[&[&[
            "1 1 1 1",
        ]]]))
        .unwrap(),
    );
    let a = Assessment::new("t", "t", &tiny, 3, Lang::En, "2026-01-01T00:00:00.000Z");
    assert!(Member::new(
        MemberId::Stored("t".into()),
        Origin::Stored,
        a.clone(),
        &models()
    )
    .is_none());
    let m = Member::new(MemberId::Stored("t".into()), Origin::Stored, a, &[tiny]).unwrap();
    assert_eq!(m.date(), "2026-01-01");
    assert_eq!(m.model_key(), "tiny@1");
}

#[test]
fn member_tokens_round_trip() {
    for id in [MemberId::Stored("a1".into()), MemberId::File("k-9".into())] {
        assert_eq!(MemberId::from_token(&id.token()), Some(id.clone()));
    }
    for odd in ["", "stored-", "file-", "x-1", "stored"] {
        assert_eq!(MemberId::from_token(odd), None, "{odd:?}");
    }
}

#[test]
fn the_remembered_portfolio_round_trips_and_replaces_files_by_name() {
    let mut r = Holdings::new();
    assert!(r.is_empty());
    assert!(r.set_stored("a1", true));
    assert!(!r.set_stored("a1", true), "once");
    assert!(r.set_stored("a2", true));
    assert_eq!(r.add_file("k1", "网银.json", "t1"), None);
    assert_eq!(r.add_file("k2", "信贷.json", "t1"), None);
    // The same file name again replaces the earlier copy (a team's newer export).
    assert_eq!(r.add_file("k3", "网银.json", "t2"), Some("k1".into()));
    assert_eq!(
        r.files.iter().map(|f| f.key.as_str()).collect::<Vec<_>>(),
        ["k3", "k2"]
    );
    // The folder's files are replaced as a whole by a new reading.
    let f = |k: &str, n: &str| FileRef {
        key: k.into(),
        name: n.into(),
        folder: false,
        added_at: "t3".into(),
    };
    assert_eq!(
        r.replace_folder("share", vec![f("d1", "a.json"), f("d2", "b.html")]),
        Vec::<String>::new()
    );
    assert!(r.files.iter().filter(|f| f.folder).count() == 2);
    let gone = r.replace_folder("share", vec![f("d3", "a.json")]);
    assert_eq!(gone, ["d1", "d2"]);
    assert_eq!(r.folder.as_deref(), Some("share"));
    // A picked file of the same name as a folder file is a separate member.
    assert_eq!(r.add_file("k4", "a.json", "t4"), None);
    let text = r.encode();
    let back = Holdings::decode(&text).unwrap();
    assert_eq!(back, r);
    assert_eq!(back.schema, HOLDINGS_SCHEMA);
    assert_eq!(
        back.member_ids().collect::<Vec<_>>(),
        vec![
            MemberId::Stored("a1".into()),
            MemberId::Stored("a2".into()),
            MemberId::File("k3".into()),
            MemberId::File("k2".into()),
            MemberId::File("d3".into()),
            MemberId::File("k4".into()),
        ]
    );
    assert_eq!(r.orphans(["k3", "k1", "zz", "d3"]), ["k1", "zz"]);
    assert!(r.remove_file("k2") && !r.remove_file("k2"));
    assert!(r.set_stored("a1", false) && !r.set_stored("a1", false));
    assert_eq!(r.forget_folder(), ["d3"]);
    assert_eq!(r.folder, None);
    // Damaged or newer records are refused without a panic, with a message.
    for bad in ["", "{", "[]", "{\"schema\":\"x\"}"] {
        assert_eq!(
            Holdings::decode(bad),
            Err(HoldingsError::Unreadable),
            "{bad:?}"
        );
    }
    let newer = Holdings::decode("{\"schema\":99}").unwrap_err();
    assert_eq!(newer, HoldingsError::Newer(99));
    assert!(newer.message(Lang::En).contains("99") && newer.message(Lang::Zh).contains("99"));
    // Older or minimal records read with defaults.
    assert_eq!(Holdings::decode("{\"schema\":1}").unwrap(), Holdings::new());
}

#[test]
fn the_matrix_csv_reads_back_to_the_same_cells() {
    let p = Portfolio::new(five());
    for lang in [Lang::Zh, Lang::En] {
        let m = p.matrix(&View {
            order: Order::LowestFirst,
            ..View::default()
        });
        let text = matrix_csv(&m, lang);
        assert!(text.starts_with(csv::BOM));
        assert!(text.contains("\r\n") && !text.replace("\r\n", "").contains('\n'));
        let rows = csv::parse(&text).unwrap();
        // Seven header lines: names, ids, projects, dates, model versions, targets, overall.
        let head = 7;
        for (c, col) in m.columns.iter().enumerate() {
            assert_eq!(rows[0][3 + c], col.name);
            assert_eq!(rows[1][3 + c], col.assessment_id);
            assert_eq!(rows[2][3 + c], col.project);
            assert_eq!(rows[3][3 + c], col.date);
            assert_eq!(rows[4][3 + c], col.model_version);
            assert_eq!(rows[5][3 + c], col.target.to_string());
            assert_eq!(rows[6][3 + c], col.overall.to_string());
        }
        for (n, r) in m.rows.iter().enumerate() {
            let line = &rows[head + n];
            assert_eq!(line[1], r.code);
            assert_eq!(line[2], r.name.get(lang));
            for (c, cell) in r.cells.iter().enumerate() {
                let mem = &p.members()[m.columns[c].member];
                let want = engine(&mem.assessment, &mem.model, r.kind, &r.code);
                assert_eq!(line[3 + c], maturity_core::portfolio::cell_text(want, lang));
                assert_eq!(*cell, want);
            }
            assert_eq!(
                line[3 + m.columns.len()],
                format!("{}/{}", r.reaching, r.present)
            );
        }
        assert_eq!(rows.len(), head + m.rows.len() + 2);
    }
}

fn value(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s)) => s.clone(),
        Some(other) => panic!("unexpected cell {other:?}"),
    }
}

#[test]
fn the_excel_workbook_has_the_matrix_and_the_comparison() {
    let p = Portfolio::new(five());
    let m = p.matrix(&View::default());
    let c = p.compare(0, 3).unwrap();
    for lang in [Lang::Zh, Lang::En] {
        let wb = xlsx_book(&p, &m, Some(&c), lang, "2026-11-30");
        let zip = wb.package().to_zip();
        let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(zip)).unwrap();
        let names = book.sheet_names();
        assert_eq!(names.len(), 2, "{names:?}");
        let matrix = book.worksheet_range(&names[0]).unwrap();
        // Row 0 is the title; the CSV's lines follow from row 1.
        let rows = csv::parse(&matrix_csv(&m, lang)).unwrap();
        for (n, line) in rows.iter().enumerate().take(7 + m.rows.len()) {
            for (col, want) in line.iter().enumerate() {
                assert_eq!(
                    value(&matrix, n as u32 + 1, col as u32),
                    *want,
                    "row {n} col {col}"
                );
            }
        }
        let cmp = book.worksheet_range(&names[1]).unwrap();
        let lines = csv::parse(&comparison_csv(&p, &c, lang)).unwrap();
        let mut listed = BTreeSet::new();
        for (n, line) in lines.iter().enumerate() {
            for (col, want) in line.iter().enumerate() {
                assert_eq!(
                    value(&cmp, n as u32 + 1, col as u32),
                    *want,
                    "row {n} col {col}"
                );
            }
            if line.len() == 5 && c.items.iter().any(|i| i.code == line[0]) {
                listed.insert(line[0].clone());
            }
        }
        assert_eq!(
            listed.len(),
            c.items.len(),
            "every sub-item in the comparison sheet"
        );
    }
    // Without a comparison there is one sheet.
    let wb = xlsx_book(&p, &m, None, Lang::En, "2026-11-30");
    assert_eq!(wb.sheets.len(), 1);
}

#[test]
fn the_comparison_csv_names_both_sides_and_every_change() {
    let p = Portfolio::new(five());
    // a1 and a4 are the same project (网银).
    assert_eq!(p.default_pair(), Some((0, 3)));
    let c = p.compare(0, 3).unwrap();
    let rows = csv::parse(&comparison_csv(&p, &c, Lang::En)).unwrap();
    assert_eq!(rows[1][1], p.members()[0].assessment.name);
    assert_eq!(rows[1][2], p.members()[3].assessment.name);
    let moved: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r.len() == 5 && (r[4] == "rose" || r[4] == "fell"))
        .collect();
    assert_eq!(moved.len(), c.moved().count());
    // VCS went from 3 to "4-".
    assert!(moved
        .iter()
        .any(|r| r[0] == "CM-VC-VCS" && r[2] == "3" && r[3] == "4-" && r[4] == "rose"));
}

// ----- The same assessment offered more than once -----

fn file_member(key: &str, name: &str, a: Assessment) -> Member {
    Member::new(
        MemberId::File(key.into()),
        Origin::File(name.into()),
        a,
        &models(),
    )
    .expect("model loaded")
}

#[test]
fn the_same_assessment_offered_three_times_is_one_column_of_its_newest_revision() {
    let m = v1();
    let (march, april) = ("2026-03-01T08:00:00.000Z", "2026-04-02T09:30:00.000Z");
    let older = assessment(&m, "x", "手机银行", 3, &["CM-VC-VCS L2 met"], march);
    let mut newer = older.clone();
    answers(&m, &mut newer, &["CM-VC-VCS L3 met"], april);
    assert_eq!(newer.updated_at, april);
    let other = assessment(&m, "y", "网银", 3, &[], march);
    let p = Portfolio::new(vec![
        member("x", newer.clone()),
        file_member("k1", "手机银行.json", newer.clone()),
        file_member("k2", "手机银行-2026-03.html", older.clone()),
        member("y", other),
    ]);
    let mx = p.matrix(&View::default());
    let ids: Vec<&str> = mx
        .columns
        .iter()
        .map(|c| c.assessment_id.as_str())
        .collect();
    assert_eq!(ids, ["x", "y"], "one column per assessment");
    assert_eq!(
        mx.columns[0].member, 0,
        "the newest revision, first offered"
    );
    let vcs = mx.rows.iter().find(|r| r.code == "CM-VC-VCS").unwrap();
    assert_eq!(vcs.cells[0].map(|l| l.level), Some(3), "the newest's level");
    assert_eq!(vcs.present, 2);
    // The CSV and the Excel sheet follow the matrix: no column twice.
    let csv_text = matrix_csv(&mx, Lang::En);
    let rows = csv::parse(&csv_text).unwrap();
    let vcs_line = rows
        .iter()
        .find(|r| r.get(1).map(String::as_str) == Some("CM-VC-VCS"))
        .unwrap();
    // Kind, code, name, one cell per column, reaching, weakest.
    assert_eq!(vcs_line.len(), 3 + 2 + 2, "{vcs_line:?}");

    let [dup] = p.duplicates() else {
        panic!("one duplicate: {:?}", p.duplicates())
    };
    assert_eq!((dup.id.as_str(), dup.kept), ("x", 0));
    assert_eq!(dup.skipped, [1, 2]);
    let zh = dup.message(&p, Lang::Zh);
    let en = dup.message(&p, Lang::En);
    for text in [&zh, &en] {
        assert!(text.contains("手机银行.json"), "{text}");
        assert!(text.contains("手机银行-2026-03.html"), "{text}");
        assert!(text.contains("2026-03-01 08:00"), "{text}");
        assert!(text.contains('3'), "{text}");
    }
    assert!(zh.contains("本浏览器, 2026-04-02 09:30"), "{zh}");
    assert!(en.contains("offered 3 times"), "{en}");
    assert!(
        en.contains("progress over time"),
        "an earlier revision: {en}"
    );

    // The comparison offers each revision once: the exact copy (k1) is not offered, the
    // March export is, and it is the default "then" against the newest.
    assert_eq!(p.choices(), [0, 2, 3]);
    assert_eq!(p.default_pair(), Some((2, 0)));
    let c = p.compare(2, 0).unwrap();
    assert!(c.moved().any(|i| i.code == "CM-VC-VCS"));

    // No two captions read the same; each names organisation, project, date and source.
    let captions = p.captions(Lang::En);
    let distinct: BTreeSet<&String> = captions.iter().collect();
    assert_eq!(distinct.len(), captions.len(), "{captions:?}");
    assert_eq!(captions[0], "手机银行 · 2026-04-02 · this browser");
    assert_eq!(captions[1], "手机银行 · 2026-04-02 · 手机银行.json");
    assert_eq!(captions[2], "手机银行 · 2026-03-01 · 手机银行-2026-03.html");
}

#[test]
fn copies_holding_the_same_work_are_one_choice_and_say_nothing_of_earlier_revisions() {
    let m = v1();
    let a = assessment(
        &m,
        "x",
        "手机银行",
        3,
        &["CM-VC-VCS L2 met"],
        "2026-05-01T08:00:00.000Z",
    );
    // Saved as a document a minute after the JSON export: only its times differ.
    let mut later = a.clone();
    later.updated_at = "2026-05-01T08:01:00.000Z".into();
    later.last_exported_at = Some(later.updated_at.clone());
    let p = Portfolio::new(vec![
        file_member("k1", "a.json", a.clone()),
        file_member("k2", "a.html", later.clone()),
        member("x", later),
    ]);
    let mx = p.matrix(&View::default());
    assert_eq!(mx.columns.len(), 1);
    assert_eq!(mx.columns[0].member, 1, "the newest, first offered");
    assert_eq!(p.choices(), [1]);
    assert_eq!(p.default_pair(), None, "nothing to compare");
    let message = p.duplicates()[0].message(&p, Lang::En);
    assert!(!message.contains("progress over time"), "{message}");
    assert!(message.contains("a.json, 2026-05-01 08:00"), "{message}");
    assert!(message.contains("a.html, 2026-05-01 08:01") && message.contains("this browser"));
    // Below-target filtering looks at the columns shown.
    let below = p.matrix(&View {
        below_target_only: true,
        ..View::default()
    });
    assert_eq!(below.columns.len(), 1);
}

#[test]
fn captions_add_the_time_then_a_number_where_members_would_read_the_same() {
    let m = v1();
    let mut a = assessment(&m, "a", "网银", 3, &[], "2026-05-01T08:00:00.000Z");
    a.project.organisation = "某银行".into();
    let mut b = a.clone();
    b.id = "b".into();
    b.updated_at = "2026-05-01T15:45:00.000Z".into();
    let mut c = a.clone();
    c.id = "c".into();
    let p = Portfolio::new(vec![member("a", a), member("b", b), member("c", c)]);
    let captions = p.captions(Lang::Zh);
    assert_eq!(
        captions,
        [
            "某银行 · 网银 · 2026-05-01 08:00 · 本浏览器 (1)",
            "某银行 · 网银 · 2026-05-01 15:45 · 本浏览器",
            "某银行 · 网银 · 2026-05-01 08:00 · 本浏览器 (2)",
        ]
    );
    assert!(
        p.duplicates().is_empty(),
        "three assessments, not duplicates"
    );
    assert_eq!(p.matrix(&View::default()).columns.len(), 3);
}
