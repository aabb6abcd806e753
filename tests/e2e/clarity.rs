//! Clear to the team and to the assessor (issue 26), end to end: whose assessment it is (the
//! form at the first open fills the header, the tab's title and the dashboard); a team at "3-"
//! with target 3 sees level 2 as the figure with a progress mark, and every file it gets is
//! named "…-自评2-目标3-…" (document, JSON, Excel, CSV; English too); the dashboard's reminder
//! follows the workbook document, not JSON exports; not applicable asks for its reason; the
//! condensed report printed to PDF holds the answered requirements and not the untouched ones,
//! with no code broken across lines; the report tab does not move the page. Screenshots of the
//! changed views in both languages go to target/screenshots.

use std::io::Cursor;
use std::path::PathBuf;

use calamine::{Data, Reader, Xlsx};
use maturity_core::assess::assessment::{Assessment, Edit, ProjectField, Status};
use maturity_core::formats::exchange::export;
use maturity_core::model::validate::load_model;
use maturity_core::model::{LoadedModel, EMBEDDED_MODEL};
use maturity_core::text::Lang;
use serde_json::json;

use crate::exchange::export as export_menu;
use crate::support::Browser;
use crate::views::{answer_some, assessment_id};

/// A team at "3-" overall (every level-2 requirement met, one level-3 one) with target 3, of
/// 某银行's 手机银行App.
fn team_at_2_progress_on_3(m: &LoadedModel) -> Assessment {
    let now = "2026-12-01T08:00:00.000Z";
    let mut a = Assessment::new("team-2p3", "持续交付自评", m, 3, Lang::Zh, now);
    let mut answer = |r: usize| {
        a.apply(
            &Edit::Answer {
                req: m.requirement_id(r).to_string(),
                status: Some(Status::Met),
            },
            now,
        );
    };
    for i in 0..m.item_count() {
        m.item_index(i).levels[0].clone().for_each(&mut answer);
    }
    answer(m.item_index(0).levels[1].start);
    for (field, value) in [
        (ProjectField::Organisation, "某银行"),
        (ProjectField::Project, "手机银行App"),
    ] {
        a.apply(
            &Edit::Project {
                field,
                value: value.into(),
            },
            now,
        );
    }
    a
}

/// Imports the team's JSON file as a new assessment; returns its id (the dashboard is open).
async fn import_team(b: &Browser) -> String {
    let m = load_model(EMBEDDED_MODEL).unwrap();
    let path = b.work_dir().join("team.json");
    std::fs::write(
        &path,
        export(&m, &team_at_2_progress_on_3(&m), "2026-12-01T09:00:00.000Z"),
    )
    .unwrap();
    b.goto_hash("#/home").await;
    b.upload("[data-action='import']", &path).await;
    b.click("[data-action='import-as-new']").await;
    b.wait_for("#dash-title").await;
    assessment_id(b).await
}

