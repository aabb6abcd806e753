//! The embedded CD model, and validation of bad model files: every problem reported, each with
//! its JSON path.
#![cfg(not(target_arch = "wasm32"))]

use maturity_core::model::synthetic::{scaled_model_json, tiny_model_json};
use maturity_core::model::validate::{load_model, ProblemKind};
use maturity_core::model::EMBEDDED_MODEL;
use maturity_core::model::{EvidenceKind, LoadedModel};
use maturity_core::text::Lang;
use serde_json::{json, Value};

const ITEM_CODES: &str = "CM-VC-VCS, CM-VC-BM, CM-VC-AM, CM-VC-SSOT, CM-CM-CP, CM-CM-CT, CM-CM-CR, \
BCI-BP-BM, BCI-BP-BE, BCI-BP-BP, BCI-BP-BR, BCI-CI-IS, BCI-CI-IF, BCI-CI-IM, BCI-CI-FP, TM-TH-HM, \
TM-TH-HS, TM-TH-TO, TM-CQ-QR, TM-CQ-TM, TM-CQ-CM, TM-AT-ADES, TM-AT-ADEV, TM-AT-AE, TM-AT-AA, \
DRM-DRM-DM, DRM-DRM-DP, DRM-DRM-DS, DRM-DRM-DQ, DRM-DP-CM, DRM-DP-PP, DRM-DP-PV, EM-EM-EB, EM-EM-ET, \
EM-EM-EDCM, DM-TDM-DS, DM-TDM-DC, DM-TDM-DID, DM-DCM-CP, DM-DCM-CR, DM-DCM-DM, MF-MI-MID, MF-MI-MIM, \
MF-MI-MDM, MF-MI-MIU, MF-MDI-CGM, MF-MDI-MDU, MF-MDI-CS, MF-MDI-MFI";

fn embedded() -> LoadedModel {
    load_model(EMBEDDED_MODEL).unwrap_or_else(|p| panic!("embedded model invalid: {p:?}"))
}

/// A model may be written in one language; the embedded one stays fully bilingual: every text
/// in Chinese and in English, as strict as before the one-language rule.
#[test]
fn the_embedded_model_is_fully_bilingual() {
    let m = embedded();
    let langs = m.languages();
    assert!(langs.zh && langs.en, "{langs:?}");
    let mut texts = 0;
    m.model.for_each_text(&mut |t| {
        texts += 1;
        assert!(
            !t.zh.trim().is_empty() && !t.en.trim().is_empty(),
            "a text of the embedded model lacks a language: {t:?}"
        );
    });
    assert!(texts > 600, "{texts} texts walked");
}

#[test]
fn embedded_model_has_the_fixed_structure() {
    let m = embedded();
    assert_eq!(
        (
            m.model.id.as_str(),
            m.model.format_version,
            m.model.version.as_str()
        ),
        ("caict-devops-cd", 1, "2021-basis.3")
    );
    assert_eq!(
        (m.domain_count(), m.capability_count(), m.item_count()),
        (7, 14, 49)
    );
    let domains: Vec<(&str, &str)> = m
        .model
        .domains
        .iter()
        .map(|d| (d.code.as_str(), d.name.zh.as_str()))
        .collect();
    assert_eq!(
        domains,
        [
            ("CM", "配置管理"),
            ("BCI", "构建与持续集成"),
            ("TM", "测试管理"),
            ("DRM", "部署与发布管理"),
            ("EM", "环境管理"),
            ("DM", "数据管理"),
            ("MF", "度量与反馈")
        ]
    );
    let caps: Vec<&str> = (0..14).map(|c| m.capability(c).code.as_str()).collect();
    assert_eq!(
        caps,
        [
            "CM-VC", "CM-CM", "BCI-BP", "BCI-CI", "TM-TH", "TM-CQ", "TM-AT", "DRM-DRM", "DRM-DP",
            "EM-EM", "DM-TDM", "DM-DCM", "MF-MI", "MF-MDI"
        ]
    );
    let items: Vec<&str> = (0..49).map(|i| m.item(i).code.as_str()).collect();
    let want: Vec<&str> = ITEM_CODES.split(", ").collect();
    assert_eq!(items, want);
    let names: Vec<(&str, &str)> = m
        .model
        .levels
        .iter()
        .map(|l| (l.name.zh.as_str(), l.name.en.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("初始级", "Initial"),
            ("基础级", "Foundation"),
            ("全面级", "Comprehensive"),
            ("优秀级", "Excellent"),
            ("卓越级", "Outstanding")
        ]
    );
}

