//! Clear to the team and to the assessor (issue 26): file names that tell the level reached from
//! the target and never overstate it, levels in words, whose assessment it is (the form at the
//! first open, the default name), the Excel header and legend, the mail summary, and a JSON
//! export that leaves the workbook document saved.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use maturity_core::assess::assessment::{Assessment, Edit, ProjectField, Status};
use maturity_core::assess::identity::{default_name, identity_line, is_default_name};
use maturity_core::assess::rule::Rule;
use maturity_core::assess::score::{score, Label};
use maturity_core::formats::names::{assessment_file, compose, safe_part, NameParts};
use maturity_core::formats::{caict, csv, document, summary};
use maturity_core::model::LoadedModel;
use maturity_core::store::workspace::Workspace;
use maturity_core::text::Lang;

use crate::common::{model, Shared};

const T0: &str = "2026-12-04T08:00:00.000Z";
const T1: &str = "2026-12-04T09:00:00.000Z";
const T2: &str = "2026-12-04T10:00:00.000Z";
const TODAY: &str = "2026-12-04";

fn set(a: &mut Assessment, req: &str, status: Status) {
    a.apply(
        &Edit::Answer {
            req: req.into(),
            status: Some(status),
        },
        T0,
    );
}

/// A team at "3-" overall (level 2 reached everywhere, some level-3 progress) with target 3:
/// every level-2 requirement met, and the first level-3 requirement of one sub-item.
fn team_at_2_progress_on_3(m: &LoadedModel) -> Assessment {
    let mut a = Assessment::new("t1", default_name(m, Lang::Zh, ""), m, 3, Lang::Zh, T0);
    for i in 0..m.item_count() {
        for r in m.item_index(i).levels[0].clone() {
            set(&mut a, m.requirement_id(r), Status::Met);
        }
    }
    let first_l3 = m.item_index(0).levels[1].start;
    set(&mut a, m.requirement_id(first_l3), Status::Met);
    for (field, value) in [
        (ProjectField::Organisation, "某银行"),
        (ProjectField::Project, "手机银行App"),
    ] {
        a.apply(
            &Edit::Project {
                field,
                value: value.into(),
            },
            T0,
        );
    }
    a
}

#[test]
fn the_team_is_at_level_2_with_progress_on_3() {
    let m = model();
    let a = team_at_2_progress_on_3(&m);
    let r = score(&m, &a.answers, a.target_level, Rule::default());
    assert_eq!(
        r.part.label,
        Label {
            level: 2,
            partial: true
        }
    );
    assert_eq!(
        r.part.label.to_string(),
        "3-",
        "CAICT's notation stays for the forms"
    );
}

#[test]
fn file_names_give_the_level_reached_and_the_target_apart_in_both_languages() {
    let m = model();
    let a = team_at_2_progress_on_3(&m);
    for (ext, part) in [
        ("html", None),
        ("json", None),
        ("xlsx", None),
        ("csv", Some("自评表")),
    ] {
        let zh = assessment_file(&m, &a, Lang::Zh, TODAY, part, ext);
        let want = match part {
            None => format!("手机银行App-持续交付-自评2-目标3-2026-12-04.{ext}"),
            Some(p) => format!("手机银行App-持续交付-自评2-目标3-{p}-2026-12-04.{ext}"),
        };
        assert_eq!(zh, want);
        // "3-" (CAICT's label) and "L3" (the old target mark) never appear as a level.
        assert!(!zh.contains("自评3") && !zh.contains("L3"), "{zh}");
    }
    assert_eq!(
        assessment_file(&m, &a, Lang::En, TODAY, None, "json"),
        "手机银行App-Continuous_Delivery-rated2-target3-2026-12-04.json"
    );
    // The document's default name is the same name.
    assert_eq!(
        document::default_name(&m, &a, Lang::Zh, TODAY),
        "手机银行App-持续交付-自评2-目标3-2026-12-04.html"
    );
    // Without a project the assessment's name stands in, and its model part is not repeated.
    let mut unnamed = a.clone();
    unnamed.project.project.clear();
    unnamed.name = default_name(&m, Lang::Zh, "");
    assert_eq!(
        assessment_file(&m, &unnamed, Lang::Zh, TODAY, None, "json"),
        "持续交付自评-自评2-目标3-2026-12-04.json"
    );
}

