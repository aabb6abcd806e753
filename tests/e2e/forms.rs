//! A team's form becomes a model in the page alone, and one document carries it anywhere:
//! a Chinese-only .xlsx form with merged cells → the preview's counts and columns (screenshots
//! in both languages) → loaded → an assessment answered → the English interface shows the
//! Chinese text marked `lang="zh-CN"` → saved as a workbook document (download) → opened in a
//! fresh profile that never saw the model: same answers and levels, the model arrived. The
//! steps are shared by Chromium and Firefox ESR. Also: a bad form names every problem by cell,
//! a column's role can be changed, and each model's form downloads as an .xlsx that reads back.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::form_fixture::{agile_rows, agile_xlsx};
use crate::support::Browser;
use crate::views::assessment_id;

/// Save downloads the document (no File System Access API), as in Firefox.
const NO_FILE_ACCESS: &str =
    "Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true });";

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

/// The counts the preview states.
async fn preview_counts(b: &Browser) -> Vec<String> {
    let p = b.wait_for("[data-form-preview]").await;
    let mut out = Vec::new();
    for a in [
        "data-domains",
        "data-capabilities",
        "data-items",
        "data-requirements",
    ] {
        out.push(p.attr(a).await.unwrap().unwrap_or_default());
    }
    out
}

/// Reads the form on the Models page and loads it; returns the model's key.
async fn load_the_form(b: &Browser, path: &Path, shots: &str) -> String {
    set_language(b, "zh").await;
    b.goto_hash("#/models").await;
    b.upload("[data-action='model-from-form']", path).await;
    assert_eq!(preview_counts(b).await, ["2", "3", "4", "19"]);
    assert!(
        b.find_all("[data-form-problem]").await.is_empty(),
        "no problems"
    );
    let roles = b
        .eval("return [...document.querySelectorAll('select[data-column]')].map(s => s.value);")
        .await;
    assert_eq!(
        roles,
        json!([
            "part",
            "domain",
            "capability",
            "item",
            "level-1",
            "level-2",
            "level-3",
            "level-4",
            "level-5",
            "ignore"
        ])
    );
    let sample = b.text(".form-sample").await;
    assert!(
        sample.contains("D1-C1-I1 需求收集") && sample.contains("1) 有需求收集渠道"),
        "{sample}"
    );
    b.screenshot(&format!("{shots}-form-preview-zh")).await;
    set_language(b, "en").await;
    b.wait_for("[data-form-preview]").await;
    let lang = b.find(".form-sample").await.attr("lang").await.unwrap();
    assert_eq!(
        lang.as_deref(),
        Some("zh-CN"),
        "Chinese text marked in the English interface"
    );
    b.screenshot(&format!("{shots}-form-preview-en")).await;
    set_language(b, "zh").await;
    b.wait_for("[data-form-preview]").await;
    b.click("[data-action='form-load']").await;
    b.wait_for("[data-form-loaded]").await;
    let key = b
        .eval("return [...document.querySelectorAll('tr[data-model]')].map(r => r.dataset.model).find(k => k.startsWith('agile@'));")
        .await;
    key.as_str().expect("the model is listed").to_string()
}

/// Creates an assessment of the model and answers four requirements; returns its id.
async fn answer_the_model(b: &Browser, key: &str) -> String {
    b.goto_hash("#/home").await;
    b.wait_for("#new-model").await;
    b.eval(&format!("const s = document.querySelector('#new-model'); s.value = '{key}'; s.dispatchEvent(new Event('change')); return 1;")).await;
    b.wait_for("#new-name")
        .await
        .send_keys("敏捷自评")
        .await
        .unwrap();
    b.click("[data-action='new-assessment']").await;
    b.wait_for("[data-req='D1-C1-I1-L2-1']").await;
    let id = assessment_id(b).await;
    b.goto_hash(&format!("#/a/{id}/item/D1-C1-I1")).await;
    for (req, status) in [
        ("D1-C1-I1-L2-1", "met"),
        ("D1-C1-I1-L2-2", "met"),
        ("D1-C1-I1-L3-1", "met"),
        ("D1-C1-I1-L3-2", "partial"),
    ] {
        b.click(&format!("[data-req='{req}'] [data-status='{status}']"))
            .await;
    }
    id
}

/// The levels of a sub-item, its capability, domain and the part, and its answers.
async fn snapshot(b: &Browser, id: &str) -> (Vec<(String, String)>, Value) {
    b.goto_hash(&format!("#/a/{id}/item/D1-C1-I1")).await;
    b.wait_for("[data-req='D1-C1-I1-L2-1']").await;
    let mut levels = Vec::new();
    for code in ["D1-C1-I1", "D1-C1", "D1", "part"] {
        levels.push(b.level_of(code).await);
    }
    let answers = b
        .eval("return Array.from(document.querySelectorAll('[data-req]')).map(g => [g.dataset.req, (g.querySelector('input:checked') || {}).value || null]);")
        .await;
    (levels, answers)
}

