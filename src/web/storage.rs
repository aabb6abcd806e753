//! The only module that touches localStorage. Storage can be missing (blocked by policy, some
//! private windows) or full; both come back as errors, never as panics.

use gloo_storage::{LocalStorage, Storage as _};

/// Keys are namespaced: Chromium shares one localStorage among all `file://` pages, so other
/// tools opened from the same share must not collide with the workbook.
pub const PREFIX: &str = "mwb:v1:";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// No localStorage at all.
    Unavailable,
    /// The write did not fit.
    Quota,
    Other(String),
}

/// Whether localStorage can be used. gloo's `LocalStorage::raw()` panics when it cannot, so
/// every access is guarded by this probe.
pub fn available() -> bool {
    matches!(
        web_sys::window().map(|w| w.local_storage()),
        Some(Ok(Some(_)))
    )
}

fn raw() -> Result<web_sys::Storage, StorageError> {
    if available() {
        Ok(LocalStorage::raw())
    } else {
        Err(StorageError::Unavailable)
    }
}

pub fn get(key: &str) -> Result<Option<String>, StorageError> {
    raw()?
        .get_item(key)
        .map_err(|e| StorageError::Other(format!("{e:?}")))
}

pub fn set(key: &str, value: &str) -> Result<(), StorageError> {
    raw()?.set_item(key, value).map_err(|e| {
        let text = format!("{e:?}");
        if text.contains("Quota") || text.contains("quota") {
            StorageError::Quota
        } else {
            StorageError::Other(text)
        }
    })
}
