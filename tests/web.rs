//! Browser tests (wasm-bindgen-test in headless Chromium): the storage adapter against the real
//! localStorage on every path, and the app mounted in a real page.
#![cfg(target_arch = "wasm32")]

use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

use maturity_core::store::persist::{Kv, KvError, PREFIX};

use maturity_workbook::web::storage::{self, LocalKv};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn query(css: &str) -> Option<HtmlElement> {
    document()
        .query_selector(css)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
}

/// The label a level badge carries as CAICT writes it (`data-label`, "3-").
fn label_of(code: &str) -> String {
    query(&format!("[data-level-of='{code}']"))
        .and_then(|e| e.get_attribute("data-label"))
        .unwrap_or_default()
}

fn text_of(css: &str) -> String {
    query(css)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
        .trim()
        .to_string()
}

fn count(css: &str) -> u32 {
    document()
        .query_selector_all(css)
        .map(|l| l.length())
        .unwrap_or(0)
}

/// Empties storage and the URL hash, and gives a test a fresh element to mount into (the page
/// body also holds the test runner's own output, which must stay).
fn fresh_page() -> HtmlElement {
    local().clear().unwrap();
    fresh_page_keep_storage()
}

async fn mount() -> leptos::mount::UnmountHandle<impl leptos::prelude::Mountable> {
    let root = document()
        .get_element_by_id("app-under-test")
        .unwrap()
        .dyn_into::<HtmlElement>()
        .unwrap();
    let handle = leptos::mount::mount_to(root, maturity_workbook::ui::app::App);
    tick().await;
    handle
}

/// The storage key of the one assessment a test works on.
fn assessment_key() -> String {
    our_keys()
        .into_iter()
        .find(|k| k.starts_with("mwb:v1:a:"))
        .unwrap()
}

fn our_keys() -> Vec<String> {
    let s = local();
    (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .filter(|k| k.starts_with(PREFIX))
        .collect()
}

#[wasm_bindgen_test]
fn the_adapter_round_trips_values_and_lists_keys() {
    fresh_page();
    assert!(storage::available());
    let mut kv = LocalKv;
    kv.set("mwb:test:key", "值 value").unwrap();
    assert_eq!(kv.get("mwb:test:key").unwrap().as_deref(), Some("值 value"));
    assert_eq!(kv.get("mwb:test:absent").unwrap(), None);
    assert!(kv.keys().unwrap().contains(&"mwb:test:key".to_string()));
    kv.remove("mwb:test:key").unwrap();
    assert_eq!(kv.get("mwb:test:key").unwrap(), None);
}

#[wasm_bindgen_test]
async fn first_run_creates_a_ready_default_assessment() {
    fresh_page();
    let _app = mount().await;
    assert_eq!(count("nav.outline a[href*='/item/']"), 49);
    assert!(
        query("[data-req='CM-VC-VCS-L2-1'] [data-status='met']").is_some(),
        "opens on the first sub-item"
    );
    let keys = our_keys();
    assert!(keys.iter().any(|k| k.starts_with("mwb:v1:a:")), "{keys:?}");
    assert!(keys.contains(&"mwb:v1:index".to_string()));
}

#[wasm_bindgen_test]
async fn answering_updates_labels_and_is_stored_at_once() {
    fresh_page();
    let _app = mount().await;
    assert_eq!(label_of("CM-VC-VCS"), "1");
    for id in ["CM-VC-VCS-L2-1", "CM-VC-VCS-L2-2"] {
        query(&format!("[data-req='{id}'] [data-status='met']"))
            .unwrap()
            .click();
    }
    tick().await;
    let badge = query("[data-level-of='CM-VC-VCS']").unwrap();
    assert_eq!(badge.get_attribute("data-level").as_deref(), Some("2"));
    assert_eq!(badge.get_attribute("data-label").as_deref(), Some("2"));
    assert_eq!(
        badge.text_content().unwrap().trim(),
        "2",
        "the level reached is the figure"
    );
    let cap = query("[data-level-of='CM-VC']").unwrap();
    assert_eq!(
        (
            cap.get_attribute("data-level").as_deref(),
            cap.get_attribute("data-label").as_deref(),
            cap.text_content().unwrap().trim()
        ),
        (Some("1"), Some("2-"), "1+")
    );
    assert_eq!(text_of("[data-progress-of='CM-VC-VCS']"), "2/11");
    let stored = local().get_item(&assessment_key()).unwrap().unwrap();
    assert!(
        stored.contains("\"CM-VC-VCS-L2-2\":{\"status\":\"met\"}"),
        "{stored}"
    );
}

#[wasm_bindgen_test]
async fn good_data_is_loaded_back() {
    fresh_page();
    {
        let _app = mount().await;
        query("[data-req='CM-VC-VCS-L2-1'] [data-status='partial']")
            .unwrap()
            .click();
        tick().await;
    }
    fresh_page_keep_storage();
    let _app = mount().await;
    let radio = query("[data-req='CM-VC-VCS-L2-1'] [data-status='partial']").unwrap();
    assert!(radio
        .dyn_into::<web_sys::HtmlInputElement>()
        .unwrap()
        .checked());
}

/// A fresh element to mount into and an empty hash, with storage left as it is (a reload).
fn fresh_page_keep_storage() -> HtmlElement {
    let _ = web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("#"));
    if let Some(old) = document().get_element_by_id("app-under-test") {
        old.remove();
    }
    let el: HtmlElement = document()
        .create_element("div")
        .unwrap()
        .dyn_into()
        .unwrap();
    el.set_id("app-under-test");
    document().body().unwrap().append_child(&el).unwrap();
    el
}

