//! The workspace on an in-memory store, every path a team's data takes: opening, editing and
//! saving, a full quota and the retry, two tabs merging, delete / undo / purge (also an undo of
//! something another tab already purged), import as new and replace with undo, a model version
//! change with answers set aside, and recovery from a damaged record.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::sync::Arc;

use maturity_core::assess::assessment::{Assessment, Edit, Status};
use maturity_core::model::synthetic::tiny_model_json;
use maturity_core::model::validate::{checked_mark, load_model, load_stored_model, RULES};
use maturity_core::model::{LoadedModel, Model, MODEL_FORMAT};
use maturity_core::store::persist::{assessment_key, Store};
use maturity_core::store::workspace::{Health, Notice, OpenError, Toast, Workspace};
use maturity_core::text::Lang;

use crate::common::{model, Shared};

const T0: &str = "2026-03-01T08:00:00.000Z";
const T1: &str = "2026-03-01T09:00:00.000Z";
const T2: &str = "2026-03-01T10:00:00.000Z";

/// A tab: a workspace over the shared store, loaded.
fn tab(kv: &Shared) -> Workspace {
    tab_with(kv, model())
}

fn tab_with(kv: &Shared, embedded: Arc<LoadedModel>) -> Workspace {
    let mut w = Workspace::new(kv.store(), embedded, true);
    w.load(T0);
    w
}

fn answer(req: &str, status: Status) -> Edit {
    Edit::Answer {
        req: req.into(),
        status: Some(status),
    }
}

/// A workspace with one stored assessment `a1`, open.
fn with_one(kv: &Shared) -> Workspace {
    let mut w = tab(kv);
    w.create_default("a1", Lang::Zh, T0);
    w.open("a1", T0).unwrap();
    w
}

fn stored_status(kv: &Shared, id: &str, req: &str) -> Option<Status> {
    kv.store().stored_record(id)?.assessment.status(req)
}

#[test]
fn a_fresh_store_is_empty_and_the_default_assessment_is_stored_at_once() {
    let kv = Shared::default();
    let mut w = tab(&kv);
    assert!(w.is_empty() && w.trash().is_empty());
    let out = w.create_default("a1", Lang::En, T0);
    assert!(out.list);
    let a = w.get("a1").unwrap();
    assert_eq!(a.name, "Continuous Delivery self-assessment");
    assert_eq!(a.target_level, 3);
    assert!(kv.raw(&assessment_key("a1")).is_some(), "stored at once");
    assert_eq!(w.last_opened().as_deref(), Some("a1"));
    assert_eq!(w.rev("a1"), Some(1));
}

#[test]
fn an_edit_is_kept_in_memory_until_flushed_then_stored() {
    let kv = Shared::default();
    let mut w = with_one(&kv);
    assert!(w.apply_current(answer("CM-VC-VCS-L2-1", Status::Met), T1));
    assert!(
        !w.apply_current(answer("CM-VC-VCS-L2-1", Status::Met), T1),
        "the same answer again changes nothing"
    );
    assert!(w.unsaved("a1"));
    assert_eq!(stored_status(&kv, "a1", "CM-VC-VCS-L2-1"), None);
    let out = w.flush(T1);
    assert!(!out.current && out.notices.is_empty());
    assert!(!w.unsaved("a1"));
    assert_eq!(
        stored_status(&kv, "a1", "CM-VC-VCS-L2-1"),
        Some(Status::Met)
    );
    // A new tab reads it back.
    let w2 = tab(&kv);
    assert_eq!(
        w2.get("a1").unwrap().status("CM-VC-VCS-L2-1"),
        Some(Status::Met)
    );
}

#[test]
fn opening_needs_the_assessment_and_its_model() {
    let kv = Shared::default();
    let mut w = with_one(&kv);
    assert_eq!(w.open("nope", T1).unwrap_err().0, OpenError::NotFound);
    // An assessment of a model that is not loaded: kept, listed, not opened, and the user told.
    let tiny = Arc::new(load_model(&tiny_model_json(&[&[&["1 1 1 1"]]])).unwrap());
    let a = Assessment::new("t1", "tiny one", &tiny, 3, Lang::Zh, T0);
    kv.store().save(&a, 0, &[], T0).unwrap();
    let mut w = tab(&kv);
    let (why, out) = w.open("t1", T1).unwrap_err();
    assert_eq!(why, OpenError::ModelMissing);
    assert!(matches!(&out.notices[..], [Notice::ModelMissing { name, .. }] if name == "tiny one"));
    assert!(w.exists("t1"));
    assert!(w
        .summaries()
        .iter()
        .any(|s| s.id == "t1" && s.label.is_none()));
    // Still fine to open the other one.
    assert!(w.open("a1", T1).is_ok());
}

