//! The materials check: which file serves which evidence entry (a table, one line per rule),
//! what the target plan finds and misses, taking the result into the entries (and undoing it),
//! and the time a large folder takes.

use std::time::Instant;

use maturity_core::assess::assessment::{
    Assessment, Edit, EntryKind, EvidenceField, EvidenceStatus,
};
use maturity_core::assess::materials::{
    acceptance, check, file_class, file_uses, material_name, size_text, CheckedFile, EvidenceCheck,
    FileClass, FileUse, KEEP_UNMATCHED,
};
use maturity_core::model::LoadedModel;
use maturity_core::text::Lang;

use crate::common::model;

/// An assessment with entries the team added or retitled, as a team's would be:
/// - `CM-VC-VCS` e20 "版本库权限清单" (a document the team added);
/// - `CM-VC-VCS` e21 "分支保护演示" (a video the team added);
/// - the model's `CM-VC-VCS-L3-5` retitled "SVN 日常管理手册".
fn assessment(m: &LoadedModel) -> Assessment {
    let mut a = Assessment::new("t", "t", m, 3, Lang::Zh, "2026-01-01T00:00:00.000Z");
    let now = "2026-01-02T00:00:00.000Z";
    let item = "CM-VC-VCS".to_string();
    for (title, kind) in [
        ("版本库权限清单", EntryKind::Document),
        ("分支保护演示", EntryKind::Video),
    ] {
        a.apply(&Edit::AddEvidence { item: item.clone() }, now);
        let id = a.items[&item].evidence.last().unwrap().id.clone();
        for field in [
            EvidenceField::Title(title.into()),
            EvidenceField::Kind(kind),
        ] {
            a.apply(
                &Edit::Evidence {
                    item: item.clone(),
                    id: id.clone(),
                    field,
                },
                now,
            );
        }
    }
    let retitled = entry_id(&a, "CM-VC-VCS", Some("CM-VC-VCS-L3-5"));
    a.apply(
        &Edit::Evidence {
            item: item.clone(),
            id: retitled,
            field: EvidenceField::Title("SVN 日常管理手册".into()),
        },
        now,
    );
    a
}

fn entry_id(a: &Assessment, item: &str, reference: Option<&str>) -> String {
    a.items[item]
        .evidence
        .iter()
        .find(|e| e.reference.as_deref() == reference)
        .map(|e| e.id.clone())
        .unwrap()
}

fn file(path: &str) -> CheckedFile {
    CheckedFile {
        path: path.into(),
        size: 1000,
        modified: "2026-03-01T08:00:00.000Z".into(),
    }
}

/// What the file at `path` serves, written as the entries' references sorted and joined by
/// spaces: the evidence code, `<item>/<id>` for an entry the team added, `?` before a doubt;
/// `ignored` for a file that is not a material, `` for one that matches nothing.
fn served(m: &LoadedModel, a: &Assessment, path: &str) -> String {
    match &file_uses(m, a, &[file(path)])[0] {
        FileUse::Ignored => "ignored".into(),
        FileUse::Serves(s) => {
            let mut refs: Vec<String> = s
                .iter()
                .map(|x| {
                    let r = match x.expected {
                        Some(_) => x.reference(m),
                        None => format!(
                            "{}/{}",
                            m.item(x.item).code,
                            x.entry_id.clone().unwrap_or_default()
                        ),
                    };
                    if x.doubt {
                        format!("?{r}")
                    } else {
                        r
                    }
                })
                .collect();
            refs.sort();
            refs.join(" ")
        }
    }
}

