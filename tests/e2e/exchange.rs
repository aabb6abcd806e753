//! Handing results on, end to end: JSON round trip through the browser's download and file
//! picker, the CSV sheets read back, import as new and replace with undo, a hostile file, the
//! PDF report, the mail link and the clipboard.

use std::time::Duration;

use maturity_core::formats::csv;
use serde_json::Value;

use crate::support::Browser;
use crate::unzip::zip_entries;
use crate::views::{answer_some, assessment_id};

/// Opens the export menu, in the assessment's header at the top of the page (Firefox hides its
/// items until it is open), and clicks one.
pub(crate) async fn export(b: &Browser, action: &str) {
    b.eval("window.scrollTo(0, 0); return 1;").await;
    b.click("[data-action='export-menu']").await;
    b.click(&format!("[data-action='{action}']")).await;
}

fn without_exported_at(text: &str) -> Value {
    let mut v: Value = serde_json::from_str(text).expect("valid JSON");
    v.as_object_mut().unwrap().remove("exported_at");
    v
}

/// Imports an edited copy of `exported` (assessment `id`: one more answer, another name) over
/// the original, checks that it took effect, undoes it and checks that the original is back.
pub(crate) async fn replace_then_undo(b: &Browser, exported: &Value, id: &str) {
    let mut edited = exported.clone();
    edited["answers"]["CM-VC-BM-L2-1"] = serde_json::json!({"status": "met"});
    edited["assessment"]["name"] = Value::String("替换后的版本".into());
    let edited_path = b.work_dir().join("edited.json");
    std::fs::write(&edited_path, edited.to_string()).unwrap();
    b.goto_hash("#/home").await;
    b.upload("[data-action='import']", &edited_path).await;
    b.click("[data-action='import-replace']").await;
    b.wait_for("#dash-title").await;
    assert_eq!(assessment_id(b).await, id);
    b.wait_for("[data-action='undo']").await;
    assert_eq!(
        b.level_of("CM-VC-BM").await.0,
        "2",
        "the replacement is in effect"
    );
    b.click("[data-action='undo']").await;
    b.wait_until(
        "undone",
        "return document.querySelector(\"[data-level-of='CM-VC-BM']\").dataset.level === '1';",
    )
    .await;
    b.goto_hash("#/home").await;
    let names = b.text("table.assessments").await;
    assert!(!names.contains("替换后的版本"), "{names}");
}

