//! The model travels with the work: an export or a workbook document of an assessment whose
//! model is not the embedded one carries that model (`model_file`), and a workbook that never
//! saw the model reads the file with it, adds it without replacing anything, and keeps each
//! assessment bound to its own model version. Also the portfolio reading such a file.

use std::sync::Arc;

use maturity_core::assess::assessment::{Edit, Status};
use maturity_core::assess::rule::Rule;
use maturity_core::assess::score::score;
use maturity_core::formats::document;
use maturity_core::formats::exchange::{export, import, ImportKind, Severity};
use maturity_core::model::form::{self, finish, read, Choice, Opened};
use maturity_core::model::validate::load_model;
use maturity_core::model::LoadedModel;
use maturity_core::portfolio::{read_file, FileRead};
use maturity_core::store::workspace::{Meeting, Notice, Workspace};
use maturity_core::text::Lang;
use serde_json::Value;

use crate::common::{model, Shared};

const T0: &str = "2026-12-04T08:00:00.000Z";

/// A Chinese-only model read from a CSV form, as its model file's text.
fn form_model_text(version: &str, extra_requirement: bool) -> String {
    let level3 = if extra_requirement {
        "1) 统一管理\n2) 有优先级"
    } else {
        "1) 统一管理"
    };
    let csv = format!(
        "敏捷开发管理 自评表\r\n能力子域,能力项,能力子项,1级,2级,3级,4级,5级\r\n价值交付,需求管理,需求收集,无,\"1) 有渠道\n2) 有记录\",\"{level3}\",1) 可度量,同上\r\n价值交付,需求管理,需求分析,零散,1) 有方法,1) 方法统一,1) 自动化,1) 数据驱动\r\n"
    );
    let Ok(Opened::Sheets(grids)) = form::open(csv.as_bytes(), "agile.csv", &mut |_, _, _| {
        Err("no zip".into())
    }) else {
        panic!("reads")
    };
    let r = read(&grids, &Choice::default(), "agile.csv", "2026-12-04");
    assert!(!r.has_errors(), "{:?}", r.problems);
    finish(&r, "", "caict-agile", version)
}

fn tab(kv: &Shared) -> Workspace {
    let mut w = Workspace::new(kv.store(), model(), true);
    w.load(T0);
    w
}

/// A browser that loaded the form's model, with an assessment of it answered.
fn team(kv: &Shared, version: &str, extra: bool) -> (Workspace, String) {
    let mut w = tab(kv);
    let (key, _) = w.load_model_file(&form_model_text(version, extra)).unwrap();
    w.create("a1", "敏捷自评", &key, 3, Lang::Zh, T0).unwrap();
    w.open("a1", T0).unwrap();
    for (req, status) in [
        ("D1-C1-I1-L2-1", Status::Met),
        ("D1-C1-I1-L2-2", Status::Met),
        ("D1-C1-I1-L3-1", Status::Partial),
        ("D1-C1-I2-L2-1", Status::NotMet),
    ] {
        w.apply_current(
            Edit::Answer {
                req: req.into(),
                status: Some(status),
            },
            T0,
        );
    }
    w.flush(T0);
    let m = w.current_model().unwrap();
    let json = export(&m, w.current().unwrap(), T0);
    (w, json)
}

fn labels(m: &LoadedModel, a: &maturity_core::assess::assessment::Assessment) -> Vec<String> {
    let r = score(m, &a.answers, a.target_level, Rule::default());
    (0..m.item_count())
        .map(|i| {
            r.node(maturity_core::model::Node::Item(i))
                .label
                .to_string()
        })
        .collect()
}

#[test]
fn an_export_of_a_loaded_model_carries_it_and_the_embedded_one_does_not() {
    let (w, json) = team(&Shared::default(), "1", false);
    let v: Value = serde_json::from_str(&json).unwrap();
    let carried = v["model_file"].as_str().expect("model_file is a string");
    let m = w.current_model().unwrap();
    // Byte for byte the loaded file, so its fingerprint holds.
    assert_eq!(Some(carried), m.source.as_deref());
    assert_eq!(v["model"]["sha256"], m.sha256.as_str());
    // The embedded model travels with every workbook: nothing is carried.
    let cd = model();
    let a = maturity_core::assess::assessment::Assessment::new("b", "b", &cd, 3, Lang::Zh, T0);
    let v: Value = serde_json::from_str(&export(&cd, &a, T0)).unwrap();
    assert!(v.get("model_file").is_none());
}

