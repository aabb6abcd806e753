//! IndexedDB as a small asynchronous key-value store: database `maturity-workbook`, one object
//! store `kv`, keys named by `core::persist::Key` (the full key, with its prefix). For what
//! does not belong in localStorage: large values (the portfolio's files) and values that are
//! not text (a directory handle, which IndexedDB stores by structured clone).
//!
//! Where the browser has no IndexedDB, or refuses to open it (a blocked profile, some private
//! windows), [`open`] gives a store in memory instead and says why ([`Idb::fallback`]), so the
//! page can tell the user that nothing will be kept. Every failure is an [`IdbError`] with a
//! message in both languages; nothing here panics on what the browser does.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode};

use maturity_core::store::persist::Key;
use maturity_core::text::i18n;
use maturity_core::text::Lang;

use crate::web::files::error_name;

pub const DATABASE: &str = "maturity-workbook";
pub const STORE: &str = "kv";
const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdbError {
    /// The browser has no IndexedDB here (or forbids it).
    Unavailable(String),
    /// The write did not fit.
    Quota,
    /// The browser refused an operation; its error name.
    Failed(String),
}

impl IdbError {
    fn from_js(e: &JsValue) -> IdbError {
        let name = error_name(e);
        if name.starts_with("QuotaExceededError") {
            IdbError::Quota
        } else {
            IdbError::Failed(name)
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            IdbError::Unavailable(detail) => i18n::IDB_UNAVAILABLE.fmt(lang, &[("detail", detail)]),
            IdbError::Quota => i18n::IDB_QUOTA.get(lang).to_string(),
            IdbError::Failed(detail) => i18n::IDB_FAILED.fmt(lang, &[("detail", detail)]),
        }
    }
}

#[derive(Clone)]
enum Backend {
    Db(IdbDatabase),
    Memory(Rc<RefCell<BTreeMap<String, JsValue>>>),
}

/// An open store (cheap to clone: clones share the connection or the memory).
#[derive(Clone)]
pub struct Idb {
    backend: Backend,
    fallback: Option<IdbError>,
}

thread_local! {
    static SHARED: RefCell<Option<Idb>> = const { RefCell::new(None) };
}

/// The page's store: opened once, then shared.
pub async fn open() -> Idb {
    if let Some(db) = SHARED.with(|s| s.borrow().clone()) {
        return db;
    }
    let db = open_unshared().await;
    SHARED.with(|s| {
        // Another caller may have opened it meanwhile; keep the first.
        s.borrow_mut().get_or_insert(db).clone()
    })
}

/// Opens a connection of its own (or the memory fallback, saying why).
pub async fn open_unshared() -> Idb {
    match open_database().await {
        Ok(db) => Idb {
            backend: Backend::Db(db),
            fallback: None,
        },
        Err(e) => Idb::memory(Some(e)),
    }
}

/// Waits for a request or a transaction: `wire` sets the promise's resolve and reject as its
/// event handlers (no Rust closure to keep alive or to leak).
async fn settle(wire: impl FnOnce(&Function, &Function)) -> Result<JsValue, JsValue> {
    let mut wire = Some(wire);
    let promise = Promise::new(&mut |resolve, reject| {
        if let Some(w) = wire.take() {
            w(&resolve, &reject);
        }
    });
    JsFuture::from(promise).await
}

async fn request(req: IdbRequest) -> Result<JsValue, IdbError> {
    let outcome = settle(|ok, fail| {
        req.set_onsuccess(Some(ok));
        req.set_onerror(Some(fail));
    })
    .await;
    match outcome {
        Ok(_) => req.result().map_err(|e| IdbError::from_js(&e)),
        Err(_) => Err(req
            .error()
            .ok()
            .flatten()
            .map(|e| IdbError::from_js(&e))
            .unwrap_or(IdbError::Failed("request".into()))),
    }
}

async fn finished(tx: IdbTransaction) -> Result<(), IdbError> {
    let outcome = settle(|ok, fail| {
        tx.set_oncomplete(Some(ok));
        tx.set_onerror(Some(fail));
        tx.set_onabort(Some(fail));
    })
    .await;
    match outcome {
        Ok(_) => Ok(()),
        Err(_) => Err(tx
            .error()
            .map(|e| IdbError::from_js(&e))
            .unwrap_or(IdbError::Failed("transaction".into()))),
    }
}

async fn open_database() -> Result<IdbDatabase, IdbError> {
    let unavailable = |e: JsValue| IdbError::Unavailable(error_name(&e));
    let window = web_sys::window().ok_or(IdbError::Unavailable("no window".into()))?;
    let factory = window
        .indexed_db()
        .map_err(unavailable)?
        .ok_or(IdbError::Unavailable("indexedDB".into()))?;
    let req = factory
        .open_with_u32(DATABASE, VERSION)
        .map_err(unavailable)?;
    // The first open creates the store. Runs at most once, during the open.
    let upgrading = req.clone();
    let upgrade = Closure::once_into_js(move |_: web_sys::Event| {
        if let Some(db) = upgrading
            .result()
            .ok()
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok())
        {
            if !db.object_store_names().contains(STORE) {
                let _ = db.create_object_store(STORE);
            }
        }
    });
    req.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let db = request(req.clone().unchecked_into())
        .await
        .map_err(|e| match e {
            IdbError::Failed(d) => IdbError::Unavailable(d),
            other => other,
        })?;
    req.set_onupgradeneeded(None);
    db.dyn_into::<IdbDatabase>()
        .map_err(|_| IdbError::Unavailable("not a database".into()))
}

