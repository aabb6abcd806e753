//! The materials folder checked against the evidence plan, as a team would: a temporary folder
//! with files named by material code, by title in a sub-item's folder, a code on a folder (with
//! the part prefix), a video saved as a document, unrelated files and an Office lock file,
//! given to `input[webkitdirectory][data-action="evidence-folder"]`. What the page shows is
//! read from its hooks (`data-evidence-file`, `-missing`, `-doubt`, `-unmatched`, `-found`),
//! the result is taken into the entries and undone, it survives a reload and reaches the Excel
//! 材料清单. Chromium also checks a folder chosen through the directory picker, remembered in
//! IndexedDB and checked again with one click; Firefox the same folder through its own input.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use maturity_core::assess::assessment::Assessment;
use maturity_core::assess::gap::evidence_plan;
use maturity_core::model::validate::load_model;
use maturity_core::model::EMBEDDED_MODEL;
use maturity_core::text::Lang;
use serde_json::Value;

use crate::exchange::export;
use crate::support::{Browser, Kind};
use crate::views::assessment_id;

const ROOT: &str = "材料-2026";

/// The folder: (path inside it, what it should serve: a material code, `?code` for a doubt,
/// `-` for nothing, `ignored` for a file that is no material).
const FILES: &[(&str, &str)] = &[
    (
        "CM-VC-VCS-L2-1-《版本控制系统基本使用规范》.docx",
        "CM-VC-VCS-L2-1",
    ),
    (
        "版本控制系统/版本控制系统备份与恢复方案.pdf",
        "CM-VC-VCS-L3-3",
    ),
    (
        "CD-CM-VC-VCS-L3-4 演练/演练记录-2026.docx",
        "CM-VC-VCS-L3-4",
    ),
    ("CM-VC-BM-L3-2 分支信息与合并过程.docx", "?CM-VC-BM-L3-2"),
    ("其他/会议纪要.docx", "-"),
    ("照片.jpg", "-"),
    ("~$临时.docx", "ignored"),
];

/// Writes the folder under `dir` and returns its path.
pub fn materials_folder(dir: &Path) -> PathBuf {
    let root = dir.join(ROOT);
    for (path, _) in FILES {
        let file = root.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, format!("{path}: 内容不会被读取")).unwrap();
    }
    root
}

/// (data-ref, data-path) of every element matching `css`.
async fn refs_and_paths(b: &Browser, css: &str) -> BTreeSet<(String, String)> {
    let v = b
        .eval(&format!(
            "return [...document.querySelectorAll(\"{css}\")].map(e => [e.dataset.ref || '', e.dataset.path || '']);"
        ))
        .await;
    serde_json::from_value::<Vec<(String, String)>>(v)
        .unwrap_or_default()
        .into_iter()
        .collect()
}

/// What [`FILES`] says the page must show, for one kind of mark (`""` found, `"?"` doubt).
fn expected(mark: &str) -> BTreeSet<(String, String)> {
    FILES
        .iter()
        .filter(|(_, serves)| {
            serves.starts_with(mark)
                && *serves != "-"
                && *serves != "ignored"
                && (mark == "?" || !serves.starts_with('?'))
        })
        .map(|(path, serves)| {
            (
                serves.trim_start_matches('?').to_string(),
                format!("{ROOT}/{path}"),
            )
        })
        .collect()
}

/// Lines of the evidence plan a new assessment (target 3) has.
fn plan_lines() -> usize {
    let m = load_model(EMBEDDED_MODEL).unwrap();
    let a = Assessment::new("x", "x", &m, 3, Lang::Zh, "t");
    evidence_plan(&m, &a).iter().map(|p| p.lines.len()).sum()
}

/// The summary's (data-found, data-needed).
async fn found_needed(b: &Browser) -> (u64, u64) {
    let v = b
        .eval("const e = document.querySelector('[data-evidence-found]'); return e ? [Number(e.dataset.found), Number(e.dataset.needed)] : null;")
        .await;
    serde_json::from_value(v).unwrap_or((0, 0))
}

