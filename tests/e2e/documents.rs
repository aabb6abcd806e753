//! The workbook file as the team's document, end to end: save it (download where the File
//! System Access API is missing, the same file again where it is present), open the saved file
//! through `file://` in a fresh browser, meet an older and a newer copy, merge two people's
//! copies with conflicts and undo, and a hostile document.

use std::path::{Path, PathBuf};
use std::time::Duration;

use maturity_core::formats::document;
use serde_json::{json, Value};

use crate::support::Browser;
use crate::views::{answer_some, assessment_id};

/// Takes the File System Access API away, as in Firefox, before the page's scripts run.
const NO_FILE_ACCESS: &str =
    "Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true });";

/// A save picker that returns a file handle with the interface of the File System Access API
/// (`name`, `queryPermission`, `createWritable()` → `write`, `close`), keeping what is written in
/// `window.__files` for the test to read back. (The origin private file system, which has the
/// real interface, refuses `file://` pages in this Chromium: SecurityError.) Each picker call
/// is counted, so the test sees that Save does not ask again.
const FILE_PICKER: &str = "window.__files = {}; window.__picks = 0; window.showSaveFilePicker = async (o) => { window.__picks++; const name = o.suggestedName; return { kind: 'file', name, queryPermission: async () => 'granted', requestPermission: async () => 'granted', createWritable: async () => { let text = ''; return { write: async (t) => { text += t; }, close: async () => { window.__files[name] = text; } }; } }; }; return 1;";

pub(crate) async fn open_without_file_access() -> Browser {
    let b = Browser::start().await;
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": NO_FILE_ACCESS }),
    )
    .await;
    b.client.goto(&b.url).await.expect("open the workbook");
    b.wait_ready().await;
    b
}

/// Clicks Save (or Save as) and, the first time, answers the name question.
pub(crate) async fn save(b: &Browser, action: &str, name: Option<&str>) {
    b.eval("window.scrollTo(0, 0); return 1;").await;
    b.click(&format!("[data-action='{action}']")).await;
    if b.find_all("#user-name").await.is_empty() {
        return;
    }
    b.screenshot("document-name-dialog").await;
    match name {
        Some(n) => {
            b.find("#user-name").await.send_keys(n).await.unwrap();
            b.click("[data-action='name-save']").await;
        }
        None => b.click("[data-action='name-skip']").await,
    }
}

/// The levels shown for a few nodes, and every answer of a sub-item as the radios show it.
/// Opens the document at `path` and checks it shows its assessment's dashboard with the answers
/// and labels of `before` (a [`snapshot`] taken where it was saved).
pub(crate) async fn opens_on_its_dashboard(
    b: &Browser,
    path: &Path,
    id: &str,
    before: &(Vec<(String, String)>, Value),
) {
    b.client
        .goto(&format!("file://{}", path.display()))
        .await
        .unwrap();
    b.wait_for("[data-level-of='part']").await;
    let hash = b.eval("return location.hash;").await;
    assert_eq!(hash, Value::String(format!("#/a/{id}")), "the dashboard");
    assert_eq!(
        &snapshot(b, id).await,
        before,
        "the same answers and labels"
    );
}

pub(crate) async fn snapshot(b: &Browser, id: &str) -> (Vec<(String, String)>, Value) {
    b.goto_hash(&format!("#/a/{id}/item/CM-VC-VCS")).await;
    b.wait_for("[data-req='CM-VC-VCS-L2-1']").await;
    let mut levels = Vec::new();
    for code in ["CM-VC-VCS", "CM-VC", "CM", "part"] {
        levels.push(b.level_of(code).await);
    }
    let answers = b
        .eval("return Array.from(document.querySelectorAll('[data-req]')).map(g => [g.dataset.req, (g.querySelector('input:checked') || {}).value || null]);")
        .await;
    (levels, answers)
}

/// Opens a saved document in this browser, as a double-click would.
async fn open_document(b: &Browser, path: &Path) {
    b.client
        .goto(&format!("file://{}", path.display()))
        .await
        .expect("open the document");
    b.wait_for("[data-level-of], [data-action='new-assessment'], .dialog")
        .await;
}

fn copy_to(dir: &Path, from: &Path, name: &str) -> PathBuf {
    let to = dir.join(name);
    std::fs::copy(from, &to).unwrap();
    to
}