/// The whole path in one browser (`a`, which downloads on Save) and a fresh one (`fresh`).
pub(crate) async fn form_to_document_and_back(a: Browser, fresh: Browser, shots: &str) {
    let path = a.work_dir().join("agile-自评表.xlsx");
    std::fs::write(&path, agile_xlsx(&agile_rows())).unwrap();
    let key = load_the_form(&a, &path, shots).await;
    let id = answer_the_model(&a, &key).await;
    let before = snapshot(&a, &id).await;
    // Level 2 met, level 3 partly: the sub-item is at 2 with progress on 3.
    assert_eq!(before.0[0].0, "2", "{:?}", before.0);
    assert!(before.0[0].1.contains("3-"), "{:?}", before.0);
    // The English interface shows the Chinese-only text, marked with its language.
    set_language(&a, "en").await;
    let h1 = a
        .eval("const s = document.querySelector('#item-title [lang]'); return s ? [s.getAttribute('lang'), s.textContent] : null;")
        .await;
    assert_eq!(h1, json!(["zh-CN", "需求收集"]));
    let req = a
        .eval("const g = document.querySelector(\"[data-req='D1-C1-I1-L2-1']\"); const t = document.getElementById(g.getAttribute('aria-labelledby')); const s = t && t.querySelector('[lang]'); return s ? s.getAttribute('lang') : null;")
        .await;
    assert_eq!(req, json!("zh-CN"));
    a.screenshot(&format!("{shots}-form-model-item-en")).await;
    set_language(&a, "zh").await;
    // Saved as a workbook document (downloaded).
    a.goto_hash(&format!("#/a/{id}")).await;
    a.wait_for("[data-action='save']").await;
    a.eval("window.scrollTo(0, 0); return 1;").await;
    a.click("[data-action='save']").await;
    a.wait_for("#user-name").await;
    a.click("[data-action='name-skip']").await;
    let saved = a.downloaded(".html").await;
    let html = std::fs::read_to_string(&saved).unwrap();
    let json: Value =
        serde_json::from_str(maturity_core::formats::document::read(&html).unwrap()).unwrap();
    assert!(
        json["model_file"].is_string(),
        "the document carries its model"
    );
    a.close().await;

    // Someone who never saw the model opens the document.
    let dir = fresh.work_dir().join("share");
    std::fs::create_dir_all(&dir).unwrap();
    let doc = dir.join(saved.file_name().unwrap());
    std::fs::write(&doc, &html).unwrap();
    fresh
        .client
        .goto(&format!("file://{}", doc.display()))
        .await
        .unwrap();
    fresh.wait_for("[data-level-of='part']").await;
    let notices = fresh.text(".notices").await;
    assert!(notices.contains("已加入本浏览器的“模型”页面"), "{notices}");
    assert_eq!(
        snapshot(&fresh, &id).await,
        before,
        "same answers and levels"
    );
    fresh.goto_hash("#/models").await;
    fresh.wait_for(&format!("tr[data-model='{key}']")).await;
    fresh.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_chinese_form_becomes_a_model_and_its_document_opens_anywhere() {
    let a = Browser::start_with_script(NO_FILE_ACCESS).await;
    a.client.goto(&a.url).await.unwrap();
    a.wait_ready().await;
    form_to_document_and_back(a, Browser::start().await, "chromium").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bad_form_names_every_problem_by_its_cell_and_roles_can_be_changed() {
    let b = Browser::open().await;
    let mut rows = agile_rows();
    rows[4][6] = "";
    rows[2][8] = "评语";
    let path = b.work_dir().join("bad-form.xlsx");
    std::fs::write(&path, agile_xlsx(&rows)).unwrap();
    b.goto_hash("#/models").await;
    b.upload("[data-action='model-from-form']", &path).await;
    b.wait_for("[data-form-problem]").await;
    let cells = b
        .eval("return [...document.querySelectorAll('[data-form-problem]')].map(p => p.dataset.cell);")
        .await;
    assert_eq!(cells, json!(["自评表!3:3", "自评表!G5"]));
    assert!(b
        .find("[data-action='form-load']")
        .await
        .attr("disabled")
        .await
        .unwrap()
        .is_some());
    b.screenshot("form-problems").await;
    // The level-5 column's header is not recognised: say what it holds.
    b.eval("const s = document.querySelector(\"select[data-column='8']\"); s.value = 'level-5'; s.dispatchEvent(new Event('change')); return 1;").await;
    b.wait_until(
        "only the empty cell is left",
        "return document.querySelectorAll('[data-form-problem]').length === 1;",
    )
    .await;
    let cells = b
        .eval("return [...document.querySelectorAll('[data-form-problem]')].map(p => p.dataset.cell);")
        .await;
    assert_eq!(cells, json!(["自评表!G5"]));
    b.close().await;
}

/// Where the test keeps a form the page wrote, for a person (and LibreOffice) to look at.
fn kept(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    let _ = std::fs::create_dir_all(&dir);
    dir.join(name)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_cd_models_form_downloads_and_reads_back_as_the_same_model() {
    let b = Browser::open().await;
    b.goto_hash("#/models").await;
    b.click("tr[data-model] [data-action='model-download-form']")
        .await;
    let form = b.downloaded(".xlsx").await;
    std::fs::copy(&form, kept("cd-form.xlsx")).unwrap();
    b.click("tr[data-model] [data-action='model-download']")
        .await;
    let json = b.downloaded(".json").await;
    assert_eq!(
        std::fs::read_to_string(&json).unwrap(),
        maturity_core::model::EMBEDDED_MODEL
    );
    // Read back in the page: the CD model's 7 domains, 14 capabilities, 49 sub-items, 284
    // requirements and no problem.
    b.upload("[data-action='model-from-form']", &form).await;
    assert_eq!(preview_counts(&b).await, ["7", "14", "49", "284"]);
    assert!(b.find_all("[data-form-problem]").await.is_empty());
    let sample = b.text(".form-sample").await;
    assert!(sample.starts_with("CM-VC-VCS "), "{sample}");
    b.close().await;
}
