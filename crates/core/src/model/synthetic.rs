//! Models made up for tests and benchmarks: a tiny model built from a compact spec, and the
//! embedded CD model scaled up by copying its domains under new codes.

use serde_json::{json, Value};

use crate::model::validate::load_model;
use crate::model::LoadedModel;

/// Builds a model file from a spec: domains, each a list of capabilities, each a list of
/// items, each item a string such as `"2 1 s 1"` giving the number of requirements of levels
/// 2, 3, 4 and 5, or `s` for a level that is the same as the level below.
/// Codes are `D1`, `D1-C1`, `D1-C1-I1`, … and requirement ids follow the model format.
pub fn tiny_model_json(spec: &[&[&[&str]]]) -> String {
    let domains: Vec<Value> = spec
        .iter()
        .enumerate()
        .map(|(d, caps)| {
            let dcode = format!("D{}", d + 1);
            let capabilities: Vec<Value> = caps
                .iter()
                .enumerate()
                .map(|(c, items)| {
                    let ccode = format!("{dcode}-C{}", c + 1);
                    let items: Vec<Value> = items
                        .iter()
                        .enumerate()
                        .map(|(i, levels)| item_json(&format!("{ccode}-I{}", i + 1), levels))
                        .collect();
                    json!({"code": ccode, "name": text("能力", "Capability"), "items": items})
                })
                .collect();
            json!({"code": dcode, "name": text("域", "Domain"), "capabilities": capabilities})
        })
        .collect();
    let model = json!({
        "format": "maturity-workbook/model",
        "format_version": 1,
        "id": "tiny",
        "version": "1",
        "title": text("小模型", "Tiny model"),
        "source": text("测试", "Tests"),
        "levels": (1..=5).map(|l| json!({
            "level": l,
            "name": text(&format!("{l}级"), &format!("Level {l}")),
            "summary": text("概要", "Summary"),
        })).collect::<Vec<_>>(),
        "domains": domains,
    });
    serde_json::to_string_pretty(&model).unwrap_or_default()
}

fn text(zh: &str, en: &str) -> Value {
    json!({"zh": zh, "en": en})
}

fn item_json(code: &str, spec: &str) -> Value {
    let levels: Vec<Value> = spec
        .split_whitespace()
        .enumerate()
        .map(|(n, part)| {
            let level = n + 2;
            if part == "s" {
                json!({"level": level, "same_as_lower": true, "evidence": []})
            } else {
                let count: usize = part.parse().unwrap_or(1);
                let reqs: Vec<Value> = (1..=count)
                    .map(|k| json!({"id": format!("{code}-L{level}-{k}"), "text": text("要求", "Requirement")}))
                    .collect();
                json!({
                    "level": level,
                    "requirements": reqs,
                    "evidence": [{"kind": "document", "title": text(&format!("{code} {level} 级材料"), &format!("{code} level {level} document"))}],
                })
            }
        })
        .collect();
    json!({
        "code": code,
        "name": text("子项", "Item"),
        "baseline": text("起点", "Baseline"),
        "levels": levels,
        "l4_needs_l3_evidence": true,
    })
}

/// Loads a tiny model; panics on a bad spec, which is a bug in the calling test.
pub fn tiny_model(spec: &[&[&[&str]]]) -> LoadedModel {
    match load_model(&tiny_model_json(spec)) {
        Ok(m) => m,
        Err(problems) => panic!("bad tiny model spec: {problems:?}"),
    }
}

/// The embedded model's text repeated `factor` times under prefixed codes (`X2-CM-VC-VCS`, …),
/// so it has `factor` times the domains, capabilities, sub-items and requirements.
pub fn scaled_model_json(base: &str, factor: usize) -> String {
    let Ok(mut root) = serde_json::from_str::<Value>(base) else {
        return String::new();
    };
    let Some(domains) = root.get("domains").and_then(Value::as_array).cloned() else {
        return String::new();
    };
    let mut all = Vec::with_capacity(domains.len() * factor);
    for copy in 1..=factor {
        for domain in &domains {
            let mut d = domain.clone();
            if copy > 1 {
                prefix_codes(&mut d, &format!("X{copy}-"));
            }
            all.push(d);
        }
    }
    root["domains"] = Value::Array(all);
    root["id"] = json!(format!(
        "{}-x{factor}",
        root["id"].as_str().unwrap_or("model")
    ));
    serde_json::to_string(&root).unwrap_or_default()
}

fn prefix_codes(v: &mut Value, prefix: &str) {
    match v {
        Value::Object(map) => {
            for (k, child) in map.iter_mut() {
                if k == "code" || k == "id" {
                    if let Value::String(s) = child {
                        *s = format!("{prefix}{s}");
                    }
                } else {
                    prefix_codes(child, prefix);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|c| prefix_codes(c, prefix)),
        _ => {}
    }
}