#[test]
fn a_full_quota_keeps_the_work_in_memory_and_the_next_flush_retries() {
    let kv = Shared::default();
    let mut w = with_one(&kv);
    let before = kv.raw(&assessment_key("a1")).unwrap();
    kv.set_quota(Some(kv.used() + 10));
    w.apply_current(
        Edit::Notes {
            item: "CM-VC-BM".into(),
            text: "长".repeat(3_000),
        },
        T1,
    );
    w.apply_current(answer("CM-VC-VCS-L2-2", Status::Partial), T1);
    w.flush(T1);
    assert_eq!(w.health(), Health::Quota);
    assert!(w.unsaved("a1"), "the pending edits are kept");
    assert_eq!(
        kv.raw(&assessment_key("a1")).unwrap(),
        before,
        "nothing stored is damaged"
    );
    assert_eq!(
        w.current().unwrap().status("CM-VC-VCS-L2-2"),
        Some(Status::Partial),
        "the work is in memory"
    );
    // Space is freed: the next flush writes everything and the warning goes away.
    kv.set_quota(None);
    w.flush(T2);
    assert_eq!(w.health(), Health::Ok);
    assert!(!w.unsaved("a1"));
    assert_eq!(
        stored_status(&kv, "a1", "CM-VC-VCS-L2-2"),
        Some(Status::Partial)
    );
    assert_eq!(
        kv.store().stored_record("a1").unwrap().assessment.items["CM-VC-BM"]
            .notes
            .chars()
            .count(),
        3_000
    );
}

#[test]
fn a_new_assessment_that_does_not_fit_is_kept_and_stored_later() {
    let kv = Shared::default();
    let mut w = with_one(&kv);
    kv.set_quota(Some(kv.used() + 5));
    let out = w.duplicate("a1", "a2", " (copy)", T1).unwrap();
    assert!(out.list);
    assert_eq!(w.health(), Health::Quota);
    assert!(w.exists("a2") && w.unsaved("a2"));
    assert!(kv.raw(&assessment_key("a2")).is_none());
    kv.set_quota(None);
    w.flush(T2);
    assert_eq!(w.health(), Health::Ok);
    assert_eq!(
        kv.store().stored_record("a2").unwrap().assessment.name,
        "持续交付自评 (copy)"
    );
}

#[test]
fn two_tabs_editing_one_assessment_merge_and_neither_loses_work() {
    let kv = Shared::default();
    let mut a = with_one(&kv);
    let mut b = tab(&kv);
    b.open("a1", T0).unwrap();
    // Tab A answers and saves.
    a.apply_current(answer("CM-VC-VCS-L2-1", Status::Met), T1);
    a.flush(T1);
    // Tab B has not heard of it yet and answers something else.
    b.apply_current(answer("CM-VC-VCS-L2-2", Status::NotMet), T1);
    let out = b.flush(T1);
    assert!(out.current, "B adopts the merged version");
    assert!(out.notices.contains(&Notice::MergedFromOtherTab));
    let merged = b.current().unwrap();
    assert_eq!(merged.status("CM-VC-VCS-L2-1"), Some(Status::Met));
    assert_eq!(merged.status("CM-VC-VCS-L2-2"), Some(Status::NotMet));
    // A hears of B's write through the storage event and shows the latest version.
    let text = kv.raw(&assessment_key("a1"));
    let out = a.on_storage_event(&assessment_key("a1"), text, T2);
    assert!(out.current);
    assert!(out.notices.contains(&Notice::UpdatedFromOtherTab));
    assert_eq!(
        a.current().unwrap().status("CM-VC-VCS-L2-2"),
        Some(Status::NotMet)
    );
    // An event for a revision A already has changes nothing.
    let text = kv.raw(&assessment_key("a1"));
    assert_eq!(
        a.on_storage_event(&assessment_key("a1"), text, T2),
        Default::default()
    );
}

