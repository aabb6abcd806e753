//! The exchange format: lossless round trips, precise reports for every kind of bad file,
//! hostile input, fuzzing of the parser, spreadsheet exports read back, the mail summary.
#![cfg(not(target_arch = "wasm32"))]

use std::sync::{Arc, OnceLock};

use maturity_core::assess::assessment::{
    Assessment, Edit, EntryKind, EvidenceField, EvidenceStatus, NaKind, ProjectField, Status,
};
use maturity_core::assess::rule::Rule;
use maturity_core::assess::score::score;
use maturity_core::formats::csv;
use maturity_core::formats::exchange::{export, import, ImportKind, Severity};
use maturity_core::formats::summary::{file_name, mailto, summary, MAX_BODY_CHARS};
use maturity_core::model::synthetic::scaled_model_json;
use maturity_core::model::validate::{load_model, ProblemKind};
use maturity_core::model::LoadedModel;
use maturity_core::model::EMBEDDED_MODEL;
use maturity_core::text::Lang;
use proptest::prelude::*;
use serde_json::{json, Value};

fn model() -> Arc<LoadedModel> {
    static M: OnceLock<Arc<LoadedModel>> = OnceLock::new();
    M.get_or_init(|| Arc::new(load_model(EMBEDDED_MODEL).unwrap()))
        .clone()
}

/// An assessment using every feature: all answer kinds, comments, reasons, notes, evidence
/// edits, an added entry, project fields, text with quotes, commas and line breaks.
fn rich() -> Assessment {
    let m = model();
    let mut a = Assessment::new(
        "rich01",
        "网银 \"持续交付\", 2026",
        &m,
        3,
        Lang::Zh,
        "2026-03-01T08:00:00.000Z",
    );
    let edits = vec![
        Edit::Answer {
            req: "CM-VC-VCS-L2-1".into(),
            status: Some(Status::Met),
        },
        Edit::Answer {
            req: "CM-VC-VCS-L2-2".into(),
            status: Some(Status::Met),
        },
        Edit::Answer {
            req: "CM-VC-VCS-L3-1".into(),
            status: Some(Status::Partial),
        },
        Edit::Comment {
            req: "CM-VC-VCS-L3-1".into(),
            text: "脚本已入库，\n配置文件未入库".into(),
        },
        Edit::Answer {
            req: "CM-VC-BM-L2-1".into(),
            status: Some(Status::NotMet),
        },
        Edit::Answer {
            req: "DM-DCM-CP-L2-1".into(),
            status: Some(Status::NotApplicable),
        },
        Edit::NaReason {
            req: "DM-DCM-CP-L2-1".into(),
            kind: NaKind::NotUsed,
            text: "无数据库".into(),
        },
        Edit::Notes {
            item: "CM-VC-VCS".into(),
            text: "问题：“全面”指什么？\n改进：补演练记录".into(),
        },
        Edit::Evidence {
            item: "CM-VC-VCS".into(),
            id: "e1".into(),
            field: EvidenceField::Status(EvidenceStatus::Ready),
        },
        Edit::Evidence {
            item: "CM-VC-VCS".into(),
            id: "e1".into(),
            field: EvidenceField::Owner("李四".into()),
        },
        Edit::Evidence {
            item: "CM-VC-VCS".into(),
            id: "e2".into(),
            field: EvidenceField::Due("2026-04-30".into()),
        },
        Edit::AddEvidence {
            item: "CM-VC-VCS".into(),
        },
        Edit::Project {
            field: ProjectField::Organisation,
            value: "某银行".into(),
        },
        Edit::Project {
            field: ProjectField::Project,
            value: "手机银行".into(),
        },
        Edit::Project {
            field: ProjectField::ReleaseFrequency,
            value: "每周 2 次".into(),
        },
    ];
    for e in &edits {
        assert!(
            a.apply(e, "2026-03-02T09:00:00.000Z"),
            "{e:?} changed nothing"
        );
    }
    let added = a.items["CM-VC-VCS"].evidence.last().unwrap().id.clone();
    for field in [
        EvidenceField::Title("自建的补充材料, v2".into()),
        EvidenceField::Kind(EntryKind::Link),
        EvidenceField::Location("https://wiki.example/x".into()),
    ] {
        assert!(a.apply(
            &Edit::Evidence {
                item: "CM-VC-VCS".into(),
                id: added.clone(),
                field
            },
            "2026-03-02T09:00:00.000Z"
        ));
    }
    a
}