#[test]
fn every_level_of_every_item_is_filled_in_both_languages() {
    let m = embedded();
    let mut same_as_lower = Vec::new();
    for i in 0..m.item_count() {
        let item = m.item(i);
        assert!(
            !item.baseline.zh.is_empty() && !item.baseline.en.is_empty(),
            "{}",
            item.code
        );
        assert_eq!(item.levels.len(), 4, "{}", item.code);
        for level in &item.levels {
            if level.same_as_lower {
                same_as_lower.push(format!("{}-L{}", item.code, level.level));
                assert!(level.requirements.is_empty());
            } else {
                assert!(
                    !level.requirements.is_empty(),
                    "{} L{}",
                    item.code,
                    level.level
                );
            }
            for (n, r) in level.requirements.iter().enumerate() {
                assert_eq!(r.id, format!("{}-L{}-{}", item.code, level.level, n + 1));
                for lang in Lang::ALL {
                    assert!(!r.text.get(lang).trim().is_empty(), "{} {lang:?}", r.id);
                }
            }
        }
    }
    // The six "same as above" cells and the blank level 5 of change rollback.
    assert_eq!(
        same_as_lower,
        [
            "CM-CM-CR-L5",
            "BCI-BP-BP-L5",
            "DM-TDM-DID-L5",
            "DM-DCM-CR-L5",
            "MF-MI-MDM-L5",
            "MF-MDI-MDU-L5",
            "MF-MDI-CS-L5"
        ]
    );
    assert_eq!(m.requirement_count(), 284);
}

#[test]
fn embedded_model_evidence_matches_the_checklist() {
    let m = embedded();
    let needs_l3: usize = (0..49).filter(|&i| m.item(i).l4_needs_l3_evidence).count();
    assert_eq!(
        needs_l3, 33,
        "the checklist asks for level-3 evidence on 33 of 49 items"
    );
    for code in ["DM-DCM-CR", "MF-MDI-CS"] {
        let i = m.find_item(code).unwrap();
        assert!(
            m.item_index(i).evidence.is_empty(),
            "{code} has no evidence in the checklist"
        );
    }
    // The figures docs/model-notes.md gives.
    let mut per_level = [0usize; 4];
    let mut kinds = std::collections::BTreeMap::new();
    let mut explained = 0;
    for i in 0..49 {
        for level in &m.item(i).levels {
            per_level[usize::from(level.level) - 2] += level.requirements.len();
            explained += level
                .requirements
                .iter()
                .filter(|r| r.explanation.is_some())
                .count();
            for e in &level.evidence {
                *kinds.entry(e.kind.code()).or_insert(0) += 1;
            }
        }
    }
    assert_eq!(per_level, [75, 78, 83, 48]);
    assert_eq!(explained, 50);
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        [("document", 67), ("screenshot", 71), ("video", 45)]
    );
    let vcs = m.item(m.find_item("CM-VC-VCS").unwrap());
    let l3: Vec<(EvidenceKind, &str)> = vcs.levels[1]
        .evidence
        .iter()
        .map(|e| (e.kind, e.title.zh.as_str()))
        .collect();
    assert_eq!(
        l3[2],
        (EvidenceKind::Document, "版本控制系统备份与恢复方案")
    );
    // Each sub-item's notes that record a decision exist for the documented oddities.
    for code in [
        "CM-VC-BM",
        "CM-CM-CR",
        "BCI-BP-BP",
        "DM-DCM-CR",
        "MF-MDI-CS",
        "DRM-DP-PV",
    ] {
        let item = m.item(m.find_item(code).unwrap());
        assert!(
            !item.notes.is_empty(),
            "{code} should carry a note on its decision"
        );
    }
}