#[wasm_bindgen_test]
async fn the_schema_1_fixture_is_migrated_in_the_browser() {
    fresh_page();
    let fixture: serde_json::Map<String, serde_json::Value> = serde_json::from_str(include_str!(
        "../crates/core/tests/fixtures/storage/v1-skeleton.json"
    ))
    .unwrap();
    for (k, v) in &fixture {
        local().set_item(k, v.as_str().unwrap()).unwrap();
    }
    let _app = mount().await;
    // The fixture chose English and answered five requirements of CM-VC-VCS.
    assert_eq!(
        document()
            .document_element()
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("en")
    );
    assert_eq!(text_of("[data-progress-of='CM-VC-VCS']"), "5/11");
    assert_eq!(label_of("CM-VC-VCS"), "3-");
    let id = fixture
        .keys()
        .find_map(|k| k.strip_prefix("mwb:v1:a:"))
        .unwrap();
    let stored = local()
        .get_item(&format!("mwb:v1:a:{id}"))
        .unwrap()
        .unwrap();
    assert!(
        stored.contains("\"schema\":2"),
        "written back in the current schema"
    );
    assert!(stored.contains("CM-VC-VCS-L4-1"));
    assert!(
        text_of(".notices").contains("schema 1"),
        "the user is told: {}",
        text_of(".notices")
    );
    // It was stored under model version 2021-basis.1: re-bound to the current version by
    // requirement id (the five answers above), nothing set aside, and saved bound to it.
    let version = maturity_core::model::validate::load_model(maturity_core::model::EMBEDDED_MODEL)
        .unwrap()
        .model
        .version;
    let notices = text_of(".notices");
    assert!(
        notices.contains(&format!("from model version 2021-basis.1 to {version}"))
            && notices.contains("; 0 answers whose requirement no longer exists"),
        "the re-binding is told: {notices}"
    );
    assert!(
        stored.contains(&format!("\"version\":\"{version}\"")),
        "stored bound to {version}: {stored}"
    );
}

#[wasm_bindgen_test]
async fn corrupt_records_are_quarantined_and_the_rest_works() {
    fresh_page();
    local()
        .set_item(
            "mwb:v1:a:broken1",
            "{\"schema\": 2, \"rev\": 1, \"assessment\": ",
        )
        .unwrap();
    local().set_item("mwb:v1:a:broken2", "{\"schema\":2,\"rev\":1,\"assessment\":{\"id\":\"broken2\",\"target_level\":\"three\"}}").unwrap();
    let _app = mount().await;
    assert_eq!(count("[data-notice='quarantine']"), 2);
    assert_eq!(
        local()
            .get_item("mwb:v1:quarantine:a:broken1")
            .unwrap()
            .as_deref(),
        Some("{\"schema\": 2, \"rev\": 1, \"assessment\": ")
    );
    assert!(local()
        .get_item("mwb:v1:quarantine:a:broken2")
        .unwrap()
        .unwrap()
        .contains("three"));
    // The workbook still works: a default assessment opened and answers.
    query("[data-req='CM-VC-VCS-L2-1'] [data-status='met']")
        .unwrap()
        .click();
    tick().await;
    assert_eq!(text_of("[data-progress-of='CM-VC-VCS']"), "1/11");
    // Dismissing hides the banner and keeps the data.
    let dismiss = document()
        .query_selector("[data-notice='quarantine'] button:last-child")
        .unwrap()
        .unwrap();
    dismiss.dyn_into::<HtmlElement>().unwrap().click();
    tick().await;
    assert_eq!(count("[data-notice='quarantine']"), 1);
    assert!(local()
        .get_item("mwb:v1:quarantine:a:broken1")
        .unwrap()
        .is_some());
}

/// Fills localStorage to the brim with filler keys; returns how many were written.
fn fill_storage() -> u32 {
    let chunk = "x".repeat(256 * 1024);
    let mut n = 0;
    let mut size = chunk.len();
    loop {
        let piece = &chunk[..size];
        if local().set_item(&format!("filler:{n}"), piece).is_ok() {
            n += 1;
        } else if size > 16 {
            size /= 2;
        } else {
            return n;
        }
    }
}

fn clear_filler() {
    for k in (0..local().length().unwrap())
        .filter_map(|i| local().key(i).unwrap())
        .filter(|k| k.starts_with("filler:"))
        .collect::<Vec<_>>()
    {
        local().remove_item(&k).unwrap();
    }
}