#[test]
fn a_browser_that_never_saw_the_model_imports_the_file_with_it() {
    let (w, json) = team(&Shared::default(), "1", false);
    let here = w.current().unwrap().clone();
    let here_model = w.current_model().unwrap();
    let fresh = Shared::default();
    let mut other = tab(&fresh);
    assert_eq!(other.models().all().len(), 1, "only the embedded model");
    let report = import(&json, other.models().all());
    assert!(report.errors().next().is_none(), "{:?}", report.problems);
    let brings: Vec<_> = report
        .warnings()
        .filter(|p| matches!(p.kind, ImportKind::BringsModel { .. }))
        .collect();
    assert_eq!(brings.len(), 1);
    let msg = brings[0].message(Lang::En);
    assert!(
        msg.contains("brought its model") && msg.contains("version 1"),
        "{msg}"
    );
    let carried = report.carried.clone().expect("read with the carried model");
    let out = other.adopt_model(&carried);
    assert!(out.models);
    assert!(matches!(&out.notices[..], [Notice::ModelArrived { version, .. }] if version == "1"));
    let a = report.assessment.unwrap();
    other.import_as_new(a, "b1", T0);
    other.flush(T0);
    // Same answers and levels, bound to the same model text.
    let there = other.get("b1").unwrap();
    assert_eq!(there.answers, here.answers);
    assert_eq!(there.model, here.model);
    let m = other.model_for(&there.model).unwrap();
    assert_eq!(m.sha256, here_model.sha256);
    assert_eq!(labels(&m, there), labels(&here_model, &here));
    // Stored: a new start of that browser has the model and the assessment.
    let again = tab(&fresh);
    assert!(again.model_by_key("caict-agile@1").is_some());
    assert!(again.model_for(&again.get("b1").unwrap().model).is_some());
    // Adopting again (a second import of the file) changes nothing.
    let mut again = again;
    assert_eq!(again.adopt_model(&carried), Default::default());
}

#[test]
fn a_workbook_document_carries_the_model_to_a_fresh_browser() {
    let (w, json) = team(&Shared::default(), "1", false);
    let here = w.current().unwrap().clone();
    let page = "<!DOCTYPE html><html><head></head><body><div id=\"wb-app\"></div></body></html>";
    let doc = document::write(page, &json).unwrap();
    let fresh = Shared::default();
    let mut other = tab(&fresh);
    let report = document::import_any(&doc, other.models().all());
    let carried = report
        .carried
        .clone()
        .expect("the document brought its model");
    other.adopt_model(&carried);
    let there = report.assessment.unwrap();
    let (meeting, _) = other.meet_document(there, "敏捷自评.html", T0);
    assert_eq!(meeting, Meeting::New);
    other.open("a1", T0).unwrap();
    assert_eq!(other.current().unwrap().answers, here.answers);
    let m = other.current_model().unwrap();
    assert_eq!(
        labels(&m, other.current().unwrap()),
        labels(&w.current_model().unwrap(), &here)
    );
}

#[test]
fn another_version_here_is_kept_and_each_assessment_stays_bound_to_its_own() {
    // The receiving browser has version 1 with an assessment of it; the file is of version 2.
    let (_, json_v2) = team(&Shared::default(), "2", true);
    let kv = Shared::default();
    let (mut w, _) = team(&kv, "1", false);
    let v1_sha = w.model_by_key("caict-agile@1").unwrap().sha256.clone();
    let report = import(&json_v2, w.models().all());
    assert!(report.errors().next().is_none(), "{:?}", report.problems);
    assert!(
        !report
            .warnings()
            .any(|p| matches!(p.kind, ImportKind::OtherModelVersion { .. })),
        "read with its own version, not carried over to version 1"
    );
    let carried = report.carried.clone().unwrap();
    w.adopt_model(&carried);
    w.import_as_new(report.assessment.unwrap(), "v2copy", T0);
    w.flush(T0);
    let both: Vec<String> = w.models().all().iter().map(|m| m.key()).collect();
    assert!(
        both.contains(&"caict-agile@1".to_string()) && both.contains(&"caict-agile@2".to_string())
    );
    let w = tab(&kv);
    assert_eq!(
        w.model_for(&w.get("a1").unwrap().model).unwrap().sha256,
        v1_sha
    );
    let v2 = w.model_for(&w.get("v2copy").unwrap().model).unwrap();
    assert_eq!(v2.model.version, "2");
    assert_eq!(v2.requirement_count(), 9);
}

