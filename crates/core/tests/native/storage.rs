//! The storage logic on an in-memory store: first run, good data, the schema-1 fixture, corrupt
//! records, newer records, a full quota, two tabs writing, the trash, and the stored size.
#![cfg(not(target_arch = "wasm32"))]

use std::sync::Arc;

use maturity_core::assess::assessment::{
    Assessment, Edit, EvidenceField, EvidenceStatus, NaKind, Status,
};
use maturity_core::model::{LoadedModel, ModelRef};
use maturity_core::store::persist::{
    assessment_key, encode, fingerprint, Index, KvError, Record, Saved, SCHEMA, SEEN_MAX,
};
use maturity_core::text::Lang;

use crate::common::{model, Shared};

fn finder(m: &Arc<LoadedModel>) -> impl Fn(&ModelRef) -> Option<Arc<LoadedModel>> + '_ {
    move |r: &ModelRef| (r.id == m.model.id).then(|| Arc::clone(m))
}

fn answered(m: &LoadedModel, id: &str) -> Assessment {
    let mut a = Assessment::new(id, "测试", m, 3, Lang::Zh, "2026-01-01T00:00:00Z");
    a.apply(
        &Edit::Answer {
            req: "CM-VC-VCS-L2-1".into(),
            status: Some(Status::Met),
        },
        "t1",
    );
    a.apply(
        &Edit::Notes {
            item: "CM-VC-VCS".into(),
            text: "备份演练待补".into(),
        },
        "t2",
    );
    a
}

#[test]
fn first_run_finds_nothing_and_reports_nothing() {
    let m = model();
    let kv = Shared::default();
    let report = kv.store().load(&finder(&m));
    assert!(report.records.is_empty() && report.quarantined.is_empty() && report.newer.is_empty());
    assert_eq!(report.index, Index::default());
    assert!(report.error.is_none());
}

#[test]
fn a_saved_assessment_loads_back_unchanged() {
    let m = model();
    let kv = Shared::default();
    let a = answered(&m, "abc123");
    assert_eq!(
        kv.store().save(&a, 0, &[], "t").unwrap(),
        Saved::Written { rev: 1 }
    );
    let report = kv.store().load(&finder(&m));
    assert_eq!(report.records.len(), 1);
    assert_eq!(report.records[0].assessment, a);
    assert_eq!(
        (report.records[0].rev, report.records[0].schema),
        (1, SCHEMA)
    );
}

#[test]
fn the_schema_1_fixture_is_migrated_without_loss() {
    let m = model();
    let kv = Shared::default();
    let fixture: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(include_str!("../fixtures/storage/v1-skeleton.json")).unwrap();
    for (k, v) in &fixture {
        kv.0.lock()
            .unwrap()
            .map
            .insert(k.clone(), v.as_str().unwrap().to_string());
    }
    let report = kv.store().load(&finder(&m));
    assert_eq!(report.records.len(), 1);
    assert_eq!(
        report.migrated,
        vec![(report.records[0].assessment.id.clone(), 1)]
    );
    assert!(report.quarantined.is_empty());
    let a = &report.records[0].assessment;
    assert_eq!(a.answers.len(), 5);
    assert_eq!(a.status("CM-VC-VCS-L2-1"), Some(Status::Met));
    assert_eq!(a.status("CM-VC-VCS-L3-1"), Some(Status::Partial));
    assert_eq!(a.status("CM-VC-VCS-L4-1"), Some(Status::NotApplicable));
    assert_eq!(a.name, "持续交付自评");
    // Evidence is pre-filled from the model, as for a new assessment.
    assert_eq!(
        a.items["CM-VC-VCS"].evidence.len(),
        m.item_index(0).evidence.len()
    );
    assert_eq!(report.prefs.lang, Some(Lang::En));
    assert_eq!(report.index.current.as_deref(), Some(a.id.as_str()));
    assert_eq!(report.index.order, vec![a.id.clone()]);
    // The migrated record is written as schema 2 on its next save, keeping the id.
    let mut store = kv.store();
    store.save(a, report.records[0].rev, &[], "t").unwrap();
    let raw = kv.raw(&assessment_key(&a.id)).unwrap();
    assert!(raw.contains("\"schema\":2"));
}