#[tokio::test(flavor = "multi_thread")]
async fn json_export_imports_back_losslessly_as_new_or_replacing_with_undo() {
    let b = Browser::open().await;
    answer_some(&b).await;
    b.click("[data-req='CM-VC-VCS-L3-1'] ~ [data-action='comment']")
        .await;
    b.wait_for("#comment-CM-VC-VCS-L3-1")
        .await
        .send_keys("脚本在 Git, \"配置\" 未入库")
        .await
        .unwrap();
    b.wait_for("#item-notes")
        .await
        .send_keys("问题：备份演练频率？")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(600)).await;
    let id = assessment_id(&b).await;
    b.goto_hash(&format!("#/a/{id}/project")).await;
    b.wait_for("[data-project='Project']")
        .await
        .send_keys("手机银行")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(600)).await;

    export(&b, "export-json").await;
    let first_path = b.downloaded(".json").await;
    let name = first_path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .to_string();
    assert!(
        name.starts_with("手机银行-持续交付-自评1-目标3-") && name.ends_with(".json"),
        "{name}"
    );
    let first = std::fs::read_to_string(&first_path).unwrap();
    let v: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(
        v["answers"]["CM-VC-VCS-L3-1"]["comment"],
        "脚本在 Git, \"配置\" 未入库"
    );
    assert_eq!(v["items"]["CM-VC-VCS"]["notes"], "问题：备份演练频率？");
    // The export is confirmed by name; the dashboard's reminder is about the workbook
    // document, which a JSON export does not save.
    let toast = b.text(".toast").await;
    assert!(toast.contains(&name), "{toast}");
    b.goto_hash(&format!("#/a/{id}")).await;
    b.wait_for("[data-document-reminder='never']").await;

    // Import as a new assessment: the same content under a new id.
    b.goto_hash("#/home").await;
    b.upload("[data-action='import']", &first_path).await;
    b.wait_for("[role='dialog'] [data-action='import-as-new']")
        .await;
    assert!(
        b.find_all("[role='dialog'] [data-action='import-replace']")
            .await
            .len()
            == 1,
        "same id exists, so replace is offered"
    );
    b.click("[data-action='import-as-new']").await;
    b.wait_for("#dash-title").await;
    let new_id = assessment_id(&b).await;
    assert_ne!(new_id, id);
    b.clear_downloads();
    export(&b, "export-json").await;
    let second = std::fs::read_to_string(b.downloaded(".json").await).unwrap();
    let (mut a, mut c) = (without_exported_at(&first), without_exported_at(&second));
    assert_eq!(c["assessment"]["id"], Value::String(new_id.clone()));
    for v in [&mut a, &mut c] {
        v["assessment"].as_object_mut().unwrap().remove("id");
    }
    assert_eq!(
        a, c,
        "the imported copy exports to the same file, apart from id and export time"
    );

    // Replace the original with an edited file, then undo.
    replace_then_undo(&b, &serde_json::from_str(&first).unwrap(), &id).await;
    assert!(b.network_requests().await.is_empty());
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_and_hostile_files_never_run_code_or_change_anything() {
    let b = Browser::open().await;
    answer_some(&b).await;
    let id = assessment_id(&b).await;
    // Not JSON: an error with its position, in an alert.
    let dir = b.work_dir();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{\"format\": \"maturity-workbook/assessment\", ").unwrap();
    b.goto_hash("#/home").await;
    b.upload("[data-action='import']", &bad).await;
    let alert = b.text("[role='dialog'] [role='alert']").await;
    assert!(
        alert.contains("JSON") && (alert.contains("第 1 行") || alert.contains("line 1")),
        "{alert}"
    );
    assert!(
        b.find_all("[data-action='import-as-new']").await.is_empty(),
        "nothing to import"
    );
    b.click("[data-action='import-cancel']").await;
    // A file with markup and script in every string: shown as text, nothing runs.
    b.goto_hash(&format!("#/a/{id}")).await;
    export(&b, "export-json").await;
    let exported = std::fs::read_to_string(b.downloaded(".json").await).unwrap();
    let evil = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>";
    let mut v: Value = serde_json::from_str(&exported).unwrap();
    v["assessment"]["name"] = Value::String(evil.into());
    v["assessment"]["project"]["project"] = Value::String(evil.into());
    v["items"]["CM-VC-VCS"]["notes"] = Value::String(evil.into());
    v["answers"]["CM-VC-VCS-L2-1"]["comment"] = Value::String(evil.into());
    let hostile = dir.join("hostile.json");
    std::fs::write(&hostile, v.to_string()).unwrap();
    b.goto_hash("#/home").await;
    let before = b.local_storage().await;
    b.upload("[data-action='import']", &hostile).await;
    b.wait_for("[data-action='import-as-new']").await;
    assert!(
        b.local_storage().await == before,
        "nothing is stored before the user confirms"
    );
    b.click("[data-action='import-as-new']").await;
    b.wait_for("#dash-title").await;
    let new_id = assessment_id(&b).await;
    b.goto_hash(&format!("#/a/{new_id}/item/CM-VC-VCS")).await;
    b.wait_for("#item-notes").await;
    let notes = b
        .eval("return document.querySelector('#item-notes').value;")
        .await;
    assert_eq!(notes, Value::String(evil.into()));
    b.goto_hash(&format!("#/a/{new_id}/report")).await;
    b.wait_for("#report-title").await;
    assert_eq!(b.text("#report-title").await, evil, "shown literally");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(b.eval("return window.__pwned === undefined && document.querySelectorAll('img[src=x]').length === 0;").await, Value::Bool(true));
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_three_csv_sheets_read_back() {
    let b = Browser::open().await;
    answer_some(&b).await;
    b.wait_for("#item-notes")
        .await
        .send_keys("备注, 含逗号\n和换行")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(600)).await;
    export(&b, "export-csv-form").await;
    let form_path = b.downloaded(".csv").await;
    let bytes = std::fs::read(&form_path).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 with a byte-order mark");
    let rows = csv::parse(&String::from_utf8(bytes).unwrap()).unwrap();
    assert_eq!(rows[0][9], "自评");
    assert_eq!(rows[0][10], "和3级要求的差距");
    let vcs = rows.iter().find(|r| r[3].starts_with("CM-VC-VCS")).unwrap();
    assert_eq!(
        (vcs[9].as_str(), vcs[11].as_str()),
        ("3-", "备注, 含逗号\n和换行")
    );
    b.clear_downloads();
    export(&b, "export-csv-requirements").await;
    let reqs = csv::parse(&std::fs::read_to_string(b.downloaded(".csv").await).unwrap()).unwrap();
    assert_eq!(reqs.len(), 285);
    assert_eq!(
        reqs.iter().find(|r| r[0] == "CM-VC-VCS-L3-2").unwrap()[4],
        "部分满足"
    );
    b.clear_downloads();
    export(&b, "export-csv-evidence").await;
    let ev = csv::parse(&std::fs::read_to_string(b.downloaded(".csv").await).unwrap()).unwrap();
    assert_eq!(ev[0][0], "材料编号");
    assert!(
        ev.len() > 50,
        "the level-3 checklist has {} lines",
        ev.len() - 1
    );
    b.close().await;
}