#[test]
fn which_file_serves_which_entry() {
    let m = model();
    let a = assessment(&m);
    let team = |title: &str| {
        let id = a.items["CM-VC-VCS"]
            .evidence
            .iter()
            .find(|e| e.title == title)
            .map(|e| e.id.clone())
            .unwrap();
        format!("CM-VC-VCS/{id}")
    };
    let (permissions, protection) = (team("版本库权限清单"), team("分支保护演示"));
    let check = |path: &str, expect: &str| {
        assert_eq!(served(&m, &a, path), expect, "{path}");
    };

    // Evidence codes: as CAICT names files, with a part prefix, any separator, any case,
    // full-width, a leading zero, several in one name.
    check(
        "材料/CM-VC-VCS-L3-3-《版本控制系统备份与恢复方案》.docx",
        "CM-VC-VCS-L3-3",
    );
    check("材料/CD-CM-VC-VCS-L3-03 备份方案.docx", "CM-VC-VCS-L3-3");
    check("材料/cd_cm_vc_vcs_l3_3.pdf", "CM-VC-VCS-L3-3");
    check("材料/CM.VC.VCS L3.3.docx", "CM-VC-VCS-L3-3");
    check(
        "材料/ＣＭ－ＶＣ－ＶＣＳ－Ｌ３－３　备份.docx",
        "CM-VC-VCS-L3-3",
    );
    check(
        "材料/CM-VC-VCS-L3-3、CM-VC-VCS-L3-4.docx",
        "CM-VC-VCS-L3-3 CM-VC-VCS-L3-4",
    );
    // The checklist repeats a material at several levels: each level's code finds it.
    check("材料/CM-VC-VCS-L3-2-基本使用规范.docx", "CM-VC-VCS-L2-1");
    check("材料/CM-VC-VCS-L4-1-配置内容演示.png", "CM-VC-VCS-L3-1");
    // A folder on the path carries the code (the nearest one); the name's own code first.
    check(
        "材料/CM-VC-VCS-L4-2 自动化操作演示/录屏.mp4",
        "CM-VC-VCS-L4-2",
    );
    check(
        "材料/CM-VC-VCS-L4-2/CM-VC-VCS-L4-3/方案.docx",
        "CM-VC-VCS-L4-3",
    );
    check(
        "材料/CM-VC-VCS-L3-3/CM-VC-VCS-L3-4 演练记录.docx",
        "CM-VC-VCS-L3-4",
    );
    // A code the checklist does not have: the title decides (within the code's sub-item).
    check(
        "材料/CM-VC-VCS-L3-9-版本控制系统高可用方案.docx",
        "CM-VC-VCS-L4-3",
    );
    check("材料/CM-VC-VCS-L5-1.docx", "");
    // Titles, in either language, without extension, punctuation, 《》 or spaces.
    check(
        "材料/版本控制系统备份与恢复方案（2024版）.docx",
        "CM-VC-VCS-L3-3",
    );
    check(
        "材料/《版本控制系统 备份与恢复方案》.docx",
        "CM-VC-VCS-L3-3",
    );
    check(
        "materials/Backup and recovery plan for the version control system v2.docx",
        "CM-VC-VCS-L3-3",
    );
    // A title the checklist names in two sub-items serves both, unless a folder or the
    // name says which sub-item (by code or by name, a leading number allowed).
    check("材料/测试方案.docx", "TM-TH-HM-L2-1 TM-TH-HS-L2-1");
    check("材料/TM-TH-HM/测试方案.docx", "TM-TH-HM-L2-1");
    check("材料/分层策略/测试方案.docx", "TM-TH-HS-L2-1");
    check(
        "materials/02 Layering strategy/测试方案.docx",
        "TM-TH-HS-L2-1",
    );
    check("材料/TM-TH-HM-测试方案.docx", "TM-TH-HM-L2-1");
    check("材料/CM-VC-BM 分支信息图.png", "CM-VC-BM-L2-2");
    // Within a sub-item's folder, another sub-item's title matches nothing.
    check("材料/版本控制系统/分支模型与管理规范.docx", "");
    check("材料/CM-VC-VCS/分支模型与管理规范.docx", "");
    // A title inside a longer one is not what the file is named after.
    check(
        "材料/测试方案中定义的测试类型的测试报告.docx",
        "TM-TH-HS-L2-2",
    );
    check("材料/自动化构建脚本内容的模块化描述.docx", "BCI-BP-BM-L3-1");
    // Kind against extension: a doubt, not a match; screenshots may come in a document;
    // archives and unknown extensions may hold anything.
    check("材料/CM-VC-VCS-L4-2.docx", "?CM-VC-VCS-L4-2");
    check("材料/CM-VC-VCS-L3-3.png", "?CM-VC-VCS-L3-3");
    check("材料/CM-VC-VCS-L4-3.mp4", "?CM-VC-VCS-L4-3");
    check("材料/CM-VC-VCS-L2-2 仓库列表截图.docx", "CM-VC-VCS-L2-2");
    check("材料/CM-VC-VCS-L4-2.zip", "CM-VC-VCS-L4-2");
    check("材料/CM-VC-VCS-L4-2", "CM-VC-VCS-L4-2");
    // Entries the team added match by their title (and kind); a retitled model entry by
    // both titles.
    check("材料/版本库权限清单.xlsx", &permissions);
    check("材料/版本控制系统/分支保护演示.mp4", &protection);
    check("材料/分支保护演示.pptx", &format!("?{protection}"));
    check("材料/SVN日常管理手册.docx", "CM-VC-VCS-L3-5");
    check("材料/版本控制系统日常管理规范.docx", "CM-VC-VCS-L3-5");
    // One file for two sub-items' identical material.
    check("材料/提交即构建效果.mp4", "BCI-BP-BP-L3-1 BCI-CI-IM-L3-1");
    // Matching nothing, and not being a material at all.
    check("材料/会议纪要.docx", "");
    check("材料/VCS.docx", "");
    check("材料/~$版本控制系统备份与恢复方案.docx", "ignored");
    check("材料/Thumbs.db", "ignored");
    check("材料/.git/config", "ignored");
    check("材料/.DS_Store", "ignored");
    check("材料/子目录/desktop.ini", "ignored");
}