/// Records written before `seen` existed (`{schema, rev, assessment}`) load as they are, and
/// the next write names the text it was written on. `seen` is left out while empty (so such a
/// record's text is unchanged by a round trip), and a write on top of a record names at most
/// [`SEEN_MAX`] texts, the newest first.
#[test]
fn a_record_without_seen_loads_and_the_texts_a_record_was_written_on_are_named() {
    let m = model();
    let kv = Shared::default();
    let a = answered(&m, "old1");
    let old = format!(
        "{{\"schema\":2,\"rev\":3,\"assessment\":{}}}",
        serde_json::to_string(&a).unwrap()
    );
    kv.put(&assessment_key("old1"), &old);
    let report = kv.store().load(&finder(&m));
    assert!(report.quarantined.is_empty());
    assert_eq!(report.records.len(), 1);
    assert_eq!(
        (report.records[0].rev, report.records[0].seen.len()),
        (3, 0)
    );
    assert_eq!(
        encode(&report.records[0]),
        old,
        "no `seen` written while empty"
    );
    let mut texts = vec![old];
    for rev in 3..3 + SEEN_MAX as u64 + 4 {
        let saved = kv.store().save(&a, rev, &[], "t").unwrap();
        assert_eq!(saved, Saved::Written { rev: rev + 1 });
        let record = kv.store().stored_record("old1").unwrap();
        let named: Vec<String> = texts
            .iter()
            .rev()
            .take(SEEN_MAX)
            .map(|t| fingerprint(t))
            .collect();
        assert_eq!(record.seen, named, "revision {}", rev + 1);
        texts.push(kv.raw(&assessment_key("old1")).unwrap());
    }
}

/// The stored record was written under model version 2021-basis.1. On load the workbook binds it
/// to the model it has now (`Assessment::rebind`, as the app does): every answer is carried over
/// by requirement id and none is set aside.
#[test]
fn the_stored_2021_basis_1_record_rebinds_to_the_current_model_with_nothing_set_aside() {
    let m = model();
    let kv = Shared::default();
    let fixture: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(include_str!("../fixtures/storage/v1-skeleton.json")).unwrap();
    for (k, v) in &fixture {
        kv.0.lock()
            .unwrap()
            .map
            .insert(k.clone(), v.as_str().unwrap().to_string());
    }
    let report = kv.store().load(&finder(&m));
    let mut a = report.records[0].assessment.clone();
    assert_eq!(a.model.version, "2021-basis.1", "as stored");
    assert_ne!(m.model.version, "2021-basis.1", "the model was bumped");
    let answers = a.answers.clone();
    assert_eq!(answers.len(), 5);
    let rebound = a
        .rebind(&m)
        .expect("bound to another version, so it re-binds");
    assert_eq!(rebound.from.version, "2021-basis.1");
    assert!(rebound.set_aside.is_empty(), "{:?}", rebound.set_aside);
    assert!(a.set_aside.is_empty());
    assert_eq!(a.answers, answers, "every answer carried over unchanged");
    assert_eq!(a.model, m.reference());
    assert_eq!(a.rebind(&m), None, "once bound, nothing more to do");
}

