//! Undo and redo in the workspace, and review mode: every kind of edit undone and made again
//! (and the level with it), typing taken back as one step, another tab's change in between (kept,
//! and an undo that would overwrite it refused), a merge in between, the history kept through a
//! reload of the tab but not shared with another tab, random edit sequences undone to the start;
//! an assessment from a file shown for review until the user chooses to edit it, and remembered.
#![cfg(not(target_arch = "wasm32"))]

use std::sync::Arc;

use maturity_core::assess::assessment::{
    Assessment, Edit, EntryKind, EvidenceField, EvidenceStatus, NaKind, ProjectField, Status,
};
use maturity_core::assess::rule::Rule;
use maturity_core::assess::score::score;
use maturity_core::assess::undo::{History, Step, Subject, HISTORY_MAX, HISTORY_MAX_CHARS};
use maturity_core::model::LoadedModel;
use maturity_core::store::persist::assessment_key;
use maturity_core::store::workspace::{Meeting, Toast, Workspace};
use maturity_core::text::Lang;
use proptest::prelude::*;

use crate::common::{model, Shared};

const T0: &str = "2026-03-01T08:00:00.000Z";
const T1: &str = "2026-03-01T09:00:00.000Z";
const T2: &str = "2026-03-01T10:00:00.000Z";
const T3: &str = "2026-03-01T11:00:00.000Z";

const REQ: &str = "CM-VC-VCS-L2-1";
const REQ2: &str = "CM-VC-VCS-L2-2";
const ITEM: &str = "CM-VC-VCS";

/// A tab: a workspace over the shared local store, with its own session store.
fn tab(local: &Shared, session: &Shared) -> Workspace {
    let mut w = Workspace::new(local.store(), model(), true);
    w.set_session(Box::new(session.clone()));
    w.load(T0);
    w
}

/// A tab with one assessment `a1`, created here and open.
fn with_one(local: &Shared, session: &Shared) -> Workspace {
    let mut w = tab(local, session);
    w.create_default("a1", Lang::Zh, T0);
    w.open("a1", T0).unwrap();
    w
}

fn answer(req: &str, status: Status) -> Edit {
    Edit::Answer {
        req: req.into(),
        status: Some(status),
    }
}

/// What an edit can change, without times and stamps (of the items, those the tests touch and
/// how many there are).
fn work(a: &Assessment) -> String {
    let touched: Vec<_> = a
        .items
        .iter()
        .filter(|(code, w)| code.starts_with(ITEM) || !w.notes.is_empty())
        .collect();
    serde_json::to_string(&(
        &a.answers,
        touched,
        a.items.len(),
        &a.project,
        &a.name,
        a.target_level,
    ))
    .unwrap()
}

fn current(w: &Workspace) -> &Assessment {
    w.current().unwrap()
}

fn level(w: &Workspace) -> String {
    let a = current(w);
    let r = score(&model(), &a.answers, a.target_level, Rule::default());
    r.items[model().find_item(ITEM).unwrap()].label.to_string()
}

/// One case: edits made first (not part of the test), then the edit undone and redone.
struct Case {
    name: &'static str,
    before: Vec<Edit>,
    edit: Edit,
}

fn evidence(id: &str, field: EvidenceField) -> Edit {
    Edit::Evidence {
        item: ITEM.into(),
        id: id.into(),
        field,
    }
}