/// The wording pass of version 2021-basis.2 (docs/model-notes.md, issue 13): what changed in
/// meaning stays changed.
#[test]
fn the_wording_corrections_of_2021_basis_2_are_in_the_model() {
    let m = embedded();
    let item = |code: &str| m.item(m.find_item(code).unwrap());
    let req = |id: &str| m.requirement(m.find_requirement(id).unwrap());
    // Feedback cycle: measured from the code commit until the pipeline passes again.
    let fp = item("BCI-CI-FP");
    let e = fp.explanation.as_ref().unwrap();
    assert!(
        e.zh.contains("提交代码") && e.zh.contains("流水线"),
        "{}",
        e.zh
    );
    assert!(
        e.en.contains("commit") && e.en.contains("pipeline"),
        "{}",
        e.en
    );
    for (id, limit) in [
        ("BCI-CI-FP-L2-1", "半天"),
        ("BCI-CI-FP-L3-1", "几个小时"),
        ("BCI-CI-FP-L4-1", "30 分钟"),
        ("BCI-CI-FP-L5-1", "10 分钟"),
    ] {
        let zh = &req(id).text.zh;
        assert!(
            zh.contains("从提交代码")
                && zh.contains("构建失败")
                && zh.contains("流水线重新通过")
                && zh.contains(limit),
            "{id}: {zh}"
        );
        assert!(!zh.contains("从发现集成问题"), "{id}: {zh}");
    }
    // Meaning.
    let ct = &req("CM-CM-CT-L3-1").text.zh;
    assert!(
        ct.contains("实时") && ct.contains("双向") && ct.contains("追溯") && !ct.contains("追查")
    );
    let am = &req("CM-VC-AM-L3-1").text;
    assert!(am.zh.contains("依赖的组件") && am.en.starts_with("Dependency components"));
    assert!(!req("TM-TH-HM-L2-3").text.zh.contains("做过"));
    assert!(!req("TM-AT-ADES-L5-1").text.zh.contains("每次"));
    assert!(req("CM-VC-SSOT-L5-2").text.zh.contains("体系"));
    assert!(req("DM-TDM-DID-L2-2").text.zh.contains("测试的一致性"));
    assert!(req("MF-MDI-MDU-L2-1").text.zh.contains("最新状态"));
    // Register: the established term, and no colloquialisms anywhere.
    for id in ["CM-VC-VCS-L3-3", "TM-AT-ADEV-L2-1"] {
        assert!(req(id).text.zh.contains("专人专岗"), "{id}");
    }
    for word in ["挤", "插手", "做得到", "管用"] {
        assert!(
            !EMBEDDED_MODEL.contains(word),
            "{word} is still in the model"
        );
    }
    // English: the sub-item on who sees the reports does not read like test coverage.
    assert_eq!(item("MF-MDI-CS").name.en, "Report reach");
    // Baselines: only what the form says; the empty cells are the form's, not the standard's.
    assert!(!item("MF-MI-MDM").baseline.zh.contains("用完即弃"));
    assert!(!item("DM-DCM-CR").baseline.zh.contains("随时"));
    // Since 2021-basis.3 the form's 无 reads 无 / None, and the remark on the source is a note.
    let empty: Vec<&str> = (0..m.item_count())
        .map(|i| m.item(i))
        .filter(|i| (i.baseline.zh.as_str(), i.baseline.en.as_str()) == ("无", "None"))
        .filter(|i| i.notes.iter().any(|n| n.zh.contains("自评表此级写作“无”")))
        .map(|i| i.code.as_str())
        .collect();
    assert_eq!(
        empty,
        [
            "CM-VC-SSOT",
            "CM-CM-CT",
            "CM-CM-CR",
            "TM-AT-ADES",
            "DM-TDM-DID",
            "MF-MI-MIM",
            "MF-MI-MIU"
        ]
    );
    assert!(
        !EMBEDDED_MODEL.contains("标准未描述") && !EMBEDDED_MODEL.contains("the standard gives no")
    );
    // Where the codes come from.
    assert!(m.model.source.zh.contains("编码取自中国信通院的材料清单"));
    assert!(m
        .model
        .source
        .en
        .contains("the codes come from CAICT's evidence checklist"));
}

#[test]
fn the_content_hash_is_the_sha256_of_the_file() {
    let m = embedded();
    assert_eq!(
        m.sha256,
        maturity_core::model::sha256::hex(EMBEDDED_MODEL.as_bytes())
    );
    assert_eq!(m.sha256.len(), 64);
}