#[test]
fn a_corrupt_record_is_quarantined_and_the_others_still_load() {
    let m = model();
    let kv = Shared::default();
    kv.store()
        .save(&answered(&m, "good1"), 0, &[], "t")
        .unwrap();
    let cases = [
        ("bad1", "{not json".to_string()),
        (
            "bad2",
            r#"{"schema":2,"rev":1,"assessment":{"id":"bad2","target_level":"three"}}"#.to_string(),
        ),
        (
            "bad3",
            encode(&Record {
                schema: 2,
                rev: 1,
                seen: Vec::new(),
                assessment: answered(&m, "someone-else"),
            }),
        ),
        ("bad4", r#"{"rev": 3}"#.to_string()),
        ("bad5", r#"[1,2,3]"#.to_string()),
    ];
    for (id, text) in &cases {
        kv.put(&assessment_key(id), text);
    }
    let report = kv.store().load(&finder(&m));
    assert_eq!(report.records.len(), 1, "the good record still loads");
    assert_eq!(report.records[0].assessment.id, "good1");
    assert_eq!(report.quarantined.len(), cases.len());
    for (id, text) in &cases {
        let q = report
            .quarantined
            .iter()
            .find(|q| q.original == assessment_key(id))
            .expect("reported");
        let kept = q.kept_as.as_deref().expect("kept");
        assert_eq!(
            kv.raw(kept).as_deref(),
            Some(text.as_str()),
            "text kept verbatim"
        );
        assert!(
            kv.raw(&assessment_key(id)).is_none(),
            "moved, not copied twice"
        );
        assert!(!q.reason.is_empty());
    }
    // Loading again finds the quarantine keys and nothing new to quarantine.
    let again = kv.store().load(&finder(&m));
    assert!(again.quarantined.is_empty());
    assert_eq!(again.quarantine_keys.len(), cases.len());
}

#[test]
fn the_same_key_corrupt_twice_keeps_both_texts() {
    let m = model();
    let kv = Shared::default();
    kv.put(&assessment_key("x"), "first bad");
    kv.store().load(&finder(&m));
    kv.put(&assessment_key("x"), "second bad");
    let report = kv.store().load(&finder(&m));
    assert_eq!(
        report.quarantined[0].kept_as.as_deref(),
        Some("quarantine:a:x~2")
    );
    assert_eq!(kv.raw("quarantine:a:x").as_deref(), Some("first bad"));
    assert_eq!(kv.raw("quarantine:a:x~2").as_deref(), Some("second bad"));
}

#[test]
fn records_from_a_newer_workbook_are_left_alone() {
    let m = model();
    let kv = Shared::default();
    let text = r#"{"schema":3,"rev":9,"whatever":"the future holds"}"#;
    kv.put(&assessment_key("future"), text);
    let report = kv.store().load(&finder(&m));
    assert_eq!(report.newer, vec![(assessment_key("future"), 3)]);
    assert!(report.quarantined.is_empty());
    assert_eq!(kv.raw(&assessment_key("future")).as_deref(), Some(text));
}

#[test]
fn a_corrupt_index_does_not_hide_any_assessment() {
    let m = model();
    let kv = Shared::default();
    kv.store().save(&answered(&m, "one"), 0, &[], "t").unwrap();
    kv.store().save(&answered(&m, "two"), 0, &[], "t").unwrap();
    kv.put("index", "{{{");
    let report = kv.store().load(&finder(&m));
    assert_eq!(report.records.len(), 2);
    assert_eq!(report.quarantined[0].original, "index");
    assert_eq!(kv.raw("quarantine:index").as_deref(), Some("{{{"));
}

#[test]
fn a_full_quota_fails_the_save_and_damages_nothing() {
    let m = model();
    let kv = Shared::default();
    let a = answered(&m, "q1");
    kv.store().save(&a, 0, &[], "t").unwrap();
    let before = kv.raw(&assessment_key("q1")).unwrap();
    kv.set_quota(Some(before.chars().count() + 40));
    let mut bigger = a.clone();
    bigger.apply(
        &Edit::Notes {
            item: "CM-VC-BM".into(),
            text: "长".repeat(5_000),
        },
        "t2",
    );
    assert_eq!(kv.store().save(&bigger, 1, &[], "t"), Err(KvError::Quota));
    assert_eq!(
        kv.raw(&assessment_key("q1")).unwrap(),
        before,
        "the stored version is untouched"
    );
}

#[test]
fn a_quarantine_that_cannot_be_written_leaves_the_original_in_place() {
    let m = model();
    let kv = Shared::default();
    kv.put(&assessment_key("bad"), "{nope");
    kv.set_quota(Some(1));
    let report = kv.store().load(&finder(&m));
    assert_eq!(report.quarantined[0].kept_as, None);
    assert_eq!(kv.raw(&assessment_key("bad")).as_deref(), Some("{nope"));
}

#[test]
fn two_tabs_writing_merge_instead_of_losing_work() {
    let m = model();
    let kv = Shared::default();
    let base = answered(&m, "shared");
    kv.store().save(&base, 0, &[], "t0").unwrap();
    // Tab A and tab B both hold revision 1.
    let mut a = base.clone();
    let mut b = base.clone();
    let edit_a = Edit::Answer {
        req: "CM-VC-VCS-L2-2".into(),
        status: Some(Status::Met),
    };
    a.apply(&edit_a, "ta");
    assert_eq!(
        kv.store()
            .save(&a, 1, std::slice::from_ref(&edit_a), "ta")
            .unwrap(),
        Saved::Written { rev: 2 }
    );
    // Tab B has not seen A's write; its own change must not overwrite A's.
    let edit_b = Edit::Evidence {
        item: "CM-VC-VCS".into(),
        id: "e1".into(),
        field: EvidenceField::Status(EvidenceStatus::Ready),
    };
    b.apply(&edit_b, "tb");
    let saved = kv
        .store()
        .save(&b, 1, std::slice::from_ref(&edit_b), "tb")
        .unwrap();
    let Saved::Merged { rev, assessment } = saved else {
        panic!("expected a merge, got {saved:?}")
    };
    assert_eq!(rev, 3);
    assert_eq!(
        assessment.status("CM-VC-VCS-L2-2"),
        Some(Status::Met),
        "A's answer kept"
    );
    assert_eq!(
        assessment.items["CM-VC-VCS"].evidence[0].status,
        EvidenceStatus::Ready,
        "B's change kept"
    );
    let stored = kv.store().stored_record("shared").unwrap();
    assert_eq!(stored.assessment, *assessment);
}

#[test]
fn delete_goes_to_the_trash_and_can_be_restored_or_purged() {
    let m = model();
    let kv = Shared::default();
    let a = answered(&m, "del");
    kv.store().save(&a, 0, &[], "t").unwrap();
    let trash = kv.store().delete("del", "2026-02-02T00:00:00Z").unwrap();
    assert!(kv.raw(&assessment_key("del")).is_none());
    let report = kv.store().load(&finder(&m));
    assert!(report.records.is_empty());
    assert_eq!(report.trash.len(), 1);
    assert_eq!(
        (report.trash[0].id.as_str(), report.trash[0].name.as_str()),
        ("del", "测试")
    );
    let restored = kv.store().restore(&trash, "t3").unwrap();
    assert_eq!(restored.assessment, a);
    assert_eq!(kv.store().load(&finder(&m)).records.len(), 1);
    assert!(kv.raw(&trash).is_none());
    // Keep a copy (as before an import replaces it), then purge it on purpose.
    let copy = kv.store().keep_in_trash("del", "t4").unwrap().unwrap();
    assert!(kv.store().purge(&copy).is_ok());
    assert!(
        kv.store().purge(&assessment_key("del")).is_err(),
        "purge only empties the trash"
    );
    assert!(kv.raw(&assessment_key("del")).is_some());
}

#[test]
fn a_fully_answered_assessment_with_notes_fits_twenty_times_in_five_megabytes() {
    let m = model();
    let kv = Shared::default();
    let mut a = Assessment::new(
        "full",
        "某银行手机银行持续交付自评",
        &m,
        3,
        Lang::Zh,
        "2026-01-01T00:00:00Z",
    );
    for r in 0..m.requirement_count() {
        let id = m.requirement_id(r).to_string();
        let status = Status::ALL[r % 4];
        a.apply(
            &Edit::Answer {
                req: id.clone(),
                status: Some(status),
            },
            "t",
        );
        a.apply(
            &Edit::Comment {
                req: id.clone(),
                text: "已在流水线中实现，证据见 Confluence 页面。".into(),
            },
            "t",
        );
        if status == Status::NotApplicable {
            a.apply(
                &Edit::NaReason {
                    req: id,
                    kind: NaKind::NotUsed,
                    text: "本系统无数据库".into(),
                },
                "t",
            );
        }
    }
    for i in 0..m.item_count() {
        let code = m.item(i).code.clone();
        a.apply(&Edit::Notes { item: code.clone(), text: "问题：标准中“全面”的范围如何界定？改进思路：下季度把剩余模块接入统一流水线，并补充演练记录。".into() }, "t");
        for e in a
            .items
            .get(&code)
            .map(|w| w.evidence.clone())
            .unwrap_or_default()
        {
            a.apply(
                &Edit::Evidence {
                    item: code.clone(),
                    id: e.id.clone(),
                    field: EvidenceField::Owner("张三".into()),
                },
                "t",
            );
            a.apply(
                &Edit::Evidence {
                    item: code.clone(),
                    id: e.id.clone(),
                    field: EvidenceField::Location(r"\\share\devops\evidence\材料.docx".into()),
                },
                "t",
            );
        }
    }
    let mut store = kv.store();
    store.save(&a, 0, &[], "t").unwrap();
    let chars = store.stored_chars("full");
    println!("stored size of a fully answered CD assessment with notes: {chars} characters");
    assert!(chars < 200 * 1024, "{chars} characters");
}