#[test]
fn a_tab_with_unsaved_typing_merges_when_another_tab_writes() {
    let kv = Shared::default();
    let mut a = with_one(&kv);
    let mut b = tab(&kv);
    b.open("a1", T0).unwrap();
    a.apply_current(
        Edit::Comment {
            req: "CM-VC-VCS-L2-1".into(),
            text: "ignored: no answer".into(),
        },
        T1,
    );
    a.apply_current(answer("CM-VC-VCS-L3-1", Status::Partial), T1);
    b.apply_current(answer("CM-VC-VCS-L2-1", Status::Met), T1);
    b.flush(T1);
    let text = kv.raw(&assessment_key("a1"));
    let out = a.on_storage_event(&assessment_key("a1"), text, T2);
    assert!(out.notices.contains(&Notice::MergedFromOtherTab));
    for w in [&a, &tab(&kv)] {
        let x = w.get("a1").unwrap();
        assert_eq!(x.status("CM-VC-VCS-L2-1"), Some(Status::Met));
        assert_eq!(x.status("CM-VC-VCS-L3-1"), Some(Status::Partial));
    }
}

#[test]
fn delete_goes_to_the_trash_and_undo_brings_it_back() {
    let kv = Shared::default();
    let mut w = with_one(&kv);
    w.apply_current(answer("CM-VC-VCS-L2-1", Status::Met), T1);
    let out = w.delete("a1", T1);
    assert!(out.current && out.list && out.trash);
    assert_eq!(w.current_id(), None);
    assert!(!w.exists("a1"));
    assert!(kv.raw(&assessment_key("a1")).is_none());
    let Some(Toast::Deleted { name, undo }) = out.toast else {
        panic!("a toast with an undo")
    };
    assert_eq!(name, "持续交付自评");
    assert_eq!(w.trash().len(), 1);
    let (id, out) = w.restore(&undo, T2);
    assert_eq!(id.as_deref(), Some("a1"));
    assert!(out.list);
    assert!(w.trash().is_empty());
    assert_eq!(
        w.get("a1").unwrap().status("CM-VC-VCS-L2-1"),
        Some(Status::Met),
        "the unsaved answer was saved before the delete"
    );
    assert_eq!(w.health(), Health::Ok);
}

#[test]
fn undo_of_something_another_tab_purged_says_so_without_a_storage_alarm() {
    let kv = Shared::default();
    let mut a = with_one(&kv);
    let mut b = tab(&kv);
    let out = a.delete("a1", T1);
    let undo = out.toast.unwrap().undo().unwrap().to_string();
    // Tab B empties the trash for good.
    b.on_storage_event("index", None, T1);
    assert_eq!(b.trash().len(), 1);
    b.purge(&undo);
    assert!(b.trash().is_empty());
    // Tab A's undo toast is still up; pressing it is a logical outcome, not a failure.
    let (id, out) = a.restore(&undo, T2);
    assert_eq!(id, None);
    assert_eq!(out.toast, Some(Toast::Gone));
    assert_eq!(a.health(), Health::Ok, "no red storage banner");
    assert!(a.trash().is_empty());
}

#[test]
fn purge_only_empties_the_trash() {
    let kv = Shared::default();
    let mut w = with_one(&kv);
    let out = w.purge(&assessment_key("a1"));
    assert!(out.trash);
    assert!(w.exists("a1"));
    assert!(kv.raw(&assessment_key("a1")).is_some());
}