#[test]
fn another_text_under_the_same_version_here_is_used_and_not_replaced() {
    let (_, json) = team(&Shared::default(), "1", true);
    let kv = Shared::default();
    let (w, _) = team(&kv, "1", false);
    let report = import(&json, w.models().all());
    assert!(report.carried.is_none());
    assert!(report
        .warnings()
        .any(|p| p.kind == ImportKind::CarriedNotUsed("caict-agile@1".into())));
    assert_eq!(
        report.model.unwrap().sha256,
        w.model_by_key("caict-agile@1").unwrap().sha256
    );
}

#[test]
fn a_damaged_or_mismatched_carried_model_is_refused_clearly() {
    let (_, json) = team(&Shared::default(), "1", false);
    let fresh = tab(&Shared::default());
    // Damaged: not a valid model; the file then names a model this browser does not have.
    let mut v: Value = serde_json::from_str(&json).unwrap();
    let mut carried: Value = serde_json::from_str(v["model_file"].as_str().unwrap()).unwrap();
    carried["domains"] = serde_json::json!([]);
    v["model_file"] = Value::String(carried.to_string());
    let report = import(&v.to_string(), fresh.models().all());
    assert!(report.assessment.is_none());
    let kinds: Vec<(&str, Severity)> = report
        .problems
        .iter()
        .filter(|p| p.path.starts_with("$.model"))
        .map(|p| (p.path.as_str(), p.severity))
        .collect();
    assert_eq!(
        kinds,
        [
            ("$.model_file", Severity::Warning),
            ("$.model", Severity::Error)
        ]
    );
    assert!(report.problems[0].message(Lang::Zh).contains("$.domains"));
    // Another model than the one named.
    let mut v: Value = serde_json::from_str(&json).unwrap();
    v["model"]["id"] = Value::String("something-else".into());
    let report = import(&v.to_string(), fresh.models().all());
    assert!(report
        .errors()
        .any(|p| matches!(p.kind, ImportKind::CarriedMismatch { .. })));
    // Hostile text inside stays text: the carried model's strings are never markup.
    let mut v: Value = serde_json::from_str(&json).unwrap();
    let text = v["model_file"]
        .as_str()
        .unwrap()
        .replace("需求收集", "<script>alert(1)</script>");
    v["model_file"] = Value::String(text);
    let report = import(&v.to_string(), fresh.models().all());
    let m = report.carried.unwrap();
    assert_eq!(m.item(0).name.get(Lang::En), "<script>alert(1)</script>");
}

#[test]
fn a_portfolio_reads_a_file_with_the_model_it_carries() {
    let (w, json) = team(&Shared::default(), "1", false);
    let fresh = tab(&Shared::default());
    let read = read_file(&json, fresh.models().all()).unwrap();
    let carried = read.carried.clone().expect("read with its model");
    let models = FileRead::models(&read.carried, fresh.models().all());
    let member = maturity_core::portfolio::Member::new(
        maturity_core::portfolio::MemberId::File("k".into()),
        maturity_core::portfolio::Origin::File("f.json".into()),
        read.assessment.clone(),
        &models,
    )
    .expect("scored with the carried model");
    assert_eq!(member.model.sha256, carried.sha256);
    assert_eq!(
        labels(&member.model, &read.assessment),
        labels(&w.current_model().unwrap(), w.current().unwrap())
    );
    // Not added to the browser's models.
    assert_eq!(fresh.models().all().len(), 1);
    // A carried model is checked like a loaded model file.
    assert!(load_model(carried.source.as_deref().unwrap()).is_ok());
    let _ = Arc::clone(&carried);
}