fn cases() -> Vec<Case> {
    let answered = || vec![answer(REQ, Status::Met)];
    let explained = || {
        vec![
            answer(REQ, Status::NotApplicable),
            Edit::Comment {
                req: REQ.into(),
                text: "见附件".into(),
            },
            Edit::NaReason {
                req: REQ.into(),
                kind: NaKind::OutOfScope,
                text: "外包".into(),
            },
        ]
    };
    let own_entries = || {
        vec![
            Edit::AddEvidence { item: ITEM.into() },
            Edit::AddEvidence { item: ITEM.into() },
        ]
    };
    vec![
        Case {
            name: "a first answer",
            before: vec![],
            edit: answer(REQ, Status::Met),
        },
        Case {
            name: "another answer",
            before: answered(),
            edit: answer(REQ, Status::NotMet),
        },
        Case {
            name: "an answer cleared with its comment and reason",
            before: explained(),
            edit: Edit::Answer {
                req: REQ.into(),
                status: None,
            },
        },
        Case {
            name: "a comment",
            before: answered(),
            edit: Edit::Comment {
                req: REQ.into(),
                text: "需要补充".into(),
            },
        },
        Case {
            name: "a first N/A reason",
            before: vec![answer(REQ, Status::NotApplicable)],
            edit: Edit::NaReason {
                req: REQ.into(),
                kind: NaKind::NotUsed,
                text: String::new(),
            },
        },
        Case {
            name: "another N/A reason",
            before: explained(),
            edit: Edit::NaReason {
                req: REQ.into(),
                kind: NaKind::Other,
                text: "改了".into(),
            },
        },
        Case {
            name: "notes",
            before: vec![],
            edit: Edit::Notes {
                item: ITEM.into(),
                text: "问题：备份频率？".into(),
            },
        },
        Case {
            name: "an evidence title",
            before: own_entries(),
            edit: evidence("e12", EvidenceField::Title("自建文档".into())),
        },
        Case {
            name: "an evidence kind",
            before: vec![],
            edit: evidence("e1", EvidenceField::Kind(EntryKind::Video)),
        },
        Case {
            name: "an evidence location",
            before: vec![],
            edit: evidence("e1", EvidenceField::Location("\\\\share\\vcs".into())),
        },
        Case {
            name: "an evidence status",
            before: vec![],
            edit: evidence("e1", EvidenceField::Status(EvidenceStatus::Ready)),
        },
        Case {
            name: "an evidence owner",
            before: vec![],
            edit: evidence("e1", EvidenceField::Owner("王工".into())),
        },
        Case {
            name: "an evidence due date",
            before: vec![],
            edit: evidence("e1", EvidenceField::Due("2026-12-31".into())),
        },
        Case {
            name: "an evidence entry added",
            before: vec![],
            edit: Edit::AddEvidence { item: ITEM.into() },
        },
        Case {
            name: "an evidence entry removed from the middle",
            before: own_entries(),
            edit: Edit::RemoveEvidence {
                item: ITEM.into(),
                id: "e11".into(),
            },
        },
        Case {
            name: "a project field",
            before: vec![],
            edit: Edit::Project {
                field: ProjectField::Organisation,
                value: "某银行".into(),
            },
        },
        Case {
            name: "the target",
            before: vec![],
            edit: Edit::Target(4),
        },
        Case {
            name: "the name",
            before: vec![],
            edit: Edit::Rename("手机银行 · 持续交付自评".into()),
        },
    ]
}

#[test]
fn every_kind_of_edit_is_undone_and_made_again_and_stored() {
    // The model pre-fills entries e1..e10 of CM-VC-VCS; the team's own are e11, e12.
    assert_eq!(
        current(&with_one(&Shared::default(), &Shared::default())).items[ITEM]
            .evidence
            .len(),
        10
    );
    for case in cases() {
        let (local, session) = (Shared::default(), Shared::default());
        let mut w = with_one(&local, &session);
        for e in &case.before {
            assert!(w.apply_current(e.clone(), T0), "{}: setting up", case.name);
        }
        // Focus leaves the field typed in while setting up.
        w.seal_typing();
        w.flush(T0);
        let before = work(current(&w));
        assert!(w.apply_current(case.edit.clone(), T1), "{}", case.name);
        w.flush(T1);
        let after = work(current(&w));
        assert_ne!(before, after, "{}: the edit changes something", case.name);

        let out = w.undo(T2);
        assert_eq!(work(current(&w)), before, "{}: undone", case.name);
        assert!(out.current, "{}", case.name);
        assert!(
            matches!(out.toast, Some(Toast::Undone { redo: false, .. })),
            "{}: {:?}",
            case.name,
            out.toast
        );
        let stored = local.store().stored_record("a1").unwrap().assessment;
        assert_eq!(work(&stored), before, "{}: the undo is stored", case.name);

        let out = w.redo(T3);
        assert_eq!(work(current(&w)), after, "{}: made again", case.name);
        assert!(matches!(out.toast, Some(Toast::Undone { redo: true, .. })));
        let stored = local.store().stored_record("a1").unwrap().assessment;
        assert_eq!(work(&stored), after, "{}: the redo is stored", case.name);
        // And back once more: steps move between the two lists as often as asked.
        w.undo(T3);
        assert_eq!(work(current(&w)), before, "{}: undone again", case.name);
    }
}