#[test]
fn import_replace_keeps_the_old_version_in_the_trash_and_undo_restores_it() {
    let kv = Shared::default();
    let mut w = with_one(&kv);
    w.apply_current(answer("CM-VC-VCS-L2-1", Status::Met), T1);
    w.flush(T1);
    let mut incoming = w.get("a1").unwrap().clone();
    incoming.name = "from the file".into();
    incoming.answers.clear();
    let out = w.import_replace(incoming, T2);
    assert!(out.current, "the open assessment was replaced");
    let Some(Toast::Replaced {
        undo: Some(undo), ..
    }) = out.toast
    else {
        panic!("replace offers an undo")
    };
    assert_eq!(w.current().unwrap().name, "from the file");
    assert_eq!(
        kv.store().stored_record("a1").unwrap().assessment.name,
        "from the file"
    );
    let (id, _) = w.restore(&undo, T2);
    assert_eq!(id.as_deref(), Some("a1"));
    let back = w.get("a1").unwrap();
    assert_eq!(back.name, "持续交付自评");
    assert_eq!(back.status("CM-VC-VCS-L2-1"), Some(Status::Met));
    // The replacing version is in the trash now: nothing was lost either way.
    assert!(w.trash().iter().any(|t| t.name == "from the file"));
}

#[test]
fn import_as_new_gets_a_new_id() {
    let kv = Shared::default();
    let mut w = with_one(&kv);
    let copy = w.get("a1").unwrap().clone();
    w.import_as_new(copy, "b2", T1);
    assert!(w.exists("a1") && w.exists("b2"));
    assert_eq!(w.get("b2").unwrap().id, "b2");
    assert_eq!(w.summaries().len(), 2);
}

/// The tiny model at version 1 (requirements D1-C1-I1-L2-1 and -L2-2) and version 2 (only
/// -L2-1 at level 2).
fn tiny_versions() -> (Arc<LoadedModel>, String) {
    let v1 = tiny_model_json(&[&[&["2 1 1 1"]]]);
    let mut v2: serde_json::Value =
        serde_json::from_str(&tiny_model_json(&[&[&["1 1 1 1"]]])).unwrap();
    v2["version"] = "2".into();
    (
        Arc::new(load_model(&v1).unwrap()),
        serde_json::to_string(&v2).unwrap(),
    )
}

#[test]
fn a_new_model_version_rebinds_answers_and_sets_aside_what_is_gone() {
    let kv = Shared::default();
    let (v1, v2_text) = tiny_versions();
    {
        let mut w = Workspace::new(kv.store(), Arc::clone(&v1), true);
        w.load(T0);
        w.create("t1", "tiny", &v1.key(), 3, Lang::Zh, T0).unwrap();
        w.open("t1", T0).unwrap();
        w.apply_current(answer("D1-C1-I1-L2-1", Status::Met), T1);
        w.apply_current(answer("D1-C1-I1-L2-2", Status::Partial), T1);
        w.flush(T1);
    }
    // The workbook now ships version 2.
    let v2 = Arc::new(load_model(&v2_text).unwrap());
    let mut w = Workspace::new(kv.store(), v2, true);
    let out = w.load(T2);
    let rebound = out
        .notices
        .iter()
        .find(|n| matches!(n, Notice::Rebound { .. }))
        .expect("the user is told");
    assert_eq!(
        rebound,
        &Notice::Rebound {
            name: "tiny".into(),
            from: "1".into(),
            to: "2".into(),
            set_aside: 1
        }
    );
    let a = w.get("t1").unwrap();
    assert_eq!(a.model.version, "2");
    assert_eq!(a.status("D1-C1-I1-L2-1"), Some(Status::Met));
    assert_eq!(a.set_aside["D1-C1-I1-L2-2"].status, Status::Partial);
    // Stored re-bound, with the answer kept aside.
    let stored = kv.store().stored_record("t1").unwrap().assessment;
    assert_eq!(stored.model.version, "2");
    assert!(stored.set_aside.contains_key("D1-C1-I1-L2-2"));
    assert!(w.open("t1", T2).is_ok());
}