#[wasm_bindgen_test]
async fn a_full_quota_warns_keeps_the_work_in_memory_and_damages_nothing() {
    fresh_page();
    let _app = mount().await;
    query("[data-req='CM-VC-VCS-L2-1'] [data-status='met']")
        .unwrap()
        .click();
    tick().await;
    let key = assessment_key();
    let before = local().get_item(&key).unwrap().unwrap();
    assert!(fill_storage() > 0);
    let mut kv = LocalKv;
    assert_eq!(
        kv.set("mwb:test:big", &"y".repeat(512 * 1024)),
        Err(KvError::Quota),
        "the adapter reports a full quota"
    );
    // An answer now cannot be stored: the warning appears, the answer is on screen.
    query("[data-req='CM-VC-VCS-L2-2'] [data-status='met']")
        .unwrap()
        .click();
    tick().await;
    assert!(
        query("[data-notice='storage']").is_some(),
        "a clear warning"
    );
    assert_eq!(label_of("CM-VC-VCS"), "2", "the work stays in memory");
    assert_eq!(
        local().get_item(&key).unwrap().unwrap(),
        before,
        "what was stored is untouched"
    );
    // Once there is room again, the next change saves everything and the warning goes.
    clear_filler();
    query("[data-req='CM-VC-VCS-L3-1'] [data-status='partial']")
        .unwrap()
        .click();
    tick().await;
    assert!(query("[data-notice='storage']").is_none());
    let after = local().get_item(&key).unwrap().unwrap();
    assert!(
        after.contains("CM-VC-VCS-L2-2") && after.contains("CM-VC-VCS-L3-1"),
        "nothing was lost"
    );
}

#[wasm_bindgen_test]
async fn missing_storage_means_memory_only_with_a_warning() {
    fresh_page();
    // Make localStorage throw, as when a policy blocks it.
    let saved = js_sys::eval(
        "(() => { const d = Object.getOwnPropertyDescriptor(window, 'localStorage'); \
         Object.defineProperty(window, 'localStorage', { configurable: true, get() { throw new DOMException('blocked', 'SecurityError'); } }); \
         return d; })()",
    )
    .unwrap();
    assert!(!storage::available());
    assert_eq!(
        LocalKv.get("x"),
        Err(KvError::Unavailable),
        "no panic, a typed error"
    );
    let _app = mount().await;
    assert!(query("[data-notice='storage']").is_some());
    query("[data-req='CM-VC-VCS-L2-1'] [data-status='met']")
        .unwrap()
        .click();
    tick().await;
    assert_eq!(
        text_of("[data-progress-of='CM-VC-VCS']"),
        "1/11",
        "works in memory"
    );
    let restore =
        js_sys::Function::new_with_args("d", "Object.defineProperty(window, 'localStorage', d);");
    restore.call1(&wasm_bindgen::JsValue::NULL, &saved).unwrap();
    assert!(storage::available());
}

#[wasm_bindgen_test]
async fn the_language_switches_everything_and_is_remembered() {
    fresh_page();
    let _app = mount().await;
    let first = text_of("#item-title");
    query("[data-action='language']").unwrap().click();
    tick().await;
    let second = text_of("#item-title");
    let both = format!("{first} | {second}");
    assert!(
        both.contains("版本控制系统") && both.contains("Version control system"),
        "{both}"
    );
    let lang = document()
        .document_element()
        .unwrap()
        .get_attribute("lang")
        .unwrap();
    assert_eq!(
        lang.starts_with("zh"),
        second.contains("版本控制系统"),
        "the page language follows"
    );
    assert!(local()
        .get_item("mwb:v1:prefs")
        .unwrap()
        .unwrap()
        .contains("\"lang\""));
}

#[wasm_bindgen_test]
async fn an_assessment_of_an_older_model_version_is_carried_over_and_nothing_is_dropped() {
    fresh_page();
    {
        let _app = mount().await;
        query("[data-req='CM-VC-VCS-L2-1'] [data-status='met']")
            .unwrap()
            .click();
        tick().await;
    }
    // Rewrite the stored record as if made with an older model version that had a requirement
    // the current model no longer has.
    let key = assessment_key();
    let mut record: serde_json::Value =
        serde_json::from_str(&local().get_item(&key).unwrap().unwrap()).unwrap();
    let a = &mut record["assessment"];
    a["model"]["version"] = "0.9.0".into();
    a["model"]["sha256"] = "0".repeat(64).into();
    a["answers"]["CM-VC-VCS-L2-9"] =
        serde_json::json!({"status": "partial", "comment": "旧版要求 old requirement"});
    local().set_item(&key, &record.to_string()).unwrap();

    fresh_page_keep_storage();
    let _app = mount().await;
    // The known answer is carried over and still counts.
    let radio = query("[data-req='CM-VC-VCS-L2-1'] [data-status='met']").unwrap();
    assert!(radio
        .dyn_into::<web_sys::HtmlInputElement>()
        .unwrap()
        .checked());
    // The user is told what happened, with both versions and the count kept aside.
    let notices = text_of(".notices");
    assert!(notices.contains("0.9.0"), "{notices}");
    // The record is written back bound to the current model, the unknown answer set aside.
    let stored: serde_json::Value =
        serde_json::from_str(&local().get_item(&key).unwrap().unwrap()).unwrap();
    let a = &stored["assessment"];
    let now = a["model"]["version"].as_str().unwrap();
    assert_ne!(now, "0.9.0");
    assert!(notices.contains(now), "{notices}");
    assert_eq!(a["answers"]["CM-VC-VCS-L2-1"]["status"], "met");
    assert!(a["answers"].get("CM-VC-VCS-L2-9").is_none());
    assert_eq!(a["set_aside"]["CM-VC-VCS-L2-9"]["status"], "partial");
    assert_eq!(
        a["set_aside"]["CM-VC-VCS-L2-9"]["comment"],
        "旧版要求 old requirement"
    );
    // And it is listed on the dashboard.
    let id = key.trim_start_matches("mwb:v1:a:");
    web_sys::window()
        .unwrap()
        .location()
        .set_hash(&format!("#/a/{id}"))
        .unwrap();
    sleep(50).await;
    assert!(
        text_of(".set-aside").contains("CM-VC-VCS-L2-9"),
        "{}",
        text_of(".set-aside")
    );
}