#[test]
fn an_undo_restores_the_previous_answer_and_the_level_and_is_stamped_like_an_edit() {
    let (local, session) = (Shared::default(), Shared::default());
    let mut w = with_one(&local, &session);
    let m = model();
    let level2: Vec<String> = (0..m.requirement_count())
        .map(|r| m.requirement_id(r).to_string())
        .filter(|id| id.starts_with(&format!("{ITEM}-L2-")))
        .collect();
    assert!(level2.contains(&REQ.to_string()));
    for id in &level2 {
        w.apply_current(answer(id, Status::Met), T0);
    }
    w.flush(T0);
    assert_eq!(level(&w), "2", "level 2 reached");
    w.apply_current(answer(REQ, Status::NotMet), T1);
    w.flush(T1);
    assert_eq!(level(&w), "2-", "level 2 no longer reached");
    let out = w.undo(T2);
    assert_eq!(current(&w).status(REQ), Some(Status::Met));
    assert_eq!(level(&w), "2", "the level is back");
    assert_eq!(
        out.toast.unwrap().message(Lang::En),
        format!("Undone: the answer to {REQ}")
    );
    let a = current(&w);
    assert_eq!(a.updated_at, T2, "an undo is a change of the work");
    assert_eq!(a.changed[REQ].at, T2, "stamped when it was undone");
}

#[test]
fn steps_are_undone_last_first_and_a_new_edit_ends_redo() {
    let (local, session) = (Shared::default(), Shared::default());
    let mut w = with_one(&local, &session);
    w.apply_current(answer(REQ, Status::Met), T1);
    w.apply_current(answer(REQ2, Status::Partial), T1);
    w.apply_current(answer(REQ, Status::NotMet), T1);
    assert_eq!(w.next_undo(), Some(Subject::Answer(REQ.into())));
    w.undo(T2);
    assert_eq!(current(&w).status(REQ), Some(Status::Met));
    w.undo(T2);
    assert_eq!(current(&w).status(REQ2), None);
    assert_eq!(w.next_redo(), Some(Subject::Answer(REQ2.into())));
    w.apply_current(answer(REQ2, Status::Met), T2);
    assert_eq!(w.next_redo(), None, "a new edit ends what could be redone");
    let out = w.redo(T2);
    assert_eq!(out.toast, None);
    assert_eq!(current(&w).status(REQ2), Some(Status::Met));
    w.undo(T3);
    w.undo(T3);
    assert_eq!(current(&w).answers.len(), 0);
    assert_eq!(w.undo(T3).toast, None, "nothing left to undo");
}

#[test]
fn typing_in_one_field_is_one_step_and_leaving_it_ends_the_step() {
    let (local, session) = (Shared::default(), Shared::default());
    let mut w = with_one(&local, &session);
    let notes = |t: &str| Edit::Notes {
        item: ITEM.into(),
        text: t.into(),
    };
    for t in ["问", "问题", "问题：", "问题：备份"] {
        w.apply_current(notes(t), T1);
    }
    w.apply_current(answer(REQ, Status::Met), T1);
    for t in ["问题：备份？", "问题：备份？！"] {
        w.apply_current(notes(t), T1);
    }
    w.seal_typing();
    w.apply_current(notes("问题：备份？！。"), T1);
    w.undo(T2);
    assert_eq!(current(&w).items[ITEM].notes, "问题：备份？！");
    w.undo(T2);
    assert_eq!(
        current(&w).items[ITEM].notes,
        "问题：备份",
        "typing after another edit is a step of its own"
    );
    w.undo(T2);
    assert_eq!(current(&w).status(REQ), None);
    w.undo(T2);
    assert_eq!(current(&w).items[ITEM].notes, "", "the first typing, whole");
    // Selects are not typing: two status changes are two steps.
    w.apply_current(
        evidence("e1", EvidenceField::Status(EvidenceStatus::InProgress)),
        T3,
    );
    w.apply_current(
        evidence("e1", EvidenceField::Status(EvidenceStatus::Ready)),
        T3,
    );
    w.undo(T3);
    assert_eq!(
        current(&w).items[ITEM].evidence[0].status,
        EvidenceStatus::InProgress
    );
}