#[test]
fn a_damaged_newest_record_opens_the_previous_revision_and_keeps_the_damaged_text() {
    let kv = Shared::default();
    let mut w = with_one(&kv);
    w.apply_current(answer("CM-VC-VCS-L2-1", Status::Met), T1);
    w.flush(T1);
    w.apply_current(answer("CM-VC-VCS-L2-2", Status::Met), T2);
    w.flush(T2);
    assert!(kv.raw("prev:a1").is_some(), "the previous revision is kept");
    // Something damages the newest record.
    kv.put(
        &assessment_key("a1"),
        "{\"schema\":2,\"rev\":3,\"assessment\":{\"id\":\"a1\"",
    );
    let mut w = Workspace::new(kv.store(), model(), true);
    let out = w.load(T2);
    assert!(out
        .notices
        .iter()
        .any(|n| matches!(n, Notice::Restored { name, .. } if name == "持续交付自评")));
    assert!(w.open("a1", T2).is_ok(), "the link keeps working");
    let a = w.current().unwrap();
    assert_eq!(
        a.status("CM-VC-VCS-L2-1"),
        Some(Status::Met),
        "the earlier answer"
    );
    assert_eq!(
        a.status("CM-VC-VCS-L2-2"),
        None,
        "at most the last save is missing"
    );
    assert_eq!(w.quarantine(), ["quarantine:a:a1".to_string()]);
    assert_eq!(
        w.raw("quarantine:a:a1").as_deref(),
        Some("{\"schema\":2,\"rev\":3,\"assessment\":{\"id\":\"a1\"")
    );
    // The restored revision is the newest again and saving goes on as usual.
    w.apply_current(answer("CM-VC-VCS-L2-2", Status::Met), T2);
    w.flush(T2);
    assert_eq!(w.health(), Health::Ok);
    assert_eq!(
        stored_status(&kv, "a1", "CM-VC-VCS-L2-2"),
        Some(Status::Met)
    );
}

#[test]
fn a_damaged_record_without_a_good_revision_is_reported_not_hidden() {
    let kv = Shared::default();
    kv.put(&assessment_key("zz"), "not json at all");
    let mut w = Workspace::new(kv.store(), model(), true);
    w.load(T0);
    assert_eq!(w.open("zz", T0).unwrap_err().0, OpenError::Damaged);
    let key = w
        .damaged("zz")
        .expect("its page offers the text")
        .to_string();
    assert_eq!(w.raw(&key).as_deref(), Some("not json at all"));
}

#[test]
fn the_previous_revision_is_not_kept_when_it_does_not_fit_and_the_save_still_goes_through() {
    let kv = Shared::default();
    let mut w = with_one(&kv);
    // Room for the new record (one answer, its stamp, and the fingerprint of the text it is
    // written on longer) but not for a second copy of the old one.
    let record = kv.raw(&assessment_key("a1")).unwrap().chars().count();
    kv.set_quota(Some(kv.used() + 200));
    assert!(record > 200);
    w.apply_current(answer("CM-VC-VCS-L2-1", Status::Met), T1);
    w.flush(T1);
    assert_eq!(w.health(), Health::Ok);
    assert_eq!(
        stored_status(&kv, "a1", "CM-VC-VCS-L2-1"),
        Some(Status::Met)
    );
    assert!(kv.raw("prev:a1").is_none());
}

#[test]
fn a_deletion_in_another_tab_keeps_an_open_assessment_and_saves_it_again() {
    let kv = Shared::default();
    let mut a = with_one(&kv);
    let mut b = tab(&kv);
    b.delete("a1", T1);
    let out = a.on_storage_event(&assessment_key("a1"), None, T1);
    assert!(out
        .notices
        .iter()
        .any(|n| matches!(n, Notice::DeletedInOtherTab { .. })));
    assert!(a.exists("a1"));
    a.apply_current(answer("CM-VC-VCS-L2-1", Status::Met), T2);
    a.flush(T2);
    assert_eq!(
        stored_status(&kv, "a1", "CM-VC-VCS-L2-1"),
        Some(Status::Met),
        "a further change stores it again"
    );
    // A closed assessment deleted elsewhere leaves this tab's list.
    let mut c = tab(&kv);
    c.create_default("c1", Lang::Zh, T2);
    a.on_storage_event(&assessment_key("c1"), kv.raw(&assessment_key("c1")), T2);
    assert!(a.exists("c1"), "a new one from another tab is listed");
    c.delete("c1", T2);
    a.on_storage_event(&assessment_key("c1"), None, T2);
    assert!(!a.exists("c1"));
}

#[test]
fn a_model_loaded_in_another_tab_becomes_available() {
    let kv = Shared::default();
    let mut a = with_one(&kv);
    let mut b = tab(&kv);
    let text = tiny_model_json(&[&[&["1 1 1 1"]]]);
    let (key, _) = b.load_model_file(&text).unwrap();
    let out = a.on_storage_event(&format!("model:{key}"), Some(text.clone()), T1);
    assert!(out.models);
    assert!(a.model_by_key(&key).is_some());
    // The same text again is fine; another text under the same id and version is refused.
    assert!(b.load_model_file(&text).is_ok());
    let other = text.replace("小模型", "另一个");
    assert!(b.load_model_file(&other).is_err());
}