/// Waits for the browser's event loop (a `hashchange` is delivered as a task, not a microtask).
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    tick().await;
}

#[wasm_bindgen_test]
async fn a_refused_download_is_reported_and_nothing_counts_as_exported() {
    fresh_page();
    let _app = mount().await;
    // A browser policy that refuses object URLs (some locked-down intranet profiles do).
    let url = js_sys::Reflect::get(&web_sys::window().unwrap(), &"URL".into()).unwrap();
    let original = js_sys::Reflect::get(&url, &"createObjectURL".into()).unwrap();
    let refuse = js_sys::Function::new_no_args("throw new Error('blocked by policy')");
    js_sys::Reflect::set(&url, &"createObjectURL".into(), &refuse).unwrap();
    query("[data-action='export-json']").unwrap().click();
    tick().await;
    js_sys::Reflect::set(&url, &"createObjectURL".into(), &original).unwrap();
    let toast = text_of(".toast");
    assert!(
        toast.contains("blocked by policy") && toast.contains(".json"),
        "{toast}"
    );
    // The export did not happen, so the workbook must not claim it did.
    let key = assessment_key();
    let stored = local().get_item(&key).unwrap().unwrap();
    assert!(!stored.contains("last_exported_at"), "{stored}");
}

// --- The .xlsx export: parts compressed by the browser (src/web/compress.rs) -----------------

mod xlsx_compression {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    use wasm_bindgen_test::*;

    use maturity_core::formats::xlsx::{Cell, Package, Sheet, Style, XlsxBook};

    use maturity_workbook::web::compress;

    #[wasm_bindgen]
    extern "C" {
        type DecompressionStream;
        #[wasm_bindgen(constructor)]
        fn new(format: &str) -> DecompressionStream;
    }

    /// Inflates raw deflate with the browser's own DecompressionStream.
    async fn inflate(raw: &[u8]) -> Vec<u8> {
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(raw));
        let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).unwrap();
        let stream = DecompressionStream::new("deflate-raw");
        let out = blob
            .stream()
            .pipe_through(stream.unchecked_ref::<web_sys::ReadableWritablePair>());
        let response = web_sys::Response::new_with_opt_readable_stream(Some(&out)).unwrap();
        let buffer = JsFuture::from(response.array_buffer().unwrap())
            .await
            .unwrap();
        js_sys::Uint8Array::new(&buffer).to_vec()
    }

    fn workbook() -> XlsxBook {
        let mut sheet = Sheet::new("自评表");
        for n in 0..50 {
            sheet.push(vec![
                Cell::text(format!("CM-VC-VCS-L{n}"), Style::Text),
                Cell::text(
                    "建立统一的版本控制系统 and the same text again",
                    Style::Text,
                ),
                Cell::number(n, Style::Center),
            ]);
        }
        XlsxBook {
            title: "Browser".into(),
            created: "2025-01-01".into(),
            sheets: vec![sheet],
        }
    }

    /// Walks the local headers of the zip: each part in order, inflated when deflated, must be
    /// the part's bytes. Returns how many were deflated.
    async fn check_zip(zip: &[u8], package: &Package) -> usize {
        let u16_at = |at: usize| usize::from(u16::from_le_bytes([zip[at], zip[at + 1]]));
        let u32_at = |at: usize| {
            u32::from_le_bytes([zip[at], zip[at + 1], zip[at + 2], zip[at + 3]]) as usize
        };
        let mut at = 0;
        let mut deflated = 0;
        for part in &package.parts {
            assert_eq!(&zip[at..at + 4], b"PK\x03\x04", "{}", part.name);
            let method = u16_at(at + 8);
            let packed = u32_at(at + 18);
            let name_len = u16_at(at + 26);
            assert_eq!(&zip[at + 30..at + 30 + name_len], part.name.as_bytes());
            let body = &zip[at + 30 + name_len..at + 30 + name_len + packed];
            let data = match method {
                8 => {
                    deflated += 1;
                    inflate(body).await
                }
                0 => body.to_vec(),
                m => panic!("method {m}"),
            };
            assert_eq!(data, part.data, "{}", part.name);
            at += 30 + name_len + packed;
        }
        assert_eq!(&zip[at..at + 4], b"PK\x01\x02", "central directory follows");
        deflated
    }

    #[wasm_bindgen_test]
    async fn the_browser_deflates_parts_and_they_inflate_back() {
        assert!(compress::can_deflate(), "Chromium has deflate-raw");
        let sample = "能力子项 sub-item ".repeat(500).into_bytes();
        let raw = compress::deflate_raw(&sample).await.expect("compressed");
        assert!(raw.len() * 10 < sample.len(), "{} bytes", raw.len());
        assert_eq!(inflate(&raw).await, sample);

        let package = workbook().package();
        let zip = compress::build_xlsx(package.clone()).await;
        let deflated = check_zip(&zip, &package).await;
        assert_eq!(deflated, package.parts.len(), "every XML part shrinks");
        assert!(zip.len() * 3 < package.to_zip().len());
    }

    #[wasm_bindgen_test]
    async fn without_deflate_raw_the_zlib_stream_is_unwrapped_and_without_any_the_parts_are_stored()
    {
        // As in Chrome 80–102: CompressionStream exists but knows only "deflate" and "gzip".
        let window = web_sys::window().unwrap();
        let original = js_sys::Reflect::get(&window, &"CompressionStream".into()).unwrap();
        let older = js_sys::Function::new_with_args(
            "Real",
            "return function (format) { if (format === 'deflate-raw') throw new TypeError('unsupported format'); return new Real(format); };",
        )
        .call1(&wasm_bindgen::JsValue::NULL, &original)
        .unwrap();
        js_sys::Reflect::set(&window, &"CompressionStream".into(), &older).unwrap();
        let can = compress::can_deflate();
        let sample = b"abc abc abc abc abc abc abc abc".repeat(20);
        let unwrapped = compress::deflate_raw(&sample).await;
        let package = workbook().package();
        let zip = compress::build_xlsx(package.clone()).await;
        // And a browser without CompressionStream at all.
        js_sys::Reflect::delete_property(&window.clone().into(), &"CompressionStream".into())
            .unwrap();
        let absent = compress::deflate_raw(b"abc abc abc abc").await;
        let stored = compress::build_xlsx(package.clone()).await;
        js_sys::Reflect::set(&window, &"CompressionStream".into(), &original).unwrap();

        assert!(can);
        let raw = unwrapped.expect("deflate, unwrapped");
        assert!(raw.len() < sample.len() / 4);
        assert_eq!(inflate(&raw).await, sample, "raw deflate data");
        assert!(check_zip(&zip, &package).await > 0, "parts deflated");
        assert_eq!(absent, None);
        assert_eq!(check_zip(&stored, &package).await, 0);
        assert_eq!(stored, package.to_zip(), "the stored archive");
    }
}

