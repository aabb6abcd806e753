//! Workbook documents on disk: the page's own HTML as the template, the document embedded in
//! the page that was opened, and writing a document through the File System Access API
//! (Chromium, also on `file://`) or, where that is missing (Firefox), as a download.
//!
//! The file handle chosen with "Save as" is kept for the session and, where the browser can,
//! in IndexedDB (see `web::idb`), so "Save" writes the same file again; the browser may ask
//! for permission again after a restart. Every failure is a [`DocError`] with a message in both
//! languages; a cancelled picker is not a failure.

use std::cell::RefCell;
use std::collections::BTreeMap;

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use maturity_core::formats::document::SCRIPT_ID;
use maturity_core::store::persist::Key;
use maturity_core::text::i18n;
use maturity_core::text::Lang;

use crate::web::files::error_name;
use crate::web::idb;

/// The mount point of the app in the single-file page.
pub const APP_ID: &str = "wb-app";
/// The start-up message shown until the app has started.
pub const BOOT_ID: &str = "wb-boot";
/// The one-file workbook next to the web-server deliverable's index.html.
const SINGLE_FILE: &str = "maturity-workbook.html";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocError {
    /// The user closed the file dialog.
    Cancelled,
    /// The browser did not allow writing the file.
    Permission,
    /// The workbook's own page could not be read to save a copy of it.
    NoTemplate(String),
    /// Writing failed (the browser's error name).
    Write(String),
}

impl DocError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            DocError::Cancelled => String::new(),
            DocError::Permission => i18n::SAVE_NO_PERMISSION.get(lang).to_string(),
            DocError::NoTemplate(d) => i18n::SAVE_NO_TEMPLATE.fmt(lang, &[("detail", d)]),
            DocError::Write(d) => i18n::SAVE_FAILED.fmt(lang, &[("detail", d)]),
        }
    }
}