#[test]
fn a_model_file_checked_once_is_trusted_only_while_its_text_is_unchanged() {
    let kv = Shared::default();
    let mut a = with_one(&kv);
    let text = tiny_model_json(&[&[&["1 1 1 1"]]]);
    let (key, _) = a.load_model_file(&text).unwrap();
    let sha = a.model_by_key(&key).unwrap().sha256.clone();
    let marks = kv.store().peek_prefs().validated_models;
    assert!(
        marks.contains(&checked_mark(&sha)),
        "the full check is remembered by the rules' fingerprint and the text's hash: {marks:?}"
    );
    // The next start reads the same model, with the same fingerprint.
    let b = tab(&kv);
    assert_eq!(
        b.model_by_key(&key).map(|m| m.sha256.clone()),
        Some(sha.clone())
    );
    // A file stored without a mark (before marks, or checked by an earlier build's rules) is
    // marked once it passed the check; the other rules' mark goes.
    let other_rules = format!("{:016x}:{sha}", RULES ^ 1);
    let mut store = kv.store();
    let mut prefs = store.peek_prefs();
    prefs.validated_models = BTreeSet::from([other_rules]);
    store.write_prefs(&prefs).unwrap();
    let _ = tab(&kv);
    assert_eq!(
        kv.store().peek_prefs().validated_models,
        BTreeSet::from([checked_mark(&sha)])
    );
    // A mark another tab wrote meanwhile survives this tab's next write of its preferences.
    let mut d = tab(&kv);
    let elsewhere = checked_mark(&"0".repeat(64));
    let mut prefs = store.peek_prefs();
    prefs.validated_models.insert(elsewhere.clone());
    store.write_prefs(&prefs).unwrap();
    d.set_lang(Lang::En);
    assert!(kv
        .store()
        .peek_prefs()
        .validated_models
        .contains(&elsewhere));
    // A stored text changed behind the workbook's back gets the full check again: here it
    // still reads as typed JSON but names another format, which only the check refuses.
    let changed = text.replace(MODEL_FORMAT, "someone-else/model");
    assert!(changed != text && serde_json::from_str::<Model>(&changed).is_ok());
    kv.put(&format!("model:{key}"), &changed);
    let mut c = Workspace::new(kv.store(), model(), true);
    let out = c.load(T1);
    assert!(c.model_by_key(&key).is_none());
    assert!(out
        .notices
        .iter()
        .any(|n| matches!(n, Notice::ModelUnreadable { .. })));
    // Marked by other rules, that text is still refused; marked by these, it is read without
    // the check (the fast path is what reads a marked text).
    let mut prefs = store.peek_prefs();
    let changed_sha = maturity_core::model::sha256::hex(changed.as_bytes());
    assert!(load_stored_model(
        &changed,
        &BTreeSet::from([format!("{:016x}:{changed_sha}", RULES ^ 1)])
    )
    .is_err());
    prefs.validated_models.insert(checked_mark(&changed_sha));
    store.write_prefs(&prefs).unwrap();
    assert!(tab(&kv).model_by_key(&key).is_some());
}

#[test]
fn summaries_are_scored_again_only_for_what_changed() {
    let kv = Shared::default();
    let mut w = with_one(&kv);
    w.duplicate("a1", "a2", " 2", T0);
    let first = w.summaries();
    assert_eq!(first.len(), 2);
    w.apply_current(answer("CM-VC-VCS-L2-1", Status::Met), T1);
    w.flush(T1);
    let second = w.summaries();
    assert_eq!(second[1], first[1], "the other one is unchanged");
    assert_ne!(second[0].answered, first[0].answered);
    assert_eq!(second[0].answered, 1);
}