#[test]
fn file_names_replace_what_file_systems_refuse() {
    let parts = |project: &'static str| NameParts {
        project,
        model: "Continuous Delivery",
        reached: 1,
        target: 4,
        part: None,
        date: "2026-12-04",
        extension: "json",
    };
    for (project, lang, want) in [
        (
            "网银 项目",
            Lang::Zh,
            "网银_项目-Continuous_Delivery-自评1-目标4-2026-12-04.json",
        ),
        (
            "a/b:c*?\"<>|d",
            Lang::En,
            "a-b-c-d-Continuous_Delivery-rated1-target4-2026-12-04.json",
        ),
        (
            "  ..Team\tA\n. ",
            Lang::En,
            "Team-A-Continuous_Delivery-rated1-target4-2026-12-04.json",
        ),
        (
            "evil\u{202e}lmth.exe",
            Lang::En,
            "evil-lmth.exe-Continuous_Delivery-rated1-target4-2026-12-04.json",
        ),
        (
            "   ",
            Lang::Zh,
            "Continuous_Delivery-自评1-目标4-2026-12-04.json",
        ),
        (
            "continuous delivery platform",
            Lang::En,
            "continuous_delivery_platform-rated1-target4-2026-12-04.json",
        ),
    ] {
        assert_eq!(compose(&parts(project), lang), want, "{project:?}");
    }
    // Nothing refused survives, whatever the project is called.
    let hostile: String = (0u32..0x3000)
        .filter_map(char::from_u32)
        .filter(|c| {
            c.is_control() || "\\/:*?\"<>|. -_\u{202e}\u{2067}".contains(*c) || c.is_alphanumeric()
        })
        .take(400)
        .collect();
    let name = compose(
        &NameParts {
            project: &hostile,
            ..parts("")
        },
        Lang::Zh,
    );
    assert!(
        !name.chars().any(|c| c.is_control()
            || "\\/:*?\"<>|".contains(c)
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)),
        "{name}"
    );
    assert!(!name.starts_with(['.', '-', '_']), "{name}");
    assert!(safe_part(&hostile, 60).chars().count() <= 60);
    // A stem (no extension) for the PDF's suggested name.
    assert_eq!(
        compose(
            &NameParts {
                extension: "",
                ..parts("Bank")
            },
            Lang::En
        ),
        "Bank-Continuous_Delivery-rated1-target4-2026-12-04"
    );
}

#[test]
fn levels_in_words_put_the_level_reached_first() {
    let partial = Label {
        level: 2,
        partial: true,
    };
    let whole = Label {
        level: 3,
        partial: false,
    };
    assert_eq!(partial.words(Lang::Zh), "2 级，3 级部分达成");
    assert_eq!(partial.words(Lang::En), "level 2, progress on 3");
    assert_eq!(whole.words(Lang::Zh), "3 级");
    assert_eq!(whole.words(Lang::En), "level 3");
    assert_eq!(
        partial.progress_words(Lang::Zh).as_deref(),
        Some("3 级部分达成")
    );
    assert_eq!(
        partial.progress_words(Lang::En).as_deref(),
        Some("progress on 3")
    );
    assert_eq!(whole.progress_words(Lang::En), None);
    // Every label of every level reads its reached level first.
    for level in 1..=5 {
        for partial in [false, true] {
            let l = Label { level, partial };
            for lang in Lang::ALL {
                let w = l.words(lang);
                let first = w.chars().find(char::is_ascii_digit).unwrap();
                assert_eq!(first.to_digit(10), Some(u32::from(level)), "{w}");
            }
        }
    }
}