#[test]
fn scaled_model_is_ten_times_the_size() {
    let m = load_model(&scaled_model_json(EMBEDDED_MODEL, 10)).expect("scaled model is valid");
    assert_eq!(
        (m.domain_count(), m.capability_count(), m.item_count()),
        (70, 140, 490)
    );
    assert_eq!(m.requirement_count(), 2840);
}

// ---- bad models ----------------------------------------------------------------------------

fn base() -> Value {
    serde_json::from_str(&tiny_model_json(&[
        &[&["2 1 1 1", "1 1 1 s"]],
        &[&["1 1 1 1"]],
    ]))
    .unwrap()
}

/// Applies a change to a valid model and checks the exact list of (path, problem) it causes.
#[track_caller]
fn check_bad(change: impl FnOnce(&mut Value), expected: &[(&str, ProblemKind)]) {
    let mut v = base();
    change(&mut v);
    let problems = match load_model(&v.to_string()) {
        Ok(_) => Vec::new(),
        Err(p) => p,
    };
    let got: Vec<(String, ProblemKind)> = problems.into_iter().map(|p| (p.path, p.kind)).collect();
    let want: Vec<(String, ProblemKind)> = expected
        .iter()
        .map(|(p, k)| (p.to_string(), k.clone()))
        .collect();
    assert_eq!(got, want);
}

const ITEM0: &str = "$.domains[0].capabilities[0].items[0]";

#[test]
fn the_base_model_is_valid() {
    check_bad(|_| {}, &[]);
}