#[test]
fn storage_that_is_unavailable_keeps_everything_in_memory() {
    let kv = Shared::default();
    let mut w = Workspace::new(Store::new(Box::new(kv.clone())), model(), false);
    w.load(T0);
    assert_eq!(w.health(), Health::Unavailable);
    w.create_default("m1", Lang::Zh, T0);
    w.open("m1", T0).unwrap();
    w.apply_current(answer("CM-VC-VCS-L2-1", Status::Met), T1);
    w.flush(T1);
    assert_eq!(w.health(), Health::Unavailable, "the warning stays");
    assert_eq!(
        w.current().unwrap().status("CM-VC-VCS-L2-1"),
        Some(Status::Met)
    );
}

#[test]
fn the_name_given_at_the_first_save_goes_to_the_changes_made_here_before() {
    let kv = Shared::default();
    let mut w = with_one(&kv);
    assert!(w.should_ask_name());
    w.apply_current(answer("CM-VC-VCS-L2-1", Status::Met), T1);
    // An assessment that came from someone else's file: their unnamed changes stay unnamed.
    let mut theirs = w.get("a1").unwrap().clone();
    theirs.id = "b1".into();
    theirs.apply_by(&answer("CM-VC-BM-L2-1", Status::Met), T0, "");
    theirs.last_exported_at = Some(T1.into());
    w.import_as_new(theirs, "b1", T1);
    w.apply("b1", answer("CM-VC-BM-L2-2", Status::Partial), T2);
    w.set_user_name("  张三 ", T2);
    assert!(!w.should_ask_name());
    assert_eq!(w.user_name(), "张三");
    let a1 = w.get("a1").unwrap();
    assert_eq!(a1.changed["CM-VC-VCS-L2-1"].by, "张三");
    assert_eq!(a1.updated_by, "张三");
    let b1 = w.get("b1").unwrap();
    assert_eq!(
        b1.changed["CM-VC-BM-L2-1"].by, "",
        "made before it came here"
    );
    assert_eq!(b1.changed["CM-VC-BM-L2-2"].by, "张三", "made here");
    w.flush(T2);
    // Later changes carry the name, and it is remembered.
    w.apply_current(answer("CM-VC-VCS-L2-2", Status::Met), T2);
    assert_eq!(w.current().unwrap().changed["CM-VC-VCS-L2-2"].by, "张三");
    assert_eq!(tab(&kv).user_name(), "张三");
    // Skipping is remembered too: the question is asked once.
    let kv2 = Shared::default();
    let mut w2 = with_one(&kv2);
    w2.set_user_name("", T2);
    assert!(!tab(&kv2).should_ask_name());
}

/// Two tabs of one browser: the user gives their name in one while the other has saved a
/// change since. The naming is an edit like any other, replayed on the other tab's revision,
/// so both tabs' unnamed changes carry the name in what is stored (it used to be dropped).
#[test]
fn the_name_given_survives_another_tab_that_saved_first() {
    let kv = Shared::default();
    let mut a = with_one(&kv);
    a.apply_current(answer("CM-VC-VCS-L2-1", Status::Met), T1);
    a.flush(T1);
    let mut b = tab(&kv);
    b.open("a1", T1).unwrap();
    b.apply_current(answer("CM-VC-VCS-L2-2", Status::Partial), T1);
    b.flush(T1);
    // Tab A has not heard of B's write (no storage event yet) when the name is given.
    let out = a.set_user_name("张三", T2);
    assert!(out.current, "A's copy is now the merged one");
    let stored = kv.store().stored_record("a1").unwrap().assessment;
    assert_eq!(
        stored.status("CM-VC-VCS-L2-2"),
        Some(Status::Partial),
        "B's change kept"
    );
    assert_eq!(stored.changed["CM-VC-VCS-L2-1"].by, "张三");
    assert_eq!(stored.changed["CM-VC-VCS-L2-2"].by, "张三");
    assert_eq!(stored.updated_by, "张三");
    let here = a.get("a1").unwrap();
    assert_eq!(here.changed["CM-VC-VCS-L2-2"].by, "张三");
    // The other tab reads the named record when it hears of the write.
    let text = kv.raw(&assessment_key("a1"));
    b.on_storage_event(&assessment_key("a1"), text, T2);
    assert_eq!(b.get("a1").unwrap().changed["CM-VC-VCS-L2-1"].by, "张三");
    // Naming moves no time: a saved document stays saved.
    assert_eq!(stored.updated_at, T1);
}