#[test]
fn names_and_identity_follow_the_model_and_the_project() {
    let m = model();
    assert_eq!(m.short_title(Lang::Zh), "持续交付");
    assert_eq!(m.short_title(Lang::En), "Continuous Delivery");
    assert_eq!(default_name(&m, Lang::Zh, ""), "持续交付自评");
    assert_eq!(
        default_name(&m, Lang::Zh, " 手机银行App "),
        "手机银行App · 持续交付自评"
    );
    assert_eq!(
        default_name(&m, Lang::En, "Mobile banking"),
        "Mobile banking · Continuous Delivery self-assessment"
    );
    let mut a = Assessment::new("x", "持续交付自评", &m, 3, Lang::Zh, T0);
    assert!(is_default_name(&m, &a));
    assert_eq!(identity_line(&a), None);
    a.name = "Continuous delivery self-assessment".into();
    assert!(is_default_name(&m, &a), "the earlier English default too");
    a.name = "网银 2026 Q1".into();
    assert!(!is_default_name(&m, &a));
    a.project.project = "手机银行App".into();
    assert_eq!(identity_line(&a).as_deref(), Some("手机银行App"));
    a.project.organisation = "某银行".into();
    assert_eq!(identity_line(&a).as_deref(), Some("某银行 · 手机银行App"));
}

fn tab(kv: &Shared) -> Workspace {
    let mut w = Workspace::new(kv.store(), model(), true);
    w.load(T0);
    w
}

#[test]
fn a_new_assessment_asks_whose_it_is_once() {
    let kv = Shared::default();
    let mut w = tab(&kv);
    w.create_default("a1", Lang::Zh, T0);
    w.open("a1", T0).unwrap();
    assert!(w.identity_pending("a1"));
    assert_eq!(w.get("a1").unwrap().name, "持续交付自评");
    // Still asked after a reload (another tab, the same store).
    assert!(tab(&kv).identity_pending("a1"));

    let out = w.set_identity("a1", " 某银行 ", "手机银行App", T1);
    assert!(out.list && out.current);
    let a = w.get("a1").unwrap();
    assert_eq!(a.project.organisation, "某银行");
    assert_eq!(a.project.project, "手机银行App");
    assert_eq!(
        a.name, "手机银行App · 持续交付自评",
        "the default name follows"
    );
    assert!(!w.identity_pending("a1"));
    let again = tab(&kv);
    assert!(!again.identity_pending("a1"), "not asked again");
    assert_eq!(
        again.get("a1").unwrap().project.project,
        "手机银行App",
        "stored"
    );

    // A name the team chose stays; skipping asks nothing more and changes nothing.
    w.create("a2", "网银 2026 Q1", &model().key(), 3, Lang::Zh, T1)
        .unwrap();
    w.set_identity("a2", "某银行", "网银", T2);
    assert_eq!(w.get("a2").unwrap().name, "网银 2026 Q1");
    w.create("a3", "", &model().key(), 3, Lang::En, T1).unwrap();
    assert_eq!(
        w.get("a3").unwrap().name,
        "Continuous Delivery self-assessment"
    );
    let before = w.get("a3").unwrap().clone();
    w.skip_identity("a3");
    assert!(!w.identity_pending("a3"));
    assert_eq!(w.get("a3").unwrap(), &before);
    assert!(!tab(&kv).identity_pending("a3"));
}

#[test]
fn an_imported_or_opened_assessment_is_not_asked() {
    let kv = Shared::default();
    let mut w = tab(&kv);
    let m = model();
    let a = team_at_2_progress_on_3(&m);
    w.import_as_new(a.clone(), "i1", T1);
    assert!(!w.identity_pending("i1"));
    w.meet_document(a, "x.html", T1);
    assert!(!w.identity_pending("t1"));
}

