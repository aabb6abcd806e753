//! Assessments of the earlier versions of the embedded model re-bind by requirement id with
//! nothing set aside.
//!
//! Version `2021-basis.3` (issue 22) changes wording only: no requirement id changed. An
//! assessment answered against `2021-basis.1` or `2021-basis.2`, whether stored in the browser,
//! exported as a JSON exchange file or saved as a workbook document, is carried over to the
//! current model by requirement id, every answer kept and none set aside, by the paths the app
//! uses: `Assessment::rebind`, `Workspace::load` (with the notice the user sees) and
//! `exchange::import` / `document::import_any`.
//!
//! The requirement ids of the earlier versions are a fixture taken from the released model files
//! (`crates/core/tests/fixtures/model/requirement-ids-2021-basis.1-and-2.txt`), so the comparison is with
//! what those versions had, not with the current model.

use std::collections::BTreeSet;
use std::sync::Arc;

use maturity_core::assess::assessment::{Answer, Assessment, Status};
use maturity_core::formats::document;
use maturity_core::formats::exchange::{import, ImportKind};
use maturity_core::model::{LoadedModel, ModelRef};
use maturity_core::store::workspace::{Notice, Workspace};
use maturity_core::text::Lang;
use serde_json::{json, Value};

use crate::common::{model, Shared};

const T0: &str = "2026-04-01T08:00:00.000Z";
const T1: &str = "2026-04-01T09:00:00.000Z";

/// The earlier versions, with the SHA-256 of their released model files.
const EARLIER: [(&str, &str); 2] = [
    (
        "2021-basis.1",
        "ee8124af4ccdb9577dee6bcf54b869b2019ab2c602f7d43b38487596327d32fc",
    ),
    (
        "2021-basis.2",
        "26b87688ababeb0d5e5f51f04886b94f9a7fa1f0cddda914f8050c276a773122",
    ),
];

fn earlier_ref((version, sha256): (&str, &str)) -> ModelRef {
    ModelRef {
        id: "caict-devops-cd".into(),
        version: version.into(),
        sha256: sha256.into(),
    }
}

