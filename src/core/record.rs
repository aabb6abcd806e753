//! The stored form of an assessment, kept apart from the domain type so the storage layout can
//! evolve under its own schema number.
//!
//! Schema 1 (the walking skeleton): answers as plain status strings, no notes or evidence.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::assessment::{Answer, Assessment, Status};
use super::model::{LoadedModel, ModelRef};
use super::text::Lang;

pub const INDEX_KEY: &str = "index";
pub const PREFS_KEY: &str = "prefs";

pub fn assessment_key(id: &str) -> String {
    format!("a:{id}")
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    pub schema: u32,
    pub assessments: Vec<String>,
    #[serde(default)]
    pub current: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefs {
    #[serde(default)]
    pub lang: Option<Lang>,
}

#[derive(Serialize, Deserialize)]
struct RecordV1 {
    schema: u32,
    id: String,
    name: String,
    model: ModelRef,
    target_level: u8,
    language: Lang,
    created_at: String,
    updated_at: String,
    answers: BTreeMap<String, Status>,
}

pub fn encode(a: &Assessment) -> String {
    let record = RecordV1 {
        schema: 1,
        id: a.id.clone(),
        name: a.name.clone(),
        model: a.model.clone(),
        target_level: a.target_level,
        language: a.language,
        created_at: a.created_at.clone(),
        updated_at: a.updated_at.clone(),
        answers: a
            .answers
            .iter()
            .map(|(k, v)| (k.clone(), v.status))
            .collect(),
    };
    serde_json::to_string(&record).unwrap_or_default()
}

pub fn decode(text: &str, model: &LoadedModel) -> Option<Assessment> {
    let r: RecordV1 = serde_json::from_str(text).ok()?;
    let mut a = Assessment::new(
        r.id,
        r.name,
        model,
        r.target_level,
        r.language,
        &r.created_at,
    );
    a.updated_at = r.updated_at;
    a.model = r.model;
    a.answers = r
        .answers
        .into_iter()
        .map(|(k, s)| (k, Answer::new(s)))
        .collect();
    Some(a)
}