#[tokio::test(flavor = "multi_thread")]
async fn a_saved_document_reopens_in_a_fresh_browser_with_the_same_answers() {
    let a = open_without_file_access().await;
    answer_some(&a).await;
    let id = assessment_id(&a).await;
    assert_eq!(
        a.find("[data-document-status]")
            .await
            .attr("data-document-status")
            .await
            .unwrap()
            .as_deref(),
        Some("unsaved")
    );
    save(&a, "save", Some("张三")).await;
    let first = a.downloaded(".html").await;
    let name = first.file_name().unwrap().to_string_lossy().to_string();
    assert!(
        name.ends_with(".html") && name.contains("-自评1-目标3-"),
        "the name tells the level reached from the target: {name}"
    );
    a.wait_for("[data-document-status='saved']").await;
    a.screenshot("document-bar-saved-zh").await;
    // A change after the name was given is recorded with it; Save downloads a new copy.
    a.goto_hash(&format!("#/a/{id}/item/CM-VC-VCS")).await;
    a.click("[data-req='CM-VC-VCS-L4-2'] [data-status='partial']")
        .await;
    a.wait_for("[data-document-status='unsaved']").await;
    a.clear_downloads();
    save(&a, "save", None).await;
    let saved = a.downloaded(".html").await;
    a.wait_for("[data-document-status='saved']").await;
    let before = snapshot(&a, &id).await;
    // The file holds the assessment, as an inert block the page reads.
    let html = std::fs::read_to_string(&saved).unwrap();
    let json: Value = serde_json::from_str(document::read(&html).unwrap()).unwrap();
    assert_eq!(json["assessment"]["id"], id.as_str());
    assert_eq!(json["assessment"]["updated_by"], "张三");
    assert_eq!(json["changed"]["CM-VC-VCS-L4-2"]["by"], "张三");
    assert!(html.contains("connect-src 'none'"), "same strict policy");
    let mailed = std::env::temp_dir().join(format!("mwb-mailed-{}", std::process::id()));
    std::fs::create_dir_all(&mailed).unwrap();
    let mailed = copy_to(&mailed, &saved, &name);
    a.close().await;

    // A colleague double-clicks the mailed file: a fresh browser, nothing stored.
    let b = Browser::start().await;
    let path = copy_to(&b.work_dir(), &mailed, &name);
    let _ = std::fs::remove_dir_all(mailed.parent().unwrap());
    opens_on_its_dashboard(&b, &path, &id, &before).await;
    let stored = b.local_storage().await;
    assert!(
        stored.contains_key(&format!("mwb:v1:a:{id}")),
        "a working copy is kept"
    );
    let requests = b.network_requests_from(&path).await;
    assert!(requests.is_empty(), "no network request: {requests:?}");
    // Reopening the same file changes nothing and asks nothing.
    b.client
        .goto(&format!("file://{}", path.display()))
        .await
        .unwrap();
    b.wait_for("[data-level-of='part']").await;
    assert!(b
        .find_all("[data-dialog='document-meeting']")
        .await
        .is_empty());
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn save_as_then_save_again_writes_the_same_file() {
    let b = Browser::open().await;
    b.eval(FILE_PICKER).await;
    answer_some(&b).await;
    let id = assessment_id(&b).await;
    save(&b, "save-document", None).await;
    b.wait_for("[data-document-status='saved']").await;
    let file = b
        .eval("return document.querySelector('.document-status').textContent;")
        .await;
    let file = file.as_str().unwrap().to_string();
    assert!(file.contains(".html"), "the header names the file: {file}");
    // A change: unsaved, then Ctrl+S writes the same file.
    b.click("[data-req='CM-VC-VCS-L3-3'] [data-status='met']")
        .await;
    b.wait_for("[data-document-status='unsaved']").await;
    b.eval("document.activeElement && document.activeElement.blur(); return 1;")
        .await;
    b.press_with_control('s').await;
    b.wait_for("[data-document-status='saved']").await;
    let text = b
        .eval("return [Object.keys(window.__files), Object.values(window.__files)[0], window.__picks];")
        .await;
    let names = text[0].as_array().unwrap();
    assert_eq!(names.len(), 1, "one file, written twice: {names:?}");
    assert_eq!(
        text[2], 1,
        "Save wrote the file chosen before without asking again"
    );
    let html = text[1].as_str().unwrap();
    let json: Value = serde_json::from_str(document::read(html).unwrap()).unwrap();
    assert_eq!(json["assessment"]["id"], id.as_str());
    assert_eq!(json["answers"]["CM-VC-VCS-L3-3"]["status"], "met");
    // Autosave, once turned on (and remembered), writes the file after a change by itself.
    b.eval("window.scrollTo(0, 0); return 1;").await;
    b.click("[data-action='autosave']").await;
    b.reload().await;
    let on = b
        .eval("return document.querySelector(\"[data-action='autosave']\").checked;")
        .await;
    assert_eq!(on, Value::Bool(true), "remembered");
    b.eval(FILE_PICKER).await;
    // After a reload the browser still knows the file only within the session that chose it:
    // choose it again, then change something and wait.
    save(&b, "save-document", None).await;
    b.wait_for("[data-document-status='saved']").await;
    b.click("[data-req='CM-VC-VCS-L4-1'] [data-status='met']")
        .await;
    b.wait_until(
        "autosave wrote the change",
        "const t = (Object.values(window.__files)[0] || '').replace(/\\s+/g, ''); return t.includes('\"CM-VC-VCS-L4-1\":{\"status\":\"met\"');",
    )
    .await;
    b.wait_for("[data-document-status='saved']").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_document_meets_a_newer_and_an_older_copy_in_this_browser() {
    let a = open_without_file_access().await;
    answer_some(&a).await;
    let id = assessment_id(&a).await;
    save(&a, "save", Some("王五")).await;
    let d1 = a.downloaded(".html").await;
    let d1 = copy_to(&a.work_dir(), &d1, "team.html");
    // This browser goes on working: its copy is now newer than the file.
    a.goto_hash(&format!("#/a/{id}/item/CM-VC-VCS")).await;
    a.click("[data-req='CM-VC-VCS-L3-3'] [data-status='met']")
        .await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    open_document(&a, &d1).await;
    let dialog = a.wait_for("[data-dialog='document-meeting']").await;
    let newer = a
        .find("[data-newer]")
        .await
        .attr("data-newer")
        .await
        .unwrap();
    assert_eq!(newer.as_deref(), Some("some(here)"));
    assert!(dialog.text().await.unwrap().contains("team.html"));
    a.click("[data-action='document-keep-browser']").await;
    let (_, answers) = snapshot(&a, &id).await;
    assert!(
        answers
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p[0] == "CM-VC-VCS-L3-3" && p[1] == "met"),
        "this browser's version kept: {answers}"
    );

    // A colleague makes a newer file from d1.
    let b = Browser::start().await;
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": NO_FILE_ACCESS }),
    )
    .await;
    let theirs = copy_to(&b.work_dir(), &d1, "team.html");
    open_document(&b, &theirs).await;
    // The colleague's browser did not create it: it opens for review until they edit.
    b.click("[data-action='start-editing']").await;
    b.goto_hash(&format!("#/a/{id}/item/CM-VC-VCS")).await;
    b.click("[data-req='CM-VC-VCS-L3-2'] [data-status='met']")
        .await;
    b.click("[data-req='CM-VC-VCS-L4-2'] [data-status='met']")
        .await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    save(&b, "save", Some("李四")).await;
    let d2 = b.downloaded(".html").await;
    let d2 = copy_to(&a.work_dir(), &d2, "team-2.html");
    b.close().await;

    open_document(&a, &d2).await;
    a.wait_for("[data-dialog='document-meeting']").await;
    let newer = a
        .find("[data-newer]")
        .await
        .attr("data-newer")
        .await
        .unwrap();
    assert_eq!(newer.as_deref(), Some("some(there)"), "the file is newer");
    let text = a.text("[data-version='file']").await;
    assert!(text.contains("李四"), "who changed it: {text}");
    a.click("[data-action='document-take-file']").await;
    a.wait_for("[data-action='undo']").await;
    let (_, answers) = snapshot(&a, &id).await;
    let answer = |list: &Value, req: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|p| p[0] == req)
            .map(|p| p[1].clone())
            .unwrap()
    };
    assert_eq!(
        answer(&answers, "CM-VC-VCS-L4-2"),
        "met",
        "the file's answer"
    );
    assert_eq!(
        answer(&answers, "CM-VC-VCS-L3-3"),
        "not_met",
        "the file's, not ours"
    );
    // Undo brings this browser's version back.
    a.eval("window.scrollTo(0, 0); return 1;").await;
    a.click("[data-action='undo']").await;
    let (_, answers) = snapshot(&a, &id).await;
    assert_eq!(answer(&answers, "CM-VC-VCS-L3-3"), "met");
    a.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn two_copies_merge_with_every_conflict_shown_and_the_merge_undone() {
    let a = open_without_file_access().await;
    answer_some(&a).await;
    let id = assessment_id(&a).await;
    save(&a, "save", Some("张三")).await;
    let base = a.downloaded(".html").await;
    let base = copy_to(&a.work_dir(), &base, "base.html");
    // The colleague fills in other parts and disagrees on one answer.
    let b = Browser::start().await;
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": NO_FILE_ACCESS }),
    )
    .await;
    let theirs = copy_to(&b.work_dir(), &base, "base.html");
    open_document(&b, &theirs).await;
    // The colleague's browser did not create it: it opens for review until they edit.
    b.click("[data-action='start-editing']").await;
    b.goto_hash(&format!("#/a/{id}/item/CM-VC-VCS")).await;
    b.click("[data-req='CM-VC-VCS-L3-3'] [data-status='met']")
        .await;
    b.goto_hash(&format!("#/a/{id}/item/CM-VC-BM")).await;
    b.click("[data-req='CM-VC-BM-L2-1'] [data-status='met']")
        .await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    save(&b, "save", Some("李四")).await;
    let copy = b.downloaded(".html").await;
    let copy = copy_to(&a.work_dir(), &copy, "copy-from-lisi.html");
    b.close().await;

    // Here, the same answer is given differently.
    a.goto_hash(&format!("#/a/{id}/item/CM-VC-VCS")).await;
    a.click("[data-req='CM-VC-VCS-L3-3'] [data-status='partial']")
        .await;
    // Import the colleague's file and merge it.
    a.goto_hash("#/home").await;
    a.upload("[data-action='import']", &copy).await;
    a.click("[data-action='import-merge']").await;
    let dialog = a.wait_for("[data-dialog='merge']").await;
    assert_eq!(
        dialog.attr("data-conflicts").await.unwrap().as_deref(),
        Some("1"),
        "only the answer both changed"
    );
    let conflict = a.text("[data-conflict='0']").await;
    assert!(
        conflict.contains("CM-VC-VCS-L3-3")
            && conflict.contains("李四")
            && conflict.contains("张三"),
        "both sides, when and by whom: {conflict}"
    );
    a.screenshot("document-merge-zh").await;
    a.click("[data-conflict='0'] [data-side='there']").await;
    a.click("[data-action='merge-apply']").await;
    a.wait_for("[data-action='undo']").await;
    let (levels, answers) = snapshot(&a, &id).await;
    let has = |req: &str, v: &str| {
        answers
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p[0] == req && p[1] == v)
    };
    assert!(
        has("CM-VC-VCS-L3-3", "met"),
        "the conflict decided for the copy"
    );
    a.goto_hash(&format!("#/a/{id}/item/CM-VC-BM")).await;
    a.wait_for("[data-req='CM-VC-BM-L2-1']").await;
    let bm = a
        .eval("return document.querySelector(\"[data-req='CM-VC-BM-L2-1'] input:checked\").value;")
        .await;
    assert_eq!(bm, "met", "what only the copy changed is taken");
    assert_eq!(levels[0], ("2".into(), "3-".into()), "labels recomputed");
    // Undo: back to this browser's version before the merge.
    a.eval("window.scrollTo(0, 0); return 1;").await;
    a.click("[data-action='undo']").await;
    let (_, answers) = snapshot(&a, &id).await;
    assert!(answers
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p[0] == "CM-VC-VCS-L3-3" && p[1] == "partial"));
    a.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hostile_document_is_inert() {
    let a = open_without_file_access().await;
    answer_some(&a).await;
    save(&a, "save", None).await;
    let saved = std::fs::read_to_string(a.downloaded(".html").await).unwrap();
    a.close().await;
    let json: Value = serde_json::from_str(document::read(&saved).unwrap()).unwrap();
    let b = Browser::start().await;
    let evil =
        "<img src=x onerror=\"window.__pwned=1\"></script><script>window.__pwned=1</script><!--";
    // Script in every string, results that lie, an unknown model: errors, nothing stored.
    let mut hostile = json.clone();
    hostile["assessment"]["name"] = json!(evil);
    hostile["assessment"]["project"]["project"] = json!(evil);
    hostile["results"]["part"] = json!({"level": 5, "label": "5"});
    hostile["model"]["id"] = json!("not-a-model");
    let page = document::write(&saved, &hostile.to_string()).unwrap();
    let path = b.work_dir().join("hostile.html");
    std::fs::write(&path, page).unwrap();
    b.client
        .goto(&format!("file://{}", path.display()))
        .await
        .unwrap();
    b.wait_for("[role='alert']").await;
    let problems = b.text(".dialog").await;
    assert!(problems.contains("not-a-model"), "{problems}");
    assert_eq!(b.eval("return window.__pwned || 0;").await, json!(0));
    let stored = b.local_storage().await;
    assert!(
        !stored
            .keys()
            .any(|k| k.contains(json["assessment"]["id"].as_str().unwrap())),
        "nothing of the file stored"
    );
    // The same lies with a known model: opened, results recomputed, strings shown as text.
    let mut lying = json.clone();
    lying["assessment"]["name"] = json!(evil);
    lying["results"]["part"] = json!({"level": 5, "label": "5"});
    let page = document::write(&saved, &lying.to_string()).unwrap();
    let path = b.work_dir().join("lying.html");
    std::fs::write(&path, page).unwrap();
    b.client
        .goto(&format!("file://{}", path.display()))
        .await
        .unwrap();
    b.wait_for("[data-level-of='part']").await;
    assert_ne!(b.level_of("part").await.1, "5", "results are recomputed");
    assert_eq!(b.eval("return window.__pwned || 0;").await, json!(0));
    let shown = b.text(".assessment-name").await;
    assert!(shown.contains("<img"), "the name is shown as text: {shown}");
    b.close().await;
}