#[test]
fn export_import_export_is_identical_except_exported_at() {
    let m = model();
    let a = rich();
    let first = export(&m, &a, "2026-03-03T10:00:00.000Z");
    let report = import(&first, std::slice::from_ref(&m));
    assert!(report.is_ok(), "{:?}", report.problems);
    assert!(
        report.problems.is_empty(),
        "a clean file imports without remarks: {:?}",
        report.problems
    );
    let back = report.assessment.unwrap();
    assert_eq!(back.answers, a.answers);
    assert_eq!(back.items, a.items);
    assert_eq!(back.project, a.project);
    let second = export(&m, &back, "2026-04-04T10:00:00.000Z");
    let strip = |s: &str| {
        let mut v: Value = serde_json::from_str(s).unwrap();
        v.as_object_mut().unwrap().remove("exported_at");
        v
    };
    assert_eq!(strip(&first), strip(&second));
    assert_eq!(
        first.replace("2026-03-03T10:00:00.000Z", "X"),
        second.replace("2026-04-04T10:00:00.000Z", "X")
    );
}

#[test]
fn the_file_has_the_documented_keys() {
    let m = model();
    let v: Value = serde_json::from_str(&export(&m, &rich(), "2026-03-03T10:00:00Z")).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    for k in [
        "format",
        "format_version",
        "exported_at",
        "model",
        "assessment",
        "answers",
        "items",
        "results",
    ] {
        assert!(keys.contains(&k), "missing {k}");
    }
    assert_eq!(v["format"], "maturity-workbook/assessment");
    assert_eq!(v["format_version"], 1);
    assert_eq!(v["model"]["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(v["answers"]["CM-VC-VCS-L3-1"]["status"], "partial");
    assert_eq!(
        v["answers"]["DM-DCM-CP-L2-1"]["na_reason"]["kind"],
        "not_used"
    );
    assert!(
        v["answers"].get("CM-VC-VCS-L4-1").is_none(),
        "unanswered requirements are absent"
    );
    assert_eq!(v["results"]["rule"], "caict-strict");
    assert_eq!(v["results"]["items"]["CM-VC-VCS"]["label"], "3-");
    assert_eq!(v["results"]["items"]["CM-VC-VCS"]["level"], 2);
    assert_eq!(
        v["results"]["part"]["label"], "2-",
        "level 1 with level-2 work under way"
    );
    assert_eq!(v["results"]["part"]["level"], 1);
    assert!(v["results"]["blocking"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x == "CM-VC-BM-L2-1"));
    assert_eq!(
        v["items"]["CM-VC-VCS"]["evidence"][0]["title"],
        "版本控制系统基本使用规范"
    );
}

fn problems_of(text: &str) -> Vec<(String, Severity, ImportKind)> {
    import(text, &[model()])
        .problems
        .into_iter()
        .map(|p| (p.path, p.severity, p.kind))
        .collect()
}

fn valid() -> Value {
    serde_json::from_str(&export(&model(), &rich(), "2026-03-03T10:00:00Z")).unwrap()
}

#[test]
fn bad_files_report_every_problem_precisely() {
    use ImportKind::*;
    use Severity::*;
    // Not JSON at all.
    let p = problems_of("{\"format\": ");
    assert!(matches!(&p[0], (path, Error, Structure(ProblemKind::Syntax { .. })) if path == "$"));
    // A model file chosen by mistake.
    assert_eq!(problems_of(EMBEDDED_MODEL)[0].2, ModelFileNotAssessment);
    // Several problems at once, all listed.
    let mut v = valid();
    v["format_version"] = json!(7);
    v["assessment"]["target_level"] = json!(9);
    v["assessment"]["language"] = json!("fr");
    v["answers"]["CM-VC-VCS-L2-1"]["status"] = json!("yes");
    v["answers"]["CM-VC-VCS-L2-2"] = json!("met");
    v["items"]["CM-VC-VCS"]["evidence"][0]["kind"] = json!("poster");
    v["assessment"]["project"]["organisation"] = json!(42);
    let p = problems_of(&v.to_string());
    let errors: Vec<(&str, &ImportKind)> = p
        .iter()
        .filter(|x| x.1 == Error)
        .map(|x| (x.0.as_str(), &x.2))
        .collect();
    assert_eq!(
        errors,
        vec![
            (
                "$.format_version",
                &Structure(ProblemKind::UnsupportedVersion("7".into()))
            ),
            ("$.assessment.target_level", &TargetOutOfRange("9".into())),
            (
                "$.assessment.language",
                &BadValue {
                    found: "fr".into(),
                    allowed: "zh, en"
                }
            ),
            (
                "$.answers[\"CM-VC-VCS-L2-1\"].status",
                &BadValue {
                    found: "yes".into(),
                    allowed: "met, partial, not_met, not_applicable"
                }
            ),
            (
                "$.items[\"CM-VC-VCS\"].evidence[0].kind",
                &BadValue {
                    found: "poster".into(),
                    allowed: "document, screenshot, video, link, other"
                }
            ),
            (
                "$.assessment.project.organisation",
                &Structure(ProblemKind::WrongType(
                    maturity_core::model::validate::Expected::String
                ))
            ),
            (
                "$.answers[\"CM-VC-VCS-L2-2\"]",
                &Structure(ProblemKind::WrongType(
                    maturity_core::model::validate::Expected::Object
                ))
            ),
        ]
    );
    assert!(
        import(&v.to_string(), &[model()]).assessment.is_none(),
        "errors block the import"
    );
}

#[test]
fn another_model_or_version_or_unknown_ids_are_warnings_that_keep_the_data() {
    use ImportKind::*;
    let mut v = valid();
    v["model"]["id"] = json!("other-model");
    let p = problems_of(&v.to_string());
    assert!(p.iter().any(|x| x.1 == Severity::Error
        && matches!(&x.2, UnknownModel { id, .. } if id == "other-model")));

    let mut v = valid();
    v["model"]["version"] = json!("2019-draft");
    v["answers"]["CM-VC-VCS-L9-1"] = json!({"status": "met", "comment": "from an older model"});
    v["items"]["XX-YY-ZZ"] = json!({"notes": "gone item", "evidence": []});
    let report = import(&v.to_string(), &[model()]);
    assert!(report.is_ok());
    let kinds: Vec<&ImportKind> = report.warnings().map(|w| &w.kind).collect();
    assert!(kinds.contains(&&OtherModelVersion {
        file: "2019-draft".into(),
        here: model().model.version.clone()
    }));
    assert!(kinds.contains(&&UnknownRequirement("CM-VC-VCS-L9-1".into())));
    assert!(kinds.contains(&&UnknownItem("XX-YY-ZZ".into())));
    assert!(
        !kinds.contains(&&ResultsDiffer),
        "the answers scored are the same"
    );
    let a = report.assessment.unwrap();
    assert_eq!(
        a.set_aside["CM-VC-VCS-L9-1"].comment, "from an older model",
        "kept aside, not dropped"
    );
    assert_eq!(a.items["XX-YY-ZZ"].notes, "gone item");
    assert_eq!(
        a.model,
        model().reference(),
        "bound to the model that is loaded"
    );
    // Kept-aside answers travel on in the next export.
    let again: Value = serde_json::from_str(&export(&model(), &a, "t")).unwrap();
    assert_eq!(
        again["set_aside_answers"]["CM-VC-VCS-L9-1"]["status"],
        "met"
    );
}

#[test]
fn results_in_the_file_are_recomputed_not_trusted() {
    let mut v = valid();
    v["results"]["part"] = json!({"level": 5, "label": "5"});
    let report = import(&v.to_string(), &[model()]);
    assert!(report
        .warnings()
        .any(|w| w.kind == ImportKind::ResultsDiffer));
    let a = report.assessment.unwrap();
    assert_eq!(
        score(&model(), &a.answers, a.target_level, Rule::default())
            .part
            .label
            .to_string(),
        "2-"
    );
}

#[test]
fn hostile_files_are_errors_or_plain_text() {
    // Deeply nested.
    let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
    assert!(!import(&deep, &[model()]).is_ok());
    // Huge.
    let huge = format!("{{\"x\": \"{}\"}}", "a".repeat(6 * 1024 * 1024));
    assert!(matches!(
        problems_of(&huge)[0].2,
        ImportKind::Structure(ProblemKind::TooLarge { .. })
    ));
    // HTML and script in every string: imported verbatim as text.
    let evil = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>";
    let mut v = valid();
    v["assessment"]["name"] = json!(evil);
    v["assessment"]["project"]["summary"] = json!(evil);
    v["answers"]["CM-VC-VCS-L2-1"]["comment"] = json!(evil);
    v["items"]["CM-VC-VCS"]["notes"] = json!(evil);
    v["items"]["CM-VC-VCS"]["evidence"][0]["owner"] = json!(evil);
    let a = import(&v.to_string(), &[model()])
        .assessment
        .expect("imports as text");
    assert_eq!(a.name, evil);
    assert_eq!(a.items["CM-VC-VCS"].notes, evil);
    // A hostile id cannot become a storage key or a URL.
    let mut v = valid();
    v["assessment"]["id"] = json!("../../x y");
    assert!(!import(&v.to_string(), &[model()]).is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = import(&text, &[model()]);
        let _ = load_model(&text);
    }

    #[test]
    fn mutated_valid_files_never_panic(cuts in proptest::collection::vec((0usize..100_000, 0u8..6, any::<u8>()), 1..6)) {
        static FILE: OnceLock<String> = OnceLock::new();
        let file = FILE.get_or_init(|| export(&model(), &rich(), "2026-03-03T10:00:00Z"));
        let mut bytes = file.as_bytes().to_vec();
        for (at, op, b) in cuts {
            let at = at % bytes.len().max(1);
            match op {
                0 => { bytes.truncate(at); }
                1 => { bytes.insert(at, b); }
                2 => { if at < bytes.len() { bytes[at] = b; } }
                3 => { if at < bytes.len() { bytes.remove(at); } }
                4 => { let chunk: Vec<u8> = bytes[at..(at + 40).min(bytes.len())].to_vec(); bytes.splice(at..at, chunk); }
                _ => { bytes.insert(at, b"{[\"1,:}]"[usize::from(b) % 8]); }
            }
        }
        let text = String::from_utf8_lossy(&bytes);
        let report = import(&text, &[model()]);
        // Whatever comes out is usable: an import either fails with reasons or gives an assessment.
        prop_assert!(report.assessment.is_some() || !report.problems.is_empty());
    }
}

#[test]
fn the_form_csv_reads_back_in_the_caict_layout() {
    let m = model();
    let a = rich();
    let text = csv::form(&m, &a, Lang::Zh);
    assert!(text.starts_with('\u{feff}'));
    let rows = csv::parse(&text).unwrap();
    assert_eq!(
        rows[0],
        [
            "能力域",
            "能力子域",
            "能力项",
            "能力子项",
            "1级 初始级",
            "2级 基础级",
            "3级 全面级",
            "4级 优秀级",
            "5级 卓越级",
            "自评",
            "和3级要求的差距",
            "问题记录与改进思路"
        ]
    );
    let vcs = &rows[1];
    assert_eq!(vcs[3], "CM-VC-VCS 版本控制系统");
    assert_eq!(vcs[9], "3-");
    assert!(vcs[10].starts_with("3项要求未满足"), "{}", vcs[10]);
    assert_eq!(vcs[11], "问题：“全面”指什么？\n改进：补演练记录");
    assert!(vcs[6].starts_with("1) "));
    assert_eq!(
        rows.iter().filter(|r| r.len() == 12).count(),
        50,
        "header and 49 sub-items"
    );
    let cr = rows
        .iter()
        .find(|r| r.get(3).is_some_and(|c| c.starts_with("CM-CM-CR")))
        .unwrap();
    assert_eq!(cr[8], "同4级", "a same-as-lower level says so");
    let en = csv::parse(&csv::form(&m, &a, Lang::En)).unwrap();
    assert_eq!(en[0][10], "Gap to level 3");
}

#[test]
fn the_requirement_and_evidence_sheets_read_back() {
    let m = model();
    let a = rich();
    let reqs = csv::parse(&csv::requirements(&m, &a, Lang::Zh)).unwrap();
    assert_eq!(reqs.len(), 1 + m.requirement_count());
    let row = reqs.iter().find(|r| r[0] == "CM-VC-VCS-L3-1").unwrap();
    assert_eq!(
        (row[2].as_str(), row[4].as_str(), row[5].as_str()),
        ("3", "部分满足", "脚本已入库，\n配置文件未入库")
    );
    let na = reqs.iter().find(|r| r[0] == "DM-DCM-CP-L2-1").unwrap();
    assert_eq!(na[6], "本系统不涉及: 无数据库");
    let ev = csv::parse(&csv::evidence(&m, &a, Lang::Zh)).unwrap();
    assert_eq!(
        ev[0],
        [
            "材料编号",
            "能力子项",
            "级别",
            "类型",
            "材料名称",
            "状态",
            "负责人",
            "位置",
            "截止日期",
            "找到的文件（最近一次检查）"
        ]
    );
    let first = ev.iter().find(|r| r[0] == "CM-VC-VCS-L2-1").unwrap();
    assert_eq!(
        (
            first[2].as_str(),
            first[4].as_str(),
            first[5].as_str(),
            first[6].as_str()
        ),
        ("2/3", "版本控制系统基本使用规范", "已就绪", "李四")
    );
    let added = ev.iter().find(|r| r[4] == "自建的补充材料, v2").unwrap();
    assert_eq!(
        (added[3].as_str(), added[7].as_str()),
        ("链接", "https://wiki.example/x")
    );
}

#[test]
fn the_mail_summary_is_short_and_complete() {
    let m = model();
    let mut a = rich();
    a.apply(
        &Edit::Project {
            field: ProjectField::Project,
            value: "很长的项目名".repeat(50),
        },
        "t",
    );
    for lang in Lang::ALL {
        let s = summary(&m, &a, lang, "2026-11-22");
        assert!(
            s.text.chars().count() <= MAX_BODY_CHARS,
            "{} chars",
            s.text.chars().count()
        );
        for d in &m.model.domains {
            assert!(s.text.contains(&d.code) && s.markdown.contains(&d.code));
        }
        let link = mailto("assessor@example.org", &s);
        assert!(link.starts_with("mailto:assessor%40example.org?subject="));
        assert!(link.contains("&body="));
    }
    let zh = summary(&m, &rich(), Lang::Zh, "2026-11-22");
    assert!(
        zh.text
            .contains("整体自评：1 级，2 级部分达成（目标 3 级，尚未达到）"),
        "{}",
        zh.text
    );
    assert!(zh.text.contains("工作簿文件") && zh.text.contains("PDF"));
    assert_eq!(
        file_name("手机银行", "caict-devops-cd", "2026-11-22", "json"),
        "手机银行-caict-devops-cd-2026-11-22.json"
    );
}

#[test]
fn the_ten_times_model_exports_and_imports_too() {
    let big = Arc::new(load_model(&scaled_model_json(EMBEDDED_MODEL, 10)).unwrap());
    let a = Assessment::new("big1", "big", &big, 4, Lang::En, "t");
    let text = export(&big, &a, "t");
    assert!(import(&text, std::slice::from_ref(&big)).is_ok());
}

/// A file written by this version is kept in the repository: every later version must import
/// it without loss. The model fields are normalised, so a model update changes nothing here.
/// `UPDATE_FIXTURES=1 cargo test -p maturity-core --test native exchange` rewrites it (only when the format changes on
/// purpose, with a new `format_version`).
#[test]
fn the_stored_version_1_file_still_imports_and_exports_identically() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/exchange/v1-rich.json"
    );
    let m = model();
    let normalise = |s: &str| {
        let mut v: Value = serde_json::from_str(s).unwrap();
        v["model"] = json!({"id": "caict-devops-cd", "version": "-", "sha256": "-"});
        v
    };
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        let text = export(&m, &rich(), "2026-03-03T10:00:00.000Z");
        let pretty = serde_json::to_string_pretty(&normalise(&text)).unwrap();
        std::fs::write(path, pretty + "\n").unwrap();
    }
    let stored = std::fs::read_to_string(path).unwrap();
    let report = import(&stored, std::slice::from_ref(&m));
    assert!(report.is_ok(), "{:?}", report.problems);
    let back = report.assessment.unwrap();
    assert_eq!(back.answers, rich().answers);
    assert_eq!(back.items, rich().items);
    assert_eq!(back.project, rich().project);
    let again = export(&m, &back, "2026-03-03T10:00:00.000Z");
    assert_eq!(normalise(&again), normalise(&stored));
}

