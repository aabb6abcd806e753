//! The main paths in Firefox ESR, with the preferences a real user has
//! (`remote.prefs.recommended=false`, so `file://` storage stays keyed by the file's path):
//! start from `file://`, answer, reload, every view in both languages, JSON out and back in
//! (as new; replacing, with undo), the report printed to PDF, damaged storage, the workbook
//! document saved by download and reopened in a fresh profile — and the per-path storage
//! itself: two paths of one workbook never see each other's data, and the storage panel says
//! so instead of claiming a shared store. One Chromium test beside them shows the contrast.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use maturity_core::formats::document;
use maturity_core::text::i18n;
use serde_json::Value;

use crate::documents::{opens_on_its_dashboard, snapshot};
use crate::exchange::{export, print_the_report, replace_then_undo, PrintedReport};
use crate::storage::quarantines_a_corrupt_index_and_record;
use crate::support::{page_path, Browser};
use crate::views::{all_views, answer_some, assessment_id};

/// The checked answer of a requirement on the open sub-item page, or null.
async fn checked(b: &Browser, req: &str) -> Value {
    b.eval(&format!(
        "return (document.querySelector(\"[data-req='{req}'] input:checked\") || {{}}).value || null;"
    ))
    .await
}

/// No page errors in the console, no resource fetched.
async fn quiet(b: &Browser) {
    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    let requests = b.resource_requests().await;
    assert!(requests.is_empty(), "requests: {requests:?}");
}

/// Switches the page to a language ("zh" or "en") with the header's button.
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

/// The storage panel of the home page: the `data-scope` it states and every `[data-storage]`
/// text in it.
async fn storage_panel(b: &Browser) -> (String, Vec<String>) {
    b.goto_hash("#/home").await;
    b.wait_for(".storage-info [data-storage='scope']").await;
    let scope = b
        .find(".storage-info [data-storage='scope']")
        .await
        .attr("data-scope")
        .await
        .ok()
        .flatten()
        .unwrap_or_default();
    let texts = b
        .eval("return [...document.querySelectorAll('.storage-info [data-storage]')].map(e => e.textContent.trim());")
        .await;
    (scope, serde_json::from_value(texts).unwrap_or_default())
}

/// What the panel would say about a store shared by all local pages, in both languages.
fn claims_shared(text: &str) -> bool {
    let t = i18n::STORAGE_SCOPE_SHARED;
    text.contains(t.zh)
        || text.contains(t.en)
        || text.contains("共用一份存储")
        || text.contains("share one store")
}

/// The Chinese text of a requirement of the embedded model, without whitespace.
fn requirement_text(id: &str) -> String {
    let loaded = maturity_core::model::validate::load_model(maturity_core::model::EMBEDDED_MODEL)
        .expect("the embedded model loads");
    let found = loaded
        .model
        .domains
        .iter()
        .flat_map(|d| &d.capabilities)
        .flat_map(|c| &c.items)
        .flat_map(|i| &i.levels)
        .flat_map(|l| &l.requirements)
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("{id} is in the model"));
    found
        .text
        .zh
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Opens a file in the browser as a double-click would, and waits for the workbook.
async fn open_file(b: &Browser, path: &Path) {
    b.client
        .goto(&format!("file://{}", path.display()))
        .await
        .expect("open the file");
    b.wait_ready().await;
}

/// A copy of the built workbook at `dir/name`.
fn workbook_copy(dir: &Path, name: &str) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let to = dir.join(name);
    std::fs::copy(page_path(), &to).unwrap();
    to
}

/// The assessment ids stored in this page's store.
async fn stored_ids(b: &Browser) -> Vec<String> {
    let mut ids: Vec<String> = b
        .local_storage()
        .await
        .keys()
        .filter_map(|k| k.strip_prefix("mwb:v1:a:").map(str::to_string))
        .collect();
    ids.sort();
    ids
}