#[test]
fn extensions_tell_the_kind() {
    for (name, class) in [
        ("a.DOCX", FileClass::Document),
        ("a.pdf", FileClass::Document),
        ("a.wps", FileClass::Document),
        ("a.PNG", FileClass::Image),
        ("a.jpeg", FileClass::Image),
        ("a.mp4", FileClass::Video),
        ("a.MOV", FileClass::Video),
        ("a.7z", FileClass::Archive),
        ("a", FileClass::Other),
        (".hidden", FileClass::Other),
        ("a.dat", FileClass::Other),
    ] {
        assert_eq!(file_class(name), class, "{name}");
    }
}

/// A folder a team might have: two files named by code, one by title in a sub-item's folder,
/// a video as a document, a level-4 material, and two files that are nothing.
fn folder() -> Vec<CheckedFile> {
    [
        "材料/CM-VC-VCS-L2-1-《版本控制系统基本使用规范》.docx",
        "材料/CM-VC-VCS-L3-3 备份与恢复方案.pdf",
        "材料/版本控制系统/版本控制系统中参评项目相关仓库列表截图.png",
        "材料/CM-VC-BM-L3-2-分支信息与合并过程.docx",
        "材料/CM-VC-VCS-L4-3-高可用方案.docx",
        "材料/会议纪要.docx",
        "材料/~$临时.docx",
        "材料/照片.jpg",
    ]
    .into_iter()
    .map(file)
    .collect()
}

#[test]
fn the_target_plan_finds_and_misses() {
    let m = model();
    let a = assessment(&m);
    let files = folder();
    let r = check(&m, &a, &files);
    let plan_lines = maturity_core::assess::gap::evidence_plan(&m, &a)
        .iter()
        .map(|p| p.lines.len())
        .sum::<usize>();
    assert_eq!(r.needed(), plan_lines);
    let found: Vec<&str> = r
        .lines
        .iter()
        .filter(|l| l.is_found())
        .map(|l| l.reference.as_str())
        .collect();
    assert_eq!(found, ["CM-VC-VCS-L2-1", "CM-VC-VCS-L3-3"]);
    assert_eq!(r.found(), 2);
    assert_eq!(r.missing().count(), r.needed() - 2);
    // Level 2's screenshot is not in a level-3 target's plan: served elsewhere, like the
    // level-4 plan; the video as a .docx is a doubt on its line.
    let path = |f: usize| files[f].path.as_str();
    let elsewhere: Vec<&str> = r.elsewhere.iter().map(|&f| path(f)).collect();
    assert_eq!(
        elsewhere,
        [
            "材料/版本控制系统/版本控制系统中参评项目相关仓库列表截图.png",
            "材料/CM-VC-VCS-L4-3-高可用方案.docx"
        ]
    );
    let bm = r
        .lines
        .iter()
        .find(|l| l.reference == "CM-VC-BM-L3-2")
        .unwrap();
    assert!(!bm.is_found());
    assert_eq!(
        bm.doubts.iter().map(|&f| path(f)).collect::<Vec<_>>(),
        ["材料/CM-VC-BM-L3-2-分支信息与合并过程.docx"]
    );
    let unmatched: Vec<&str> = r.unmatched.iter().map(|&f| path(f)).collect();
    assert_eq!(unmatched, ["材料/会议纪要.docx", "材料/照片.jpg"]);
    // The entries the team added are lines of the plan, referred to by their id.
    let team: Vec<&str> = r
        .lines
        .iter()
        .filter(|l| l.expected.is_none())
        .map(|l| l.reference.as_str())
        .collect();
    assert_eq!(team.len(), 2);
    assert!(team.iter().all(|t| t.starts_with('e')), "{team:?}");
}