#[test]
fn bad_models_report_every_problem_with_its_path() {
    use maturity_core::model::validate::Expected::*;
    use ProblemKind::*;
    check_bad(
        |v| v["format"] = json!("other/thing"),
        &[("$.format", UnknownFormat("other/thing".into()))],
    );
    check_bad(
        |v| v["format_version"] = json!(2),
        &[("$.format_version", UnsupportedVersion("2".into()))],
    );
    check_bad(
        |v| {
            v.as_object_mut().unwrap().remove("id");
        },
        &[("$.id", Missing)],
    );
    check_bad(
        |v| v["id"] = json!("bad id/x"),
        &[("$.id", BadCode("bad id/x".into()))],
    );
    check_bad(
        |v| v["title"] = json!("just a string"),
        &[("$.title", WrongType(Text))],
    );
    // One language is enough (docs/model-format.md): a title in Chinese only is fine in a
    // model that is complete in Chinese; a text in neither language is not.
    check_bad(|v| v["title"]["en"] = json!(""), &[]);
    check_bad(
        |v| v["title"] = json!({"zh": " ", "en": ""}),
        &[("$.title", NoText)],
    );
    // Complete in neither language: each text lacking the language fewer texts lack is named.
    check_bad(
        |v| {
            v["title"] = json!({"en": "Title"});
            v["source"] = json!({"en": "Source"});
            v["domains"][0]["name"] = json!({"zh": "域"});
        },
        &[("$.domains[0].name.en", EmptyText(Lang::En))],
    );
    check_bad(
        |v| {
            v["levels"]
                .as_array_mut()
                .unwrap()
                .pop()
                .map(|_| ())
                .unwrap_or(())
        },
        &[(
            "$.levels",
            LevelCount {
                expected: 5,
                found: 4,
            },
        )],
    );
    check_bad(
        |v| v["levels"][2]["level"] = json!(4),
        &[(
            "$.levels[2].level",
            LevelNumber {
                expected: 3,
                found: "4".into(),
            },
        )],
    );
    check_bad(|v| v["domains"] = json!([]), &[("$.domains", Empty)]);
    check_bad(
        |v| v["domains"] = json!({}),
        &[("$.domains", WrongType(Array))],
    );
    check_bad(
        |v| v["domains"][1]["code"] = json!("D1"),
        &[
            (
                "$.domains[1].code",
                Duplicate {
                    value: "D1".into(),
                    first: "$.domains[0].code".into(),
                },
            ),
            (
                "$.domains[1].capabilities[0].code",
                CodePrefix {
                    code: "D2-C1".into(),
                    parent: "D1".into(),
                },
            ),
        ],
    );
    check_bad(
        |v| v["domains"][0]["capabilities"][0]["code"] = json!("X-C1"),
        &[
            (
                "$.domains[0].capabilities[0].code",
                CodePrefix {
                    code: "X-C1".into(),
                    parent: "D1".into(),
                },
            ),
            (
                &format!("{ITEM0}.code"),
                CodePrefix {
                    code: "D1-C1-I1".into(),
                    parent: "X-C1".into(),
                },
            ),
            (
                "$.domains[0].capabilities[0].items[1].code",
                CodePrefix {
                    code: "D1-C1-I2".into(),
                    parent: "X-C1".into(),
                },
            ),
        ],
    );
    check_bad(
        |v| v["domains"][0]["capabilities"][0]["items"] = json!([]),
        &[("$.domains[0].capabilities[0].items", Empty)],
    );
    check_bad(
        |v| v["domains"][0]["capabilities"][0]["items"][0]["l4_needs_l3_evidence"] = json!("yes"),
        &[(&format!("{ITEM0}.l4_needs_l3_evidence"), WrongType(Bool))],
    );
    check_bad(
        |v| {
            v["domains"][0]["capabilities"][0]["items"][0]
                .as_object_mut()
                .unwrap()
                .remove("baseline");
        },
        &[(&format!("{ITEM0}.baseline"), Missing)],
    );
    check_bad(
        |v| {
            v["domains"][0]["capabilities"][0]["items"][0]["levels"][0]["requirements"][1]["id"] =
                json!("D1-C1-I1-L2-9")
        },
        &[(
            &format!("{ITEM0}.levels[0].requirements[1].id"),
            RequirementId {
                found: "D1-C1-I1-L2-9".into(),
                expected: "D1-C1-I1-L2-2".into(),
            },
        )],
    );
    check_bad(
        |v| {
            v["domains"][0]["capabilities"][0]["items"][0]["levels"][0]["requirements"][0]["text"] =
                json!({"zh": " "})
        },
        &[(&format!("{ITEM0}.levels[0].requirements[0].text"), NoText)],
    );
    check_bad(
        |v| v["domains"][0]["capabilities"][0]["items"][0]["levels"][1]["requirements"] = json!([]),
        &[(&format!("{ITEM0}.levels[1].requirements"), NoRequirements)],
    );
    check_bad(
        |v| {
            v["domains"][0]["capabilities"][0]["items"][0]["levels"][1]["same_as_lower"] =
                json!(true)
        },
        &[(
            &format!("{ITEM0}.levels[1].requirements"),
            SameAsLowerWithRequirements,
        )],
    );
    check_bad(
        |v| {
            let l = &mut v["domains"][0]["capabilities"][0]["items"][0]["levels"][0];
            l["same_as_lower"] = json!(true);
            l.as_object_mut().unwrap().remove("requirements");
        },
        &[(
            &format!("{ITEM0}.levels[0].same_as_lower"),
            SameAsLowerAtLevel2,
        )],
    );
    check_bad(
        |v| {
            v["domains"][0]["capabilities"][0]["items"][0]["levels"]
                .as_array_mut()
                .unwrap()
                .swap(1, 2);
        },
        &[
            (
                &format!("{ITEM0}.levels[1].level"),
                LevelNumber {
                    expected: 3,
                    found: "4".into(),
                },
            ),
            (
                &format!("{ITEM0}.levels[1].requirements[0].id"),
                RequirementId {
                    found: "D1-C1-I1-L4-1".into(),
                    expected: "D1-C1-I1-L3-1".into(),
                },
            ),
            (
                &format!("{ITEM0}.levels[2].level"),
                LevelNumber {
                    expected: 4,
                    found: "3".into(),
                },
            ),
            (
                &format!("{ITEM0}.levels[2].requirements[0].id"),
                RequirementId {
                    found: "D1-C1-I1-L3-1".into(),
                    expected: "D1-C1-I1-L4-1".into(),
                },
            ),
        ],
    );
    check_bad(
        |v| {
            v["domains"][0]["capabilities"][0]["items"][0]["levels"][0]["evidence"][0]["kind"] =
                json!("poster")
        },
        &[(
            &format!("{ITEM0}.levels[0].evidence[0].kind"),
            UnknownEvidenceKind("poster".into()),
        )],
    );
}

