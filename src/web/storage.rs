//! The only module that touches localStorage: the browser's side of `core::persist::Kv`.
//! localStorage can be missing (blocked by policy, some private windows) or full; both come
//! back as errors, never panics. Everything else about storage is decided in `core::persist`.

use gloo_storage::{LocalStorage, Storage as _};
use leptos::ev;
use leptos::prelude::window_event_listener;

use maturity_core::store::persist::{Kv, KvError, MemKv, Store, PREFIX};

/// localStorage through gloo-storage. gloo's `LocalStorage::raw()` panics when there is no
/// storage, so every call is guarded by [`available`].
#[derive(Clone, Copy, Debug, Default)]
pub struct LocalKv;

/// Whether localStorage can be used here.
pub fn available() -> bool {
    matches!(
        web_sys::window().map(|w| w.local_storage()),
        Some(Ok(Some(_)))
    )
}

fn raw() -> Result<web_sys::Storage, KvError> {
    if available() {
        Ok(LocalStorage::raw())
    } else {
        Err(KvError::Unavailable)
    }
}

fn classify(e: wasm_bindgen::JsValue) -> KvError {
    let text = js_sys::Reflect::get(&e, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_else(|| format!("{e:?}"));
    if text.contains("Quota") || text.contains("quota") {
        KvError::Quota
    } else {
        KvError::Other(text)
    }
}

impl Kv for LocalKv {
    fn get(&self, key: &str) -> Result<Option<String>, KvError> {
        raw()?.get_item(key).map_err(classify)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), KvError> {
        raw()?.set_item(key, value).map_err(classify)
    }
    fn remove(&mut self, key: &str) -> Result<(), KvError> {
        raw()?.remove_item(key).map_err(classify)
    }
    fn keys(&self) -> Result<Vec<String>, KvError> {
        let s = raw()?;
        let n = s.length().map_err(classify)?;
        Ok((0..n).filter_map(|i| s.key(i).ok().flatten()).collect())
    }
}

/// The workbook's store: localStorage when the browser has it, otherwise memory only (the
/// second value is then false and the user is told that nothing will be kept).
pub fn open_store() -> (Store, bool) {
    if available() {
        (Store::new(Box::new(LocalKv)), true)
    } else {
        (Store::new(Box::new(MemKv::default())), false)
    }
}

/// Calls `f(key, new value)` when another tab changes one of the workbook's keys (the
/// browser sends `storage` events only to other tabs). Keys are given without prefix.
pub fn watch(f: impl Fn(String, Option<String>) + 'static) {
    let handle = window_event_listener(ev::storage, move |e: web_sys::StorageEvent| {
        match e.key() {
            Some(key) => {
                if let Some(ours) = key.strip_prefix(PREFIX) {
                    f(ours.to_string(), e.new_value());
                }
            }
            // `localStorage.clear()` in another tab.
            None => f(String::new(), None),
        }
    });
    // The listener lives as long as the page.
    std::mem::forget(handle);
}

/// Asks the browser to keep this site's storage even under storage pressure. Resolves to
/// whether it agreed (None when the browser has no Storage API, e.g. some `file://` setups).
pub async fn request_persistence() -> Option<bool> {
    let storage = web_sys::window()?.navigator().storage();
    if js_sys::Reflect::get(&storage, &"persist".into())
        .ok()?
        .is_undefined()
    {
        return None;
    }
    let promise = storage.persist().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .as_bool()
}