#[wasm_bindgen_test]
async fn a_damaged_newest_record_opens_the_previous_revision() {
    fresh_page();
    {
        let _app = mount().await;
        query("[data-req='CM-VC-VCS-L2-1'] [data-status='met']")
            .unwrap()
            .click();
        tick().await;
        query("[data-req='CM-VC-VCS-L2-2'] [data-status='partial']")
            .unwrap()
            .click();
        tick().await;
    }
    let key = assessment_key();
    let prev = key.replacen(":a:", ":prev:", 1);
    assert!(
        local().get_item(&prev).unwrap().is_some(),
        "a previous revision is kept"
    );
    local().set_item(&key, "{\"schema\":2,\"rev\":").unwrap();
    fresh_page_keep_storage();
    let _app = mount().await;
    let checked = |css: &str| {
        query(css)
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            .is_some_and(|r| r.checked())
    };
    assert!(checked("[data-req='CM-VC-VCS-L2-1'] [data-status='met']"));
    assert!(
        !checked("[data-req='CM-VC-VCS-L2-2'] [data-status='partial']"),
        "only the last save is missing"
    );
    let quarantined = key.replacen(":a:", ":quarantine:a:", 1);
    assert_eq!(
        local().get_item(&quarantined).unwrap().as_deref(),
        Some("{\"schema\":2,\"rev\":")
    );
    let notices = text_of(".notices");
    assert!(
        notices.contains("上一版") || notices.contains("previous revision"),
        "{notices}"
    );
}

/// The IndexedDB adapter and the folder reader in a real browser: values and handles kept and
/// read back, keys listed by prefix, the memory fallback, and a folder of the origin private
/// file system read (sub-folders, extensions) after its handle went through IndexedDB.
mod portfolio_storage {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen_futures::JsFuture;
    use wasm_bindgen_test::*;

    use maturity_core::store::persist::Key;
    use maturity_core::text::Lang;

    use maturity_workbook::web::idb::{self, Idb, IdbError};
    use maturity_workbook::web::picker::Folder;

    async fn exercise(db: &Idb) {
        let a = Key::PortfolioFile("t-a".into());
        let b = Key::PortfolioFile("t-b".into());
        db.put_text(&a, "α").await.unwrap();
        db.put_texts(&[(b.clone(), "β".into()), (Key::Portfolio, "{}".into())])
            .await
            .unwrap();
        assert_eq!(db.get_text(&a).await.unwrap().as_deref(), Some("α"));
        assert_eq!(db.get_text(&b).await.unwrap().as_deref(), Some("β"));
        assert_eq!(
            db.get_text(&Key::PortfolioFile("none".into()))
                .await
                .unwrap(),
            None
        );
        let mut keys = db
            .keys_with_prefix(&Key::portfolio_files_prefix())
            .await
            .unwrap();
        keys.retain(|k| matches!(k, Key::PortfolioFile(x) if x.starts_with("t-")));
        keys.sort();
        assert_eq!(keys, vec![a.clone(), b.clone()]);
        // A value that is not text: kept by structured clone, and refused as text.
        let obj = js_sys::Object::new();
        js_sys::Reflect::set(&obj, &"n".into(), &JsValue::from(7)).unwrap();
        db.put(&Key::PortfolioFolder, &obj).await.unwrap();
        let back = db.get(&Key::PortfolioFolder).await.unwrap().unwrap();
        assert_eq!(
            js_sys::Reflect::get(&back, &"n".into()).unwrap().as_f64(),
            Some(7.0)
        );
        assert!(matches!(
            db.get_text(&Key::PortfolioFolder).await,
            Err(IdbError::Failed(_))
        ));
        for k in [&a, &b, &Key::PortfolioFolder, &Key::Portfolio] {
            db.delete(k).await.unwrap();
            assert_eq!(db.get(k).await.unwrap().map(|_| ()), None);
        }
    }