/// A file exported under model version 2021-basis.1 (the stored version-1 file, with the model
/// block it had then) re-binds to the current model by requirement id: every answer, comment,
/// reason, note and evidence entry is carried over, none is set aside, and the results agree.
#[test]
fn a_file_of_model_2021_basis_1_rebinds_with_nothing_set_aside() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/exchange/v1-rich.json"
    );
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["model"] = json!({
        "id": "caict-devops-cd",
        "version": "2021-basis.1",
        "sha256": "ee8124af4ccdb9577dee6bcf54b869b2019ab2c602f7d43b38487596327d32fc"
    });
    let answered = v["answers"].as_object().unwrap().len();
    assert!(answered >= 5, "the fixture answers several requirements");
    let m = model();
    assert_ne!(m.model.version, "2021-basis.1", "the model was bumped");
    let report = import(&v.to_string(), std::slice::from_ref(&m));
    assert!(report.is_ok(), "{:?}", report.problems);
    let kinds: Vec<&ImportKind> = report.warnings().map(|w| &w.kind).collect();
    assert_eq!(
        kinds,
        [&ImportKind::OtherModelVersion {
            file: "2021-basis.1".into(),
            here: m.model.version.clone()
        }],
        "only the version differs: no unknown requirement or item, the same results"
    );
    assert_eq!(report.errors().count(), 0);
    let a = report.assessment.unwrap();
    assert!(a.set_aside.is_empty(), "set aside: {:?}", a.set_aside);
    assert_eq!(a.answers.len(), answered);
    assert_eq!(a.answers, rich().answers);
    assert_eq!(a.items, rich().items);
    assert_eq!(a.project, rich().project);
    assert_eq!(a.model, m.reference(), "bound to the current model");
    for id in a.answers.keys() {
        assert!(m.find_requirement(id).is_some(), "{id} exists in the model");
    }
}