/// A printed report, as files and text.
pub(crate) struct PrintedReport {
    pub path: std::path::PathBuf,
    pub dir: std::path::PathBuf,
    /// `pdftotext -layout` of the PDF.
    pub text: String,
    /// `pdfinfo` of the PDF.
    pub info: String,
}

/// Answers some requirements, names the organisation and project, opens the report and prints
/// it to `target/report/<file>` (the steps of the Chromium and the Firefox report tests).
pub(crate) async fn print_the_report(b: &Browser, file: &str) -> PrintedReport {
    answer_some(b).await;
    let id = assessment_id(b).await;
    b.goto_hash(&format!("#/a/{id}/project")).await;
    b.wait_for("[data-project='Organisation']")
        .await
        .send_keys("某某银行")
        .await
        .unwrap();
    b.wait_for("[data-project='Project']")
        .await
        .send_keys("手机银行持续交付")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(600)).await;
    b.goto_hash(&format!("#/a/{id}/report")).await;
    b.wait_for("[data-action='print-report']").await;
    let pdf = b.print_pdf().await;
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/report");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(file);
    std::fs::write(&path, &pdf).unwrap();
    let text = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let info = std::process::Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo");
    PrintedReport {
        text: String::from_utf8_lossy(&text.stdout).to_string(),
        info: String::from_utf8_lossy(&info.stdout).to_string(),
        path,
        dir,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_report_prints_to_a_pdf_with_the_key_fields() {
    let b = Browser::open().await;
    let PrintedReport {
        path,
        dir,
        text,
        info,
    } = print_the_report(&b, "report-zh.pdf").await;
    // The report names the model's version, whatever it is now.
    let version = maturity_core::model::validate::load_model(maturity_core::model::EMBEDDED_MODEL)
        .expect("the embedded model loads")
        .model
        .version;
    for needle in [
        "手机银行持续交付",
        "某某银行",
        "目标级别",
        "3 级",
        "整体自评",
        "2 级部分达成",
        "CAICT 严格规则",
        "与目标的差距",
        "材料准备",
        "不适用的要求及原因",
        "附录",
        "CM-VC-VCS-L3-2",
        version.as_str(),
    ] {
        assert!(
            text.contains(needle),
            "the PDF lacks {needle:?}:\n{}",
            &text[..text.len().min(3000)]
        );
    }
    assert!(
        info.contains("595.") && info.contains("841."),
        "A4 pages: {info}"
    );
    // Pages as pictures, to look at.
    let _ = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "50", "-l", "4"])
        .arg(&path)
        .arg(dir.join("page"))
        .status();
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn mail_link_and_clipboard_carry_the_summary() {
    let b = Browser::open().await;
    answer_some(&b).await;
    let id = assessment_id(&b).await;
    b.goto_hash(&format!("#/a/{id}/share")).await;
    b.wait_for("#mail-to")
        .await
        .send_keys("assessor@example.org")
        .await
        .unwrap();
    b.eval("window.__mail = null; document.addEventListener('click', e => { const a = e.target.closest('a'); if (a && a.href.startsWith('mailto:')) { window.__mail = a.href; e.preventDefault(); } }, true); return 1;").await;
    b.click("[data-action='mail']").await;
    b.wait_until("a mailto link was opened", "return !!window.__mail;")
        .await;
    let href = b
        .eval("return window.__mail;")
        .await
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        href.starts_with("mailto:assessor%40example.org?subject="),
        "{href}"
    );
    let body = href.split("&body=").nth(1).unwrap_or_default();
    let decoded = percent_decode(body);
    assert!(
        decoded.contains("整体自评：1 级，2 级部分达成（目标 3 级，尚未达到）"),
        "{decoded}"
    );
    assert!(decoded.contains("工作簿文件") && decoded.contains("PDF"));
    assert!(decoded.chars().count() <= 1800);
    for code in ["CM", "BCI", "TM", "DRM", "EM", "DM", "MF"] {
        assert!(decoded.contains(&format!("  {code} ")), "{code} missing");
    }
    // Copy: the same text lands on the clipboard.
    b.cdp(
        "Browser.grantPermissions",
        serde_json::json!({"permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]}),
    )
    .await;
    b.click("[data-action='copy-summary']").await;
    b.wait_until(
        "copied",
        "return document.querySelector('.copied').textContent.length > 0;",
    )
    .await;
    let copied = b
        .client
        .execute_async("const done = arguments[0]; navigator.clipboard.readText().then(done, e => done('ERR ' + e));", vec![])
        .await
        .unwrap();
    let copied = copied.as_str().unwrap_or_default();
    assert!(copied.contains("整体自评：1 级，2 级部分达成"), "{copied}");
    b.click("[data-action='copy-summary-markdown']").await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let md = b.client.execute_async("const done = arguments[0]; navigator.clipboard.readText().then(done, e => done('ERR ' + e));", vec![]).await.unwrap();
    assert!(md.as_str().unwrap_or_default().contains("| CM "), "{md}");
    b.close().await;
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() + 1 {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_excel_workbook_downloads_and_reads_back_as_the_page_shows() {
    use calamine::{Data, Reader, Xlsx};
    let b = Browser::open().await;
    answer_some(&b).await;
    let shown = b.level_of("CM-VC-VCS").await.1;
    export(&b, "export-xlsx").await;
    let path = b.downloaded(".xlsx").await;
    let bytes = std::fs::read(&path).unwrap();
    let names: Vec<String> = zip_entries(&bytes).into_iter().map(|(n, _)| n).collect();
    for part in [
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/worksheets/sheet1.xml",
        "xl/styles.xml",
        "xl/sharedStrings.xml",
        "docProps/core.xml",
        "docProps/app.xml",
    ] {
        assert!(names.iter().any(|n| n == part), "{part} in {names:?}");
    }
    let mut book: Xlsx<_> = calamine::open_workbook(&path).expect("calamine opens it");
    assert_eq!(
        book.sheet_names(),
        ["自评表", "统计结果", "要求明细", "材料清单", "登记表"]
    );
    let text = |d: Option<&Data>| match d {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        _ => String::new(),
    };
    let form = book.worksheet_range("自评表").unwrap();
    let row = (0..form.height() as u32)
        .find(|&r| text(form.get_value((r, 3))).starts_with("CM-VC-VCS"))
        .expect("the CM-VC-VCS row");
    assert_eq!(
        text(form.get_value((row, 9))),
        shown,
        "the label the page shows"
    );
    let reqs = book.worksheet_range("要求明细").unwrap();
    assert_eq!(
        reqs.end().unwrap().0,
        284,
        "a header and one row per requirement"
    );
    let l32 = (1..=284u32)
        .find(|&r| text(reqs.get_value((r, 0))) == "CM-VC-VCS-L3-2")
        .unwrap();
    assert_eq!(text(reqs.get_value((l32, 4))), "部分满足");
    b.close().await;
}