thread_local! {
    /// File handles chosen in this session, by assessment id.
    static HANDLES: RefCell<BTreeMap<String, JsValue>> = const { RefCell::new(BTreeMap::new()) };
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// The element the app mounts into, when the page provides one (the single-file page).
pub fn app_root() -> Option<web_sys::HtmlElement> {
    document()?.get_element_by_id(APP_ID)?.dyn_into().ok()
}

/// The exchange JSON embedded in this page, when it was opened from a workbook document.
pub fn embedded() -> Option<String> {
    let text = document()?.get_element_by_id(SCRIPT_ID)?.text_content()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// The name of the file this page was opened from (`…/Team-L3-2026-05-01.html`).
pub fn page_file_name() -> Option<String> {
    let path = web_sys::window()?.location().pathname().ok()?;
    let name = path.rsplit('/').next()?;
    let decoded = js_sys::decode_uri_component(name).ok()?.as_string()?;
    (!decoded.is_empty()).then_some(decoded)
}

/// The workbook page to write documents from: this page as it was delivered (the app's own
/// elements and any embedded document taken out), or, on a web server, the one-file workbook
/// next to it.
pub async fn template() -> Result<String, DocError> {
    if app_root().is_some() {
        return single_file_template();
    }
    let window = web_sys::window().ok_or_else(|| DocError::NoTemplate("no window".into()))?;
    let response = JsFuture::from(window.fetch_with_str(SINGLE_FILE))
        .await
        .map_err(|e| DocError::NoTemplate(error_name(&e)))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| DocError::NoTemplate("fetch".into()))?;
    if !response.ok() {
        return Err(DocError::NoTemplate(format!("HTTP {}", response.status())));
    }
    let text = JsFuture::from(
        response
            .text()
            .map_err(|e| DocError::NoTemplate(error_name(&e)))?,
    )
    .await
    .map_err(|e| DocError::NoTemplate(error_name(&e)))?;
    text.as_string()
        .ok_or_else(|| DocError::NoTemplate("not text".into()))
}

fn single_file_template() -> Result<String, DocError> {
    let fail = |what: &str| DocError::NoTemplate(what.to_string());
    let doc = document().ok_or_else(|| fail("no document"))?;
    let root = doc.document_element().ok_or_else(|| fail("no root"))?;
    let copy: web_sys::Element = root
        .clone_node_with_deep(true)
        .map_err(|e| fail(&error_name(&e)))?
        .dyn_into()
        .map_err(|_| fail("clone"))?;
    let find = |id: &str| copy.query_selector(&format!("#{id}")).ok().flatten();
    if let Some(old) = find(SCRIPT_ID) {
        old.remove();
    }
    if let Some(app) = find(APP_ID) {
        app.set_inner_html("");
    }
    // The start-up message comes back, shown again until the document's app starts.
    match find(BOOT_ID) {
        Some(boot) => {
            let _ = boot.remove_attribute("hidden");
        }
        None => {
            if let (Ok(boot), Some(app)) = (doc.create_element("div"), find(APP_ID)) {
                boot.set_id(BOOT_ID);
                boot.set_class_name("boot");
                let _ = boot.set_attribute("role", "status");
                boot.set_text_content(Some(&format!(
                    "{} · {}",
                    i18n::LOADING.zh,
                    i18n::LOADING.en
                )));
                let _ = app.before_with_node_1(&boot);
            }
        }
    }
    Ok(format!("<!DOCTYPE html>\n{}\n", copy.outer_html()))
}

fn window_fn(name: &str) -> Option<Function> {
    let window = web_sys::window()?;
    Reflect::get(&window, &JsValue::from_str(name))
        .ok()?
        .dyn_into()
        .ok()
}

/// Whether "Save" can write the same file again (the File System Access API is present).
pub fn can_save_in_place() -> bool {
    window_fn("showSaveFilePicker").is_some()
}

fn set(obj: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

async fn call_method(target: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: Function = Reflect::get(target, &JsValue::from_str(name))?.dyn_into()?;
    let result = f.apply(target, &args.iter().collect::<Array>())?;
    match result.dyn_into::<Promise>() {
        Ok(p) => JsFuture::from(p).await,
        Err(v) => Ok(v),
    }
}

fn is_abort(e: &JsValue) -> bool {
    error_name(e).starts_with("AbortError")
}

/// Asks where to save the document of assessment `id` (suggesting `name`), writes it there,
/// and keeps the handle. Returns the file name the user chose.
pub async fn save_as(id: &str, name: &str, html: &str, lang: Lang) -> Result<String, DocError> {
    let picker = window_fn("showSaveFilePicker").ok_or(DocError::Permission)?;
    let options = Object::new();
    set(&options, "suggestedName", &JsValue::from_str(name));
    let accept = Object::new();
    set(
        &accept,
        "text/html",
        &Array::of2(&".html".into(), &".htm".into()),
    );
    let kind = Object::new();
    set(
        &kind,
        "description",
        &JsValue::from_str(i18n::DOCUMENT_KIND.get(lang)),
    );
    set(&kind, "accept", &accept);
    set(&options, "types", &Array::of1(&kind));
    let window = web_sys::window().ok_or(DocError::Permission)?;
    let promise: Promise = picker
        .call1(&window, &options)
        .map_err(|e| DocError::Write(error_name(&e)))?
        .dyn_into()
        .map_err(|_| DocError::Permission)?;
    let handle = JsFuture::from(promise).await.map_err(|e| {
        if is_abort(&e) {
            DocError::Cancelled
        } else {
            DocError::Write(error_name(&e))
        }
    })?;
    write(&handle, html).await?;
    let chosen = Reflect::get(&handle, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_else(|| name.to_string());
    remember(id, handle).await;
    Ok(chosen)
}

/// Writes the document of assessment `id` to the file it was last saved to. None when there
/// is no such file in this browser (then "Save as" is needed). `ask` lets the browser ask for
/// permission (a click or Ctrl+S may; an autosave may not).
pub async fn save(id: &str, html: &str, ask: bool) -> Option<Result<(), DocError>> {
    let handle = handle_of(id).await?;
    Some(write_with_permission(&handle, html, ask).await)
}

async fn write_with_permission(handle: &JsValue, html: &str, ask: bool) -> Result<(), DocError> {
    let mode = Object::new();
    set(&mode, "mode", &JsValue::from_str("readwrite"));
    let state = call_method(handle, "queryPermission", &[mode.clone().into()])
        .await
        .ok()
        .and_then(|s| s.as_string())
        // Browsers without permission queries (OPFS handles in tests) simply write.
        .unwrap_or_else(|| "granted".into());
    let granted = match state.as_str() {
        "granted" => true,
        "prompt" if ask => call_method(handle, "requestPermission", &[mode.into()])
            .await
            .ok()
            .and_then(|s| s.as_string())
            .is_some_and(|s| s == "granted"),
        _ => false,
    };
    if !granted {
        return Err(DocError::Permission);
    }
    write(handle, html).await
}

async fn write(handle: &JsValue, html: &str) -> Result<(), DocError> {
    let fail = |e: JsValue| DocError::Write(error_name(&e));
    let writable = call_method(handle, "createWritable", &[])
        .await
        .map_err(fail)?;
    call_method(&writable, "write", &[JsValue::from_str(html)])
        .await
        .map_err(fail)?;
    call_method(&writable, "close", &[]).await.map_err(fail)?;
    Ok(())
}

/// Keeps a file handle for the session and, where the browser can store one (Chromium keeps
/// file handles in IndexedDB), for later sessions. Not being able to store it is not an error
/// the user must hear about: "Save" then asks for the place again after a restart.
pub async fn remember(id: &str, handle: JsValue) {
    HANDLES.with(|h| h.borrow_mut().insert(id.to_string(), handle.clone()));
    let _ = idb::open()
        .await
        .put(&Key::FileHandle(id.to_string()), &handle)
        .await;
}

/// The file handle an earlier session stored for assessment `id`, if it is still one.
pub async fn stored_handle(id: &str) -> Option<JsValue> {
    idb::open()
        .await
        .get(&Key::FileHandle(id.to_string()))
        .await
        .ok()
        .flatten()
        .filter(|h| h.is_object() && Reflect::has(h, &"createWritable".into()).unwrap_or(false))
}

/// The file handle for assessment `id`: this session's, else the one stored by an earlier one.
async fn handle_of(id: &str) -> Option<JsValue> {
    if let Some(h) = HANDLES.with(|h| h.borrow().get(id).cloned()) {
        return Some(h);
    }
    let stored = stored_handle(id).await?;
    HANDLES.with(|h| h.borrow_mut().insert(id.to_string(), stored.clone()));
    Some(stored)
}

/// Whether a file to save to is known for assessment `id` (in this session or stored).
pub async fn has_file(id: &str) -> bool {
    handle_of(id).await.is_some()
}
