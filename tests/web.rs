//! Browser tests (wasm-bindgen-test in headless Chromium): components mounted in a real page,
//! and the browser adapters against the real browser APIs.
#![cfg(target_arch = "wasm32")]

use leptos::task::tick;
use maturity_workbook::web::storage;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn query(css: &str) -> Option<HtmlElement> {
    document()
        .query_selector(css)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
}

/// Empties storage and the URL hash, and gives a test a fresh element to mount into (the page
/// body also holds the test runner's own output, which must stay).
fn fresh_page() -> HtmlElement {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
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
async fn the_app_lists_the_model_and_scores_an_answer() {
    let root = fresh_page();
    let _mounted = leptos::mount::mount_to(root, maturity_workbook::ui::app::App);
    tick().await;
    assert_eq!(
        document()
            .query_selector_all("nav.outline a[href*='/item/']")
            .unwrap()
            .length(),
        49
    );
    let badge = query("[data-level-of='CM-VC-VCS']").expect("badge");
    assert_eq!(badge.text_content().unwrap().trim(), "1");
    for id in ["CM-VC-VCS-L2-1", "CM-VC-VCS-L2-2"] {
        query(&format!("[data-req='{id}'] [data-status='met']"))
            .expect("radio")
            .click();
    }
    tick().await;
    assert_eq!(badge.get_attribute("data-level").as_deref(), Some("2"));
    assert_eq!(badge.text_content().unwrap().trim(), "2");
    // The capability stays at level 1 (its other sub-items are unanswered) and shows the
    // level-2 progress as "2-".
    let cap = query("[data-level-of='CM-VC']").unwrap();
    assert_eq!(cap.get_attribute("data-level").as_deref(), Some("1"));
    assert_eq!(cap.text_content().unwrap().trim(), "2-");
}

#[wasm_bindgen_test]
fn storage_round_trips_a_value() {
    fresh_page();
    assert!(storage::available());
    storage::set("mwb:test:key", "值 value").unwrap();
    assert_eq!(
        storage::get("mwb:test:key").unwrap().as_deref(),
        Some("值 value")
    );
    assert_eq!(storage::get("mwb:test:absent").unwrap(), None);
}
