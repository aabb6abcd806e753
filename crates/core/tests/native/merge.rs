//! Merging two copies of one assessment: a table of cases (one-sided changes, the same change
//! on both sides, conflicting answers, comments, notes and evidence, a deletion on one side,
//! entries added on both sides, copies without stamps), then resolving conflicts.
#![cfg(not(target_arch = "wasm32"))]

use maturity_core::assess::assessment::{
    Assessment, Edit, EvidenceField, EvidenceStatus, ProjectField, Status,
};
use maturity_core::store::merge::{plan, resolve, same_work, Conflict, Side};
use maturity_core::text::Lang;

use crate::common::model;

const T_START: &str = "2026-05-01T08:00:00.000Z";
/// The team's document was saved here; both copies come from it.
const T_BASE: &str = "2026-05-02T08:00:00.000Z";
const T_HERE: &str = "2026-05-03T08:00:00.000Z";
const T_THERE: &str = "2026-05-04T08:00:00.000Z";
const T_THERE_SAVED: &str = "2026-05-05T08:00:00.000Z";
const T_MERGE: &str = "2026-05-06T08:00:00.000Z";

fn answer(req: &str, status: Option<Status>) -> Edit {
    Edit::Answer {
        req: req.into(),
        status,
    }
}

/// The common ancestor: a few answers, notes and an evidence status, then saved at `T_BASE`.
fn base() -> Assessment {
    let m = model();
    let mut a = Assessment::new("doc1", "手机银行自评", &m, 3, Lang::Zh, T_START);
    for edit in [
        answer("CM-VC-VCS-L2-1", Some(Status::Met)),
        answer("CM-VC-VCS-L2-2", Some(Status::Partial)),
        answer("CM-VC-BM-L2-1", Some(Status::NotMet)),
        Edit::Notes {
            item: "CM-VC-VCS".into(),
            text: "备份演练待补".into(),
        },
    ] {
        a.apply_by(&edit, T_START, "王五");
    }
    a.mark_exported(T_BASE);
    a
}

/// The two copies after each side's edits: `here` in this browser, `there` read from the
/// colleague's file (saved at `T_THERE_SAVED`).
fn copies(here_edits: &[Edit], there_edits: &[Edit]) -> (Assessment, Assessment) {
    let mut here = base();
    for e in here_edits {
        here.apply_by(e, T_HERE, "张三");
    }
    let mut there = base();
    for e in there_edits {
        there.apply_by(e, T_THERE, "李四");
    }
    there.mark_exported(T_THERE_SAVED);
    (here, there)
}

fn status_of(a: &Assessment, req: &str) -> Option<Status> {
    a.status(req)
}