    #[wasm_bindgen_test]
    async fn indexeddb_keeps_texts_and_structured_values() {
        let db = idb::open().await;
        assert_eq!(db.fallback(), None, "Chromium has IndexedDB");
        exercise(&db).await;
        // The same store is shared by later callers.
        let again = idb::open().await;
        again.put_text(&Key::Portfolio, "shared").await.unwrap();
        assert_eq!(
            db.get_text(&Key::Portfolio).await.unwrap().as_deref(),
            Some("shared")
        );
        db.delete(&Key::Portfolio).await.unwrap();
    }

    #[wasm_bindgen_test]
    async fn without_indexeddb_the_store_is_memory_only_and_says_so() {
        // Hide IndexedDB as a browser without it would, then put it back as it was.
        let hide = js_sys::eval(
            "window.__idb = Object.getOwnPropertyDescriptor(window, 'indexedDB');
             Object.defineProperty(window, 'indexedDB', {value: undefined, configurable: true});",
        );
        assert!(hide.is_ok());
        let db = idb::open_unshared().await;
        js_sys::eval(
            "if (window.__idb) Object.defineProperty(window, 'indexedDB', window.__idb);
             else delete window.indexedDB;",
        )
        .unwrap();
        assert!(
            matches!(db.fallback(), Some(IdbError::Unavailable(_))),
            "{:?}",
            db.fallback()
        );
        exercise(&db).await;
        assert_eq!(idb::open_unshared().await.fallback(), None, "back again");
    }

    #[wasm_bindgen_test]
    async fn the_memory_fallback_behaves_alike_and_says_why() {
        let why = IdbError::Unavailable("SecurityError".into());
        let db = Idb::memory(Some(why.clone()));
        assert_eq!(db.fallback(), Some(&why));
        exercise(&db).await;
        for lang in [Lang::Zh, Lang::En] {
            assert!(why.message(lang).contains("SecurityError"));
            assert!(!IdbError::Quota.message(lang).is_empty());
        }
    }

