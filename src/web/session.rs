//! sessionStorage: the browser's store of one tab, kept through a reload and gone with the tab.
//! It holds the tab's undo histories (`core::assess::undo`; which key holds what is decided in
//! `core::persist`). Missing or full comes back as an error, never a panic; without it the
//! histories live in memory and an undo does not outlast a reload.

use maturity_core::store::persist::{Kv, KvError, MemKv};

/// sessionStorage as the core's key-value store.
#[derive(Clone, Copy, Debug, Default)]
pub struct SessionKv;

fn raw() -> Result<web_sys::Storage, KvError> {
    match web_sys::window().map(|w| w.session_storage()) {
        Some(Ok(Some(s))) => Ok(s),
        _ => Err(KvError::Unavailable),
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

impl Kv for SessionKv {
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

/// This tab's store: sessionStorage where the browser has it, otherwise memory.
pub fn open() -> Box<dyn Kv + Send + Sync> {
    if raw().is_ok() {
        Box::new(SessionKv)
    } else {
        Box::new(MemKv::default())
    }
}