async fn title(b: &Browser) -> String {
    b.eval("return document.title;")
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

async fn set_language(b: &Browser, lang: &str) {
    let current = b.eval("return document.documentElement.lang;").await;
    if !current.as_str().unwrap_or_default().starts_with(lang) {
        b.click("[data-action='language']").await;
    }
}

fn name_of(path: &std::path::Path) -> String {
    path.file_name().unwrap().to_string_lossy().to_string()
}

/// `prefix` + a date (YYYY-MM-DD) + `.ext`, nothing else.
fn assert_named(name: &str, prefix: &str, ext: &str) {
    let date = name
        .strip_prefix(prefix)
        .and_then(|r| r.strip_suffix(&format!(".{ext}")))
        .unwrap_or_else(|| panic!("{name} is not {prefix}<date>.{ext}"));
    assert!(
        date.len() == 10
            && date.chars().enumerate().all(|(i, c)| if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }),
        "{name}: {date:?} is no date"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_identity_form_fills_the_header_the_tab_and_the_dashboard() {
    let b = Browser::open().await;
    // A fresh browser opens into a new assessment, which asks whose it is.
    b.wait_for("[data-identity] input[name='organisation']")
        .await;
    assert_eq!(title(&b).await, "持续交付自评 — 成熟度自评工作簿");
    b.screenshot("identity-form-zh").await;
    b.find("[data-identity] input[name='organisation']")
        .await
        .send_keys("某银行")
        .await
        .unwrap();
    b.find("[data-identity] input[name='project']")
        .await
        .send_keys("手机银行App")
        .await
        .unwrap();
    b.click("[data-action='identity-save']").await;
    b.wait_until(
        "the form is gone",
        "return !document.querySelector('[data-identity]');",
    )
    .await;
    assert_eq!(b.text("[data-identity-line]").await, "某银行 · 手机银行App");
    assert_eq!(
        b.text(".assessment-name").await,
        "手机银行App · 持续交付自评"
    );
    assert_eq!(title(&b).await, "某银行 · 手机银行App — 成熟度自评工作簿");
    // The dashboard an assessor lands on says it too.
    let id = assessment_id(&b).await;
    b.goto_hash(&format!("#/a/{id}")).await;
    let dash = b.text("[data-dashboard-identity]").await;
    assert!(
        dash.contains("评估企业名称") && dash.contains("某银行") && dash.contains("手机银行App"),
        "{dash}"
    );
    // Not asked again; kept after a reload; the project page holds the same fields.
    b.client.refresh().await.expect("reload");
    b.wait_for("#dash-title").await;
    assert!(b.find_all("[data-identity]").await.is_empty());
    assert_eq!(title(&b).await, "某银行 · 手机银行App — 成熟度自评工作簿");
    b.goto_hash(&format!("#/a/{id}/project")).await;
    let project = b
        .eval("return document.querySelector(\"[data-project='Project']\").value;")
        .await;
    assert_eq!(project, json!("手机银行App"));
    set_language(&b, "en").await;
    b.goto_hash(&format!("#/a/{id}")).await;
    b.wait_for("[data-dashboard-identity]").await;
    assert_eq!(title(&b).await, "某银行 · 手机银行App — Maturity Workbook");
    b.screenshot("dashboard-identity-en").await;

    // A new assessment asks too; skipped, it is not asked again, and the header says what is
    // missing (a link to the project page).
    b.goto_hash("#/home").await;
    b.click("[data-action='new-assessment']").await;
    b.wait_for("[data-identity]").await;
    b.screenshot("identity-form-en").await;
    assert_eq!(
        b.text(".assessment-name").await,
        "Continuous Delivery self-assessment"
    );
    b.click("[data-action='identity-skip']").await;
    b.wait_until(
        "the form is gone",
        "return !document.querySelector('[data-identity]');",
    )
    .await;
    assert!(b.text("[data-identity-line]").await.contains("not given"));
    b.reload().await;
    b.wait_for("[data-identity-line]").await;
    assert!(b.find_all("[data-identity]").await.is_empty());
    assert_eq!(
        title(&b).await,
        "Continuous Delivery self-assessment — Maturity Workbook"
    );
    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "{errors:?}");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_team_at_2_with_progress_on_3_reads_2_and_its_files_say_rated2_target3() {
    let b = Browser::open().await;
    let id = import_team(&b).await;
    // The dashboard: level 2 is the figure, progress on 3 a secondary mark, in words beside it.
    let overall = b
        .eval("const e = document.querySelector(\".overall [data-level-of='part']\"); return [e.dataset.level, e.dataset.label, e.querySelector('.level-figure').textContent, !!e.querySelector('.level-next'), e.getAttribute('aria-label'), document.querySelector('.overall .level-progress').textContent];")
        .await;
    assert_eq!(
        overall,
        json!(["2", "3-", "2", true, "2 级，3 级部分达成", "3 级部分达成"])
    );
    let outline = b
        .eval("return document.querySelector(\"nav.outline [data-level-of='part']\").textContent.trim();")
        .await;
    assert_eq!(outline, json!("2+"), "the outline's badge: 2, and a mark");
    assert!(
        !b.find_all("[data-level-legend]").await.is_empty(),
        "the legend explains the mark and CAICT's 3-"
    );
    b.screenshot("dashboard-level-zh").await;

    // Every file says the level reached (2) and the target (3) apart.
    export_menu(&b, "export-json").await;
    let json_name = name_of(&b.downloaded(".json").await);
    assert_named(&json_name, "手机银行App-持续交付-自评2-目标3-", "json");
    let toast = b.text(".toast").await;
    assert!(
        toast.contains(&json_name),
        "the export is confirmed: {toast}"
    );
    export_menu(&b, "export-xlsx").await;
    let xlsx = b.downloaded(".xlsx").await;
    assert_named(&name_of(&xlsx), "手机银行App-持续交付-自评2-目标3-", "xlsx");
    export_menu(&b, "export-csv-form").await;
    assert_named(
        &name_of(&b.downloaded(".csv").await),
        "手机银行App-持续交付-自评2-目标3-自评表-",
        "csv",
    );
    // The Excel form names the organisation and explains "N-" above the column that writes it.
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(std::fs::read(&xlsx).unwrap())).unwrap();
    let form = book.worksheet_range("自评表").unwrap();
    let cell = |r: u32, c: u32| match form.get_value((r, c)) {
        Some(Data::String(s)) => s.clone(),
        _ => String::new(),
    };
    assert_eq!(
        (cell(1, 0), cell(1, 2)),
        ("评估企业名称".into(), "某银行".into())
    );
    assert!(
        cell(3, 5).starts_with("2 级，3 级部分达成"),
        "{}",
        cell(3, 5)
    );
    assert!(cell(4, 2).contains("“3-”= 已达到 2 级"), "{}", cell(4, 2));
    let xlsx_copy = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    let _ = std::fs::create_dir_all(&xlsx_copy);
    let _ = std::fs::copy(&xlsx, xlsx_copy.join("clarity-team.xlsx"));

    // The reminder follows the workbook document: never saved, then saved (Save as, by
    // download where the browser cannot write files), still saved after a JSON export, and
    // unsaved after an answer.
    b.goto_hash(&format!("#/a/{id}")).await;
    b.wait_for("[data-document-reminder='never']").await;
    b.eval("Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true }); window.scrollTo(0, 0); return 1;")
        .await;
    b.click("[data-action='save-document']").await;
    b.click("[data-action='name-skip']").await;
    let document = name_of(&b.downloaded(".html").await);
    assert_named(&document, "手机银行App-持续交付-自评2-目标3-", "html");
    b.wait_for("[data-document-reminder='saved']").await;
    let saved = b.text("[data-document-reminder]").await;
    assert!(saved.contains(&document), "{saved}");
    export_menu(&b, "export-json").await;
    b.wait_until(
        "the export is confirmed",
        "return !!document.querySelector('.toast') && document.querySelector('.toast').textContent.includes('已导出');",
    )
    .await;
    assert_eq!(
        b.find("[data-document-reminder]")
            .await
            .attr("data-document-reminder")
            .await
            .unwrap()
            .as_deref(),
        Some("saved"),
        "a JSON export does not unsave the document"
    );
    // The team's file was imported, so it opens for review: editing starts before the answer.
    b.click("[data-action='start-editing']").await;
    b.goto_hash(&format!("#/a/{id}/item/CM-VC-BM")).await;
    b.click("[data-req='CM-VC-BM-L3-1'] [data-status='partial']")
        .await;
    b.goto_hash(&format!("#/a/{id}")).await;
    b.wait_for("[data-document-reminder='unsaved']").await;
    b.screenshot("dashboard-reminder-zh").await;

    // In English: the same names with English words.
    set_language(&b, "en").await;
    b.clear_downloads();
    export_menu(&b, "export-json").await;
    assert_named(
        &name_of(&b.downloaded(".json").await),
        "手机银行App-Continuous_Delivery-rated2-target3-",
        "json",
    );
    b.goto_hash(&format!("#/a/{id}")).await;
    b.wait_for("[data-dashboard-identity]").await;
    let words = b
        .eval("return document.querySelector(\".overall [data-level-of='part']\").getAttribute('aria-label') + ' | ' + document.querySelector('.overall .level-progress').textContent;")
        .await;
    assert_eq!(words, json!("level 2, progress on 3 | progress on 3"));
    b.screenshot("dashboard-level-en").await;
    b.goto_hash(&format!("#/a/{id}/share")).await;
    let share = b.text("[data-what-to-send]").await;
    assert!(
        share.contains("workbook document") && share.contains("JSON is for tools"),
        "{share}"
    );
    b.screenshot("share-en").await;
    b.goto_hash("#/home").await;
    b.wait_for("[data-document-of]").await;
    b.screenshot("home-en").await;
    set_language(&b, "zh").await;
    b.goto_hash(&format!("#/a/{id}/share")).await;
    let share = b.text("[data-what-to-send]").await;
    assert!(
        share.contains("工作簿文件") && share.contains("JSON 供工具和备份使用"),
        "{share}"
    );
    b.screenshot("share-zh").await;
    b.goto_hash("#/home").await;
    let cell = b.text(&format!("[data-document-of='{id}']")).await;
    assert!(
        cell.contains(&document),
        "the list names the document: {cell}"
    );
    b.screenshot("home-zh").await;
    b.click("[data-action='help']").await;
    b.wait_for("[role='dialog'] [data-level-legend]").await;
    let help = b.text("[role='dialog']").await;
    assert!(
        help.contains("部分满足（并移到下一条）") && help.contains("停在此条"),
        "{help}"
    );
    b.screenshot("help-zh").await;
    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "{errors:?}");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn not_applicable_asks_for_its_reason() {
    let b = Browser::open().await;
    b.click("[data-action='identity-skip']").await;
    let na = "[data-req='CM-VC-VCS-L2-1'] [data-status='not_applicable']";
    let title = b
        .eval("return document.querySelector(\"[data-req='CM-VC-VCS-L2-1'] [data-answer='not_applicable']\").title;")
        .await;
    assert_eq!(title, json!("选“不适用”时需要说明原因"));
    b.click(na).await;
    let missing = b.text("[data-na-missing]").await;
    assert!(missing.contains("请选择"), "{missing}");
    b.screenshot("item-na-reason-zh").await;
    b.eval("const s = document.getElementById('na-CM-VC-VCS-L2-1'); s.value = 'out_of_scope'; s.dispatchEvent(new Event('change', {bubbles: true})); return 1;")
        .await;
    b.wait_until(
        "the note goes once a reason is chosen",
        "return !document.querySelector('[data-na-missing]');",
    )
    .await;
    set_language(&b, "en").await;
    b.click("[data-req='CM-VC-VCS-L2-2'] [data-status='not_applicable']")
        .await;
    assert!(b.text("[data-na-missing]").await.contains("needs a reason"));
    b.screenshot("item-na-reason-en").await;
    b.close().await;
}

/// Pages of a PDF, from pdfinfo.
fn pages(path: &std::path::Path) -> u32 {
    let info = std::process::Command::new("pdfinfo")
        .arg(path)
        .output()
        .expect("pdfinfo");
    String::from_utf8_lossy(&info.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_condensed_report_holds_what_was_answered_and_no_code_breaks() {
    let b = Browser::open().await;
    b.click("[data-action='identity-skip']").await;
    answer_some(&b).await;
    let id = assessment_id(&b).await;
    // The report tab opens in the same frame as the others: nothing moves sideways.
    b.goto_hash(&format!("#/a/{id}")).await;
    b.wait_for("#dash-title").await;
    let tabs_at =
        "return Math.round(document.querySelector('.tabs').getBoundingClientRect().left);";
    let before = b.eval(tabs_at).await;
    b.goto_hash(&format!("#/a/{id}/report")).await;
    b.wait_for("[data-report='full']").await;
    assert_eq!(
        b.eval(tabs_at).await,
        before,
        "the report tab moves the page"
    );

    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/report");
    std::fs::create_dir_all(&dir).unwrap();
    let print = |name: &'static str| {
        let (b, dir) = (&b, dir.clone());
        async move {
            let path = dir.join(name);
            std::fs::write(&path, b.print_pdf().await).unwrap();
            let text = std::process::Command::new("pdftotext")
                .arg("-layout")
                .arg(&path)
                .arg("-")
                .output()
                .expect("pdftotext");
            (path, String::from_utf8_lossy(&text.stdout).to_string())
        }
    };
    let (full_path, full) = print("report-full-zh.pdf").await;
    b.click("[data-report-mode='condensed']").await;
    b.wait_for("[data-report='condensed']").await;
    b.screenshot("report-condensed-zh").await;
    let (path, text) = print("report-condensed-zh.pdf").await;
    for answered in [
        "CM-VC-VCS-L2-1",
        "CM-VC-VCS-L2-2",
        "CM-VC-VCS-L3-1",
        "CM-VC-VCS-L3-2",
        "CM-VC-VCS-L3-3",
        "CM-VC-VCS-L4-1",
    ] {
        assert!(
            text.contains(answered),
            "the condensed report lacks {answered}"
        );
        assert!(full.contains(answered), "the full report lacks {answered}");
    }
    for untouched in [
        "CM-VC-BM-L2-1",
        "CM-VC-VCS-L5-1",
        "TM-TH-HM-L2-1",
        "DM-DCM-CP-L2-1",
    ] {
        assert!(
            !text.contains(untouched),
            "the condensed report lists {untouched}"
        );
    }
    assert!(
        full.contains("CM-VC-BM-L2-1"),
        "the full report lists everything"
    );
    assert!(
        text.contains("精简报告") && text.contains("尚未作答"),
        "{text}"
    );
    let (short, long) = (pages(&path), pages(&full_path));
    assert!(
        short > 0 && short * 3 <= long,
        "condensed {short} pages, full {long}"
    );
    // No code is broken across lines: every requirement id is whole in the full report.
    let m = load_model(EMBEDDED_MODEL).unwrap();
    let broken: Vec<&str> = (0..m.requirement_count())
        .map(|r| m.requirement_id(r))
        .filter(|id| !full.contains(id))
        .collect();
    assert!(
        broken.is_empty(),
        "ids not whole in the full report: {broken:?}"
    );
    let broken: Vec<&str> = (0..m.item_count())
        .map(|i| m.item(i).code.as_str())
        .filter(|code| !text.contains(code))
        .collect();
    assert!(
        broken.is_empty(),
        "codes not whole in the condensed report: {broken:?}"
    );
    let _ = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "50"])
        .arg(&path)
        .arg(dir.join("condensed-page"))
        .status();
    // Printing suggests the file's name: the page's title while the dialog is open.
    let printing = b
        .eval("window.dispatchEvent(new Event('beforeprint')); const t = document.title; window.dispatchEvent(new Event('afterprint')); return [t, document.title];")
        .await;
    let during = printing[0].as_str().unwrap_or_default().to_string();
    assert!(
        during.starts_with("持续交付自评-自评1-目标3-精简-") && !during.contains(".pdf"),
        "{during}"
    );
    assert_eq!(printing[1], json!("持续交付自评 — 成熟度自评工作簿"));
    set_language(&b, "en").await;
    b.wait_for("[data-report='condensed']").await;
    b.screenshot("report-condensed-en").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn firefox_names_files_and_shows_levels_and_identity_the_same_way() {
    let b = Browser::open_firefox().await;
    b.wait_for("[data-identity]").await;
    b.find("[data-identity] input[name='organisation']")
        .await
        .send_keys("某银行")
        .await
        .unwrap();
    b.find("[data-identity] input[name='project']")
        .await
        .send_keys("网银")
        .await
        .unwrap();
    b.click("[data-action='identity-save']").await;
    b.wait_until(
        "the header names it",
        "return !!document.querySelector('[data-identity-line]') && document.querySelector('[data-identity-line]').textContent.trim() === '某银行 · 网银';",
    )
    .await;
    assert_eq!(title(&b).await, "某银行 · 网银 — 成熟度自评工作簿");
    let id = import_team(&b).await;
    assert_eq!(b.level_of("part").await, ("2".into(), "3-".into()));
    assert_eq!(
        b.eval("return document.querySelector(\".overall .level-progress\").textContent;")
            .await,
        json!("3 级部分达成")
    );
    assert_eq!(title(&b).await, "某银行 · 手机银行App — 成熟度自评工作簿");
    export_menu(&b, "export-json").await;
    assert_named(
        &name_of(&b.downloaded(".json").await),
        "手机银行App-持续交付-自评2-目标3-",
        "json",
    );
    // Firefox cannot write files back: Save downloads the document, named the same way.
    b.goto_hash(&format!("#/a/{id}")).await;
    b.eval("window.scrollTo(0, 0); return 1;").await;
    b.click("[data-action='save']").await;
    b.click("[data-action='name-skip']").await;
    assert_named(
        &name_of(&b.downloaded(".html").await),
        "手机银行App-持续交付-自评2-目标3-",
        "html",
    );
    b.wait_for("[data-document-reminder='saved']").await;
    b.screenshot("dashboard-level-zh-firefox").await;
    b.close().await;
}