async fn wait_found(b: &Browser, found: u64) {
    let script = format!("const e = document.querySelector('[data-evidence-found]'); return !!e && e.dataset.found === '{found}';");
    if !b.try_wait_until(&script).await {
        let shown = b
            .eval("const s = document.querySelector('.materials-check'); let stored = false; for (let k = 0; k < localStorage.length; k++) { if ((localStorage.getItem(localStorage.key(k)) || '').includes('evidence_check')) stored = true; } return [s ? s.innerText : 'no section', stored]; ")
            .await;
        let errors = b.console_errors().await;
        panic!("{found} materials are not found; the section says: {shown}; console: {errors:?}");
    }
}

/// Opens the evidence plan of the open assessment; returns its id.
async fn open_plan(b: &Browser) -> String {
    let id = assessment_id(b).await;
    b.goto_hash(&format!("#/a/{id}/evidence")).await;
    b.wait_for("input[type=file][webkitdirectory][data-action='evidence-folder']")
        .await;
    id
}

/// Switches the page's language ("zh" or "en").
async fn set_language(b: &Browser, lang: &str) {
    let current = b.eval("return document.documentElement.lang;").await;
    if !current.as_str().unwrap_or_default().starts_with(lang) {
        b.click("[data-action='language']").await;
        b.wait_until(
            "the language switched",
            &format!("return document.documentElement.lang.startsWith('{lang}');"),
        )
        .await;
    }
}