#[tokio::test(flavor = "multi_thread")]
async fn firefox_starts_from_file_and_keeps_answers_over_a_reload() {
    let started = Instant::now();
    let b = Browser::open_firefox().await;
    let opened = started.elapsed();
    let agent = b.eval("return navigator.userAgent;").await;
    assert!(
        agent.as_str().unwrap_or_default().contains("Firefox/"),
        "{agent}"
    );
    let lang = b.eval("return document.documentElement.lang;").await;
    assert_eq!(lang, "zh-CN", "the browser's language is used");
    answer_some(&b).await;
    let id = assessment_id(&b).await;
    assert_eq!(b.level_of("CM-VC-VCS").await, ("2".into(), "3-".into()));
    b.wait_for("#item-notes")
        .await
        .send_keys("火狐浏览器中的笔记")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(600)).await;
    b.reload().await;
    b.goto_hash(&format!("#/a/{id}/item/CM-VC-VCS")).await;
    b.wait_for("[data-req='CM-VC-VCS-L3-2']").await;
    assert_eq!(b.level_of("CM-VC-VCS").await, ("2".into(), "3-".into()));
    assert_eq!(checked(&b, "CM-VC-VCS-L3-2").await, "partial");
    assert_eq!(checked(&b, "CM-VC-VCS-L4-1").await, "not_applicable");
    let notes = b
        .eval("return document.querySelector('#item-notes').value;")
        .await;
    assert_eq!(notes, "火狐浏览器中的笔记");
    quiet(&b).await;
    println!("Firefox: browser started and workbook ready in {opened:?}");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn firefox_renders_every_view_in_both_languages_without_overflow() {
    let b = Browser::open_firefox().await;
    answer_some(&b).await;
    let id = assessment_id(&b).await;
    for lang in ["zh", "en"] {
        set_language(&b, lang).await;
        for (name, hash) in all_views(&id) {
            b.goto_hash(&hash).await;
            b.wait_for("main h1").await;
            tokio::time::sleep(Duration::from_millis(150)).await;
            let overflow = b
                .eval("return document.documentElement.scrollWidth - window.innerWidth;")
                .await;
            assert!(
                overflow.as_i64().unwrap_or(0) <= 0,
                "{name} ({lang}) overflows by {overflow}px in Firefox"
            );
            if name != "models" {
                let shown = b.find_all("[data-level-of]").await.len();
                assert!(shown > 0, "{name} ({lang}) shows levels");
            }
            b.screenshot(&format!("firefox-{name}-{lang}")).await;
        }
    }
    quiet(&b).await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn firefox_exports_json_and_imports_it_as_new_and_replacing_with_undo() {
    let b = Browser::open_firefox().await;
    answer_some(&b).await;
    b.click("[data-req='CM-VC-VCS-L3-1'] ~ [data-action='comment']")
        .await;
    b.wait_for("#comment-CM-VC-VCS-L3-1")
        .await
        .send_keys("脚本在 Git, \"配置\" 未入库")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(600)).await;
    let id = assessment_id(&b).await;

    export(&b, "export-json").await;
    let path = b.downloaded(".json").await;
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    assert!(
        name.ends_with(".json") && name.contains("-自评") && name.contains("-目标3-"),
        "{name}"
    );
    let first = std::fs::read_to_string(&path).unwrap();
    let v: Value = serde_json::from_str(&first).expect("the export is JSON");
    assert_eq!(v["assessment"]["id"], id.as_str());
    assert_eq!(v["answers"]["CM-VC-VCS-L3-2"]["status"], "partial");
    assert_eq!(
        v["answers"]["CM-VC-VCS-L3-1"]["comment"],
        "脚本在 Git, \"配置\" 未入库"
    );
    assert_eq!(
        v["results"]["items"]["CM-VC-VCS"]["label"], "3-",
        "{}",
        v["results"]
    );

    // Import as a new assessment: the same content under a new id.
    b.goto_hash("#/home").await;
    b.upload("[data-action='import']", &path).await;
    b.wait_for("[role='dialog'] [data-action='import-as-new']")
        .await;
    b.click("[data-action='import-as-new']").await;
    b.wait_for("#dash-title").await;
    let new_id = assessment_id(&b).await;
    assert_ne!(new_id, id);
    let (levels, answers) = snapshot(&b, &new_id).await;
    assert_eq!(levels[0], ("2".into(), "3-".into()));
    assert!(answers
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p[0] == "CM-VC-VCS-L3-2" && p[1] == "partial"));

    // Replace the original with an edited file, then undo.
    replace_then_undo(&b, &v, &id).await;
    quiet(&b).await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn firefox_shows_the_report_and_prints_it_to_a_pdf() {
    let b = Browser::open_firefox().await;
    let PrintedReport {
        path,
        dir,
        text,
        info,
    } = print_the_report(&b, "report-zh-firefox.pdf").await;
    assert_eq!(b.text("#report-title").await, "手机银行持续交付");
    assert_eq!(b.level_of("CM-VC-VCS").await, ("2".into(), "3-".into()));
    for needle in [
        "手机银行持续交付",
        "某某银行",
        "目标级别",
        "整体自评",
        "CAICT 严格规则",
        "与目标的差距",
        "不适用的要求及原因",
        "CM-VC-VCS 版本控制系统",
    ] {
        assert!(
            text.contains(needle),
            "the Firefox PDF lacks {needle:?}:\n{}",
            &text[..text.len().min(3000)]
        );
    }
    // The requirement tables print the text of every requirement with its answer. (The ids
    // beside them are in the monospace font; with a zh-CN page on Linux, Firefox picks
    // "WenQuanYi Micro Hei Mono" for `monospace` and its PDF gives those glyphs no text, so
    // the ids are checked through their requirement's text here.)
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let wording = requirement_text("CM-VC-VCS-L3-2");
    assert!(flat.contains(&wording), "the PDF lacks {wording:?}");
    // Firefox rounds A4 to 596 × 842 points; pdfinfo names the size.
    assert!(info.contains("(A4)"), "A4 pages: {info}");
    let _ = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "50", "-l", "2"])
        .arg(&path)
        .arg(dir.join("firefox-page"))
        .status();
    quiet(&b).await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn firefox_quarantines_a_corrupt_record_and_loses_nothing_else() {
    let b = Browser::open_firefox().await;
    answer_some(&b).await;
    let id = assessment_id(&b).await;
    quarantines_a_corrupt_index_and_record(&b, &id).await;

    // A damaged newest record: the previous revision opens at the assessment's link.
    b.click("[data-req='CM-VC-VCS-L4-2'] [data-status='met']")
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let key = format!("mwb:v1:a:{id}");
    b.eval(&format!(
        "localStorage.setItem({}, '{{\"schema\":2,\"rev\":'); return 1;",
        serde_json::to_string(&key).unwrap()
    ))
    .await;
    b.reload().await;
    b.goto_hash(&format!("#/a/{id}/item/CM-VC-VCS")).await;
    b.wait_for("[data-req='CM-VC-VCS-L3-2']").await;
    assert_eq!(
        checked(&b, "CM-VC-VCS-L3-2").await,
        "partial",
        "the earlier answers"
    );
    let notices = b.text(".notices").await;
    assert!(notices.contains("上一版"), "{notices}");
    quiet(&b).await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn firefox_saves_the_document_by_download_and_a_fresh_profile_reopens_it() {
    let a = Browser::open_firefox().await;
    answer_some(&a).await;
    let id = assessment_id(&a).await;
    // Firefox has no File System Access API: the page says Save downloads a new copy.
    assert!(
        a.find_all("[data-action='autosave']").await.is_empty(),
        "no autosave to a file where the browser cannot write one"
    );
    let bar = a.text(".document-bar").await;
    assert!(bar.contains(i18n::NO_FILE_ACCESS.zh), "{bar}");
    a.eval("window.scrollTo(0, 0); return 1;").await;
    a.click("[data-action='save']").await;
    // The first save asks a name; skipping is fine.
    a.wait_for("#user-name").await;
    a.click("[data-action='name-skip']").await;
    let saved = a.downloaded(".html").await;
    let name = saved.file_name().unwrap().to_string_lossy().to_string();
    assert!(
        name.ends_with(".html") && name.contains("-自评1-目标3-"),
        "{name}"
    );
    a.wait_for("[data-document-status='saved']").await;
    let toast = a.text(".toast").await;
    assert!(toast.contains(&name) && toast.contains("已下载"), "{toast}");
    let before = snapshot(&a, &id).await;
    let html = std::fs::read_to_string(&saved).unwrap();
    let json: Value = serde_json::from_str(document::read(&html).expect("embedded data")).unwrap();
    assert_eq!(json["assessment"]["id"], id.as_str());
    assert_eq!(json["answers"]["CM-VC-VCS-L3-2"]["status"], "partial");
    assert!(html.contains("connect-src 'none'"), "same strict policy");
    quiet(&a).await;
    a.close().await;

    // Another person opens the downloaded file in a fresh Firefox profile.
    let b = Browser::start_firefox().await;
    let dir = b.work_dir().join("share");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(&name);
    std::fs::write(&path, &html).unwrap();
    opens_on_its_dashboard(&b, &path, &id, &before).await;
    assert_eq!(stored_ids(&b).await, [id], "a working copy is kept");
    quiet(&b).await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn firefox_keeps_one_store_per_file_path_and_the_storage_panel_says_so() {
    let b = Browser::start_firefox().await;
    let work = b.work_dir();
    let first = workbook_copy(&work.join("team-a"), "workbook.html");
    let other_folder = workbook_copy(&work.join("team-b"), "workbook.html");
    let other_name = workbook_copy(&work.join("team-a"), "workbook-copy.html");
    // A second name for the first folder, as a mapped drive or a link gives.
    let linked = work.join("share-link");
    std::os::unix::fs::symlink(work.join("team-a"), &linked).unwrap();
    let through_link = linked.join("workbook.html");

    open_file(&b, &first).await;
    answer_some(&b).await;
    let id = assessment_id(&b).await;
    assert_eq!(b.level_of("CM-VC-VCS").await, ("2".into(), "3-".into()));
    let (scope, texts) = storage_panel(&b).await;
    assert_eq!(scope, "per-file");
    assert!(texts.iter().all(|t| !claims_shared(t)), "{texts:?}");
    assert!(
        texts.iter().any(|t| t == i18n::STORAGE_SCOPE_PER_FILE.zh),
        "{texts:?}"
    );
    b.screenshot("firefox-storage-zh").await;
    set_language(&b, "en").await;
    let (scope, texts) = storage_panel(&b).await;
    assert_eq!(scope, "per-file");
    assert!(texts.iter().all(|t| !claims_shared(t)), "{texts:?}");
    assert!(
        texts.iter().any(|t| t == i18n::STORAGE_SCOPE_PER_FILE.en),
        "{texts:?}"
    );
    b.screenshot("firefox-storage-en").await;

    // The same workbook at every other path starts empty and says the same.
    let mut seen = vec![id.clone()];
    for path in [&other_folder, &other_name, &through_link] {
        open_file(&b, path).await;
        let ids = stored_ids(&b).await;
        assert!(
            ids.iter().all(|i| !seen.contains(i)),
            "{} sees another path's data: {ids:?} (seen {seen:?})",
            path.display()
        );
        let here = assessment_id(&b).await;
        if here.is_empty() {
            b.goto_hash("#/home").await;
        } else {
            b.wait_for("[data-req='CM-VC-VCS-L2-1']").await;
            assert_eq!(checked(&b, "CM-VC-VCS-L2-1").await, Value::Null);
            // Something of its own, which the first path must not see either.
            b.click("[data-req='CM-VC-VCS-L2-1'] [data-status='not_met']")
                .await;
            seen.push(here);
        }
        let (scope, texts) = storage_panel(&b).await;
        assert_eq!(scope, "per-file", "{}", path.display());
        assert!(texts.iter().all(|t| !claims_shared(t)), "{texts:?}");
    }

    // Back at the first path, its data is there, and only its own.
    open_file(&b, &first).await;
    assert_eq!(stored_ids(&b).await, std::slice::from_ref(&id));
    let (levels, _) = snapshot(&b, &id).await;
    assert_eq!(levels[0], ("2".into(), "3-".into()));
    quiet(&b).await;
    b.close().await;
}

/// The contrast: Chromium shares one `file://` store, and the panel says that instead.
#[tokio::test(flavor = "multi_thread")]
async fn chromium_shares_one_file_store_and_the_storage_panel_says_so() {
    let b = Browser::start().await;
    let work = b.work_dir();
    let first = workbook_copy(&work.join("team-a"), "workbook.html");
    let other = workbook_copy(&work.join("team-b"), "workbook-copy.html");
    open_file(&b, &first).await;
    answer_some(&b).await;
    let id = assessment_id(&b).await;
    let (scope, texts) = storage_panel(&b).await;
    assert_eq!(scope, "shared");
    assert!(
        texts.iter().any(|t| t == i18n::STORAGE_SCOPE_SHARED.zh),
        "{texts:?}"
    );
    open_file(&b, &other).await;
    assert!(
        stored_ids(&b).await.contains(&id),
        "one store for both paths"
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn firefox_reads_a_chinese_form_as_a_model_and_its_document_opens_in_a_fresh_profile() {
    // The Chromium steps (tests/e2e/forms.rs): form → preview → model → answers → document
    // (downloaded: Firefox has no File System Access API) → a fresh profile.
    crate::forms::form_to_document_and_back(
        Browser::open_firefox().await,
        Browser::start_firefox().await,
        "firefox",
    )
    .await;
}