#[test]
fn another_tabs_change_is_kept_and_an_undo_that_would_overwrite_it_is_refused() {
    let (local, s1, s2) = (Shared::default(), Shared::default(), Shared::default());
    let mut one = with_one(&local, &s1);
    let mut two = tab(&local, &s2);
    two.open("a1", T0).unwrap();

    one.apply_current(answer(REQ, Status::Met), T1);
    one.flush(T1);
    two.on_storage_event(&assessment_key("a1"), local.raw(&assessment_key("a1")), T1);
    two.apply_current(answer(REQ2, Status::Partial), T2);
    two.flush(T2);
    // Tab one undoes its own answer: tab two's stays (one read it back when saving).
    one.undo(T3);
    let stored = local.store().stored_record("a1").unwrap().assessment;
    assert_eq!(stored.status(REQ), None);
    assert_eq!(stored.status(REQ2), Some(Status::Partial));
    assert_eq!(two.next_undo(), Some(Subject::Answer(REQ2.into())));
    assert_eq!(one.next_undo(), None, "tab one never undoes tab two's edit");

    // Now tab two changes what tab one answered: tab one's undo would overwrite it.
    one.redo(T3);
    two.on_storage_event(&assessment_key("a1"), local.raw(&assessment_key("a1")), T3);
    assert_eq!(two.current().unwrap().status(REQ), Some(Status::Met));
    two.apply_current(answer(REQ, Status::NotMet), T3);
    two.flush(T3);
    one.on_storage_event(&assessment_key("a1"), local.raw(&assessment_key("a1")), T3);
    let out = one.undo(T3);
    assert_eq!(
        out.toast,
        Some(Toast::NotUndone {
            what: Subject::Answer(REQ.into()),
            redo: false
        })
    );
    assert!(out
        .toast
        .unwrap()
        .message(Lang::Zh)
        .starts_with("没有撤销："));
    let stored = local.store().stored_record("a1").unwrap().assessment;
    assert_eq!(stored.status(REQ), Some(Status::NotMet), "tab two's kept");
    assert_eq!(one.current().unwrap().status(REQ), Some(Status::NotMet));
}

#[test]
fn a_merge_in_between_keeps_both_tabs_work_and_the_undo_takes_back_only_this_tabs() {
    let (local, s1, s2) = (Shared::default(), Shared::default(), Shared::default());
    let mut one = with_one(&local, &s1);
    let mut two = tab(&local, &s2);
    two.open("a1", T0).unwrap();
    // Tab one's notes are pending when tab two writes: the flush merges.
    one.apply_current(
        Edit::Notes {
            item: ITEM.into(),
            text: "一号标签页".into(),
        },
        T1,
    );
    two.apply_current(answer(REQ, Status::Met), T1);
    two.flush(T1);
    let out = one.flush(T2);
    assert!(out.current, "merged with tab two's revision");
    assert_eq!(one.current().unwrap().status(REQ), Some(Status::Met));
    one.undo(T3);
    let a = one.current().unwrap();
    assert_eq!(a.items[ITEM].notes, "");
    assert_eq!(a.status(REQ), Some(Status::Met), "tab two's answer stays");
    let stored = local.store().stored_record("a1").unwrap().assessment;
    assert_eq!(work(&stored), work(a));
}

