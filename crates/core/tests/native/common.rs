//! Helpers shared by the native storage and workspace tests: a store whose map a test can look
//! into, and the embedded model.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};

use maturity_core::model::validate::load_model;
use maturity_core::model::LoadedModel;
use maturity_core::model::EMBEDDED_MODEL;
use maturity_core::store::persist::{Kv, KvError, MemKv, Store, PREFIX};

pub fn model() -> Arc<LoadedModel> {
    Arc::new(load_model(EMBEDDED_MODEL).unwrap())
}

/// A store sharing one map, so a test can look at the raw keys afterwards, and two
/// workspaces over it behave like two tabs of one browser.
#[derive(Clone, Default)]
pub struct Shared(pub Arc<Mutex<MemKv>>);

impl Kv for Shared {
    fn get(&self, key: &str) -> Result<Option<String>, KvError> {
        self.0.lock().unwrap().get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), KvError> {
        self.0.lock().unwrap().set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), KvError> {
        self.0.lock().unwrap().remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, KvError> {
        self.0.lock().unwrap().keys()
    }
}

impl Shared {
    pub fn raw(&self, key: &str) -> Option<String> {
        self.0
            .lock()
            .unwrap()
            .map
            .get(&format!("{PREFIX}{key}"))
            .cloned()
    }
    pub fn put(&self, key: &str, value: &str) {
        self.0
            .lock()
            .unwrap()
            .map
            .insert(format!("{PREFIX}{key}"), value.to_string());
    }
    pub fn set_quota(&self, quota: Option<usize>) {
        self.0.lock().unwrap().quota = quota;
    }
    /// Characters in use, as the quota counts them.
    pub fn used(&self) -> usize {
        self.0
            .lock()
            .unwrap()
            .map
            .iter()
            .map(|(k, v)| k.chars().count() + v.chars().count())
            .sum()
    }
    pub fn keys(&self) -> Vec<String> {
        self.0
            .lock()
            .unwrap()
            .map
            .keys()
            .filter_map(|k| k.strip_prefix(PREFIX).map(str::to_string))
            .collect()
    }
    pub fn store(&self) -> Store {
        Store::new(Box::new(self.clone()))
    }
}