impl Idb {
    /// A store in memory only; `why` says why the real one is not used.
    pub fn memory(why: Option<IdbError>) -> Idb {
        Idb {
            backend: Backend::Memory(Rc::default()),
            fallback: why,
        }
    }

    /// Why values are only kept in memory, when they are.
    pub fn fallback(&self) -> Option<&IdbError> {
        self.fallback.as_ref()
    }

    fn store(
        &self,
        db: &IdbDatabase,
        mode: IdbTransactionMode,
    ) -> Result<IdbObjectStore, IdbError> {
        db.transaction_with_str_and_mode(STORE, mode)
            .and_then(|tx| tx.object_store(STORE))
            .map_err(|e| IdbError::from_js(&e))
    }

    pub async fn get(&self, key: &Key) -> Result<Option<JsValue>, IdbError> {
        let full = key.full();
        match &self.backend {
            Backend::Memory(m) => Ok(m.borrow().get(&full).cloned()),
            Backend::Db(db) => {
                let store = self.store(db, IdbTransactionMode::Readonly)?;
                let req = store
                    .get(&JsValue::from_str(&full))
                    .map_err(|e| IdbError::from_js(&e))?;
                let v = request(req).await?;
                Ok((!v.is_undefined()).then_some(v))
            }
        }
    }

    /// Stores a value (anything structured clone accepts); done when the write is committed.
    pub async fn put(&self, key: &Key, value: &JsValue) -> Result<(), IdbError> {
        let full = key.full();
        match &self.backend {
            Backend::Memory(m) => {
                m.borrow_mut().insert(full, value.clone());
                Ok(())
            }
            Backend::Db(db) => {
                let store = self.store(db, IdbTransactionMode::Readwrite)?;
                store
                    .put_with_key(value, &JsValue::from_str(&full))
                    .map_err(|e| IdbError::from_js(&e))?;
                finished(store.transaction()).await
            }
        }
    }

    pub async fn delete(&self, key: &Key) -> Result<(), IdbError> {
        let full = key.full();
        match &self.backend {
            Backend::Memory(m) => {
                m.borrow_mut().remove(&full);
                Ok(())
            }
            Backend::Db(db) => {
                let store = self.store(db, IdbTransactionMode::Readwrite)?;
                store
                    .delete(&JsValue::from_str(&full))
                    .map_err(|e| IdbError::from_js(&e))?;
                finished(store.transaction()).await
            }
        }
    }

    /// The keys whose full text starts with `prefix` (see `Key::portfolio_files_prefix`);
    /// keys of other programs are skipped.
    pub async fn keys_with_prefix(&self, prefix: &str) -> Result<Vec<Key>, IdbError> {
        let full: Vec<String> = match &self.backend {
            Backend::Memory(m) => m
                .borrow()
                .keys()
                .filter(|k| k.starts_with(prefix))
                .cloned()
                .collect(),
            Backend::Db(db) => {
                let store = self.store(db, IdbTransactionMode::Readonly)?;
                // Every string starting with the prefix sorts between it and prefix + U+FFFF.
                let range = web_sys::IdbKeyRange::bound(
                    &JsValue::from_str(prefix),
                    &JsValue::from_str(&format!("{prefix}\u{ffff}")),
                )
                .map_err(|e| IdbError::from_js(&e))?;
                let req = store
                    .get_all_keys_with_key(&range)
                    .map_err(|e| IdbError::from_js(&e))?;
                let keys = request(req).await?;
                js_sys::Array::from(&keys)
                    .iter()
                    .filter_map(|k| k.as_string())
                    .collect()
            }
        };
        Ok(full.iter().filter_map(|k| Key::from_full(k)).collect())
    }

    /// Text stored under a key; a value that is not text reads as an error.
    pub async fn get_text(&self, key: &Key) -> Result<Option<String>, IdbError> {
        match self.get(key).await? {
            None => Ok(None),
            Some(v) => v
                .as_string()
                .map(Some)
                .ok_or(IdbError::Failed("not text".into())),
        }
    }

    pub async fn put_text(&self, key: &Key, text: &str) -> Result<(), IdbError> {
        self.put(key, &JsValue::from_str(text)).await
    }

    /// Stores several texts in one transaction: all of them, or none.
    pub async fn put_texts(&self, entries: &[(Key, String)]) -> Result<(), IdbError> {
        match &self.backend {
            Backend::Memory(m) => {
                let mut m = m.borrow_mut();
                for (k, v) in entries {
                    m.insert(k.full(), JsValue::from_str(v));
                }
                Ok(())
            }
            Backend::Db(db) => {
                let store = self.store(db, IdbTransactionMode::Readwrite)?;
                for (k, v) in entries {
                    if let Err(e) =
                        store.put_with_key(&JsValue::from_str(v), &JsValue::from_str(&k.full()))
                    {
                        let _ = store.transaction().abort();
                        return Err(IdbError::from_js(&e));
                    }
                }
                finished(store.transaction()).await
            }
        }
    }
}