    #[wasm_bindgen_test]
    async fn a_folder_handle_survives_indexeddb_and_its_files_are_read() {
        let setup = js_sys::eval(
            "(async () => {
                const root = await navigator.storage.getDirectory();
                const dir = await root.getDirectoryHandle('wb-test-share', {create: true});
                const sub = await dir.getDirectoryHandle('team-b', {create: true});
                const deep = await (await sub.getDirectoryHandle('x', {create: true}))
                    .getDirectoryHandle('y', {create: true});
                const put = async (d, name, text) => {
                    const w = await (await d.getFileHandle(name, {create: true})).createWritable();
                    await w.write(text);
                    await w.close();
                };
                await put(dir, 'b.json', '{\"b\":1}');
                await put(dir, 'A.HTML', '<html></html>');
                await put(dir, 'notes.txt', 'no');
                await put(sub, 'c.json', '{}');
                await put(deep, 'too-deep.json', '{}');
                return dir;
            })()",
        )
        .unwrap();
        let handle = JsFuture::from(js_sys::Promise::from(setup)).await.unwrap();
        let db = idb::open().await;
        Folder::from_handle(handle)
            .remember(&db, &Key::PortfolioFolder)
            .await
            .unwrap();
        let folder = Folder::recall(&db, &Key::PortfolioFolder)
            .await
            .unwrap()
            .expect("the handle is kept");
        assert_eq!(folder.name(), "wb-test-share");
        folder.ensure_permission().await.unwrap();
        let files = folder.files(&[".json", ".html"], 2, 100).await.unwrap();
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["A.HTML", "b.json", "team-b/c.json"]);
        let text = maturity_workbook::web::files::read_text(files[1].file.clone().unwrap(), 1000)
            .await
            .unwrap();
        assert_eq!(text, "{\"b\":1}");
        // The limit stops early; depth 0 stays in the folder itself.
        assert_eq!(
            folder.files(&[".json", ".html"], 2, 1).await.unwrap().len(),
            1
        );
        assert_eq!(folder.files(&[".json"], 0, 100).await.unwrap().len(), 1);
        db.delete(&Key::PortfolioFolder).await.unwrap();
        assert!(Folder::recall(&db, &Key::PortfolioFolder)
            .await
            .unwrap()
            .is_none());
    }

    /// The materials check: a folder remembered under the assessment's key is listed whole
    /// (every file, any extension, down the sub-folders), each file described by its path from
    /// the folder's name, its size and its date — without reading it.
    #[wasm_bindgen_test]
    async fn a_materials_folder_is_remembered_per_assessment_and_listed_with_paths_sizes_dates() {
        use maturity_workbook::web::picker;
        let setup = js_sys::eval(
            "(async () => {
                const root = await navigator.storage.getDirectory();
                const dir = await root.getDirectoryHandle('wb-test-materials', {create: true});
                const sub = await dir.getDirectoryHandle('版本控制系统', {create: true});
                const put = async (d, name, text) => {
                    const w = await (await d.getFileHandle(name, {create: true})).createWritable();
                    await w.write(text);
                    await w.close();
                };
                await put(dir, 'CM-VC-VCS-L2-1 规范.docx', '12345');
                await put(sub, '版本控制系统备份与恢复方案.pdf', 'abc');
                await put(dir, '视频.mp4', '');
                return dir;
            })()",
        )
        .unwrap();
        let handle = JsFuture::from(js_sys::Promise::from(setup)).await.unwrap();
        let db = idb::open().await;
        let key = Key::EvidenceFolder("a-1".into());
        Folder::from_handle(handle)
            .remember(&db, &key)
            .await
            .unwrap();
        assert!(Folder::recall(&db, &Key::EvidenceFolder("other".into()))
            .await
            .unwrap()
            .is_none());
        let folder = Folder::recall(&db, &key).await.unwrap().expect("kept");
        folder.ensure_permission().await.unwrap();
        let files: Vec<_> = folder
            .listing(8, 100)
            .await
            .unwrap()
            .into_iter()
            .map(|(path, file)| picker::with_metadata(path, &file))
            .collect();
        let listed: Vec<(&str, u64)> = files.iter().map(|f| (f.path.as_str(), f.size)).collect();
        assert_eq!(
            listed,
            [
                ("wb-test-materials/CM-VC-VCS-L2-1 规范.docx", 5),
                (
                    "wb-test-materials/版本控制系统/版本控制系统备份与恢复方案.pdf",
                    3
                ),
                ("wb-test-materials/视频.mp4", 0),
            ]
        );
        assert!(files
            .iter()
            .all(|f| f.modified.len() == 24 && f.modified.ends_with('Z')));
        // A file object of an input or a drop: its name (no relative path) and its date.
        let file: web_sys::File =
            js_sys::eval("new File(['x'], 'CM-VC-VCS-L3-3.docx', {lastModified: 1767225600000})")
                .unwrap()
                .unchecked_into();
        let d = picker::describe(&file);
        assert_eq!(
            (d.path.as_str(), d.size, d.modified.as_str()),
            ("CM-VC-VCS-L3-3.docx", 1, "2026-01-01T00:00:00.000Z")
        );
        db.delete(&key).await.unwrap();
    }

    /// A materials folder of 4,000 files checked in the browser (the wasm build): well under a
    /// second. Prints the time.
    #[wasm_bindgen_test]
    fn a_folder_of_thousands_of_files_is_checked_in_well_under_a_second() {
        use maturity_core::assess::assessment::Assessment;
        use maturity_core::assess::materials::{check, CheckedFile, EvidenceCheck};
        use maturity_core::model::{validate::load_model, EMBEDDED_MODEL};
        let m = load_model(EMBEDDED_MODEL).unwrap();
        let a = Assessment::new("p", "p", &m, 3, Lang::Zh, "t");
        let evidence: Vec<(String, String, String)> = (0..m.item_count())
            .flat_map(|i| {
                let item = m.item(i);
                m.item_index(i)
                    .evidence
                    .iter()
                    .map(move |e| (item.name.zh.clone(), e.code.clone(), e.title.zh.clone()))
            })
            .collect();
        let files: Vec<CheckedFile> = (0..4000)
            .map(|k| {
                let (folder, code, title) = &evidence[k % evidence.len()];
                CheckedFile {
                    path: match k % 3 {
                        0 => format!("材料/{code}-《{title}》-{k}.docx"),
                        1 => format!("材料/{folder}/{title}（第{k}版）.pdf"),
                        _ => format!("材料/归档/{k:05}/会议纪要-{k}.docx"),
                    },
                    size: 1000,
                    modified: String::new(),
                }
            })
            .collect();
        let now = || js_sys::Date::now();
        let start = now();
        let kept = EvidenceCheck::new(&m, &a, "t", "材料", files);
        let r = check(&m, &a, &kept.files);
        let ms = now() - start;
        console_log!(
            "materials check in the browser: 4000 files, {} found of {}: {ms:.0} ms",
            r.found(),
            r.needed()
        );
        assert!(r.found() > 40);
        assert!(ms < 1000.0, "{ms} ms");
    }
}

/// "Save" after a restart: the file handle chosen with "Save as" goes through IndexedDB (a
/// structured clone of a real `FileSystemFileHandle`, here one of the origin private file
/// system, since no picker can be answered in a test) and still writes the same file.
mod document_handles {
    use js_sys::Reflect;
    use maturity_workbook::web::docfile;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen_futures::JsFuture;
    use wasm_bindgen_test::*;

    async fn run(script: &str) -> JsValue {
        let promise = js_sys::Promise::from(js_sys::eval(script).unwrap());
        JsFuture::from(promise).await.unwrap()
    }

    #[wasm_bindgen_test]
    async fn a_saved_file_handle_survives_the_session_and_writes_the_same_file() {
        let handle = run("(async () => {
                const root = await navigator.storage.getDirectory();
                return root.getFileHandle('wb-handle-test.html', {create: true});
            })()")
        .await;
        assert!(docfile::stored_handle("a-handle-test").await.is_none());
        docfile::remember("a-handle-test", handle).await;
        let stored = docfile::stored_handle("a-handle-test")
            .await
            .expect("the handle is stored");
        assert_eq!(
            Reflect::get(&stored, &"name".into())
                .unwrap()
                .as_string()
                .as_deref(),
            Some("wb-handle-test.html")
        );
        assert_eq!(
            docfile::save("a-handle-test", "<p>saved</p>", false).await,
            Some(Ok(()))
        );
        let text = run("(async () => {
                const root = await navigator.storage.getDirectory();
                const h = await root.getFileHandle('wb-handle-test.html');
                return (await h.getFile()).text();
            })()")
        .await;
        assert_eq!(text.as_string().as_deref(), Some("<p>saved</p>"));
        // The stored clone writes the same file (what a later session gets).
        let again = run("(async () => {
                const root = await navigator.storage.getDirectory();
                const h = await root.getFileHandle('wb-handle-test.html');
                return h;
            })()")
        .await;
        let same = JsFuture::from(js_sys::Promise::from(
            js_sys::Reflect::get(&stored, &"isSameEntry".into())
                .unwrap()
                .dyn_into::<js_sys::Function>()
                .unwrap()
                .call1(&stored, &again)
                .unwrap(),
        ))
        .await
        .unwrap();
        assert_eq!(same.as_bool(), Some(true));
    }

    #[wasm_bindgen_test]
    async fn what_is_not_a_file_handle_is_not_taken_for_one() {
        docfile::remember("a-handle-plain", JsValue::from_str("not a handle")).await;
        assert!(docfile::stored_handle("a-handle-plain").await.is_none());
    }
}