#[test]
fn a_json_export_leaves_the_workbook_document_saved() {
    let kv = Shared::default();
    let mut w = tab(&kv);
    w.create_default("a1", Lang::Zh, T0);
    w.open("a1", T0).unwrap();
    w.apply_current(
        Edit::Answer {
            req: "CM-VC-VCS-L2-1".into(),
            status: Some(Status::Met),
        },
        T0,
    );
    w.flush(T0);
    assert!(w.unsaved_in_document("a1"), "never saved as a document");
    w.document_saved("a1", "x.html", T1);
    assert!(!w.unsaved_in_document("a1"));
    // Exporting JSON is not a change of the work.
    w.apply_current(Edit::Exported(T2.into()), T2);
    w.flush(T2);
    assert!(!w.unsaved_in_document("a1"));
    assert_eq!(w.get("a1").unwrap().last_exported_at.as_deref(), Some(T2));
    // An answer is.
    w.apply_current(
        Edit::Answer {
            req: "CM-VC-VCS-L2-2".into(),
            status: Some(Status::Met),
        },
        T2,
    );
    assert!(w.unsaved_in_document("a1"));
}

#[test]
fn the_mail_summary_gives_levels_in_words_and_names_the_document() {
    let m = model();
    let a = team_at_2_progress_on_3(&m);
    let zh = summary::summary(&m, &a, Lang::Zh, TODAY);
    assert!(
        zh.subject.contains("自评 2 级，3 级部分达成 / 目标 3 级"),
        "{}",
        zh.subject
    );
    assert!(
        zh.text
            .contains("整体自评：2 级，3 级部分达成（目标 3 级，尚未达到）"),
        "{}",
        zh.text
    );
    assert!(zh.text.contains("工作簿文件"), "{}", zh.text);
    assert!(!zh.text.contains("JSON 文件与 PDF"), "{}", zh.text);
    let en = summary::summary(&m, &a, Lang::En, TODAY);
    assert!(
        en.subject
            .contains("rated level 2, progress on 3 / target level 3"),
        "{}",
        en.subject
    );
    assert!(en.text.contains("workbook document"), "{}", en.text);
    // No "N-" is left for a reader to take as "almost N".
    for text in [&zh.text, &zh.markdown, &en.text, &en.markdown] {
        for n in 2..=5 {
            assert!(!text.contains(&format!(": {n}-")), "{text}");
            assert!(!text.contains(&format!("| {n}- |")), "{text}");
        }
    }
}

fn cell(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

#[test]
fn the_excel_form_names_the_organisation_and_explains_n_minus() {
    let m = model();
    let a = team_at_2_progress_on_3(&m);
    for (lang, form_name, stats_name, org_label, legend) in [
        (
            Lang::Zh,
            "自评表",
            "统计结果",
            "评估企业名称",
            "“3-”= 已达到 2 级",
        ),
        (
            Lang::En,
            "Self-assessment",
            "Statistics",
            "Organisation",
            "“3-” = level 2 reached",
        ),
    ] {
        let package = caict::caict_workbook(&m, &a, lang, TODAY);
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(package.to_zip())).unwrap();
        let form = book.worksheet_range(form_name).unwrap();
        assert_eq!(cell(&form, 1, 0), org_label);
        assert_eq!(cell(&form, 1, 2), "某银行");
        assert_eq!(cell(&form, 1, 5), "手机银行App");
        let overall = cell(&form, 3, 5);
        assert!(
            overall.starts_with(
                &Label {
                    level: 2,
                    partial: true
                }
                .words(lang)
            ),
            "{overall}"
        );
        assert!(overall.contains("3-"), "{overall}");
        assert!(cell(&form, 4, 2).contains(legend), "{}", cell(&form, 4, 2));
        // Every "N-" in the sheet has the legend above it.
        let rows: Vec<u32> = (0..form.height() as u32)
            .filter(|&r| cell(&form, r, 9).ends_with('-'))
            .collect();
        assert!(!rows.is_empty() && rows.iter().all(|&r| r > 4));
        let stats = book.worksheet_range(stats_name).unwrap();
        let legend_row = (0..stats.height() as u32).find(|&r| cell(&stats, r, 2).contains(legend));
        assert!(legend_row.is_some(), "the statistics sheet has the legend");
    }
    // The CSV form too.
    assert!(csv::form(&m, &a, Lang::Zh).contains("“3-”= 已达到 2 级"));
}