#[test]
fn the_history_outlasts_a_reload_of_the_tab_but_not_the_tab() {
    let (local, session) = (Shared::default(), Shared::default());
    let mut w = with_one(&local, &session);
    w.apply_current(answer(REQ, Status::Met), T1);
    w.apply_current(answer(REQ, Status::NotMet), T1);
    w.flush(T1);
    assert!(
        session.raw("undo:a1").is_some(),
        "kept in the session store"
    );
    drop(w);
    // The same tab reloaded: the same session store.
    let mut again = tab(&local, &session);
    again.open("a1", T2).unwrap();
    assert_eq!(again.next_undo(), Some(Subject::Answer(REQ.into())));
    again.undo(T2);
    assert_eq!(again.current().unwrap().status(REQ), Some(Status::Met));
    again.undo(T2);
    assert_eq!(again.current().unwrap().status(REQ), None);
    // A new tab (another session store) has nothing to undo.
    let mut other = tab(&local, &Shared::default());
    other.open("a1", T3).unwrap();
    assert_eq!(other.next_undo(), None);
    assert_eq!(other.next_redo(), None);
}

#[test]
fn replacing_restoring_or_deleting_an_assessment_ends_its_history() {
    let (local, session) = (Shared::default(), Shared::default());
    let mut w = with_one(&local, &session);
    w.apply_current(answer(REQ, Status::Met), T1);
    w.flush(T1);
    let mut incoming = current(&w).clone();
    incoming.answers.clear();
    w.import_replace(incoming, T2);
    assert_eq!(
        w.next_undo(),
        None,
        "the steps belonged to the version replaced"
    );
    w.apply_current(answer(REQ2, Status::Met), T2);
    w.flush(T2);
    assert!(session.raw("undo:a1").is_some());
    w.delete("a1", T3);
    assert_eq!(session.raw("undo:a1"), None, "gone with the assessment");
}

#[test]
fn the_history_keeps_its_newest_steps_within_its_limits_and_ignores_a_damaged_text() {
    let a = current(&with_one(&Shared::default(), &Shared::default())).clone();
    let mut h = History::default();
    for n in 0..HISTORY_MAX + 20 {
        let step = Step::of(&a, &Edit::Target(2 + (n % 3) as u8)).unwrap();
        h.record(step);
    }
    let text = h.encode();
    let back = History::decode(&text);
    let mut count = 0;
    let mut probe = back.clone();
    while probe.can_undo() {
        // Target steps always hold for some copy: undo them against a copy that holds them.
        let mut copy = a.clone();
        copy.target_level = 2 + ((HISTORY_MAX + 19 - count) % 3) as u8;
        assert!(matches!(
            probe.undo(&copy),
            maturity_core::assess::undo::Taken::Apply(..)
        ));
        count += 1;
    }
    assert_eq!(count, HISTORY_MAX, "the oldest went first");
    // Long typed texts: the stored text stays within its limit, the newest step kept.
    let mut h = History::default();
    let mut b = a.clone();
    for n in 0..40 {
        let text = format!("{n}{}", "备".repeat(20_000));
        let edit = Edit::Notes {
            item: format!("{ITEM}{n}"),
            text,
        };
        h.record(Step::of(&b, &edit).unwrap());
        b.apply(&edit, T1);
    }
    let text = h.encode();
    assert!(text.chars().count() <= HISTORY_MAX_CHARS, "{}", text.len());
    let back = History::decode(&text);
    assert_eq!(back.next_undo(), Some(Subject::Notes(format!("{ITEM}39"))));
    for damaged in ["", "{", "[]", "{\"version\":99,\"undo\":[]}", "null"] {
        assert_eq!(History::decode(damaged), History::default(), "{damaged:?}");
    }
}

#[test]
fn what_is_not_work_is_not_undone() {
    let a = current(&with_one(&Shared::default(), &Shared::default())).clone();
    for edit in [
        Edit::Language(Lang::En),
        Edit::Exported(T1.into()),
        Edit::Review(true),
        Edit::Attribute {
            by: "王".into(),
            since: T0.into(),
        },
    ] {
        assert_eq!(Step::of(&a, &edit), None, "{edit:?}");
    }
}