#[test]
fn the_table_of_merge_cases() {
    struct Case {
        name: &'static str,
        here: Vec<Edit>,
        there: Vec<Edit>,
        /// Requirement and its answer after the merge (before deciding conflicts).
        expect: &'static [(&'static str, Option<Status>)],
        taken: usize,
        conflicts: usize,
    }
    let cases = [
        Case {
            name: "nothing changed",
            here: vec![],
            there: vec![],
            expect: &[("CM-VC-VCS-L2-1", Some(Status::Met))],
            taken: 0,
            conflicts: 0,
        },
        Case {
            name: "only the other copy answered",
            here: vec![],
            there: vec![answer("CM-VC-VCS-L3-1", Some(Status::Met))],
            expect: &[("CM-VC-VCS-L3-1", Some(Status::Met))],
            taken: 1,
            conflicts: 0,
        },
        Case {
            name: "only this copy answered",
            here: vec![answer("CM-VC-VCS-L3-1", Some(Status::NotMet))],
            there: vec![],
            expect: &[("CM-VC-VCS-L3-1", Some(Status::NotMet))],
            taken: 0,
            conflicts: 0,
        },
        Case {
            name: "both gave the same answer",
            here: vec![answer("CM-VC-VCS-L3-1", Some(Status::Met))],
            there: vec![answer("CM-VC-VCS-L3-1", Some(Status::Met))],
            expect: &[("CM-VC-VCS-L3-1", Some(Status::Met))],
            taken: 0,
            conflicts: 0,
        },
        Case {
            name: "conflicting answers",
            here: vec![answer("CM-VC-VCS-L2-2", Some(Status::Met))],
            there: vec![answer("CM-VC-VCS-L2-2", Some(Status::NotMet))],
            expect: &[("CM-VC-VCS-L2-2", Some(Status::Met))],
            taken: 0,
            conflicts: 1,
        },
        Case {
            name: "conflicting comments on the same answer",
            here: vec![Edit::Comment {
                req: "CM-VC-VCS-L2-1".into(),
                text: "见 Wiki".into(),
            }],
            there: vec![Edit::Comment {
                req: "CM-VC-VCS-L2-1".into(),
                text: "见共享盘".into(),
            }],
            expect: &[("CM-VC-VCS-L2-1", Some(Status::Met))],
            taken: 0,
            conflicts: 1,
        },
        Case {
            name: "the other copy cleared an answer nobody here touched",
            here: vec![],
            there: vec![answer("CM-VC-BM-L2-1", None)],
            expect: &[("CM-VC-BM-L2-1", None)],
            taken: 1,
            conflicts: 0,
        },
        Case {
            name: "this copy cleared an answer the other did not touch",
            here: vec![answer("CM-VC-BM-L2-1", None)],
            there: vec![],
            expect: &[("CM-VC-BM-L2-1", None)],
            taken: 0,
            conflicts: 0,
        },
        Case {
            name: "cleared here, changed there",
            here: vec![answer("CM-VC-BM-L2-1", None)],
            there: vec![answer("CM-VC-BM-L2-1", Some(Status::Met))],
            expect: &[("CM-VC-BM-L2-1", None)],
            taken: 0,
            conflicts: 1,
        },
        Case {
            name: "different requirements on each side",
            here: vec![answer("TM-TH-HM-L2-1", Some(Status::Met))],
            there: vec![answer("DM-DCM-CP-L2-1", Some(Status::NotApplicable))],
            expect: &[
                ("TM-TH-HM-L2-1", Some(Status::Met)),
                ("DM-DCM-CP-L2-1", Some(Status::NotApplicable)),
            ],
            taken: 1,
            conflicts: 0,
        },
    ];
    for case in cases {
        let (here, there) = copies(&case.here, &case.there);
        let p = plan(&here, &there);
        assert_eq!(p.base, T_BASE, "{}", case.name);
        for (req, want) in case.expect {
            assert_eq!(status_of(&p.merged, req), *want, "{}: {req}", case.name);
        }
        assert_eq!(
            p.taken.len(),
            case.taken,
            "{}: taken {:?}",
            case.name,
            p.taken
        );
        assert_eq!(
            p.conflicts.len(),
            case.conflicts,
            "{}: {:?}",
            case.name,
            p.conflicts
        );
    }
}

#[test]
fn a_conflict_shows_both_versions_with_when_and_who_and_is_decided_either_way() {
    let (here, there) = copies(
        &[answer("CM-VC-VCS-L2-2", Some(Status::Met))],
        &[answer("CM-VC-VCS-L2-2", Some(Status::NotMet))],
    );
    let p = plan(&here, &there);
    let Conflict::Answer {
        req,
        here: h,
        there: t,
    } = &p.conflicts[0]
    else {
        panic!("an answer conflict: {:?}", p.conflicts)
    };
    assert_eq!(req, "CM-VC-VCS-L2-2");
    assert_eq!(h.value.as_ref().unwrap().status, Status::Met);
    assert_eq!(t.value.as_ref().unwrap().status, Status::NotMet);
    let (hs, ts) = (h.stamp.as_ref().unwrap(), t.stamp.as_ref().unwrap());
    assert_eq!((hs.at.as_str(), hs.by.as_str()), (T_HERE, "张三"));
    assert_eq!((ts.at.as_str(), ts.by.as_str()), (T_THERE, "李四"));
    assert_eq!(p.conflicts[0].newer(), Side::There);
    let keep = resolve(&p, &[Side::Here], T_MERGE, "张三");
    assert_eq!(keep.status("CM-VC-VCS-L2-2"), Some(Status::Met));
    let take = resolve(&p, &[Side::There], T_MERGE, "张三");
    assert_eq!(take.status("CM-VC-VCS-L2-2"), Some(Status::NotMet));
    assert_eq!(take.changed["CM-VC-VCS-L2-2"].by, "李四");
    // Undecided conflicts keep this copy's version.
    assert_eq!(
        resolve(&p, &[], T_MERGE, "").status("CM-VC-VCS-L2-2"),
        Some(Status::Met)
    );
}