#[test]
fn several_problems_are_all_reported_not_just_the_first() {
    use ProblemKind::*;
    check_bad(
        |v| {
            v["format_version"] = json!("1");
            v["title"]["zh"] = json!(5);
            v["domains"][1]["capabilities"][0]["items"][0]["code"] = json!("D1-C1-I1");
            v["domains"][1]["capabilities"][0]["items"][0]["name"]["en"] = json!("");
        },
        &[
            ("$.format_version", UnsupportedVersion("\"1\"".into())),
            (
                "$.title.zh",
                WrongType(maturity_core::model::validate::Expected::String),
            ),
            (
                "$.domains[1].capabilities[0].items[0].code",
                CodePrefix {
                    code: "D1-C1-I1".into(),
                    parent: "D2-C1".into(),
                },
            ),
            (
                "$.domains[1].capabilities[0].items[0].code",
                Duplicate {
                    value: "D1-C1-I1".into(),
                    first: format!("{ITEM0}.code"),
                },
            ),
            // The requirement ids follow the item's (now wrong) code, so they clash as well.
            (
                "$.domains[1].capabilities[0].items[0].levels[0].requirements[0].id",
                RequirementId {
                    found: "D2-C1-I1-L2-1".into(),
                    expected: "D1-C1-I1-L2-1".into(),
                },
            ),
            (
                "$.domains[1].capabilities[0].items[0].levels[1].requirements[0].id",
                RequirementId {
                    found: "D2-C1-I1-L3-1".into(),
                    expected: "D1-C1-I1-L3-1".into(),
                },
            ),
            (
                "$.domains[1].capabilities[0].items[0].levels[2].requirements[0].id",
                RequirementId {
                    found: "D2-C1-I1-L4-1".into(),
                    expected: "D1-C1-I1-L4-1".into(),
                },
            ),
            (
                "$.domains[1].capabilities[0].items[0].levels[3].requirements[0].id",
                RequirementId {
                    found: "D2-C1-I1-L5-1".into(),
                    expected: "D1-C1-I1-L5-1".into(),
                },
            ),
            // The title has no usable Chinese, the sub-item's name no English: neither language
            // is complete, and Chinese is missing from fewer texts.
            ("$.title.zh", EmptyText(Lang::Zh)),
        ],
    );
}

#[test]
fn malformed_and_hostile_files_are_errors_not_crashes() {
    for text in [
        "",
        "{",
        "null",
        "[]",
        "\"a\"",
        "{\"format\": ",
        "\u{feff}{}",
    ] {
        assert!(load_model(text).is_err(), "{text:?}");
    }
    let deep = "[".repeat(100_000);
    let problems = load_model(&deep).unwrap_err();
    assert!(matches!(problems[0].kind, ProblemKind::Syntax { .. }));
    let huge = " ".repeat(9 * 1024 * 1024);
    assert!(matches!(
        load_model(&huge).unwrap_err()[0].kind,
        ProblemKind::TooLarge { .. }
    ));
    // Messages exist in both languages and name the problem.
    let p = &load_model("{").unwrap_err()[0];
    assert!(p.message(Lang::Zh).contains("JSON"));
    assert!(p.message(Lang::En).contains("line 1"));
}

#[test]
fn the_documented_example_model_is_valid() {
    let doc = include_str!("../../../../docs/model-format.md");
    let start = doc.find("```json\n").expect("the doc has a JSON example") + "```json\n".len();
    let end = start + doc[start..].find("\n```").unwrap();
    let m = load_model(&doc[start..end]).unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(m.item_count(), 1);
    assert_eq!(m.requirement_count(), 3);
    assert!(m.item_index(0).same_as_lower[3]);
    assert_eq!(m.item_index(0).evidence.len(), 2);
    // Unknown fields are ignored, as the doc promises.
    let mut v: Value = serde_json::from_str(&doc[start..end]).unwrap();
    v["x_publisher"] = json!("ACME");
    v["domains"][0]["x_weight"] = json!(2);
    assert!(load_model(&v.to_string()).is_ok());
}

#[test]
fn the_fast_start_up_path_reads_the_embedded_model_as_the_full_validation_does() {
    // The page reads the embedded model without the walk that explains problems; this test is
    // what makes that safe: the full validation passes and both give the same model.
    let full = load_model(EMBEDDED_MODEL).unwrap();
    let fast = maturity_core::model::validate::load_trusted_model(EMBEDDED_MODEL).unwrap();
    assert_eq!(full.model, fast.model);
    assert_eq!(full.sha256, fast.sha256);
    assert!(maturity_core::model::validate::load_trusted_model("{").is_err());
}