// ----- Review mode -----

/// An assessment made in another browser, as its document brings it.
fn from_elsewhere() -> Assessment {
    let (local, session) = (Shared::default(), Shared::default());
    let mut w = tab(&local, &session);
    w.create_default("team-1", Lang::Zh, T0);
    w.open("team-1", T0).unwrap();
    w.apply_current(answer(REQ, Status::Met), T0);
    w.flush(T0);
    current(&w).clone()
}

#[test]
fn a_document_from_elsewhere_opens_for_review_and_changes_nothing_until_editing_starts() {
    let (local, session) = (Shared::default(), Shared::default());
    let mut w = tab(&local, &session);
    let (meeting, _) = w.meet_document(from_elsewhere(), "手机银行.html", T1);
    assert_eq!(meeting, Meeting::New);
    assert!(w.reviewing("team-1"));
    w.open("team-1", T1).unwrap();
    let before = work(current(&w));
    for edit in cases().into_iter().map(|c| c.edit) {
        assert!(!w.apply_current(edit.clone(), T1), "{edit:?} in review");
    }
    assert!(!w.apply_current(answer(REQ, Status::NotMet), T1));
    assert_eq!(work(current(&w)), before, "nothing changed");
    assert_eq!(w.next_undo(), None);
    assert_eq!(w.undo(T1).toast, None);
    // Saving a copy (an export) is not a change of the work and is allowed.
    assert!(w.apply_current(Edit::Exported(T1.into()), T1));

    let out = w.start_editing("team-1", T2);
    assert!(out.current && out.list);
    assert!(!w.reviewing("team-1"));
    assert!(w.apply_current(answer(REQ, Status::NotMet), T2));
    w.flush(T2);
    // Remembered in this browser: a reload keeps editing.
    let again = tab(&local, &Shared::default());
    assert!(!again.reviewing("team-1"));
    assert_eq!(
        again.get("team-1").unwrap().status(REQ),
        Some(Status::NotMet)
    );
}

#[test]
fn another_tab_sees_editing_start() {
    let local = Shared::default();
    let mut one = tab(&local, &Shared::default());
    one.meet_document(from_elsewhere(), "x.html", T1);
    let mut two = tab(&local, &Shared::default());
    two.open("team-1", T1).unwrap();
    assert!(two.reviewing("team-1"));
    one.start_editing("team-1", T2);
    let out = two.on_storage_event(
        &assessment_key("team-1"),
        local.raw(&assessment_key("team-1")),
        T2,
    );
    assert!(out.current);
    assert!(!two.reviewing("team-1"));
}

#[test]
fn the_teams_own_document_opens_for_editing_in_the_browser_that_made_it() {
    let (local, session) = (Shared::default(), Shared::default());
    let mut w = with_one(&local, &session);
    w.apply_current(answer(REQ, Status::Met), T1);
    w.flush(T1);
    let saved = current(&w).clone();
    // Reopened while the working copy is here: the same work, editing.
    let (meeting, _) = w.meet_document(saved.clone(), "ours.html", T2);
    assert_eq!(meeting, Meeting::Same);
    assert!(!w.reviewing("a1"));
    // Deleted here, then its document opened again: still this browser's own.
    w.delete("a1", T2);
    let (meeting, _) = w.meet_document(saved.clone(), "ours.html", T3);
    assert_eq!(meeting, Meeting::New);
    assert!(!w.reviewing("a1"), "created in this browser");
    // Another tab of this browser knows it too (the list of created ids is shared).
    let other = tab(&local, &Shared::default());
    assert!(!other.reviewing("a1"));
    // A copy made here from a document under review is this browser's own.
    let mut w = tab(&local, &session);
    w.meet_document(from_elsewhere(), "x.html", T1);
    w.duplicate("team-1", "copy-1", " (copy)", T2).unwrap();
    assert!(w.reviewing("team-1"));
    assert!(!w.reviewing("copy-1"));
}