/// The status and location of the plan's entry tracking `code` in sub-item `item`.
async fn entry_state(b: &Browser, item: &str, code: &str) -> (String, String) {
    let v = b
        .eval(&format!(
            "const row = [...document.querySelectorAll(\"tr[data-evidence^='{item}-']\")].find(r => r.querySelector(\"[data-material-code='{code}']\"));
             if (!row) return null;
             return [row.querySelector(\"[data-field='status']\").dataset.evStatus, row.querySelector(\"[data-field='location']\").value];"
        ))
        .await;
    serde_json::from_value(v).unwrap_or_default()
}

/// Everything after the folder is in the input: the hooks and counts, both languages with
/// screenshots, taking the result and undoing it, a reload. `prefix` names the screenshots.
async fn the_check_shows_found_missing_doubts_and_unmatched(b: &Browser, prefix: &str) {
    let needed = plan_lines() as u64;
    wait_found(b, 3).await;
    assert_eq!(found_needed(b).await, (3, needed));
    assert_eq!(
        refs_and_paths(b, "[data-evidence-file]").await,
        expected(""),
        "the files found, each under its material"
    );
    assert_eq!(
        refs_and_paths(b, "[data-evidence-doubt]").await,
        expected("?")
    );
    let unmatched: BTreeSet<String> = refs_and_paths(b, "[data-evidence-unmatched]")
        .await
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    assert_eq!(
        unmatched,
        [
            format!("{ROOT}/其他/会议纪要.docx"),
            format!("{ROOT}/照片.jpg")
        ]
        .into_iter()
        .collect(),
        "unrelated files are listed, the lock file is not"
    );
    let missing = b
        .eval("return [...document.querySelectorAll('[data-evidence-missing]')].map(e => e.dataset.ref);")
        .await;
    let missing: Vec<String> = serde_json::from_value(missing).unwrap();
    assert_eq!(missing.len() as u64, needed - 3);
    for code in ["CM-VC-VCS-L3-1", "CM-VC-VCS-L3-5", "CM-VC-BM-L3-2"] {
        assert!(missing.iter().any(|m| m == code), "{code} is missing");
    }
    assert!(!missing.iter().any(|m| m == "CM-VC-VCS-L2-1"));
    // Material codes are labelled as such in the plan's rows (not as requirement ids).
    let labelled = b
        .eval("const m = document.querySelector(\"tr[data-evidence] [data-material-code='CM-VC-VCS-L3-3']\"); return m ? m.textContent : null;")
        .await;
    let labelled = labelled.as_str().unwrap_or_default().to_string();
    assert!(
        labelled.contains("材料编号")
            && labelled.contains("CM-VC-VCS-L3-3-《版本控制系统备份与恢复方案》"),
        "{labelled}"
    );
    b.screenshot(&format!("{prefix}materials-zh")).await;
    set_language(b, "en").await;
    b.wait_until(
        "the check is shown in English",
        "const e = document.querySelector('[data-evidence-found]'); return !!e && e.textContent.includes('materials level 3 needs');",
    )
    .await;
    assert_eq!(found_needed(b).await, (3, needed));
    b.screenshot(&format!("{prefix}materials-en")).await;
    set_language(b, "zh").await;

    // Taking the result: three found entries become ready and get their paths; undo.
    assert_eq!(
        entry_state(b, "CM-VC-VCS", "CM-VC-VCS-L2-1").await,
        ("missing".to_string(), String::new())
    );
    let accept = b.wait_for("[data-action='evidence-accept']").await;
    assert_eq!(
        accept.attr("data-statuses").await.unwrap().as_deref(),
        Some("3")
    );
    accept.click().await.unwrap();
    b.wait_for("[data-action='evidence-accept-undo']").await;
    assert_eq!(
        entry_state(b, "CM-VC-VCS", "CM-VC-VCS-L2-1").await,
        (
            "ready".to_string(),
            format!("{ROOT}/CM-VC-VCS-L2-1-《版本控制系统基本使用规范》.docx")
        )
    );
    assert_eq!(
        entry_state(b, "CM-VC-VCS", "CM-VC-VCS-L3-4").await.0,
        "ready"
    );
    assert_eq!(
        entry_state(b, "CM-VC-BM", "CM-VC-BM-L3-2").await.0,
        "missing",
        "a doubt is not taken"
    );
    b.click("[data-action='evidence-accept-undo']").await;
    b.wait_until(
        "the undo is done",
        "return !document.querySelector(\"[data-action='evidence-accept-undo']\");",
    )
    .await;
    assert_eq!(
        entry_state(b, "CM-VC-VCS", "CM-VC-VCS-L2-1").await,
        ("missing".to_string(), String::new())
    );
    // The check is kept with the assessment.
    b.client.refresh().await.expect("reload");
    b.wait_for("[data-evidence-found]").await;
    assert_eq!(found_needed(b).await, (3, needed));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_materials_folder_is_checked_in_chromium() {
    let b = Browser::open().await;
    let folder = materials_folder(&b.work_dir());
    let id = open_plan(&b).await;
    // ChromeDriver fills a webkitdirectory input with the folder's path.
    b.upload("[data-action='evidence-folder']", &folder).await;
    the_check_shows_found_missing_doubts_and_unmatched(&b, "").await;
    // Taken, then exported: the Excel 材料清单 lists the files found beside each material.
    b.click("[data-action='evidence-accept']").await;
    b.wait_for("[data-action='evidence-accept-undo']").await;
    export(&b, "export-xlsx").await;
    let path = b.downloaded(".xlsx").await;
    let kept = std::env::var("KEEP_XLSX").ok().map(PathBuf::from);
    if let Some(dir) = &kept {
        let _ = std::fs::create_dir_all(dir);
        let _ = std::fs::copy(&path, dir.join("materials-check.xlsx"));
    }
    excel_lists_the_files(&path);
    // No file was read or sent anywhere: no request, no error.
    assert!(b.network_requests().await.is_empty());
    assert!(b.console_errors().await.is_empty());
    assert_eq!(assessment_id(&b).await, id);
    b.close().await;
}

/// The 材料清单 sheet of an exported workbook: 材料编号 and the files found.
fn excel_lists_the_files(path: &Path) {
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook(path).expect("calamine opens it");
    let sheet = book.worksheet_range("材料清单").unwrap();
    let text = |r: u32, c: u32| match sheet.get_value((r, c)) {
        Some(Data::String(s)) => s.clone(),
        _ => String::new(),
    };
    assert_eq!(text(1, 0), "材料编号");
    assert_eq!(text(1, 9), "找到的文件（最近一次检查）");
    let row = |code: &str| {
        (2..sheet.height() as u32)
            .find(|&r| text(r, 0) == code)
            .unwrap_or_else(|| panic!("a row for {code}"))
    };
    let l21 = row("CM-VC-VCS-L2-1");
    assert_eq!(
        text(l21, 9),
        format!("{ROOT}/CM-VC-VCS-L2-1-《版本控制系统基本使用规范》.docx")
    );
    assert_eq!(text(l21, 5), "已就绪", "the result was taken");
    assert_eq!(text(row("CM-VC-VCS-L3-5"), 9), "");
    let last = sheet.end().unwrap().0;
    assert!(
        text(last, 0).starts_with("材料文件夹检查") && text(last, 0).contains("找到 3/"),
        "{}",
        text(last, 0)
    );
}

/// Writes a file into the origin-private folder `opfs-materials` (sub-folders made as needed).
async fn write_opfs(b: &Browser, path: &str) {
    let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
    let script = format!(
        "const done = arguments[arguments.length - 1];
         (async () => {{
           let d = await (await navigator.storage.getDirectory()).getDirectoryHandle('opfs-materials', {{create: true}});
           for (const part of {dirs}) d = await d.getDirectoryHandle(part, {{create: true}});
           const w = await (await d.getFileHandle({name}, {{create: true}})).createWritable();
           await w.write('x'); await w.close(); done(true);
         }})().catch(e => done(String(e)));",
        dirs = serde_json::json!(dir.split('/').filter(|p| !p.is_empty()).collect::<Vec<_>>()),
        name = serde_json::json!(name),
    );
    let r = b.client.execute_async(&script, vec![]).await.unwrap();
    assert_eq!(r, Value::Bool(true), "{path}");
}

/// Chromium's directory picker: the folder is remembered (IndexedDB) and checked again with
/// one click after a reload. The picker cannot be driven by WebDriver; the page gets a folder
/// of the origin's private file system instead, which has the same handle interface.
#[tokio::test(flavor = "multi_thread")]
async fn a_remembered_folder_is_checked_again_with_one_click() {
    let b = Browser::start_with_script(
        "window.showDirectoryPicker = async () => (await navigator.storage.getDirectory()).getDirectoryHandle('opfs-materials', {create: true});",
    )
    .await;
    b.client.goto(&b.url).await.unwrap();
    b.wait_ready().await;
    write_opfs(&b, "CM-VC-VCS-L2-1 规范.docx").await;
    write_opfs(&b, "版本控制系统/版本控制系统备份与恢复方案.pdf").await;
    write_opfs(&b, ".hidden/CM-VC-VCS-L3-4.docx").await;
    open_plan(&b).await;
    b.click("[data-action='evidence-folder-pick']").await;
    wait_found(&b, 2).await;
    assert!(refs_and_paths(&b, "[data-evidence-file]").await.contains(&(
        "CM-VC-VCS-L3-3".into(),
        "opfs-materials/版本控制系统/版本控制系统备份与恢复方案.pdf".into()
    )));
    // A new file, a reload: the remembered folder is checked again with one click.
    write_opfs(&b, "CM-VC-VCS-L3-4 演练记录.docx").await;
    b.client.refresh().await.expect("reload");
    b.wait_for("[data-evidence-found]").await;
    let again = b.wait_for("[data-action='evidence-recheck']").await;
    assert!(again.text().await.unwrap().contains("opfs-materials"));
    again.click().await.unwrap();
    wait_found(&b, 3).await;
    assert!(b.console_errors().await.is_empty());
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_materials_folder_is_checked_in_firefox() {
    let b = Browser::open_firefox().await;
    assert_eq!(b.kind, Kind::Firefox);
    let folder = materials_folder(&b.work_dir());
    open_plan(&b).await;
    b.upload("[data-action='evidence-folder']", &folder).await;
    the_check_shows_found_missing_doubts_and_unmatched(&b, "firefox-").await;
    assert!(b.console_errors().await.is_empty());
    b.close().await;
}