/// The WebAssembly stack: 256 KiB reserved below the data (`-z stack-size` in
/// `.cargo/config.toml`; Rust's default is 1 MiB, all of it in every user's wasm memory). The
/// stack grows down towards address 0, where running over traps instead of corrupting data.
/// This test paints the free part of the stack, drives the deepest paths we have, and checks
/// how deep each went.
mod stack {
    use std::sync::Arc;

    use maturity_core::{
        formats::caict, formats::exchange, model::synthetic, model::validate, model::EMBEDDED_MODEL,
    };

    use super::*;

    const RESERVE: usize = 256 * 1024;
    const PAINT: u8 = 0xA5;
    /// Addresses below this are left alone (the lowest bytes of memory).
    const FLOOR: usize = 1024;

    fn here() -> usize {
        let x = 0u8;
        std::hint::black_box(&x) as *const u8 as usize
    }

    /// Fills the stack below the caller's frames with the paint.
    #[inline(never)]
    fn paint() {
        let top = here() - 512;
        for a in FLOOR..top {
            // SAFETY: wasm32 linear memory; everything below the stack pointer is free stack
            // (single thread, no signal handlers), and the stack sits below the data.
            unsafe { std::ptr::write_volatile(a as *mut u8, PAINT) }
        }
    }

    /// The lowest address any call has written since `paint`.
    fn lowest_touched() -> usize {
        (FLOOR..RESERVE)
            // SAFETY: as in `paint`, reading the stack region of our own linear memory.
            .find(|&a| unsafe { std::ptr::read_volatile(a as *const u8) } != PAINT)
            .unwrap_or(RESERVE)
    }

    /// The stack bytes `f` used at most, counted from the top of the reserve.
    fn deepest(f: impl FnOnce()) -> usize {
        paint();
        f();
        RESERVE - lowest_touched()
    }

    /// Browser tests run the debug build, whose frames are several times larger than the
    /// release build's (the end-to-end suite measured 11 KB at most in the shipped page; here
    /// the hostile nesting takes about 97 KB), so half the reserve here leaves the shipped page
    /// a wide margin.
    #[wasm_bindgen_test]
    async fn the_deepest_paths_use_under_half_of_the_stack_reserve() {
        let sp = here();
        assert!(
            sp < RESERVE && sp > RESERVE - 64 * 1024,
            "the stack is not the {RESERVE}-byte reserve below the data (a local at {sp})"
        );
        let mut used = Vec::new();
        let embedded = Arc::new(validate::load_trusted_model(EMBEDDED_MODEL).unwrap());
        // The core's deepest work: a 10× model validated, a hostile nesting refused, the rich
        // fixture imported, its CAICT workbook written.
        used.push((
            "10x model",
            deepest(|| {
                let big = synthetic::scaled_model_json(EMBEDDED_MODEL, 10);
                assert!(validate::load_model(&big).is_ok());
            }),
        ));
        used.push((
            "hostile nesting",
            deepest(|| {
                let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
                let report = exchange::import(&deep, std::slice::from_ref(&embedded));
                assert!(!report.problems.is_empty());
            }),
        ));
        used.push((
            "import and Excel",
            deepest(|| {
                let rich = include_str!("../crates/core/tests/fixtures/exchange/v1-rich.json");
                let report = exchange::import(rich, std::slice::from_ref(&embedded));
                let a = report.assessment.expect("the rich fixture imports");
                let xlsx = caict::caict_workbook(&embedded, &a, Default::default(), "2026-12-01");
                assert!(xlsx.to_zip().len() > 10_000);
            }),
        ));
        // The UI's deepest views, drawn in the page (each draw starts at the top of the stack,
        // from the browser's event loop).
        paint();
        fresh_page();
        let _app = mount().await;
        let id = assessment_key().trim_start_matches("mwb:v1:a:").to_string();
        for view in ["report", "gap", "evidence", "project", ""] {
            let hash = if view.is_empty() {
                format!("#/a/{id}")
            } else {
                format!("#/a/{id}/{view}")
            };
            web_sys::window()
                .unwrap()
                .location()
                .set_hash(&hash)
                .unwrap();
            sleep(100).await;
            assert!(count("main h1") > 0, "{hash} drew nothing");
            if view == "report" {
                assert!(
                    count(".report [data-level-of]") > 49,
                    "the report is not drawn"
                );
            }
        }
        used.push(("views", RESERVE - lowest_touched()));
        web_sys::console::log_1(&format!("stack used, bytes: {used:?}").into());
        for (what, n) in used {
            assert!(
                n < RESERVE / 2,
                "{what} used {n} bytes of the {RESERVE}-byte stack"
            );
        }
    }
}