#[test]
fn imports_from_elsewhere_open_for_review_and_a_replaced_copy_keeps_its_mode() {
    let (local, session) = (Shared::default(), Shared::default());
    let mut w = tab(&local, &session);
    w.import_as_new(from_elsewhere(), "n1", T1);
    assert!(w.reviewing("n1"));
    w.import_replace(from_elsewhere(), T1);
    assert!(w.reviewing("team-1"), "no copy here: from elsewhere");
    w.start_editing("team-1", T2);
    let mut newer = from_elsewhere();
    newer.answers.clear();
    w.import_replace(newer.clone(), T3);
    assert!(!w.reviewing("team-1"), "the copy here was being edited");
    // Taking a document's version over this browser's keeps the mode too.
    let mut x = tab(&Shared::default(), &Shared::default());
    x.meet_document(from_elsewhere(), "x.html", T1);
    x.take_document(newer, "x2.html", T2);
    assert!(x.reviewing("team-1"));
    // A copy of this browser's own assessment comes back for editing.
    let mut own = with_one(&local, &session);
    let mine = current(&own).clone();
    own.import_as_new(mine, "n2", T3);
    assert!(!own.reviewing("n2"));
}

#[test]
fn the_review_flag_stays_in_this_browser() {
    let mut a = from_elsewhere();
    a.review = true;
    let json = maturity_core::formats::exchange::export(&model(), &a, T1);
    assert!(!json.contains("review"), "never written to files");
    let back = maturity_core::formats::exchange::import(&json, &[model()]);
    assert!(!back.assessment.unwrap().review);
}

// ----- Random sequences -----

fn pool(m: &LoadedModel) -> Vec<Edit> {
    let reqs: Vec<String> = (0..6).map(|r| m.requirement_id(r).to_string()).collect();
    let mut edits = Vec::new();
    for req in &reqs {
        for s in Status::ALL {
            edits.push(answer(req, s));
        }
        edits.push(Edit::Answer {
            req: req.clone(),
            status: None,
        });
        edits.push(Edit::Comment {
            req: req.clone(),
            text: format!("备注 {req}"),
        });
        edits.push(Edit::NaReason {
            req: req.clone(),
            kind: NaKind::Other,
            text: "原因".into(),
        });
    }
    for id in ["e1", "e2", "e11", "e12"] {
        edits.push(evidence(id, EvidenceField::Owner(format!("负责人{id}"))));
        edits.push(evidence(id, EvidenceField::Status(EvidenceStatus::Ready)));
        edits.push(Edit::RemoveEvidence {
            item: ITEM.into(),
            id: id.into(),
        });
    }
    edits.push(Edit::AddEvidence { item: ITEM.into() });
    edits.push(Edit::Notes {
        item: ITEM.into(),
        text: "笔记".into(),
    });
    edits.push(Edit::Target(5));
    edits.push(Edit::Project {
        field: ProjectField::Project,
        value: "手机银行".into(),
    });
    edits
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any sequence of edits, undone step by step, comes back to where it started; redone,
    /// to where it ended.
    #[test]
    fn any_sequence_undone_returns_to_the_start(picks in proptest::collection::vec(0usize..1000, 1..40)) {
        let m: Arc<LoadedModel> = model();
        let edits = pool(&m);
        let (local, session) = (Shared::default(), Shared::default());
        let mut w = with_one(&local, &session);
        let start = work(current(&w));
        let mut steps = 0;
        for p in picks {
            w.seal_typing();
            if w.apply_current(edits[p % edits.len()].clone(), T1) {
                steps += 1;
            }
        }
        let end = work(current(&w));
        let mut undone = 0;
        while w.next_undo().is_some() {
            let out = w.undo(T2);
            prop_assert!(matches!(out.toast, Some(Toast::Undone { .. })), "{:?}", out.toast);
            undone += 1;
        }
        prop_assert_eq!(undone, steps);
        prop_assert_eq!(work(current(&w)), start);
        while w.next_redo().is_some() {
            w.redo(T3);
        }
        prop_assert_eq!(work(current(&w)), end);
    }
}