#[test]
fn a_kept_check_drops_system_files_and_keeps_every_match() {
    let m = model();
    let a = assessment(&m);
    let mut files = folder();
    files.extend((0..KEEP_UNMATCHED + 50).map(|n| file(&format!("材料/杂项/{n:04}.txt"))));
    let kept = EvidenceCheck::new(&m, &a, "2026-03-02T00:00:00.000Z", "材料", files.clone());
    // The lock file and the unmatched files beyond the limit (two of the folder's, 250 more)
    // are counted, not kept.
    let not_kept = 1 + (2 + KEEP_UNMATCHED + 50 - KEEP_UNMATCHED);
    assert_eq!(kept.not_kept as usize, not_kept);
    assert_eq!(kept.files.len(), files.len() - not_kept);
    assert!(kept.files.windows(2).all(|w| w[0].path < w[1].path));
    assert_eq!(
        check(&m, &a, &kept.files).found(),
        check(&m, &a, &files).found()
    );
}

#[test]
fn taking_the_result_marks_found_entries_ready_and_fills_empty_locations_only() {
    let m = model();
    let mut a = assessment(&m);
    let now = "2026-03-03T00:00:00.000Z";
    let l33 = entry_id(&a, "CM-VC-VCS", Some("CM-VC-VCS-L3-3"));
    let l21 = entry_id(&a, "CM-VC-VCS", Some("CM-VC-VCS-L2-1"));
    // The team wrote a location for one and marked the other in progress.
    let set = |a: &mut Assessment, id: &str, field| {
        a.apply(
            &Edit::Evidence {
                item: "CM-VC-VCS".into(),
                id: id.into(),
                field,
            },
            now,
        )
    };
    set(
        &mut a,
        &l33,
        EvidenceField::Location("\\\\share\\cd\\备份.pdf".into()),
    );
    set(
        &mut a,
        &l21,
        EvidenceField::Status(EvidenceStatus::InProgress),
    );
    let c = EvidenceCheck::new(&m, &a, now, "材料", folder());
    let before = a.clone();
    let take = acceptance(&m, &a, &c);
    assert_eq!((take.statuses, take.locations), (2, 1));
    for e in &take.edits {
        a.apply(e, now);
    }
    let entry = |a: &Assessment, id: &str| {
        a.items["CM-VC-VCS"]
            .evidence
            .iter()
            .find(|e| e.id == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(entry(&a, &l33).status, EvidenceStatus::Ready);
    assert_eq!(entry(&a, &l33).location, "\\\\share\\cd\\备份.pdf");
    assert_eq!(entry(&a, &l21).status, EvidenceStatus::Ready);
    assert_eq!(
        entry(&a, &l21).location,
        "材料/CM-VC-VCS-L2-1-《版本控制系统基本使用规范》.docx"
    );
    // Nothing left to take; undo brings back exactly what was there.
    assert!(acceptance(&m, &a, &c).edits.is_empty());
    for e in &take.undo_now(&a) {
        a.apply(e, now);
    }
    assert_eq!(a.items, before.items);
    // A location the team changed after taking the result is its newer work: undo leaves
    // it (and undoes the rest).
    for e in &take.edits {
        a.apply(e, now);
    }
    set(
        &mut a,
        &l21,
        EvidenceField::Location("\\\\share\\新位置.docx".into()),
    );
    let undo = take.undo_now(&a);
    assert_eq!(undo.len(), 2, "{undo:?}");
    for e in &undo {
        a.apply(e, now);
    }
    assert_eq!(entry(&a, &l21).location, "\\\\share\\新位置.docx");
    assert_eq!(entry(&a, &l21).status, EvidenceStatus::InProgress);
    assert_eq!(entry(&a, &l33).status, EvidenceStatus::Missing);
}

#[test]
fn sizes_and_material_names_read_as_people_write_them() {
    assert_eq!(size_text(820), "820 B");
    assert_eq!(size_text(12_595), "12.3 KB");
    assert_eq!(size_text(4_718_592), "4.5 MB");
    assert_eq!(
        material_name("CM-VC-VCS-L3-3", "版本控制系统备份与恢复方案", Lang::Zh),
        "CM-VC-VCS-L3-3-《版本控制系统备份与恢复方案》"
    );
    assert_eq!(
        material_name("CM-VC-VCS-L3-3", "Backup plan", Lang::En),
        "CM-VC-VCS-L3-3 “Backup plan”"
    );
    assert_eq!(material_name("CM-VC-VCS", "", Lang::En), "CM-VC-VCS");
}

/// A materials folder of a few thousand files is checked in well under a second (the check
/// runs again on every change of the plan, so it must stay cheap). Prints the time.
#[test]
fn a_folder_of_thousands_of_files_is_checked_quickly() {
    let m = model();
    let a = assessment(&m);
    let files = large_folder(&m, 4000);
    let start = Instant::now();
    let kept = EvidenceCheck::new(&m, &a, "t", "材料", files.clone());
    let r = check(&m, &a, &kept.files);
    let took = start.elapsed();
    println!(
        "materials check: {} files, {} kept, {} found of {}: {:.1} ms ({} build)",
        files.len(),
        kept.files.len(),
        r.found(),
        r.needed(),
        took.as_secs_f64() * 1e3,
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    assert!(r.found() > 0);
    assert!(took.as_secs_f64() < 1.0, "took {took:?}");
}

/// `n` files: a third named by code, a third by title in sub-item folders, a third unrelated.
pub fn large_folder(m: &LoadedModel, n: usize) -> Vec<CheckedFile> {
    let mut out = Vec::with_capacity(n);
    let evidence: Vec<(String, String, String)> = (0..m.item_count())
        .flat_map(|i| {
            let item = m.item(i);
            m.item_index(i)
                .evidence
                .iter()
                .map(move |e| (item.name.zh.clone(), e.code.clone(), e.title.zh.clone()))
        })
        .collect();
    for k in 0..n {
        let (folder, code, title) = &evidence[k % evidence.len()];
        let path = match k % 3 {
            0 => format!("材料/{code}-《{title}》-{k}.docx"),
            1 => format!("材料/{folder}/{title}（第{k}版）.pdf"),
            _ => format!("材料/归档/{k:05}/会议纪要-{k}.docx"),
        };
        out.push(CheckedFile {
            path,
            size: 1000 + k as u64,
            modified: String::new(),
        });
    }
    out
}

/// The assessment with a check of [`folder`] recorded through its edit.
fn checked(m: &LoadedModel, at: &str) -> Assessment {
    let mut a = assessment(m);
    let c = EvidenceCheck::new(m, &a, at, "材料", folder());
    assert!(a.apply(&Edit::EvidenceCheck(Some(Box::new(c))), at));
    a
}

#[test]
fn the_check_travels_in_the_exchange_file_and_the_document() {
    use maturity_core::formats::document;
    use maturity_core::formats::exchange::{export, import};
    let m = model();
    let a = checked(&m, "2026-03-02T00:00:00.000Z");
    let first = export(&m, &a, "2026-03-03T00:00:00.000Z");
    let v: serde_json::Value = serde_json::from_str(&first).unwrap();
    let c = &v["evidence_check"];
    assert_eq!(c["checked_at"], "2026-03-02T00:00:00.000Z");
    assert_eq!(c["folder"], "材料");
    assert_eq!(c["not_kept"], 1, "the lock file");
    assert_eq!(
        c["files"][0],
        serde_json::json!({
            "path": "材料/CM-VC-BM-L3-2-分支信息与合并过程.docx",
            "size": 1000,
            "modified": "2026-03-01T08:00:00.000Z"
        })
    );
    let back = import(&first, std::slice::from_ref(&m));
    assert!(back.problems.is_empty(), "{:?}", back.problems);
    let back = back.assessment.unwrap();
    assert_eq!(back.evidence_check, a.evidence_check);
    assert_eq!(
        export(&m, &back, "2026-03-03T00:00:00.000Z"),
        first,
        "export → import → export is identical"
    );
    // In a workbook document, the same block.
    let page = "<!doctype html><html><head></head><body><p>x</p></body></html>";
    let doc = document::write(page, &first).unwrap();
    let read = document::import_any(&doc, std::slice::from_ref(&m));
    assert_eq!(read.assessment.unwrap().evidence_check, a.evidence_check);
    // Forgetting the check is an edit too, and the key leaves the file.
    let mut forgot = back;
    assert!(forgot.apply(&Edit::EvidenceCheck(None), "2026-03-04T00:00:00.000Z"));
    assert!(!export(&m, &forgot, "t").contains("evidence_check"));
}

#[test]
fn files_without_a_check_import_as_before_and_a_bad_check_is_reported_precisely() {
    use maturity_core::formats::exchange::{export, import, ImportKind, Severity};
    use maturity_core::model::validate::{Expected, ProblemKind};
    let m = model();
    let models = std::slice::from_ref(&m);
    // Written before the check existed (the stored version-1 fixture is one too).
    let plain = export(&m, &assessment(&m), "t");
    assert!(!plain.contains("evidence_check"));
    let read = import(&plain, models);
    assert!(read.problems.is_empty());
    assert_eq!(read.assessment.unwrap().evidence_check, None);
    // Older workbooks read `evidence_check` as they read any unknown top-level key: a warning,
    // the rest imported. This version does the same with a key it does not know.
    let mut v: serde_json::Value = serde_json::from_str(&plain).unwrap();
    v["evidence_check_v2"] = serde_json::json!({"x": 1});
    let read = import(&v.to_string(), models);
    assert!(read.is_ok());
    assert_eq!(
        read.problems
            .iter()
            .map(|p| (p.path.as_str(), p.severity))
            .collect::<Vec<_>>(),
        [("$.evidence_check_v2", Severity::Warning)]
    );
    // A damaged check: every problem with its path; unknown keys are warnings.
    let mut v: serde_json::Value =
        serde_json::from_str(&export(&m, &checked(&m, "2026-03-02T00:00:00.000Z"), "t")).unwrap();
    v["evidence_check"]["files"][0]["size"] = "big".into();
    v["evidence_check"]["files"][1]["path"] = serde_json::Value::Null;
    v["evidence_check"]["files"][2]["hash"] = "x".into();
    v["evidence_check"]["checked_at"] = 5.into();
    let problems: Vec<(String, Severity, ImportKind)> = import(&v.to_string(), models)
        .problems
        .into_iter()
        .map(|p| (p.path, p.severity, p.kind))
        .collect();
    assert_eq!(
        problems,
        [
            (
                "$.evidence_check.files[2].hash".to_string(),
                Severity::Warning,
                ImportKind::UnknownField("hash".into())
            ),
            (
                "$.evidence_check.checked_at".to_string(),
                Severity::Error,
                ImportKind::Structure(ProblemKind::WrongType(Expected::String))
            ),
            (
                "$.evidence_check.files[0].size".to_string(),
                Severity::Error,
                ImportKind::Structure(ProblemKind::WrongType(Expected::Integer))
            ),
            (
                "$.evidence_check.files[1].path".to_string(),
                Severity::Error,
                ImportKind::Structure(ProblemKind::Missing)
            ),
        ]
    );
}

#[test]
fn the_check_is_stored_with_the_assessment_and_a_merge_keeps_the_newer() {
    use maturity_core::store::merge::{plan, same_work};
    use maturity_core::store::workspace::Workspace;
    let m = model();
    let kv = crate::common::Shared::default();
    let mut w = Workspace::new(kv.store(), m.clone(), true);
    w.load("2026-03-01T00:00:00.000Z");
    w.create_default("a1", Lang::Zh, "2026-03-01T00:00:00.000Z");
    w.open("a1", "2026-03-01T00:00:00.000Z").unwrap();
    let a = w.current().unwrap().clone();
    let c = EvidenceCheck::new(&m, &a, "2026-03-02T00:00:00.000Z", "材料", folder());
    assert!(w.apply_current(
        Edit::EvidenceCheck(Some(Box::new(c.clone()))),
        "2026-03-02T00:00:00.000Z"
    ));
    w.flush("2026-03-02T00:00:00.000Z");
    // Another tab (a fresh load of the same store) reads it back.
    let mut other = Workspace::new(kv.store(), m.clone(), true);
    other.load("2026-03-03T00:00:00.000Z");
    let stored = other.get("a1").unwrap().clone();
    assert_eq!(stored.evidence_check.as_ref(), Some(&c));
    // Two copies that differ only by their check do not hold the same work; a merge takes
    // the newer check.
    let mut newer = stored.clone();
    let c2 = EvidenceCheck::new(&m, &a, "2026-03-05T00:00:00.000Z", "材料2", folder());
    newer.apply(&Edit::EvidenceCheck(Some(Box::new(c2.clone()))), "t");
    assert!(!same_work(&stored, &newer));
    let p = plan(&stored, &newer);
    assert!(p.conflicts.is_empty());
    assert_eq!(p.merged.evidence_check.as_ref(), Some(&c2));
    assert!(p.taken.contains(&"evidence_check".to_string()));
    let p = plan(&newer, &stored);
    assert_eq!(
        p.merged.evidence_check.as_ref(),
        Some(&c2),
        "this copy's is newer"
    );
}

#[test]
fn the_csv_checklist_and_the_mail_summary_carry_the_last_check() {
    use maturity_core::formats::{csv, summary::summary};
    let m = model();
    let a = checked(&m, "2026-03-02T09:30:00.000Z");
    let rows = csv::parse(&csv::evidence(&m, &a, Lang::Zh)).unwrap();
    assert_eq!(rows[0][0], "材料编号");
    assert_eq!(rows[0][9], "找到的文件（最近一次检查）");
    let row = |code: &str| rows.iter().find(|r| r[0] == code).unwrap().clone();
    assert_eq!(
        row("CM-VC-VCS-L2-1")[9],
        "材料/CM-VC-VCS-L2-1-《版本控制系统基本使用规范》.docx"
    );
    assert_eq!(row("CM-VC-VCS-L3-4")[9], "");
    // Without a check the column is there, empty.
    let plain = csv::parse(&csv::evidence(&m, &assessment(&m), Lang::En)).unwrap();
    assert_eq!(plain[0][9], "Files found (last check)");
    assert!(plain[1..].iter().all(|r| r[9].is_empty()));

    let r = check(&m, &a, &a.evidence_check.as_ref().unwrap().files);
    let zh = summary(&m, &a, Lang::Zh, "2026-03-03");
    assert!(
        zh.text.contains(&format!(
            "材料文件夹检查（2026-03-02 09:30）：找到 {}/{} 项。",
            r.found(),
            r.needed()
        )),
        "{}",
        zh.text
    );
    // The first missing materials by code, the rest counted.
    assert!(
        zh.text
            .contains("缺少的材料：CM-VC-VCS-L3-1；CM-VC-VCS-L3-4；CM-VC-VCS-L3-5；"),
        "{}",
        zh.text
    );
    assert!(zh.text.contains(&format!("等 {} 项", r.needed() - 2 - 8)));
    assert!(zh.markdown.contains("- 材料文件夹检查"));
    let en = summary(&m, &a, Lang::En, "2026-03-03");
    assert!(
        en.text.contains("Missing materials: CM-VC-VCS-L3-1; "),
        "{}",
        en.text
    );
    assert!(!summary(&m, &assessment(&m), Lang::Zh, "d")
        .text
        .contains("材料文件夹检查"));
}