#[test]
fn notes_and_evidence_merge_like_answers() {
    let ready = |item: &str, id: &str, s: EvidenceStatus| Edit::Evidence {
        item: item.into(),
        id: id.into(),
        field: EvidenceField::Status(s),
    };
    let (here, there) = copies(
        &[
            ready("CM-VC-VCS", "e1", EvidenceStatus::Ready),
            Edit::Notes {
                item: "CM-VC-VCS".into(),
                text: "这里的笔记".into(),
            },
            ready("CM-VC-BM", "e1", EvidenceStatus::InProgress),
        ],
        &[
            ready("CM-VC-VCS", "e2", EvidenceStatus::Ready),
            Edit::Notes {
                item: "CM-VC-VCS".into(),
                text: "那边的笔记".into(),
            },
            ready("CM-VC-BM", "e1", EvidenceStatus::Ready),
            Edit::Notes {
                item: "TM-TH-HM".into(),
                text: "只有那边写了".into(),
            },
        ],
    );
    let p = plan(&here, &there);
    let ev = |a: &Assessment, item: &str, id: &str| {
        a.items[item]
            .evidence
            .iter()
            .find(|e| e.id == id)
            .unwrap()
            .status
    };
    // One-sided: taken or kept.
    assert_eq!(ev(&p.merged, "CM-VC-VCS", "e1"), EvidenceStatus::Ready);
    assert_eq!(ev(&p.merged, "CM-VC-VCS", "e2"), EvidenceStatus::Ready);
    assert_eq!(p.merged.items["TM-TH-HM"].notes, "只有那边写了");
    // Both changed: the notes of CM-VC-VCS and the status of CM-VC-BM e1.
    assert_eq!(p.conflicts.len(), 2, "{:?}", p.conflicts);
    assert!(p
        .conflicts
        .iter()
        .any(|c| matches!(c, Conflict::Notes { item, .. } if item == "CM-VC-VCS")));
    assert!(p.conflicts.iter().any(
        |c| matches!(c, Conflict::Evidence { item, id, .. } if item == "CM-VC-BM" && id == "e1")
    ));
    let all_there = vec![Side::There; p.conflicts.len()];
    let r = resolve(&p, &all_there, T_MERGE, "");
    assert_eq!(r.items["CM-VC-VCS"].notes, "那边的笔记");
    assert_eq!(ev(&r, "CM-VC-BM", "e1"), EvidenceStatus::Ready);
}

