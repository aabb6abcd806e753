//! The architecture invariants of docs/ARCHITECTURE.md that the compiler cannot check, read
//! from the sources so they stay true. (That the core uses no browser crate and no UI is the
//! compiler's job: it is its own crate without them; the first test keeps its manifest so.)

use architecture::{all_sources, code_lines, read, root, rust_files};

#[test]
fn the_core_depends_on_no_browser_crate_and_no_ui_framework() {
    let manifest = read("crates/core/Cargo.toml");
    let mut section = "";
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            section = line;
            continue;
        }
        if section == "[dependencies]" || section.starts_with("[target.") {
            for forbidden in [
                "leptos",
                "web-sys",
                "js-sys",
                "wasm-bindgen",
                "gloo",
                "maturity-workbook",
            ] {
                assert!(
                    !line.starts_with(forbidden),
                    "crates/core depends on {forbidden}: {line}"
                );
            }
        }
    }
    for (path, text) in rust_files("crates/core/src") {
        for line in code_lines(&text) {
            assert!(
                !line.contains("maturity_workbook"),
                "{path} reaches into the app: {line}"
            );
        }
    }
}

#[test]
fn only_the_storage_adapter_touches_local_storage() {
    {
        for (path, text) in all_sources() {
            if path == "src/web/storage.rs" {
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
fn only_the_storage_layout_spells_storage_keys() {
    // Which key holds what is decided by `persist::Key`; nobody else writes a key prefix.
    for (path, text) in all_sources() {
        if path == "crates/core/src/store/persist.rs" {
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
        if path == "crates/core/src/text/i18n.rs"
            || path.starts_with("crates/core/src/text/i18n/")
            || path == "crates/core/src/text/mod.rs"
        {
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
    let state = read("src/ui/state.rs");
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
    let doc = read("docs/ARCHITECTURE.md");
    let mut named = 0;
    for word in doc.split(|c: char| c.is_whitespace() || "(),`".contains(c)) {
        let word = word.trim_end_matches(['.', ':', ';']);
        if word.ends_with(".rs") && !word.contains('*') && !word.contains('<') {
            named += 1;
            let found = [
                "crates/core/src",
                "crates/core/src/text",
                "crates/core/src/model",
                "crates/core/src/assess",
                "crates/core/src/store",
                "crates/core/src/formats",
                "crates/core/src/portfolio",
                "crates/core/src/view",
                "crates/core/tests/native",
                "src/ui",
                "src/web",
                "src",
                "tests",
                "benches",
                "tests/e2e",
                "tools/bundle/src",
                "tools/architecture",
                "crates/core",
            ]
            .iter()
            .any(|dir| root().join(dir).join(word).exists() || root().join(word).exists());
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
    // The catalogue and its groups (`text/i18n/*.rs`), one message per line.
    let mut catalogue = read("crates/core/src/text/i18n.rs");
    for (path, text) in rust_files("crates/core/src/text/i18n") {
        let _ = path;
        catalogue.push_str(&text);
    }
    let is_catalogue = |path: &str| {
        path == "crates/core/src/text/i18n.rs" || path.starts_with("crates/core/src/text/i18n/")
    };
    let mut users = String::new();
    for (path, text) in all_sources() {
        if !is_catalogue(&path) {
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
        // `i18n::NAME`, `NAME.get(…)`, or a group's `msg::NAME` / `form::NAME` as a value.
        let as_path = users.match_indices(&format!("::{name}")).any(|(at, m)| {
            !users[at + m.len()..]
                .starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
        });
        let used = users.contains(&format!("i18n::{name}"))
            || as_path
            || users.contains(&format!("{name}."))
            || internal.iter().any(|l| l.contains(name));
        assert!(used, "the message {name} is not used anywhere");
    }
}
