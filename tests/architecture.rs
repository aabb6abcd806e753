//! The architecture invariants of docs/ARCHITECTURE.md, checked on the source so they stay true.

use std::fs;
use std::path::Path;

fn rust_files(dir: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            let text = fs::read_to_string(&path).unwrap();
            out.push((path.display().to_string(), text));
        }
    }
    assert!(!out.is_empty(), "no sources under {dir}");
    out
}

/// Source lines without comments, so a doc comment may name what the code must not use.
fn code_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_start)
        .filter(|l| !l.starts_with("//"))
}

#[test]
fn the_core_never_touches_the_browser_or_the_ui_framework() {
    for (path, text) in rust_files("src/core") {
        for line in code_lines(&text) {
            for forbidden in ["leptos", "web_sys", "js_sys", "gloo", "wasm_bindgen"] {
                assert!(!line.contains(forbidden), "{path} uses {forbidden}: {line}");
            }
        }
    }
}

#[test]
fn only_the_storage_adapter_touches_local_storage() {
    for dir in ["src/core", "src/web", "src/ui", "src"] {
        for (path, text) in rust_files(dir) {
            if path.ends_with("src/web/storage.rs") {
                assert!(
                    text.contains("local_storage()"),
                    "the adapter is where it was"
                );
                continue;
            }
            for line in code_lines(&text) {
                assert!(
                    !line.contains("local_storage()") && !line.contains("gloo_storage"),
                    "{path} touches localStorage: {line}"
                );
            }
        }
    }
}

/// The Rust sources under `src`, recursively.
fn all_sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in ["src", "src/core", "src/ui", "src/web"] {
        out.extend(rust_files(dir));
    }
    out
}

#[test]
fn only_the_storage_layout_spells_storage_keys() {
    // Which key holds what is decided by `persist::Key`; nobody else writes a key prefix.
    for (path, text) in all_sources() {
        if path.ends_with("src/core/persist.rs") {
            continue;
        }
        for line in code_lines(&text) {
            for prefix in [
                "\"a:",
                "\"prev:",
                "\"trash:",
                "\"model:",
                "\"quarantine:",
                "\"index\"",
                "\"prefs\"",
                "\"mwb:",
            ] {
                assert!(
                    !line.contains(prefix),
                    "{path} spells the storage key {prefix}: {line}"
                );
            }
        }
    }
}

#[test]
fn no_code_compares_languages_outside_the_text_modules() {
    // One i18n mechanism: the catalogue picks the text; matches on Lang are exhaustive there.
    for (path, text) in all_sources() {
        if path.ends_with("src/core/i18n.rs") || path.ends_with("src/core/text.rs") {
            continue;
        }
        for line in code_lines(&text) {
            for forbidden in [
                "Lang::Zh", "Lang::En", "== Lang", "!= Lang", "let zh", "if zh", "(zh, en)",
                "pick(",
            ] {
                assert!(
                    !line.contains(forbidden),
                    "{path} branches on the language ({forbidden}): {line}"
                );
            }
        }
    }
}

#[test]
fn the_ui_reaches_the_browser_only_through_the_web_adapters() {
    // Event and file types may pass through the UI; calling browser APIs happens in src/web.
    for (path, text) in rust_files("src/ui") {
        for line in code_lines(&text) {
            for forbidden in [
                "web_sys::window",
                "js_sys::",
                "JsCast",
                "dyn_into",
                "unchecked_into",
                "wasm_bindgen::",
                ".confirm_with_message",
                ".query_selector",
                "document()",
            ] {
                assert!(
                    !line.contains(forbidden),
                    "{path} calls the browser directly ({forbidden}): {line}"
                );
            }
        }
    }
}

#[test]
fn the_ui_state_is_a_thin_mirror_of_the_workspace() {
    let state =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui/state.rs")).unwrap();
    let lines = state.lines().count();
    assert!(lines < 400, "src/ui/state.rs has {lines} lines");
    for line in code_lines(&state) {
        for forbidden in ["Store::", ".save(", "Saved::", "persist::decode", "KvError"] {
            assert!(
                !line.contains(forbidden),
                "src/ui/state.rs holds storage or merge logic ({forbidden}): {line}"
            );
        }
    }
}

#[test]
fn the_architecture_map_names_only_modules_that_exist() {
    let doc =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/ARCHITECTURE.md"))
            .unwrap();
    let mut named = 0;
    for word in doc.split(|c: char| c.is_whitespace() || "(),`".contains(c)) {
        let word = word.trim_end_matches(['.', ':', ';']);
        if word.ends_with(".rs") && !word.contains('*') && !word.contains('<') {
            named += 1;
            let found = [
                "src/core",
                "src/ui",
                "src/web",
                "src",
                "tests",
                "benches",
                "tests/e2e",
                "tools/bundle/src",
            ]
            .iter()
            .any(|dir| {
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join(dir)
                    .join(word)
                    .exists()
                    || Path::new(env!("CARGO_MANIFEST_DIR")).join(word).exists()
            });
            assert!(
                found,
                "docs/ARCHITECTURE.md names {word}, which does not exist"
            );
        }
    }
    assert!(named > 20, "the map names the modules ({named} found)");
}

#[test]
fn levels_are_computed_only_by_the_scoring_module() {
    // The label rule ("N" / "N-") lives in rule.rs and score.rs; nobody else builds a label.
    for dir in ["src/ui", "src/web"] {
        for (path, text) in rust_files(dir) {
            for line in code_lines(&text) {
                assert!(
                    !line.contains("Label {") && !line.contains("Label::new"),
                    "{path} builds a level label itself: {line}"
                );
            }
        }
    }
}

#[test]
fn every_message_of_the_catalogue_is_used() {
    // A message no code shows is dead weight in every language (and in the wasm).
    let catalogue =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core/i18n.rs")).unwrap();
    let mut users = String::new();
    for (path, text) in all_sources() {
        if !path.ends_with("src/core/i18n.rs") {
            users.push_str(&text);
        }
    }
    // Messages the catalogue itself uses (language names, the list separator).
    let internal: Vec<&str> = catalogue
        .lines()
        .filter(|l| {
            l.trim_start().starts_with("Lang::") || l.contains("=> ") || l.contains(".get(lang)")
        })
        .collect();
    for line in catalogue.lines() {
        let Some((name, _)) = line.trim_start().split_once(" = \"") else {
            continue;
        };
        if !name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        {
            continue;
        }
        let used = users.contains(&format!("i18n::{name}"))
            || users.contains(&format!("{name}."))
            || internal.iter().any(|l| l.contains(name));
        assert!(used, "the message {name} is not used anywhere");
    }
}