#[test]
fn entries_added_on_both_sides_are_both_kept() {
    let add = Edit::AddEvidence {
        item: "CM-VC-VCS".into(),
    };
    let adds = [add];
    let (mut here, mut there) = copies(&adds, &adds);
    let id = here.items["CM-VC-VCS"].evidence.last().unwrap().id.clone();
    here.apply_by(
        &Edit::Evidence {
            item: "CM-VC-VCS".into(),
            id: id.clone(),
            field: EvidenceField::Title("SonarQube 报告".into()),
        },
        T_HERE,
        "张三",
    );
    there.apply_by(
        &Edit::Evidence {
            item: "CM-VC-VCS".into(),
            id: id.clone(),
            field: EvidenceField::Title("Jenkins 截图".into()),
        },
        T_THERE,
        "李四",
    );
    let p = plan(&here, &there);
    assert!(p.conflicts.is_empty(), "{:?}", p.conflicts);
    let titles: Vec<&str> = p.merged.items["CM-VC-VCS"]
        .evidence
        .iter()
        .map(|e| e.title.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(titles, ["SonarQube 报告", "Jenkins 截图"]);
    let ids: std::collections::BTreeSet<&str> = p.merged.items["CM-VC-VCS"]
        .evidence
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(
        ids.len(),
        p.merged.items["CM-VC-VCS"].evidence.len(),
        "ids stay unique"
    );
}

#[test]
fn an_entry_removed_on_one_side_goes_unless_the_other_changed_it() {
    let add = Edit::AddEvidence {
        item: "CM-VC-BM".into(),
    };
    // The entry existed in the base.
    let mut b = base();
    b.apply_by(&add, T_START, "王五");
    let id = b.items["CM-VC-BM"].evidence.last().unwrap().id.clone();
    b.mark_exported("2026-05-02T09:00:00.000Z");
    let remove = Edit::RemoveEvidence {
        item: "CM-VC-BM".into(),
        id: id.clone(),
    };
    let mut here = b.clone();
    here.apply_by(&remove, T_HERE, "张三");
    let mut there = b.clone();
    there.mark_exported(T_THERE_SAVED);
    let p = plan(&here, &there);
    assert!(p.conflicts.is_empty());
    assert!(!p.merged.items["CM-VC-BM"]
        .evidence
        .iter()
        .any(|e| e.id == id));
    // The other copy edited it meanwhile: shown, not dropped.
    let mut there = b.clone();
    there.apply_by(
        &Edit::Evidence {
            item: "CM-VC-BM".into(),
            id: id.clone(),
            field: EvidenceField::Owner("李四".into()),
        },
        T_THERE,
        "李四",
    );
    there.mark_exported(T_THERE_SAVED);
    let p = plan(&here, &there);
    assert!(matches!(&p.conflicts[..], [Conflict::Evidence { here, .. }] if here.value.is_none()));
}

#[test]
fn a_copy_without_stamps_never_overwrites_silently() {
    // An older workbook wrote no stamps: where the copies differ and nothing tells who changed
    // what, the merge asks.
    let (here, mut there) = copies(&[answer("CM-VC-VCS-L2-2", Some(Status::Met))], &[]);
    there.answers.get_mut("CM-VC-VCS-L2-1").unwrap().status = Status::NotMet;
    there.changed.clear();
    there.answers.insert(
        "TM-TH-HM-L2-1".into(),
        maturity_core::assess::assessment::Answer::new(Status::Met),
    );
    let p = plan(&here, &there);
    // Here changed L2-2 after the base and there has the base's value: kept.
    assert_eq!(p.merged.status("CM-VC-VCS-L2-2"), Some(Status::Met));
    // L2-1 differs and neither side is known to have changed it: a conflict.
    assert!(p
        .conflicts
        .iter()
        .any(|c| matches!(c, Conflict::Answer { req, .. } if req == "CM-VC-VCS-L2-1")));
    // An answer only the other copy has, with no removal recorded here: taken.
    assert_eq!(p.merged.status("TM-TH-HM-L2-1"), Some(Status::Met));
}

#[test]
fn project_fields_name_and_target() {
    let (mut here, mut there) = copies(&[], &[]);
    there.project.organisation = "某银行".into();
    here.project.summary = "手机银行 App".into();
    there.project.summary = "手机银行 App 与网银".into();
    there.target_level = 4;
    let p = plan(&here, &there);
    assert_eq!(
        p.merged.project.organisation, "某银行",
        "an empty field takes the text"
    );
    assert!(p.conflicts.iter().any(|c| matches!(
        c,
        Conflict::Project {
            field: ProjectField::Summary,
            ..
        }
    )));
    assert!(p
        .conflicts
        .iter()
        .any(|c| matches!(c, Conflict::Target { here: 3, there: 4 })));
    here.name = "另一个名字".into();
    assert!(plan(&here, &there)
        .conflicts
        .iter()
        .any(|c| matches!(c, Conflict::Name { .. })));
}

#[test]
fn merging_a_copy_into_itself_changes_nothing() {
    let (here, _) = copies(&[answer("CM-VC-VCS-L3-1", Some(Status::Met))], &[]);
    let mut same = here.clone();
    same.mark_exported(T_THERE_SAVED);
    let p = plan(&here, &same);
    assert!(p.taken.is_empty() && p.conflicts.is_empty());
    assert!(same_work(&resolve(&p, &[], T_MERGE, ""), &here));
}
