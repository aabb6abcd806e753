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