/// The requirement ids of 2021-basis.1 and .2, in model order.
fn earlier_ids() -> Vec<String> {
    include_str!("../fixtures/model/requirement-ids-2021-basis.1-and-2.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.trim().to_string())
        .collect()
}

fn current_ids(m: &LoadedModel) -> Vec<String> {
    m.model
        .domains
        .iter()
        .flat_map(|d| d.capabilities.iter())
        .flat_map(|c| c.items.iter())
        .flat_map(|i| i.levels.iter())
        .flat_map(|l| l.requirements.iter())
        .map(|r| r.id.clone())
        .collect()
}

/// An assessment bound to an earlier version with an answer (and a comment) on every one of
/// that version's requirements, the four answers in turn.
fn answered_everything(m: &LoadedModel, id: &str, earlier: ModelRef) -> Assessment {
    let mut a = Assessment::new(
        id,
        format!("全部作答 {}", earlier.version),
        m,
        4,
        Lang::Zh,
        T0,
    );
    a.model = earlier;
    for (n, req) in earlier_ids().into_iter().enumerate() {
        let mut answer = Answer::new(Status::ALL[n % Status::ALL.len()]);
        answer.comment = format!("说明 {n}");
        a.answers.insert(req, answer);
    }
    a
}

#[test]
fn the_current_model_has_exactly_the_requirement_ids_of_2021_basis_1_and_2() {
    let m = model();
    assert_eq!(m.model.version, "2021-basis.3");
    let earlier = earlier_ids();
    assert_eq!(earlier.len(), 284, "the fixture lists every requirement");
    let unique: BTreeSet<&String> = earlier.iter().collect();
    assert_eq!(unique.len(), earlier.len(), "no id twice");
    let now = current_ids(&m);
    let gone: Vec<&String> = earlier.iter().filter(|id| !now.contains(id)).collect();
    let new: Vec<&String> = now.iter().filter(|id| !earlier.contains(id)).collect();
    assert!(
        gone.is_empty() && new.is_empty(),
        "gone {gone:?}, new {new:?}"
    );
    assert_eq!(now, earlier, "the same ids in the same order");
}

#[test]
fn an_assessment_answering_everything_under_2021_basis_1_or_2_rebinds_with_nothing_set_aside() {
    let m = model();
    for earlier in EARLIER {
        let mut a = answered_everything(&m, "all", earlier_ref(earlier));
        let answers = a.answers.clone();
        let items = a.items.clone();
        assert_eq!(answers.len(), 284);
        let rebound = a
            .rebind(&m)
            .expect("bound to another version, so it re-binds");
        assert_eq!(rebound.from.version, earlier.0);
        assert!(rebound.set_aside.is_empty(), "{:?}", rebound.set_aside);
        assert_eq!(
            rebound.evidence_added, 0,
            "the expected evidence did not change"
        );
        assert!(a.set_aside.is_empty());
        assert_eq!(a.answers, answers, "every answer and comment carried over");
        assert_eq!(a.items, items);
        assert_eq!(a.model, m.reference());
        assert_eq!(a.rebind(&m), None, "once bound, nothing more to do");
    }
}

#[test]
fn a_stored_2021_basis_2_assessment_is_carried_over_when_the_workbook_loads() {
    let m = model();
    let kv = Shared::default();
    let stored = answered_everything(&m, "b2", earlier_ref(EARLIER[1]));
    kv.store().save(&stored, 0, &[], T0).unwrap();
    let mut w = Workspace::new(kv.store(), Arc::clone(&m), true);
    let out = w.load(T1);
    let rebound: Vec<&Notice> = out
        .notices
        .iter()
        .filter(|n| matches!(n, Notice::Rebound { .. }))
        .collect();
    assert_eq!(
        rebound,
        [&Notice::Rebound {
            name: stored.name.clone(),
            from: "2021-basis.2".into(),
            to: "2021-basis.3".into(),
            set_aside: 0
        }],
        "one notice, nothing set aside"
    );
    let message = rebound[0].message(Lang::En);
    assert!(
        message.contains("2021-basis.2") && message.contains("2021-basis.3"),
        "{message}"
    );
    let a = w.get("b2").unwrap();
    assert_eq!(a.answers, stored.answers);
    assert!(a.set_aside.is_empty());
    // Written back bound to the current version.
    let record = kv.store().stored_record("b2").unwrap().assessment;
    assert_eq!(record.model, m.reference());
    assert_eq!(record.answers, stored.answers);
}

#[test]
fn the_stored_2021_basis_1_record_is_carried_over_when_the_workbook_loads() {
    let m = model();
    let kv = Shared::default();
    let fixture: serde_json::Map<String, Value> =
        serde_json::from_str(include_str!("../fixtures/storage/v1-skeleton.json")).unwrap();
    for (k, v) in &fixture {
        kv.0.lock()
            .unwrap()
            .map
            .insert(k.clone(), v.as_str().unwrap().to_string());
    }
    let mut w = Workspace::new(kv.store(), Arc::clone(&m), true);
    let out = w.load(T1);
    let rebound: Vec<&Notice> = out
        .notices
        .iter()
        .filter(|n| matches!(n, Notice::Rebound { .. }))
        .collect();
    assert_eq!(rebound.len(), 1, "{:?}", out.notices);
    assert!(
        matches!(rebound[0], Notice::Rebound { from, to, set_aside: 0, .. }
            if from == "2021-basis.1" && to == "2021-basis.3"),
        "{:?}",
        rebound[0]
    );
    let a = w.assessments().next().expect("the stored assessment");
    assert_eq!(a.answers.len(), 5, "the fixture's five answers");
    assert!(a.set_aside.is_empty());
    assert_eq!(a.model, m.reference());
}

#[test]
fn files_and_documents_of_2021_basis_1_and_2_import_with_nothing_set_aside() {
    let m = model();
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/exchange/v1-rich.json"
    );
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let in_file: BTreeSet<String> = file["answers"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert!(
        in_file.len() >= 5,
        "the fixture answers several requirements"
    );
    let template = "<!doctype html><html><head><title>wb</title></head><body></body></html>";
    for (version, sha256) in EARLIER {
        let mut v = file.clone();
        v["model"] = json!({ "id": "caict-devops-cd", "version": version, "sha256": sha256 });
        let json_text = v.to_string();
        let page = document::write(template, &json_text).expect("a workbook page");
        for (what, report) in [
            (
                "exchange file",
                import(&json_text, std::slice::from_ref(&m)),
            ),
            (
                "document",
                document::import_any(&page, std::slice::from_ref(&m)),
            ),
        ] {
            assert!(report.is_ok(), "{version} {what}: {:?}", report.problems);
            let kinds: Vec<&ImportKind> = report.warnings().map(|w| &w.kind).collect();
            assert_eq!(
                kinds,
                [&ImportKind::OtherModelVersion {
                    file: version.into(),
                    here: "2021-basis.3".into()
                }],
                "{version} {what}: only the version differs"
            );
            let a = report.assessment.unwrap();
            assert!(
                a.set_aside.is_empty(),
                "{version} {what}: {:?}",
                a.set_aside
            );
            let got: BTreeSet<String> = a.answers.keys().cloned().collect();
            assert_eq!(got, in_file, "{version} {what}: every answer carried over");
            for (id, answer) in file["answers"].as_object().unwrap() {
                let status = serde_json::to_value(a.answers[id].status).unwrap();
                assert_eq!(status, answer["status"], "{version} {what}: {id}");
            }
            assert_eq!(a.model, m.reference(), "{version} {what}");
        }
    }
}
